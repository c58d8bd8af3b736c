package dynamics

import (
	"math"
	"testing"

	"github.com/toyvoice/toyvoice/dsp/loudness"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

func truePeak(t *testing.T, rate, ch int, f []float32, i []int16) float64 {
	t.Helper()
	m, err := loudness.NewMeter(rate, ch)
	if err != nil {
		t.Fatal(err)
	}
	if f != nil {
		m.WriteFloat32(f)
	} else {
		m.WriteInt16(i)
	}
	return m.TruePeak()
}

// square returns a clipped square wave: a sine of frequency f driven
// gain times into ±1 clipping, interleaved on ch channels (0.25 s).
func square(rate, ch int, f, gain float64) []float32 {
	n := rate / 4
	out := make([]float32, n*ch)
	for i := 0; i < n; i++ {
		v := gain * math.Sin(2*math.Pi*f*float64(i)/float64(rate))
		v = math.Max(-1, math.Min(1, v))
		for c := 0; c < ch; c++ {
			out[i*ch+c] = float32(v)
		}
	}
	return out
}

// speechBoosted is testutil.Speech raised by db (float, so it goes far
// past full scale).
func speechBoosted(rate int, secs float64, db float64) []float32 {
	sp := testutil.Speech(int(secs*float64(rate)), rate)
	g := math.Pow(10, db/20) / 32768
	out := make([]float32, len(sp))
	for i, v := range sp {
		out[i] = float32(float64(v) * g)
	}
	return out
}

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

// Below the ceiling the limiter is a pure delay.
func TestLimiterTransparent(t *testing.T) {
	in := speechBoosted(16000, 0.3, -12)
	l, _ := NewLimiter(16000, 1, -1)
	out := l.AppendFloat32(nil, in)
	out = l.FlushFloat32(out)
	for i := range in {
		if out[i] != in[i] {
			t.Fatalf("sample %d: %v, want %v", i, out[i], in[i])
		}
	}
}

func TestLimiterChunking(t *testing.T) {
	in := speechBoosted(8000, 0.4, 20)
	l, _ := NewLimiter(8000, 1, -1)
	whole := l.FlushFloat32(l.AppendFloat32(nil, in))
	var pieces []float32
	for i, n := 0, 1; i < len(in); n = n%61 + 7 {
		j := min(len(in), i+n)
		pieces = l.AppendFloat32(pieces, in[i:j])
		i = j
	}
	pieces = l.FlushFloat32(pieces)
	if len(pieces) != len(whole) {
		t.Fatalf("len %d vs %d", len(pieces), len(whole))
	}
	for i := range whole {
		if whole[i] != pieces[i] {
			t.Fatalf("sample %d differs: %v vs %v", i, pieces[i], whole[i])
		}
	}
}

func TestOptionErrors(t *testing.T) {
	bad := []Option{WithTarget(1), WithTarget(math.NaN()), WithTruePeak(0.5), WithMaxGain(-1),
		WithLookahead(0), WithRelease(10), nil}
	for i, o := range bad {
		if _, err := NewNormalizer(16000, 1, o); err != ErrOption {
			t.Errorf("option %d: %v", i, err)
		}
	}
	if _, err := NewLimiter(16000, 1, 3); err != ErrOption {
		t.Errorf("ceiling +3: %v", err)
	}
	if _, err := NewLimiter(4000, 1, -1); err != ErrSampleRate {
		t.Errorf("rate: %v", err)
	}
	if _, err := NewLimiter(16000, 9, -1); err != ErrChannels {
		t.Errorf("channels: %v", err)
	}
}
