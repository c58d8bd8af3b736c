//go:build cref

package loudness

import (
	"math"
	"testing"

	"github.com/toyvoice/toyvoice/internal/cref"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

// crossSignal is speech plus noise, 12 s: 4 s at full level, 4 s 9 dB
// down, 4 s at full level again, with white noise 40 dB below the speech.
func crossSignal(rate, channels int) []int16 {
	n := rate * 12
	sp := testutil.Speech(n, rate)
	out := make([]int16, n*channels)
	seed := uint32(7)
	for i := 0; i < n; i++ {
		g := 1.0
		if i >= 4*rate && i < 8*rate {
			g = 0.355
		}
		for c := 0; c < channels; c++ {
			seed = seed*1664525 + 1013904223
			noise := (float64(seed>>16)/65536 - 0.5) * 200
			v := float64(sp[i])*g*(1-0.2*float64(c)) + noise
			out[i*channels+c] = int16(math.Max(-32768, math.Min(32767, v)))
		}
	}
	return out
}

func TestCrossCheckLibebur128(t *testing.T) {
	for _, rate := range []int{8000, 16000, 44100, 48000} {
		for _, ch := range []int{1, 2} {
			pcm := crossSignal(rate, ch)
			m, _ := NewMeter(rate, ch)
			m.WriteInt16(pcm)
			ref, err := cref.NewEbur128(rate, ch)
			if err != nil {
				t.Fatal(err)
			}
			ref.AddInt16(pcm)
			dI := m.Integrated() - ref.Integrated()
			dR := m.Range() - ref.Range()
			dTP := m.TruePeak() - 20*math.Log10(ref.TruePeak())
			dSP := m.SamplePeak() - 20*math.Log10(ref.SamplePeak())
			ref.Close()
			t.Logf("%5d Hz %dch: I %.3f (Δ%+.4f LU)  LRA %.3f (Δ%+.4f LU)  TP %.3f (Δ%+.4f dB)  SP Δ%+.5f dB",
				rate, ch, m.Integrated(), dI, m.Range(), dR, m.TruePeak(), dTP, dSP)
			if math.Abs(dI) > 0.05 || math.Abs(dR) > 0.1 || math.Abs(dTP) > 0.1 || math.Abs(dSP) > 1e-4 {
				t.Errorf("%d Hz %d ch: ΔI %.4f ΔLRA %.4f ΔTP %.4f ΔSP %.5f beyond 0.05 LU / 0.1 LU / 0.1 dB", rate, ch, dI, dR, dTP, dSP)
			}
		}
	}
}
