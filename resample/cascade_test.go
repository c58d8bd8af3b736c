package resample

import (
	"fmt"
	"math"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
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

// TestCascadeInt16: a cascade's int16 path (stereo) does not depend on
// chunking, and equals its float path rounded to int16.
func TestCascadeInt16(t *testing.T) {
	if light() {
		t.Log("skipped in light mode")
		return
	}
	mono := testutil.Speech(9000, 48000)
	in := make([]int16, 2*len(mono))
	for i, v := range mono {
		in[2*i], in[2*i+1] = v, -v/3
	}
	inF := make([]float32, len(in))
	for i, v := range in {
		inF[i] = float32(v) / 32768
	}
	for _, rr := range [][2]int{{48000, 16000}, {44100, 8000}, {16000, 44100}} {
		for _, q := range []Quality{High, VeryHigh} {
			r, _ := New(rr[0], rr[1], 2, q)
			want := r.FlushInt16(r.AppendInt16(nil, in))
			f := r.FlushFloat32(r.AppendFloat32(nil, inF))
			if len(f) != len(want) {
				t.Fatalf("%v %v: %d float samples, %d int16", rr, q, len(f), len(want))
			}
			for i, v := range f {
				if toInt16(float64(v)) != want[i] && q == High {
					t.Fatalf("%v %v: sample %d: int16 %d, float %g", rr, q, i, want[i], v)
				}
			}
			for _, step := range []int{1, 37, 1000} {
				var got []int16
				for i := 0; i < len(in); {
					n := min(2*step, len(in)-i)
					got = r.AppendInt16(got, in[i:i+n])
					i += n
				}
				got = r.FlushInt16(got)
				if !equal16(got, want) {
					t.Errorf("%v %v: chunks of %d frames change the int16 output", rr, q, step)
				}
			}
		}
	}
}

// TestRateSweep: for every pair of common rates, High and VeryHigh (single
// stage or cascade) put an impulse's peak exactly at Latency() +
// i·outRate/inRate and produce exactly ceil(N·out/in) + 2·Latency() frames.
func TestRateSweep(t *testing.T) {
	if light() {
		t.Log("skipped in light mode")
		return
	}
	rates := []int{8000, 11025, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000, 176400, 192000}
	for _, a := range rates {
		for _, b := range rates {
			for _, q := range []Quality{High, VeryHigh} {
				r, err := New(a, b, 1, q)
				if err != nil {
					t.Fatal(err)
				}
				g := gcd(a, b)
				l, m := b/g, a/g
				n := 3000
				in := make([]float32, n)
				i0 := 1000 - 1000%m
				in[i0] = 0.5
				var out []float32
				for i := 0; i < n; i += 333 {
					out = r.AppendFloat32(out, in[i:min(n, i+333)])
				}
				out = r.FlushFloat32(out)
				if want := (n*l+m-1)/m + 2*r.Latency(); len(out) != want {
					t.Errorf("%d→%d %v: %d outputs, want %d", a, b, q, len(out), want)
				}
				c := r.Latency() + i0*l/m
				peak := peakIndex(out)
				if peak != c {
					t.Errorf("%d→%d %v (%d stages): impulse peaks at %d, want %d", a, b, q, r.Stages(), peak, c)
				}
			}
		}
	}
}
