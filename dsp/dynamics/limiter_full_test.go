//go:build !tinygo

package dynamics

import "testing"

// The limiter's output never reads above the ceiling on the meter's true
// peak, on clipped squares near Nyquist and on speech 30 dB too hot, at
// toy rates; float and 16-bit output.
func TestLimiterCeilingHardMaterial(t *testing.T) {
	rates := []int{8000, 16000}
	if !testing.Short() {
		rates = append(rates, 44100, 48000)
	}
	for _, rate := range rates {
		type input struct {
			name string
			ch   int
			pcm  []float32
		}
		ins := []input{
			{"square 1 kHz ×10 clipped", 1, square(rate, 1, 1000, 10)},
			{"square 0.37·fs ×4 clipped", 2, square(rate, 2, 0.37*float64(rate), 4)},
			{"square 0.11·fs ×100 clipped", 1, square(rate, 1, 0.11*float64(rate), 100)},
			{"speech +30 dB", 1, speechBoosted(rate, 0.5, 30)},
		}
		for _, in := range ins {
			for _, ceil := range []float64{-1, -3, 0} {
				l, err := NewLimiter(rate, in.ch, ceil)
				if err != nil {
					t.Fatal(err)
				}
				out := l.AppendFloat32(nil, in.pcm)
				out = l.FlushFloat32(out)
				if len(out) != len(in.pcm) {
					t.Fatalf("%s: %d samples out, %d in", in.name, len(out), len(in.pcm))
				}
				tp := truePeak(t, rate, in.ch, out, nil)
				i16 := make([]int16, 0, len(in.pcm))
				i16 = l.appendFloatToInt16(i16, in.pcm)
				i16 = l.FlushInt16(i16)
				tp16 := truePeak(t, rate, in.ch, nil, i16)
				t.Logf("%5d Hz %-28s ceiling %+.0f: out %.3f dBTP (int16 %.3f), in %.2f dBTP",
					rate, in.name, ceil, tp, tp16, truePeak(t, rate, in.ch, in.pcm, nil))
				if tp > ceil || tp16 > ceil {
					t.Errorf("%d Hz %s: true peak %.4f / %.4f dBTP above ceiling %.1f", rate, in.name, tp, tp16, ceil)
				}
			}
		}
	}
}

// The streaming normaliser's output does not depend on how the input is
// split into calls.
func TestNormalizerChunking(t *testing.T) {
	in := speechBoosted(8000, 0.6, -20)
	n, _ := NewNormalizer(8000, 1)
	whole := n.FlushFloat32(n.AppendFloat32(make([]float32, 0, len(in)), in))
	pieces := make([]float32, 0, len(in))
	for i, k := 0, 1; i < len(in); k = k%113 + 5 {
		j := min(len(in), i+k)
		pieces = n.AppendFloat32(pieces, in[i:j])
		i = j
	}
	pieces = n.FlushFloat32(pieces)
	if len(pieces) != len(whole) {
		t.Fatalf("len %d vs %d", len(pieces), len(whole))
	}
	for i := range whole {
		if whole[i] != pieces[i] {
			t.Fatalf("sample %d: %v vs %v", i, pieces[i], whole[i])
		}
	}
}
