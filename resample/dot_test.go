package resample

import (
	"math"
	"testing"
)

// TestDotCrossCheck compares the dispatched kernels (SIMD where available)
// with the portable loops at lengths around the block boundaries.
func TestDotCrossCheck(t *testing.T) {
	a32 := make([]float32, 80)
	b32 := make([]float32, 80)
	a64 := make([]float64, 80)
	b64 := make([]float64, 80)
	for i := range a32 {
		a32[i] = float32(math.Sin(float64(i)*0.7)) + 0.25
		b32[i] = float32(math.Cos(float64(i)*1.3)) - 0.1
		a64[i], b64[i] = float64(a32[i]), float64(b32[i])
	}
	for n := 0; n <= len(a32); n++ {
		var exact float64
		for i := 0; i < n; i++ {
			exact += float64(a32[i]) * float64(b32[i])
		}
		if g, w := float64(dot32(a32[:n], b32[:n])), float64(dot32Go(a32[:n], b32[:n])); math.Abs(g-exact) > 1e-5 || math.Abs(w-exact) > 1e-5 {
			t.Errorf("n=%d: dot32 %g, dot32Go %g, exact %g", n, g, w, exact)
		}
		if g, w := dot64(a64[:n], b64[:n]), dot64Go(a64[:n], b64[:n]); math.Abs(g-exact) > 1e-12 || math.Abs(w-exact) > 1e-12 {
			t.Errorf("n=%d: dot64 %g, dot64Go %g, exact %g", n, g, w, exact)
		}
	}
}

// TestPortableKernels runs the resampler with the SIMD kernels switched off
// and checks that the output stays within rounding of the default path.
func TestPortableKernels(t *testing.T) {
	if !useAVX2 {
		t.Log("no SIMD kernels on this platform")
		return // (TinyGo's t.Skip does not stop a test)
	}
	in := make([]float32, 2000)
	for i := range in {
		in[i] = float32(math.Sin(float64(i) * 0.05))
	}
	for q := Quick; q < numQualities; q++ {
		r, _ := New(48000, 16000, 1, q)
		want := r.FlushFloat32(r.AppendFloat32(nil, in))
		useAVX2 = false
		got := r.FlushFloat32(r.AppendFloat32(nil, in))
		useAVX2 = true
		for i := range got {
			if d := math.Abs(float64(got[i] - want[i])); d > 1e-5 {
				t.Fatalf("%v: output %d differs by %g between kernels", q, i, d)
			}
		}
	}
}

