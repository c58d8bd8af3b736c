//go:build !tinygo

package loudness

import (
	"math"
	"testing"
)

// Conformance with EBU Tech 3341 (2016) §3 and EBU Tech 3342 (2016) §4,
// with the test signals generated here from the documents' definitions
// (1 kHz sines "in both channels" at the given dBFS peak level).

const tolLU = 0.1

func within(t *testing.T, name string, got, want, minus, plus float64) {
	t.Helper()
	ok := got >= want-minus && got <= want+plus
	t.Logf("%-44s got %8.3f want %6.1f (+%.1f/-%.1f) %s", name, got, want, plus, minus, map[bool]string{true: "ok", false: "FAIL"}[ok])
	if !ok {
		t.Errorf("%s: got %.3f, want %.1f +%.1f/-%.1f", name, got, want, plus, minus)
	}
}

var conformanceRates = []int{48000, 44100, 32000, 16000, 8000}

func TestTech3341Integrated(t *testing.T) {
	skipShort(t)
	rates := conformanceRates
	for _, rate := range rates {
		type step struct {
			secs   float64
			levels []float64
		}
		cases := []struct {
			name    string
			ch      int
			steps   []step
			want    float64
			checkMS bool
		}{
			{"3341-1 -23 dBFS 20 s", 2, []step{{20, []float64{-23}}}, -23, true},
			{"3341-2 -33 dBFS 20 s", 2, []step{{20, []float64{-33}}}, -33, true},
			{"3341-3 -36/-23/-36", 2, []step{{10, []float64{-36}}, {60, []float64{-23}}, {10, []float64{-36}}}, -23, false},
			{"3341-4 -72/-36/-23/-36/-72", 2, []step{{10, []float64{-72}}, {10, []float64{-36}}, {60, []float64{-23}}, {10, []float64{-36}}, {10, []float64{-72}}}, -23, false},
			{"3341-5 -26/-20/-26", 2, []step{{20, []float64{-26}}, {20.1, []float64{-20}}, {20, []float64{-26}}}, -23, false},
			{"3341-6 5.0 L R C Ls Rs", 5, []step{{20, []float64{-28, -28, -24, -30, -30}}}, -23, false},
			{"3341-6 5.1 L R C LFE Ls Rs", 6, []step{{20, []float64{-28, -28, -24, -10, -30, -30}}}, -23, false},
		}
		for _, c := range cases {
			m, err := NewMeter(rate, c.ch)
			if err != nil {
				t.Fatal(err)
			}
			g := newToneGen(m)
			for _, s := range c.steps {
				g.sine(1000, s.secs, s.levels...)
			}
			name := c.name + " @" + itoa(rate)
			within(t, name+" I", m.Integrated(), c.want, tolLU, tolLU)
			if c.checkMS {
				within(t, name+" M", m.Momentary(), c.want, tolLU, tolLU)
				within(t, name+" S", m.ShortTerm(), c.want, tolLU, tolLU)
			}
		}
	}
}

func TestTech3341ShortTermMomentary(t *testing.T) {
	skipShort(t)
	rates, every := []int{48000, 44100, 16000}, 1
	for _, rate := range rates {
		r := " @" + itoa(rate)
		// Case 9: 1.34 s at -20 dBFS, 1.66 s at -30 dBFS, repeated: S = -23 ±0.1 after 3 s.
		m, _ := NewMeter(rate, 2)
		g := newToneGen(m)
		worst := 0.0
		for i := 0; i < 5; i++ {
			for _, seg := range []struct{ s, l float64 }{{1.34, -20}, {1.66, -30}} {
				// check every 10 ms once the first 3 s are in
				steps := int(math.Round(seg.s * 100))
				for k := 0; k < steps; k++ {
					g.sine(1000, 0.01, seg.l)
					if m.done >= stSubs {
						worst = math.Max(worst, math.Abs(m.ShortTerm()+23))
					}
				}
			}
		}
		within(t, "3341-9 S constant (worst |S+23|)"+r, -23+worst, -23, tolLU, tolLU)

		// Case 12: 0.18 s at -20, 0.22 s at -30 dBFS, repeated: M = -23 ±0.1 after 1 s.
		m, _ = NewMeter(rate, 2)
		g = newToneGen(m)
		worst = 0
		for i := 0; i < 25; i++ {
			for _, seg := range []struct{ s, l float64 }{{0.18, -20}, {0.22, -30}} {
				steps := int(math.Round(seg.s * 100))
				for k := 0; k < steps; k++ {
					g.sine(1000, 0.01, seg.l)
					if m.done >= 100 {
						worst = math.Max(worst, math.Abs(m.Momentary()+23))
					}
				}
			}
		}
		within(t, "3341-12 M constant (worst |M+23|)"+r, -23+worst, -23, tolLU, tolLU)

		// Cases 10 and 13: 3 s (0.4 s) bursts at -23 dBFS after silences of
		// varying length: maximum S (M) = -23 for each.
		for i := 0; i < 20; i += every {
			m, _ = NewMeter(rate, 2)
			g = newToneGen(m)
			g.silence(0.15 * float64(i))
			g.sine(1000, 3, -23)
			g.silence(1)
			if math.Abs(m.ShortTermMax()+23) > tolLU {
				t.Errorf("3341-10 segment %d%s: max S %.3f", i+1, r, m.ShortTermMax())
			}
			m.Reset()
			g.silence(0.02 * float64(i))
			g.sine(1000, 0.4, -23)
			g.silence(1)
			if math.Abs(m.MomentaryMax()+23) > tolLU {
				t.Errorf("3341-13 segment %d%s: max M %.3f", i+1, r, m.MomentaryMax())
			}
		}
		t.Logf("3341-10, 3341-13: 20 segments each%s checked (max S, max M = -23 ±0.1)", r)

		// Cases 11 and 14: successive bursts at -38, -37, …, -19 dBFS: each
		// segment's max S (M) equals its level.
		for i := 0; i < 20; i += every {
			lv := -38 + float64(i)
			m, _ = NewMeter(rate, 2)
			g = newToneGen(m)
			g.silence(0.15 * float64(i))
			g.sine(1000, 3, lv)
			g.silence(3 - 0.15*float64(i))
			if math.Abs(m.ShortTermMax()-lv) > tolLU {
				t.Errorf("3341-11 segment %d%s: max S %.3f want %.0f", i+1, r, m.ShortTermMax(), lv)
			}
			m.Reset()
			g.silence(0.02 * float64(i))
			g.sine(1000, 0.4, lv)
			g.silence(0.4 - 0.02*float64(i))
			if math.Abs(m.MomentaryMax()-lv) > tolLU {
				t.Errorf("3341-14 segment %d%s: max M %.3f want %.0f", i+1, r, m.MomentaryMax(), lv)
			}
		}
		t.Logf("3341-11, 3341-14: 20 levels each%s checked", r)
	}
}

