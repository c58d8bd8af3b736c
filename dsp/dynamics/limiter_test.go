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

// A TinyGo-sized version of TestLimiterCeilingHardMaterial.
func TestLimiterCeilingSmall(t *testing.T) {
	const rate = 8000
	l, _ := NewLimiter(rate, 1, -1)
	m, _ := loudness.NewMeter(rate, 1)
	out := make([]float32, 0, 1200)
	for _, in := range [][]float32{square(rate, 1, 0.37*rate, 4)[:1000], speechBoosted(rate, 0.15, 30)} {
		out = l.FlushFloat32(l.AppendFloat32(out[:0], in))
		m.Reset()
		m.WriteFloat32(out)
		if tp := m.TruePeak(); tp > -1 || len(out) != len(in) {
			t.Errorf("true peak %.3f dBTP, %d/%d samples", tp, len(out), len(in))
		}
	}
}

// A TinyGo-sized two-pass normalisation: quiet speech reaches −16 LUFS
// under −1 dBTP; silence is left alone.
func TestNormalizeSmall(t *testing.T) {
	const rate = 8000
	sp := testutil.Speech(rate/2, rate)
	for i := range sp {
		sp[i] /= 10
	}
	out, r, err := NormalizeInt16(make([]int16, 0, len(sp)), sp, rate, 1)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(r.OutputLUFS+16) > 0.15 || r.OutputTruePeak > -1 || len(out) != len(sp) {
		t.Errorf("report %+v", r)
	}
	out = out[:0]
	clear(sp)
	if _, r, _ := NormalizeInt16(out, sp, rate, 1); !r.Skipped {
		t.Errorf("silence: %+v", r)
	}
}

// Below the ceiling the limiter is a pure delay.
func TestLimiterTransparent(t *testing.T) {
	in := speechBoosted(8000, 0.15, -12)
	l, _ := NewLimiter(8000, 1, -1)
	out := l.AppendFloat32(make([]float32, 0, len(in)), in)
	out = l.FlushFloat32(out)
	for i := range in {
		if out[i] != in[i] {
			t.Fatalf("sample %d: %v, want %v", i, out[i], in[i])
		}
	}
}

func TestLimiterChunking(t *testing.T) {
	in := speechBoosted(8000, 0.15, 20)
	l, _ := NewLimiter(8000, 1, -1)
	whole := l.FlushFloat32(l.AppendFloat32(make([]float32, 0, len(in)), in))
	pieces := make([]float32, 0, len(in))
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