// TestKernelLanes: an output's value depends only on its own window and
// row, never on its lane or on the other lanes, and the shared-row kernel
// (dec4) agrees bit for bit with the general one (gen4) — for the SIMD and
// the portable kernels. This is what makes the resampler's output
// independent of how its input is chunked.
func TestKernelLanes(t *testing.T) {
	size, nMax := 200, 96
	if tinyTarget {
		size, nMax = 100, 40
	}
	off := size / 2
	x32 := make([]float32, size)
	c32 := make([]float32, size)
	x64 := make([]float64, size)
	c64 := make([]float64, size)
	for i := range x32 {
		x32[i] = float32(math.Sin(float64(i)*0.37)) * 0.9
		c32[i] = float32(math.Cos(float64(i)*0.11)) / 16
		x64[i], c64[i] = math.Sin(float64(i)*0.37)*0.9, math.Cos(float64(i)*0.11)/16
	}
	simd := useAVX2
	defer func() { useAVX2 = simd }()
	for _, on := range []bool{false, simd} {
		useAVX2 = on
		for n := 8; n <= nMax; n += 8 {
			for _, stride := range []int{0, 1, 2, 3, 7} {
				var d32, g32, s32 [4]float32
				var d64, g64, s64 [4]float64
				cr := c32[5 : 5+n]
				dec4f32(&d32, x32[1:1+3*stride+n], stride, cr)
				xs := func(i int) []float32 { return x32[1+i*stride : 1+i*stride+n] }
				gen4f32(&g32, xs(0), xs(1), xs(2), xs(3), cr, cr, cr, cr)
				cr64 := c64[5 : 5+n]
				dec4f64(&d64, x64[1:1+3*stride+n], stride, cr64)
				xs64 := func(i int) []float64 { return x64[1+i*stride : 1+i*stride+n] }
				gen4f64(&g64, xs64(0), xs64(1), xs64(2), xs64(3), cr64, cr64, cr64, cr64)
				for i := 0; i < 4; i++ {
					// Lane i alone, the others holding unrelated data.
					o := c32[off : off+n]
					xo := x32[off : off+n]
					a := [4][]float32{xo, xo, xo, xo}
					b := [4][]float32{o, o, o, o}
					a[3-i], b[3-i] = xs(i), cr
					gen4f32(&s32, a[0], a[1], a[2], a[3], b[0], b[1], b[2], b[3])
					o64 := c64[off : off+n]
					xo64 := x64[off : off+n]
					a64 := [4][]float64{xo64, xo64, xo64, xo64}
					b64 := [4][]float64{o64, o64, o64, o64}
					a64[3-i], b64[3-i] = xs64(i), cr64
					gen4f64(&s64, a64[0], a64[1], a64[2], a64[3], b64[0], b64[1], b64[2], b64[3])
					var exact float64
					for j := 0; j < n; j++ {
						exact += float64(xs(i)[j]) * float64(cr[j])
					}
					if d32[i] != g32[i] || g32[i] != s32[3-i] || math.Abs(float64(g32[i])-exact) > 1e-6 {
						t.Errorf("simd=%v n=%d stride=%d lane %d: dec4 %g gen4 %g alone %g exact %g", on, n, stride, i, d32[i], g32[i], s32[3-i], exact)
					}
					if d64[i] != g64[i] || g64[i] != s64[3-i] {
						t.Errorf("simd=%v n=%d stride=%d lane %d: float64 dec4 %g gen4 %g alone %g", on, n, stride, i, d64[i], g64[i], s64[3-i])
					}
				}
				if on {
					continue
				}
				// The portable kernels' lanes are dotTree32.
				for i := 0; i < 4; i++ {
					if want := dotTree32(xs(i), cr); g32[i] != want {
						t.Errorf("n=%d lane %d: gen4Go32 %g, dotTree32 %g", n, i, g32[i], want)
					}
					if want := dotTree64(xs64(i), cr64); g64[i] != want {
						t.Errorf("n=%d lane %d: gen4Go64 %g, dotTree64 %g", n, i, g64[i], want)
					}
				}
			}
		}
	}
}

