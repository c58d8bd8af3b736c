package measure

import (
	"math"
	"testing"
)

func TestBinAmpAndTHDN(t *testing.T) {
	const rate, n = 48000.0, 4800 // 0.1 s: whole cycles of 1 kHz and 3 kHz
	y := make([]float64, n)
	for i := range y {
		ph := 2 * math.Pi * float64(i) / rate
		y[i] = 0.5*math.Sin(1000*ph+0.3) + 0.005*math.Sin(3000*ph)
	}
	if a := BinAmp(y, 1000, rate); math.Abs(a-0.5) > 1e-9 {
		t.Errorf("BinAmp(1 kHz) = %v, want 0.5", a)
	}
	if a := BinAmp(y, 3000, rate); math.Abs(a-0.005) > 1e-9 {
		t.Errorf("BinAmp(3 kHz) = %v, want 0.005", a)
	}
	if a := BinAmp(y, 2000, rate); a > 1e-9 {
		t.Errorf("BinAmp(2 kHz) = %v, want 0", a)
	}
	// The 3 kHz component is 40 dB below the fundamental.
	if d := THDN(y, 1000, rate); math.Abs(d+40) > 1e-6 {
		t.Errorf("THDN = %v dB, want -40", d)
	}
	if d := DB(0.5); math.Abs(d-20*math.Log10(0.5)) > 1e-12 || DB(0) != -400 {
		t.Errorf("DB wrong: %v %v", d, DB(0))
	}
}
