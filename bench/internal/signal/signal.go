// Package signal makes the benchmark inputs: the deterministic speech-like
// signal of the library's internal/testutil (copied: another module cannot
// import internal packages) and test tones.
package signal

import "math"

// Speech returns n samples of a deterministic speech-like signal at the
// given rate: a harmonic-rich voiced tone with a wandering pitch, amplitude
// bursts (syllables) and a little noise. It is identical to toyvoice's
// internal/testutil.Speech.
func Speech(n, rate int) []int16 {
	out := make([]int16, n)
	var seed uint32 = 1
	phase := 0.0
	for i := range out {
		t := float64(i) / float64(rate)
		f0 := 140 + 40*math.Sin(2*math.Pi*0.7*t)
		phase += 2 * math.Pi * f0 / float64(rate)
		v := 0.0
		for h := 1; h <= 12; h++ {
			if float64(h)*f0 >= float64(rate)/2 {
				break
			}
			v += math.Sin(float64(h)*phase) / float64(h)
		}
		env := 0.5 + 0.5*math.Sin(2*math.Pi*3*t)
		seed = seed*1664525 + 1013904223
		noise := (float64(seed>>16)/65536 - 0.5) * 0.05
		s := (v*env*0.45 + noise) * 32767
		if s > 32767 {
			s = 32767
		} else if s < -32768 {
			s = -32768
		}
		out[i] = int16(s)
	}
	return out
}

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