// TestUpKernels: the upsampling kernels (two or three rows at four
// consecutive window starts) agree bit for bit with gen4s, whose lanes are
// independent of each other, for the SIMD and the portable kernels.
func TestUpKernels(t *testing.T) {
	size, nMax := 120, 96
	if tinyTarget {
		size, nMax = 64, 40
	}
	x := make([]float32, size)
	c := make([]float32, 3*size)
	for i := range x {
		x[i] = float32(math.Sin(float64(i)*0.37)) * 0.9
	}
	for i := range c {
		c[i] = float32(math.Cos(float64(i)*0.11)) / 16
	}
	simd := useAVX2
	defer func() { useAVX2 = simd }()
	for _, on := range []bool{false, simd} {
		useAVX2 = on
		for n := 8; n <= nMax; n += 8 {
			rows := [][]float32{c[:n], c[size : size+n], c[2*size : 2*size+n]}
			var y2 [8]float32
			var y3 [12]float32
			up2f32(&y2, x[:n+3], rows[0], rows[1])
			up3f32(&y3, x[:n+3], rows[0], rows[1], rows[2])
			// The interleaving variants store the same values bit for bit.
			var i2 [8]float32
			var i3 [12]float32
			up2f32i(&i2, x[:n+3], rows[0], rows[1])
			up3f32i(&i3, x[:n+3], rows[0], rows[1], rows[2])
			for r := 0; r < 3; r++ {
				for i := 0; i < 4; i++ {
					if r < 2 && math.Float32bits(i2[2*i+r]) != math.Float32bits(y2[4*r+i]) {
						t.Errorf("simd=%v n=%d: up2f32i[%d] = %g, up2f32[%d] = %g", on, n, 2*i+r, i2[2*i+r], 4*r+i, y2[4*r+i])
					}
					if math.Float32bits(i3[3*i+r]) != math.Float32bits(y3[4*r+i]) {
						t.Errorf("simd=%v n=%d: up3f32i[%d] = %g, up3f32[%d] = %g", on, n, 3*i+r, i3[3*i+r], 4*r+i, y3[4*r+i])
					}
				}
			}
			for r, row := range rows {
				var g [4]float32
				gen4sf32(&g, x[0:n], x[1:n+1], x[2:n+2], x[3:n+3], row, row, row, row)
				for i := 0; i < 4; i++ {
					// Lane i alone, the others unrelated.
					var a [4]float32
					o := x[size-n:]
					xs := [4][]float32{o, o, o, o}
					cs := [4][]float32{rows[(r+1)%3], rows[(r+1)%3], rows[(r+1)%3], rows[(r+1)%3]}
					xs[3-i], cs[3-i] = x[i:i+n], row
					gen4sf32(&a, xs[0], xs[1], xs[2], xs[3], cs[0], cs[1], cs[2], cs[3])
					if g[i] != y3[4*r+i] || (r < 2 && g[i] != y2[4*r+i]) || a[3-i] != g[i] {
						t.Errorf("simd=%v n=%d row %d pos %d: gen4s %g alone %g up3 %g up2 %g", on, n, r, i, g[i], a[3-i], y3[4*r+i], y2[min(4*r+i, 7)])
					}
					if !on {
						if want := dotTree32(x[i:i+n], row); g[i] != want {
							t.Errorf("n=%d: gen4sGo32 %g, dotTree32 %g", n, g[i], want)
						}
					}
					var exact float64
					for j := 0; j < n; j++ {
						exact += float64(x[i+j]) * float64(row[j])
					}
					if math.Abs(float64(g[i])-exact) > 1e-6 {
						t.Errorf("simd=%v n=%d: gen4s %g, exact %g", on, n, g[i], exact)
					}
				}
			}
		}
	}
}

// TestFIRKernels: the half-band stages' kernels (fir32f32, fir16f64) give
// each lane a value that depends only on its own window (lane i of a call
// at x equals lane 0 of a call at x[i:]), and the SIMD and portable
// versions agree to rounding.
func TestFIRKernels(t *testing.T) {
	x32 := make([]float32, 120)
	x64 := make([]float64, 120)
	for i := range x32 {
		x64[i] = math.Sin(float64(i)*0.37) + 0.25*math.Cos(float64(i)*1.9)
		x32[i] = float32(x64[i])
	}
	for n := 2; n <= 40; n += 2 {
		c32, c64 := make([]float32, n), make([]float64, n)
		for j := range c32 {
			c64[j] = math.Sin(float64(j+1)*0.71) / float64(j+2)
			c32[j] = float32(c64[j])
		}
		for _, simd := range []bool{false, true} {
			if simd && !useAVX2 {
				continue
			}
			saved := useAVX2
			useAVX2 = simd
			var y32, z32 [32]float32
			var y64, z64 [16]float64
			fir32f32(&y32, x32, c32)
			fir16f64(&y64, x64, c64)
			for i := range y32 {
				fir32f32(&z32, x32[i:], c32)
				if z32[0] != y32[i] {
					t.Errorf("fir32 n=%d simd=%v: lane %d = %g, alone %g", n, simd, i, y32[i], z32[0])
				}
			}
			for i := range y64 {
				fir16f64(&z64, x64[i:], c64)
				if z64[0] != y64[i] {
					t.Errorf("fir16 n=%d simd=%v: lane %d = %g, alone %g", n, simd, i, y64[i], z64[0])
				}
			}
			useAVX2 = saved
			var g32 [32]float32
			var g64 [16]float64
			fir32Go32(&g32, x32, c32)
			fir16Go64(&g64, x64, c64)
			for i := range y32 {
				if d := math.Abs(float64(y32[i] - g32[i])); d > 1e-6 {
					t.Errorf("fir32 n=%d simd=%v: lane %d differs from Go by %g", n, simd, i, d)
				}
			}
			for i := range y64 {
				if d := math.Abs(y64[i] - g64[i]); d > 1e-14 {
					t.Errorf("fir16 n=%d simd=%v: lane %d differs from Go by %g", n, simd, i, d)
				}
			}
		}
	}
}

