//go:build !tinygo

package dynamics

import (
	"math"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

func rmsDB(x []int16) float64 {
	s := 0.0
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	return 10*math.Log10(s/float64(len(x))) - 20*math.Log10(32768)
}

func scaled(x []int16, db float64) []int16 {
	g := math.Pow(10, db/20)
	out := make([]int16, len(x))
	for i, v := range x {
		out[i] = int16(float64(v) * g)
	}
	return out
}

func noise(n int, amp float64) []int16 {
	out := make([]int16, n)
	seed := uint32(1)
	for i := range out {
		seed = seed*1664525 + 1013904223
		out[i] = int16((float64(seed>>16)/65536 - 0.5) * 2 * amp)
	}
	return out
}

func TestGate(t *testing.T) {
	const rate = 8000
	sp := scaled(testutil.Speech(rate, rate), -10)
	hiss := noise(2*rate, 20) // about −67 dBFS RMS
	g, err := NewGate(rate, 1)
	if err != nil {
		t.Fatal(err)
	}
	a := append([]int16(nil), sp...)
	g.ProcessInt16(a)
	if d := rmsDB(a[rate/2:]) - rmsDB(sp[rate/2:]); d < -0.5 {
		t.Errorf("speech attenuated by %.2f dB", -d)
	}
	b := append([]int16(nil), hiss...)
	g.ProcessInt16(b)
	if g.Open() {
		t.Error("gate open on hiss")
	}
	if d := rmsDB(b[3*rate/2:]) - rmsDB(hiss[3*rate/2:]); d > -39 {
		t.Errorf("hiss attenuated by only %.1f dB", -d)
	}
	for _, o := range []GateOption{WithGateThreshold(5), WithGateHysteresis(-1), WithGateRange(200), WithGateTimes(0, 0, 1), nil} {
		if _, err := NewGate(rate, 1, o); err != ErrOption {
			t.Errorf("bad option accepted: %v", err)
		}
	}
}

// The AGC brings quiet and loud speech to the target, and holds its gain
// through silence and sub-gate noise (no pumping).
func TestAGC(t *testing.T) {
	const rate = 16000
	sp := testutil.Speech(4*rate, rate)
	base := rmsDB(sp)
	for _, lvl := range []float64{-45, -30, -8} {
		in := scaled(sp, lvl-base)
		fl, _ := NewAGC(rate, 1)
		fx, _ := NewFixedAGC(rate, 1)
		a := append([]int16(nil), in...)
		b := append([]int16(nil), in...)
		fl.ProcessInt16(a)
		fx.ProcessInt16(b)
		outA, outB := rmsDB(a[5*rate/2:]), rmsDB(b[5*rate/2:])
		gB := 20 * math.Log10(float64(fx.GainQ16())/65536)
		t.Logf("speech %.0f dBFS RMS: float AGC out %.2f dBFS (gain %+.2f dB), fixed out %.2f dBFS (gain %+.2f dB)",
			lvl, outA, fl.GainDB(), outB, gB)
		// loud syllables at the target: long-term RMS 1–5 dB under it
		if outA > -19 || outA < -26 || outB > -19 || outB < -26 {
			t.Errorf("level %.0f: outputs %.2f / %.2f dBFS, want -19…-26", lvl, outA, outB)
		}
		if math.Abs(fl.GainDB()-gB) > 1.5 {
			t.Errorf("float gain %.2f dB vs fixed %.2f dB", fl.GainDB(), gB)
		}
		// silence then hiss below the gate: the gain must not climb
		g0, q0 := fl.GainDB(), fx.GainQ16()
		z := make([]int16, rate)
		fl.ProcessInt16(z)
		fx.ProcessInt16(z)
		h := noise(rate, 30)
		h2 := append([]int16(nil), h...)
		fl.ProcessInt16(h)
		fx.ProcessInt16(h2)
		if fl.GainDB() > g0+0.01 || fx.GainQ16() > q0 {
			t.Errorf("gain pumped on silence: %.2f → %.2f dB, Q16 %d → %d", g0, fl.GainDB(), q0, fx.GainQ16())
		}
	}
	// Fresh AGC on hiss alone stays at 0 dB.
	fl, _ := NewAGC(rate, 1)
	h := noise(2*rate, 30)
	fl.ProcessInt16(h)
	if fl.GainDB() != 0 {
		t.Errorf("gain %.2f dB on sub-gate hiss", fl.GainDB())
	}
	for _, o := range []AGCOption{WithAGCTarget(0), WithAGCGainRange(1, 10), WithAGCGate(-10), WithAGCTimes(0, 1), nil} {
		if _, err := NewAGC(rate, 1, o); err != ErrOption {
			t.Errorf("bad option accepted: %v", err)
		}
	}
}

func TestCaptureChunking(t *testing.T) {
	const rate = 8000
	in := scaled(testutil.Speech(rate, rate), -25)
	run := func(step int) ([]int16, []int16, []int16) {
		g, _ := NewGate(rate, 1)
		a, _ := NewAGC(rate, 1)
		f, _ := NewFixedAGC(rate, 1)
		x, y, z := append([]int16(nil), in...), append([]int16(nil), in...), append([]int16(nil), in...)
		for i := 0; i < len(in); i += step {
			j := min(len(in), i+step)
			g.ProcessInt16(x[i:j])
			a.ProcessInt16(y[i:j])
			f.ProcessInt16(z[i:j])
		}
		return x, y, z
	}
	x1, y1, z1 := run(len(in))
	x2, y2, z2 := run(37)
	for i := range in {
		if x1[i] != x2[i] || y1[i] != y2[i] || z1[i] != z2[i] {
			t.Fatalf("sample %d differs with chunking", i)
		}
	}
}
