// Package measure holds the signal measurements that the resampler's
// quality tests (resample) and the benchmark harness (bench) share, so both
// report the same figures the same way: the amplitude of one DFT bin and
// THD+N against a best-fitting sinusoid.
package measure

import "math"

// BinAmp is the amplitude of frequency f in y (sampled at rate Hz), for f a
// whole number of cycles over len(y) (rectangular window, no leakage).
func BinAmp(y []float64, f, rate float64) float64 {
	var re, im float64
	for i, v := range y {
		ph := 2 * math.Pi * math.Mod(f*float64(i), rate) / rate
		re += v * math.Cos(ph)
		im -= v * math.Sin(ph)
	}
	return 2 * math.Hypot(re, im) / float64(len(y))
}

// DB converts an amplitude ratio to decibels; zero or less is -400 dB.
func DB(x float64) float64 {
	if x <= 0 {
		return -400
	}
	return 20 * math.Log10(x)
}

// THDN returns the power of y minus its least-squares best-fitting
// sinusoid at f (Hz, sampled at rate), relative to that sinusoid, in dB:
// noise plus distortion. A perfect sinusoid gives -400 dB.
func THDN(y []float64, f, rate float64) float64 {
	var cc, ss, cs, yc, ys float64
	for i, v := range y {
		ph := 2 * math.Pi * math.Mod(f*float64(i), rate) / rate
		c, s := math.Cos(ph), math.Sin(ph)
		cc += c * c
		ss += s * s
		cs += c * s
		yc += v * c
		ys += v * s
	}
	det := cc*ss - cs*cs
	a := (yc*ss - ys*cs) / det
	b := (ys*cc - yc*cs) / det
	var sig, res float64
	for i, v := range y {
		ph := 2 * math.Pi * math.Mod(f*float64(i), rate) / rate
		fit := a*math.Cos(ph) + b*math.Sin(ph)
		sig += fit * fit
		res += (v - fit) * (v - fit)
	}
	if res == 0 {
		return -400
	}
	return 10 * math.Log10(res/sig)
}