// TestPairKernel: dec4x2f32 (two rows over shared windows, the decimators'
// pair mode) gives, lane for lane and bit for bit, what dec4f32 gives for
// each row — SIMD and portable.
func TestPairKernel(t *testing.T) {
	x := make([]float32, 400)
	for i := range x {
		x[i] = float32(math.Sin(float64(i)*0.61) + 0.3*math.Cos(float64(i)*2.3))
	}
	for _, simd := range []bool{false, true} {
		if simd && !useAVX2 {
			continue
		}
		saved := useAVX2
		useAVX2 = simd
		for n := 8; n <= 96; n += 8 {
			c0, c1 := make([]float32, n), make([]float32, n)
			for j := range c0 {
				c0[j] = float32(math.Sin(float64(j)*0.3)) / float32(j+1)
				c1[j] = float32(math.Cos(float64(j)*0.7)) / float32(j+2)
			}
			for _, stride := range []int{1, 3, 6, 11} {
				var y [8]float32
				var a, b [4]float32
				dec4x2f32(&y, x, stride, c0, c1)
				dec4f32(&a, x, stride, c0)
				dec4f32(&b, x, stride, c1)
				for k := 0; k < 4; k++ {
					if y[k] != a[k] || y[4+k] != b[k] {
						t.Errorf("simd=%v n=%d stride=%d lane %d: %g %g, dec4 %g %g", simd, n, stride, k, y[k], y[4+k], a[k], b[k])
					}
				}
			}
		}
		useAVX2 = saved
	}
}

// TestPairKernelLanes: the pair-mode kernel (dec4x2f32), with and
// without AVX-512, gives each output a value that depends only on its own
// window and agrees with the portable kernel to rounding.
func TestPairKernelLanes(t *testing.T) {
	x := make([]float32, 500)
	for i := range x {
		x[i] = float32(math.Sin(float64(i)*0.29) + 0.3*math.Cos(float64(i)*2.1))
	}
	saved := useAVX512
	defer func() { useAVX512 = saved }()
	for _, z := range []bool{false, saved} {
		useAVX512 = z
		for n := 8; n <= 136; n += 8 {
			c := make([][]float32, 3)
			for r := range c {
				c[r] = make([]float32, n)
				for j := range c[r] {
					c[r][j] = float32(math.Sin(float64(j*(r+2))*0.17+float64(r))) / float32(j+1+r)
				}
			}
			for _, stride := range []int{2, 3, 6} {
				var y, one, g [8]float32
				dec4x2f32(&y, x, stride, c[0], c[1])
				dec4x2Go32(&g, x, stride, c[0], c[1])
				for k := 0; k < 4; k++ {
					dec4x2f32(&one, x[k*stride:], stride, c[0], c[1])
					if one[0] != y[k] || one[4] != y[4+k] {
						t.Errorf("dec4x2 avx512=%v n=%d stride=%d window %d depends on its lane", z, n, stride, k)
					}
				}
				for k := range y {
					if d := math.Abs(float64(y[k] - g[k])); d > 1e-5 {
						t.Errorf("dec4x2 avx512=%v n=%d lane %d differs from Go by %g", z, n, k, d)
					}
				}
			}
		}
	}
}