func TestTech3341TruePeak(t *testing.T) {
	cases := []struct {
		name          string
		div, amp, deg float64
		want          float64
	}{
		{"3341-15 fs/4 0.50 0°", 4, 0.5, 0, -6},
		{"3341-16 fs/4 0.50 45°", 4, 0.5, 45, -6},
		{"3341-17 fs/6 0.50 60°", 6, 0.5, 60, -6},
		{"3341-18 fs/8 0.50 67.5°", 8, 0.5, 67.5, -6},
		{"3341-19 fs/4 1.41 45°", 4, 1.41, 45, 3},
	}
	rates, secs := []int{48000, 44100, 96000, 192000}, 1.0
	if testing.Short() {
		rates, secs = rates[:1], 0.1
	}
	for _, rate := range rates {
		for _, c := range cases {
			m, _ := NewMeter(rate, 2)
			tpSine(m, c.div, c.amp, c.deg, secs)
			within(t, c.name+" @"+itoa(rate), m.TruePeak(), c.want, 0.4, 0.2)
		}
	}
	// Inter-sample peaks at 0 dBTP, crest offset 0–3 quarter samples
	// (analogues of cases 20–23), at toy-relevant rates too.
	for _, rate := range []int{48000, 44100, 16000, 8000}[:len(rates)] {
		for off := 0; off < 4; off++ {
			m, _ := NewMeter(rate, 2)
			burst(m, 0.4*float64(rate)/2, 1.0, off)
			within(t, "3341-"+itoa(20+off)+" analogue, 0.8·Nyquist @"+itoa(rate), m.TruePeak(), 0, 0.4, 0.2)
		}
	}
}

func TestTech3342Range(t *testing.T) {
	type seg struct{ secs, level float64 }
	cases := []struct {
		name string
		segs []seg
		want float64
	}{
		{"3342-1 -20/-30", []seg{{20, -20}, {20, -30}}, 10},
		{"3342-2 -20/-15", []seg{{20, -20}, {20, -15}}, 5},
		{"3342-3 -40/-20", []seg{{20, -40}, {20, -20}}, 20},
		{"3342-4 -50/-35/-20/-35/-50", []seg{{20, -50}, {20, -35}, {20, -20}, {20, -35}, {20, -50}}, 15},
	}
	skipShort(t)
	rates := []int{48000, 44100, 16000, 8000}
	for _, rate := range rates {
		for _, c := range cases {
			m, _ := NewMeter(rate, 2)
			g := newToneGen(m)
			for _, s := range c.segs {
				g.sine(1000, s.secs, s.level)
			}
			within(t, c.name+" @"+itoa(rate), m.Range(), c.want, tolLU, tolLU)
		}
	}
}

// skipShort skips the long conformance runs under -short (emulated CI
// targets); TestConformanceSmall and the examples still run there.
func skipShort(t *testing.T) {
	if testing.Short() {
		t.Skip("long conformance run; -short runs TestConformanceSmall")
	}
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[i:])
}
