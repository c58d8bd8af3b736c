package main

import (
	"math"
	"math/rand"
)

// Noise generators. Each returns n samples at rate with arbitrary level;
// the mixer scales them to the target SNR.

func whiteNoise(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	return x
}

// pinkNoise filters white noise with Paul Kellet's economy 1/f filter
// (accurate to ±0.5 dB above 10 Hz at 44.1 kHz; close enough at 8-16 kHz).
func pinkNoise(rng *rand.Rand, n int) []float64 {
	x := make([]float64, n)
	var b0, b1, b2 float64
	for i := range x {
		w := rng.NormFloat64()
		b0 = 0.99765*b0 + w*0.0990460
		b1 = 0.96300*b1 + w*0.2965164
		b2 = 0.57000*b2 + w*1.0526913
		x[i] = b0 + b1 + b2 + w*0.1848
	}
	return x
}

// brownNoise integrates white noise with a leak (pole at 20 Hz) so it stays
// bounded: -6 dB per octave above 20 Hz.
func brownNoise(rng *rand.Rand, n, rate int) []float64 {
	x := make([]float64, n)
	a := math.Exp(-2 * math.Pi * 20 / float64(rate))
	var s float64
	for i := range x {
		s = a*s + rng.NormFloat64()
		x[i] = s
	}
	return x
}

// babble sums four other espeak voices talking continuously (no gaps), each
// starting at a random point of its own loop of sentences.
func babble(rng *rand.Rand, loops [][]float64, n int) []float64 {
	x := make([]float64, n)
	for _, l := range loops {
		off := rng.Intn(len(l))
		g := 0.7 + 0.6*rng.Float64()
		for i := range x {
			x[i] += g * l[(off+i)%len(l)]
		}
	}
	return x
}

// music plays chords of three notes (each with 4 harmonics) on a beat of
// 90-140 bpm: every beat a new chord from a I-V-vi-IV progression in a
// random key, with a plucked (exponentially decaying) envelope and
// occasional rests, plus a bass note on the first beat of the bar.
func music(rng *rand.Rand, n, rate int) []float64 {
	x := make([]float64, n)
	bpm := 90 + 50*rng.Float64()
	beat := int(60 / bpm * float64(rate))
	key := 48 + rng.Intn(12) // MIDI note of the tonic (C3..B3)
	prog := [][3]int{{0, 4, 7}, {7, 11, 14}, {9, 12, 16}, {5, 9, 12}}
	freq := func(m float64) float64 { return 440 * math.Pow(2, (m-69)/12) }
	for b, start := 0, 0; start < n; b, start = b+1, start+beat {
		if rng.Float64() < 0.15 {
			continue // rest
		}
		ch := prog[(b/4)%4]
		inv := 12 * rng.Intn(2)
		decay := 3 + 5*rng.Float64()
		for j := 0; j < beat && start+j < n; j++ {
			t := float64(j) / float64(rate)
			env := math.Exp(-decay * t)
			var v float64
			for k, semi := range ch {
				f := freq(float64(key + semi + inv*(k&1)))
				for h := 1; h <= 4; h++ {
					if f*float64(h) < float64(rate)/2 {
						v += math.Sin(2*math.Pi*f*float64(h)*t) / float64(h*h)
					}
				}
			}
			if b%4 == 0 {
				v += 0.8 * math.Sin(2*math.Pi*freq(float64(key-12))*t)
			}
			x[start+j] = env * v
		}
	}
	return x
}

// toyNoise is a small DC motor: a hum whose fundamental (80-160 Hz)
// wobbles slowly, with decaying harmonics up to 3 kHz and a little
// broadband brush noise; it switches on and off every 0.5-3 s. On top,
// gear clicks: short decaying bursts at random intervals (50-600 ms).
func toyNoise(rng *rand.Rand, n, rate int) []float64 {
	x := make([]float64, n)
	f0 := 80 + 80*rng.Float64()
	phase := 0.0
	on := true
	next := int((0.5 + 2.5*rng.Float64()) * float64(rate))
	gain := 0.0
	for i := range x {
		if i == next {
			on = !on
			next += int((0.5 + 2.5*rng.Float64()) * float64(rate))
		}
		target := 0.0
		if on {
			target = 1
		}
		gain += (target - gain) * 200 / float64(rate) // ~5 ms ramps
		t := float64(i) / float64(rate)
		f := f0 * (1 + 0.03*math.Sin(2*math.Pi*0.5*t))
		phase += 2 * math.Pi * f / float64(rate)
		var v float64
		for h := 1; float64(h)*f < math.Min(3000, float64(rate)/2); h++ {
			v += math.Sin(float64(h)*phase) / math.Pow(float64(h), 0.8)
		}
		v += 0.3 * rng.NormFloat64()
		x[i] = gain * v
	}
	for i := int(0.05 * float64(rate)); i < n; i += int((0.05 + 0.55*rng.Float64()) * float64(rate)) {
		amp := 3 + 6*rng.Float64()
		tau := (0.001 + 0.003*rng.Float64()) * float64(rate)
		fr := 1500 + 2000*rng.Float64()
		if fr > 0.45*float64(rate) {
			fr = 0.3 * float64(rate)
		}
		for j := 0; j < int(8*tau) && i+j < n; j++ {
			x[i+j] += amp * math.Exp(-float64(j)/tau) * math.Sin(2*math.Pi*fr*float64(j)/float64(rate))
		}
	}
	return x
}