// TestFIR64: the AVX-512 half-band kernel gives fir32f32's outputs bit for
// bit (same per-lane chains, more lanes per call).
func TestFIR64(t *testing.T) {
	n, fir := halfLanes32()
	if n != 64 {
		t.Log("no AVX-512 kernel on this machine")
		return
	}
	x := make([]float32, 200)
	for i := range x {
		x[i] = float32(math.Sin(float64(i)*0.53) + 0.2*math.Cos(float64(i)*1.3))
	}
	for taps := 2; taps <= 40; taps += 2 {
		c := make([]float32, taps)
		for j := range c {
			c[j] = float32(math.Cos(float64(j)*0.77)) / float32(j+1)
		}
		y := make([]float32, 64)
		fir(y, x, c)
		var a, b [32]float32
		fir32f32(&a, x, c)
		fir32f32(&b, x[32:], c)
		for i := range y {
			want := a[i%32]
			if i >= 32 {
				want = b[i-32]
			}
			if y[i] != want {
				t.Fatalf("taps=%d lane %d: %g, fir32 %g", taps, i, y[i], want)
			}
		}
	}
}

// TestUpMono: the mono 1:2 and 1:3 kernels (eight windows; AVX-512 where
// available) give each output a value that depends only on its own window
// and agree with the portable kernels to rounding.
func TestUpMono(t *testing.T) {
	cases := []struct {
		rows      int
		kern, ref func(y, x []float32, c [][]float32)
		xf        func(i int) float64
		cf        func(r, j int) float64
	}{
		{
			2,
			func(y, x []float32, c [][]float32) { up2mono((*[16]float32)(y), x, c[0], c[1]) },
			func(y, x []float32, c [][]float32) { up2monoGo((*[16]float32)(y), x, c[0], c[1]) },
			func(i int) float64 { return math.Sin(float64(i)*0.41) + 0.3*math.Cos(float64(i)*1.9) },
			func(r, j int) float64 {
				if r == 0 {
					return math.Sin(float64(j)*0.23+0.4) / float64(j+1)
				}
				return math.Cos(float64(j)*0.61) / float64(j+2)
			},
		},
		{
			3,
			func(y, x []float32, c [][]float32) { up3mono((*[24]float32)(y), x, c[0], c[1], c[2]) },
			func(y, x []float32, c [][]float32) { up3monoGo((*[24]float32)(y), x, c[0], c[1], c[2]) },
			func(i int) float64 { return math.Cos(float64(i)*0.37) - 0.25*math.Sin(float64(i)*2.3) },
			func(r, j int) float64 { return math.Sin(float64(j*(r+1))*0.19+float64(r)) / float64(j+1) },
		},
	}
	saved := useAVX512
	defer func() { useAVX512 = saved }()
	for _, tc := range cases {
		x := make([]float32, 300)
		for i := range x {
			x[i] = float32(tc.xf(i))
		}
		for _, z := range []bool{false, saved} {
			useAVX512 = z
			for n := 8; n <= 136; n += 8 {
				c := make([][]float32, tc.rows)
				for r := range c {
					c[r] = make([]float32, n)
					for j := range c[r] {
						c[r][j] = float32(tc.cf(r, j))
					}
				}
				y, one, g := make([]float32, 8*tc.rows), make([]float32, 8*tc.rows), make([]float32, 8*tc.rows)
				tc.kern(y, x, c)
				tc.ref(g, x, c)
				for i := 0; i < 8; i++ {
					tc.kern(one, x[i:], c)
					for r := 0; r < tc.rows; r++ {
						if one[r] != y[tc.rows*i+r] { // interleaved: window i, row r
							t.Errorf("1:%d avx512=%v n=%d window %d row %d depends on its lane", tc.rows, z, n, i, r)
						}
					}
				}
				for k := range y {
					if d := math.Abs(float64(y[k] - g[k])); d > 1e-5 {
						t.Errorf("1:%d avx512=%v n=%d lane %d differs from the portable kernel by %g", tc.rows, z, n, k, d)
					}
				}
			}
		}
	}
}
