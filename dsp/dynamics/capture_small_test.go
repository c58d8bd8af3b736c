package dynamics

import (
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// TinyGo-sized capture checks (the full ones are in capture_test.go).
func TestCaptureSmall(t *testing.T) {
	const rate = 8000
	loud := testutil.Speech(rate/4, rate) // about −15 dBFS RMS
	z := make([]int16, rate/4)
	a, _ := NewAGC(rate, 1)
	q, _ := NewFixedAGC(rate, 1)
	g, _ := NewGate(rate, 1)
	a.ProcessInt16(z)
	q.ProcessInt16(z)
	if a.GainDB() != 0 || q.GainQ16() != 65536 {
		t.Errorf("gain moved on silence: %.2f dB, Q16 %d", a.GainDB(), q.GainQ16())
	}
	x, y := append([]int16(nil), loud...), append([]int16(nil), loud...)
	a.ProcessInt16(x)
	q.ProcessInt16(y)
	if a.GainDB() > -1 || q.GainQ16() > 58000 {
		t.Errorf("gain on loud speech: %.2f dB, Q16 %d", a.GainDB(), q.GainQ16())
	}
	g.ProcessInt16(append([]int16(nil), loud...))
	if !g.Open() {
		t.Error("gate closed on speech")
	}
	g.ProcessInt16(z)
	if g.Open() {
		t.Error("gate open after 250 ms of silence")
	}
}
