package loudness

import "math"

// Test-signal generators built from the specifications' own definitions.
// They stream into a meter in chunks so no test holds minutes of audio.

// tone feeds secs seconds of a sine of frequency f at peak level dbfs to
// every channel listed in levels (dBFS per channel; NaN = silent channel).
// phase carries the oscillator phase across calls so segments join
// seamlessly, as in the EBU test files.
type toneGen struct {
	m     *Meter
	phase float64
	buf   []float32
}

func newToneGen(m *Meter) *toneGen {
	return &toneGen{m: m, buf: make([]float32, 96*m.channels)}
}

func (g *toneGen) sine(f, secs float64, levels ...float64) {
	ch := g.m.channels
	frames := int(math.Round(secs * float64(g.m.rate)))
	step := 2 * math.Pi * f / float64(g.m.rate)
	var amp [MaxChannels]float64
	for c := 0; c < ch; c++ {
		lv := levels[0]
		if len(levels) == ch {
			lv = levels[c]
		}
		if !math.IsNaN(lv) {
			amp[c] = math.Pow(10, lv/20)
		}
	}
	// a rotating phasor instead of math.Sin per sample (renormalised per chunk)
	re, im := math.Cos(g.phase), math.Sin(g.phase)
	cd, sd := math.Cos(step), math.Sin(step)
	for frames > 0 {
		n := min(frames, len(g.buf)/ch)
		for i := 0; i < n; i++ {
			s := im
			re, im = re*cd-im*sd, re*sd+im*cd
			for c := 0; c < ch; c++ {
				g.buf[i*ch+c] = float32(s * amp[c])
			}
		}
		r := math.Hypot(re, im)
		re, im = re/r, im/r
		g.m.WriteFloat32(g.buf[:n*ch])
		frames -= n
	}
	g.phase = math.Atan2(im, re)
}

func (g *toneGen) silence(secs float64) {
	ch := g.m.channels
	frames := int(math.Round(secs * float64(g.m.rate)))
	for i := range g.buf {
		g.buf[i] = 0
	}
	for frames > 0 {
		n := min(frames, len(g.buf)/ch)
		g.m.WriteFloat32(g.buf[:n*ch])
		frames -= n
	}
}

// tpSine feeds secs seconds of the EBU Tech 3341 true-peak signals: a sine
// of frequency rate/div, amplitude amp and phase deg degrees on every
// channel. The first and last 20 ms are faded with a raised cosine: an
// abrupt onset after digital silence is not band-limited, and its Gibbs
// overshoot (up to +0.6 dB at fs/8) would be a true peak of the step, not
// of the sine the test is about.
func tpSine(m *Meter, div, amp, deg, secs float64) {
	ch := m.channels
	buf := make([]float32, 480*ch)
	frames := int(secs * float64(m.rate))
	total := frames
	ph := deg * math.Pi / 180
	k := 0
	for frames > 0 {
		n := min(frames, 480)
		for i := 0; i < n; i++ {
			w := 1.0
			fade := 0.02 * float64(m.rate)
			if d := math.Min(float64(k), float64(total-1-k)); d < fade {
				w = 0.5 - 0.5*math.Cos(math.Pi*d/fade)
			}
			v := float32(w * amp * math.Sin(2*math.Pi*float64(k)/div+ph))
			k++
			for c := 0; c < ch; c++ {
				buf[i*ch+c] = v
			}
		}
		m.WriteFloat32(buf[:n*ch])
		frames -= n
	}
}

// burst feeds an isolated band-limited peak: a cosine of frequency f under
// a Gaussian envelope (σ = 2 ms), amplitude amp, whose crest falls
// offset/4 of a sample after a sample instant. Its continuous-time peak is
// exactly amp, so a true-peak meter must read 20·log10(amp) even though no
// sample sits on the crest (our analogue of Tech 3341 cases 20–23, which
// the EBU ships only as files).
func burst(m *Meter, f, amp float64, offset int) {
	ch := m.channels
	n := m.rate / 10
	t0 := float64(n/2) + float64(offset)/4
	buf := make([]float32, n*ch)
	sigma := 0.002 * float64(m.rate)
	for i := 0; i < n; i++ {
		d := float64(i) - t0
		v := amp * math.Cos(2*math.Pi*f*d/float64(m.rate)) * math.Exp(-d*d/(2*sigma*sigma))
		for c := 0; c < ch; c++ {
			buf[i*ch+c] = float32(v)
		}
	}
	m.WriteFloat32(buf)
}
