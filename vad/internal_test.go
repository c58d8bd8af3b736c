package vad

import (
	"math"
	"testing"
)

// TestSpectrumMatchesDFT checks the fixed-point FFT and band sums against a
// direct floating-point DFT of the same windowed block.
func TestSpectrumMatchesDFT(t *testing.T) {
	d, err := New(8000)
	if err != nil {
		t.Fatal(err)
	}
	var seed uint32 = 7
	for i := range d.x8 {
		seed = seed*1664525 + 1013904223
		d.x8[i] = int16(int32(seed>>16)-32768) / 4
		if i%7 == 0 {
			d.x8[i] /= 64
		}
	}
	d.spectrum()
	for b := 0; b < numBands; b++ {
		var e float64
		for k := int(bandEdge[b]); k < int(bandEdge[b+1]); k++ {
			var xr, xi float64
			for n := 0; n < fftN; n++ {
				v := float64(d.x8[n]) * 16 * float64(window[n]) / 32768
				a := 2 * math.Pi * float64(k*n) / fftN
				xr += v * math.Cos(a)
				xi -= v * math.Sin(a)
			}
			e += xr*xr + xi*xi
		}
		want := 256 * math.Log2(e)
		if got := float64(d.level[b]); math.Abs(got-want) > 3 {
			t.Errorf("band %d: level %v, want %.1f", b, got, want)
		}
	}
}

func TestLog2Q8(t *testing.T) {
	for _, v := range []uint64{1, 2, 3, 5, 255, 256, 257, 1000, 1 << 40, 12345678901234} {
		want := 256 * math.Log2(float64(v))
		if got := float64(log2Q8(v)); math.Abs(got-want) > 1.5 {
			t.Errorf("log2Q8(%d) = %v, want %.1f", v, got, want)
		}
	}
}
