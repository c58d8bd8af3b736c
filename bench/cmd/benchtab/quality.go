package main

import (
	"math"

	"github.com/toyvoice/toyvoice/bench/internal/signal"
	"github.com/toyvoice/toyvoice/internal/measure"
)

// The resampler quality method of the library's resample/quality_test.go
// (measureFilter and internal/measure), applied through each implementation's public
// float32 API so that toyvoice and the references are measured alike.

const gridHz = 10 // tones on a 10 Hz grid: whole cycles in the 0.1 s window

func snap(f float64) float64 { return math.Round(f/gridHz) * gridHz }

// measureQuality runs tones through proc (fresh state per call) and
// returns the worst alias/image beyond fn and beyond 1.15 fn, the level at
// 0.9 fn and the SNR of a −6 dBFS 1 kHz sine.
func measureQuality(inRate, outRate int, proc func([]float32) []float32) rsQuality {
	fin, fout := float64(inRate), float64(outRate)
	fn := math.Min(fin, fout) / 2
	nOut := outRate / gridHz
	const margin = 256 // outputs skipped at the end (beep's window shrinks there)
	nIn := inRate/gridHz*3 + 8192
	run := func(f, a float64) []float64 {
		x := signal.Tone(nIn, f, fin, a)
		x32 := make([]float32, len(x))
		for i, v := range x {
			x32[i] = float32(v)
		}
		y := proc(x32)
		if len(y) < nOut+margin {
			return make([]float64, nOut)
		}
		y = y[len(y)-nOut-margin : len(y)-margin]
		r := make([]float64, nOut)
		for i, v := range y {
			r[i] = float64(v)
		}
		return r
	}
	var q rsQuality
	f9 := snap(0.9 * fn)
	q.at09 = measure.DB(measure.BinAmp(run(f9, 1), f9, fout))

	q.alias1, q.alias115 = -1000, -1000
	note := func(edgeOf float64, level float64) {
		q.alias1 = math.Max(q.alias1, level)
		if edgeOf >= 1.15*fn-1e-9 {
			q.alias115 = math.Max(q.alias115, level)
		}
	}
	if fin > fout {
		// Tones above fn alias into the output band.
		var fs []float64
		for i := 0; i < 8; i++ {
			fs = append(fs, math.Ceil((fn+float64(i)*0.0125*fn+1)/gridHz)*gridHz)
			fs = append(fs, math.Ceil((1.15*fn+float64(i)*0.0125*fn)/gridHz)*gridHz)
		}
		for i := 0; i < 16; i++ {
			fs = append(fs, snap(fn+(fin/2-fn)*(float64(i)+0.5)/16))
		}
		for _, f := range fs {
			if f >= fin/2 {
				continue
			}
			a := math.Mod(f, fout)
			if a > fout/2 {
				a = fout - a
			}
			note(f, measure.DB(measure.BinAmp(run(f, 1), a, fout)))
		}
	} else {
		// Tones below fn: their images above fn must be gone.
		var fs []float64
		for i := 0; i < 16; i++ {
			fs = append(fs, snap(fn*(float64(i)+0.5)/16))
		}
		for i := 1; i <= 8; i++ {
			fs = append(fs, math.Floor((fn-float64(i)*0.0125*fn)/gridHz)*gridHz)
			fs = append(fs, math.Floor((0.85*fn-float64(i)*0.0125*fn)/gridHz)*gridHz)
		}
		for _, f := range fs {
			y := run(f, 1)
			for k := 1; float64(k)*fin-f < fout/2; k++ {
				for _, im := range []float64{float64(k)*fin - f, float64(k)*fin + f} {
					if im > fn && im < fout/2 {
						note(im, measure.DB(measure.BinAmp(y, im, fout)))
					}
				}
			}
		}
	}

	// −6 dBFS 1 kHz sine: residual after the best-fitting sinusoid.
	const a6 = 0.5011872336272722
	q.snr = -measure.THDN(run(1000, a6), 1000, fout)
	return q
}
