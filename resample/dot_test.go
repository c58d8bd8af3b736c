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
