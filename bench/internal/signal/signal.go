// Package signal makes the benchmark inputs: the deterministic speech-like
// signal of the library's internal/testutil and test tones.
package signal

import (
	"math"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// Speech returns n samples of the deterministic speech-like signal the
// library's own tests use (internal/testutil.Speech: this module's import
// path lies inside the root module's tree, so Go lets it import that internal
// package).
func Speech(n, rate int) []int16 { return testutil.Speech(n, rate) }

// Stereo interleaves Speech(n, rate) on the left with a delayed (37 ms),
// −4 dB copy on the right, so the channels differ.
func Stereo(n, rate int) []int16 {
	d := rate * 37 / 1000
	s := Speech(n+d, rate)
	out := make([]int16, 2*n)
	for i := 0; i < n; i++ {
		out[2*i] = s[i+d]
		out[2*i+1] = int16(float64(s[i]) * 0.6309573444801932)
	}
	return out
}

// Float32 converts int16 samples to float32 in −1…1.
func Float32(s []int16) []float32 {
	f := make([]float32, len(s))
	for i, v := range s {
		f[i] = float32(v) / 32768
	}
	return f
}

// Tone returns n samples of a·sin(2π·f·i/rate), the phase reduced exactly.
func Tone(n int, f, rate, a float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = a * math.Sin(2*math.Pi*math.Mod(f*float64(i), rate)/rate)
	}
	return x
}
