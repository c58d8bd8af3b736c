package resample

import (
	"fmt"
	"math"
	"testing"
)

// TestPlan: High and VeryHigh use half-band stages where they pay, and
// the cascade costs less than the single stage it replaces.
func TestPlan(t *testing.T) {
	cases := []struct {
		in, out        int
		high, veryHigh int // stages
	}{
		{48000, 16000, 2, 2}, {44100, 16000, 2, 2}, {48000, 8000, 3, 3}, {192000, 16000, 4, 4},
		// 1:3 in float32 has a kernel that loads each input once for
		// all three rows: a cascade would cost more.
		{16000, 48000, 1, 2}, {8000, 48000, 2, 3}, {16000, 44100, 2, 2},
		{16000, 8000, 1, 1}, {8000, 16000, 1, 1}, // 2:1 and 1:2: the only stage is the sharp one
		// A half-band stage would need a narrow transition: it pays only
		// for VeryHigh's long filter.
		{48000, 22050, 1, 2},
	}
	for _, c := range cases {
		for _, q := range []Quality{High, VeryHigh} {
			want := c.high
			if q == VeryHigh {
				want = c.veryHigh
			}
			ds := plan(c.in, c.out, q)
			if len(ds) != want {
				t.Errorf("%d→%d %v: %d stages, want %d", c.in, c.out, q, len(ds), want)
			}
			if single := []design{newDesign(c.in, c.out, q)}; len(ds) > 1 && 4*cost(ds) > 3*cost(single) {
				t.Errorf("%d→%d %v: cascade cost %d, single stage %d", c.in, c.out, q, cost(ds), cost(single))
			}
		}
		for _, q := range []Quality{Quick, Medium} {
			if n := len(plan(c.in, c.out, q)); n != 1 {
				t.Errorf("%d→%d %v: %d stages, want 1", c.in, c.out, q, n)
			}
		}
	}
}

// TestCascadeMatchesSingle: a cascade and the single stage it replaces
// compute the same band-limited signal at the same times: after aligning
// their latencies their outputs differ, on pass-band tones, by less than
// the arithmetic's error (−125 dB of the signal in float32, −160 dB in
// float64).
func TestCascadeMatchesSingle(t *testing.T) {
	if light() {
		t.Log("skipped in light mode")
		return
	}
	for _, rr := range [][2]int{{48000, 16000}, {44100, 16000}, {48000, 8000}, {16000, 48000}, {8000, 48000}, {16000, 44100}} {
		for _, q := range []Quality{High, VeryHigh} {
			c, _ := New(rr[0], rr[1], 1, q)
			if c.Stages() < 2 {
				continue
			}
			s := build([]design{newDesign(rr[0], rr[1], q)}, rr[0], rr[1], 1, q)
			// Tones in the pass band, where both are flat (in their
			// transition bands the two designs differ, as they may).
			fn := float64(min(rr[0], rr[1])) / 2
			in := make([]float64, rr[0]/5)
			for k, f := range []float64{0.03, 0.21, 0.47, 0.66, 0.85} {
				x := tone(len(in), snap(f*fn), float64(rr[0]), 0.15)
				for i := range in {
					in[i] += x[(i+97*k)%len(x)]
				}
			}
			yc := c.flushF64(c.appendF64(nil, in))
			ys := s.flushF64(s.appendF64(nil, in))
			d := c.Latency() - s.Latency()
			if len(yc) != len(ys)+2*d {
				t.Fatalf("%v %v: %d outputs, single stage %d, latencies %d and %d", rr, q, len(yc), len(ys), c.Latency(), s.Latency())
			}
			// Compare away from the ends, where switching the tones
			// on and off spreads them over every band.
			var sig, diff float64
			for i := len(ys) / 4; i < len(ys)*3/4; i++ {
				v := ys[i]
				sig += v * v
				e := yc[i+d] - v
				diff += e * e
			}
			db := 10 * math.Log10(diff/sig)
			// High computes in float32 (floor near −140 dB), VeryHigh in
			// float64.
			limit := -125.0
			if q == VeryHigh {
				limit = -160
			}
			if db > limit {
				t.Errorf("%v %v: cascade differs from the single stage by %.1f dB", rr, q, db)
			}
			t.Logf("%v %v: %d stages, latency %d (single %d), difference %.1f dB, cost %d vs %d taps/output", rr, q, c.Stages(), c.Latency(), s.Latency(), db, c.Taps(), s.Taps())
		}
	}
}

// BenchmarkCascade times High and VeryHigh as cascades and as the single
// stage they replace, interleaved (Float32 input, 100 ms blocks).
func BenchmarkCascade(b *testing.B) {
	for _, rr := range [][2]int{{48000, 16000}, {16000, 48000}, {44100, 16000}, {48000, 8000}, {48000, 22050}, {8000, 48000}, {16000, 44100}} {
		in := make([]float32, rr[0]/10)
		for i, v := range speechBlock(rr[0]) {
			in[i] = float32(v) / 32768
		}
		for _, q := range []Quality{High, VeryHigh} {
			for _, kind := range []string{"single", "cascade"} {
				b.Run(fmt.Sprintf("%dto%d/%v/%s", rr[0]/1000, rr[1]/1000, q, kind), func(b *testing.B) {
					r, _ := New(rr[0], rr[1], 1, q)
					if kind == "single" {
						r = build([]design{newDesign(rr[0], rr[1], q)}, rr[0], rr[1], 1, q)
					}
					dst := make([]float32, 0, r.OutLen(len(in)))
					b.SetBytes(int64(4 * len(in)))
					b.ReportAllocs()
					for i := 0; i < b.N; i++ {
						sink32 = r.AppendFloat32(dst, in)
					}
				})
			}
		}
	}
}
