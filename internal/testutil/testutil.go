// Package testutil holds helpers shared by toyvoice's tests. It builds under
// TinyGo: no os/exec here (tool-driven tests live in files tagged
// !tinygo && !js && !wasip1 and use the tools subpackage).
package testutil

import (
	"math"
)

// Speech returns n samples of a deterministic speech-like test signal at the
// given rate: a harmonic-rich voiced tone with a wandering pitch, amplitude
// bursts (syllables) and a little noise. It is the same on every platform.
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
