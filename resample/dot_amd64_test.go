//go:build amd64 && !purego && gc

package resample

import (
	"math"
	"testing"
)

// TestZ4Kernels: the AVX-512 four-output kernels equal the AVX2 ones bit
// for bit (so every kernel of a stage keeps one per-lane arithmetic
// whichever the CPU runs).
func TestZ4Kernels(t *testing.T) {
	if !useAVX512 {
		t.Log("no AVX-512 on this machine")
		return
	}
	x := make([]float32, 600)
	for i := range x {
		x[i] = float32(math.Sin(float64(i)*0.37) + 0.5*math.Cos(float64(i)*2.9))
	}
	for n := 8; n <= 160; n += 8 {
		c := make([][]float32, 4)
		for r := range c {
			c[r] = make([]float32, n)
			for j := range c[r] {
				c[r][j] = float32(math.Sin(float64(j*(r+1))*0.13+float64(r))) / float32(j+1)
			}
		}
		for _, stride := range []int{2, 3, 6} {
			var p, q [8]float32
			dec4x2Z32(&x[1], stride, &c[0][0], &c[1][0], n, &p)
			dec4x2F32(&x[1], stride, &c[0][0], &c[1][0], n, &q)
			if p != q {
				t.Errorf("dec4x2 n=%d stride=%d: AVX-512 %v, AVX2 %v", n, stride, p, q)
			}
		}
		var a, b [4]float32
		gen4Z32(&x[0], &x[3], &x[17], &x[40], &c[0][0], &c[1][0], &c[2][0], &c[3][0], n, &a)
		gen4F32(&x[0], &x[3], &x[17], &x[40], &c[0][0], &c[1][0], &c[2][0], &c[3][0], n, &b)
		if a != b {
			t.Errorf("gen4 n=%d: AVX-512 %v, AVX2 %v", n, a, b)
		}
		for _, stride := range []int{1, 2, 3, 7} {
			dec4Z32(&x[5], stride, &c[2][0], n, &a)
			dec4F32(&x[5], stride, &c[2][0], n, &b)
			if a != b {
				t.Errorf("dec4 n=%d stride=%d: AVX-512 %v, AVX2 %v", n, stride, a, b)
			}
		}
	}
}
