package resample

import (
	"math"

	msr "github.com/toyvoice/toyvoice/internal/measure"
)

// tone returns n samples of a·sin(2π·f·i/rate).
func tone(n int, f, rate, a float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = a * math.Sin(2*math.Pi*math.Mod(f*float64(i), rate)/rate)
	}
	return x
}

// measurement is one row of the quality table.
type measurement struct {
	inRate, outRate int
	q               Quality
	taps, latency   int
	ripple          float64 // passband ripple, dB peak to peak, up to the pass edge
	at09            float64 // level of a tone at 0.9 × lower Nyquist, dB
	stop            float64 // worst alias/image level, dB (negative)
	snr             float64 // −6 dBFS 1 kHz sine, float path vs analytic, dB
	thdn            float64 // THD+N of the same sine through the int16 path, dB
	snrFixed        float64 // −6 dBFS 1 kHz sine, fixed-point path vs analytic, dB
}

// steady runs x (at least 3 periods of `period` input frames) through a
// fresh resampler and returns the last `nOut` output frames.
func steady(r *Resampler, x []float64, nOut int) []float64 {
	r.Reset()
	y := r.appendF64(nil, x)
	return y[len(y)-nOut:]
}

const gridHz = 10 // tones lie on a 10 Hz grid: integer cycles in 0.1 s at every rate used

func snap(f float64) float64 { return math.Round(f/gridHz) * gridHz }

// measure computes the quality row for one rate pair and preset.
func measure(inRate, outRate int, q Quality, periods int) measurement {
	r, err := New(inRate, outRate, 1, q)
	if err != nil {
		panic(err)
	}
	fin, fout := float64(inRate), float64(outRate)
	p := presets[q]
	m := measurement{inRate: inRate, outRate: outRate, q: q, taps: r.Taps(), latency: r.Latency()}
	// Analysis window: `periods` tenths of a second; run in twice that
	// plus the filter length.
	nOut := outRate / gridHz * periods
	nIn := inRate/gridHz*periods*2 + 2*r.Taps() + 2*(r.Latency()*inRate/outRate+1)
	// Tones go in and out as float64 (appendF64), so the table shows the
	// filter rather than the float32 I/O floor (about −165 dB here).
	run := func(f float64) []float64 { return steady(r, tone(nIn, f, fin, 1), nOut) }
	m.ripple, m.at09, m.stop = measureFilter(fin, fout, p.passMilli, p.stopMilli, run)

	// −6 dBFS 1 kHz sine against the analytic sine at the output rate,
	// delayed by Latency.
	const a6 = 0.5011872336272722 // 10^(−6/20)
	x := tone(nIn, 1000, fin, a6)
	r.Reset()
	y := r.appendF64(nil, x)
	first := len(y) - nOut
	y = y[first:]
	var sig, noise float64
	for i, v := range y {
		n := first + i - r.Latency()
		ref := a6 * math.Sin(2*math.Pi*math.Mod(1000*float64(n), fout)/fout)
		sig += ref * ref
		noise += (v - ref) * (v - ref)
	}
	m.snr = 10 * math.Log10(sig/noise)

	// THD+N through the int16 path.
	x16 := make([]int16, nIn)
	for i, v := range x {
		x16[i] = int16(math.Round(v * 32768))
	}
	r.Reset()
	y16 := r.AppendInt16(nil, x16)
	y16 = y16[len(y16)-nOut:]
	yf := make([]float64, nOut)
	for i, v := range y16 {
		yf[i] = float64(v) / 32768
	}
	m.thdn = msr.THDN(yf, 1000, fout)

	// Fixed point.
	fx, err := NewFixed(inRate, outRate, 1, q)
	if err != nil {
		panic(err)
	}
	yx := fx.AppendInt16(nil, x16)
	firstX := len(yx) - nOut
	yx = yx[firstX:]
	sig, noise = 0, 0
	for i, v := range yx {
		n := firstX + i - fx.Latency()
		ref := a6 * math.Sin(2*math.Pi*math.Mod(1000*float64(n), fout)/fout)
		d := float64(v)/32768 - ref
		sig += ref * ref
		noise += d * d
	}
	m.snrFixed = 10 * math.Log10(sig/noise)
	return m
}

// measureFilter measures a resampler given as run (a tone at the input
// rate in, the last nOut steady-state outputs out): passband ripple (dB
// peak to peak, tones up to passMilli/1000 of the lower Nyquist), the level
// at 0.9 × lower Nyquist, and the worst alias (downsampling: tones from
// stopMilli/1000 × Nyquist up) or image (upsampling: images above that
// edge) level in dB.
func measureFilter(fin, fout float64, passMilli, stopMilli int, run func(f float64) []float64) (ripple, at09, stop float64) {
	fn := math.Min(fin, fout) / 2
	p := struct{ passMilli, stopMilli int }{passMilli, stopMilli}
	var m struct{ ripple, at09, stop float64 }
	// Passband: tones up to the pass edge.
	lo, hi := 0.0, -1000.0
	lo = 1000
	pass := float64(p.passMilli) / 1000 * fn
	for i := 1; i <= 16; i++ {
		f := snap(pass * float64(i) / 16)
		if f > pass {
			f -= gridHz
		}
		g := msr.DB(msr.BinAmp(run(f), f, fout))
		lo, hi = math.Min(lo, g), math.Max(hi, g)
	}
	m.ripple = hi - lo
	f9 := snap(0.9 * fn)
	m.at09 = msr.DB(msr.BinAmp(run(f9), f9, fout))

	// Stopband.
	worst := -1000.0
	stopEdge := float64(p.stopMilli) / 1000 * fn
	if fin > fout {
		// Tones from the stopband edge to the input Nyquist; measure
		// their alias.
		var fs []float64
		for i := 0; i < 8; i++ {
			fs = append(fs, math.Ceil((stopEdge+float64(i)*0.0125*fn)/gridHz)*gridHz)
		}
		for i := 0; i < 16; i++ {
			fs = append(fs, snap(stopEdge+(fin/2-stopEdge)*(float64(i)+0.5)/16))
		}
		for _, f := range fs {
			if f >= fin/2 {
				continue
			}
			a := math.Mod(f, fout)
			if a > fout/2 {
				a = fout - a
			}
			worst = math.Max(worst, msr.DB(msr.BinAmp(run(f), a, fout)))
		}
	} else if fout > fin {
		// Passband and transition tones; measure their images above the
		// stopband edge.
		for i := 0; i < 16; i++ {
			f := snap((2*fn - stopEdge) * (float64(i) + 0.5) / 16)
			if i == 15 {
				f = math.Floor((2*fn-stopEdge)/gridHz) * gridHz
			}
			y := run(f)
			for k := 1; float64(k)*fin-f < fout/2; k++ {
				for _, im := range []float64{float64(k)*fin - f, float64(k)*fin + f} {
					if im >= stopEdge && im < fout/2 {
						worst = math.Max(worst, msr.DB(msr.BinAmp(y, im, fout)))
					}
				}
			}
		}
	}
	m.stop = worst
	return m.ripple, m.at09, m.stop
}
