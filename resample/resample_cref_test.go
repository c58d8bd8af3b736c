//go:build cref

package resample

import (
	"fmt"
	"testing"

	"github.com/toyvoice/toyvoice/internal/cref"
)

// ref is a C reference resampler under test: a name and a factory of
// one-shot float32 processors (fresh state per call).
type ref struct {
	name string
	new  func(in, out int) (process func(dst, in []float32) int, close func())
}

func refs() []ref {
	var rs []ref
	for _, q := range []struct {
		name   string
		recipe int
	}{{"soxr-HQ", cref.SoxrHQ}, {"soxr-VHQ", cref.SoxrVHQ}} {
		q := q
		rs = append(rs, ref{q.name, func(in, out int) (func(dst, in []float32) int, func()) {
			s := cref.NewSoxr(float64(in), float64(out), 1, q.recipe)
			return s.Process, s.Close
		}})
	}
	for _, q := range []int{1, 2, 3, 5, 8, 10} {
		q := q
		rs = append(rs, ref{fmt.Sprintf("speex-%d", q), func(in, out int) (func(dst, in []float32) int, func()) {
			s := cref.NewSpeex(in, out, 1, q)
			return s.Process, s.Close
		}})
	}
	for _, c := range []struct {
		name string
		typ  int
	}{{"src-best", cref.SRCSincBest}, {"src-medium", cref.SRCSincMedium}, {"src-fast", cref.SRCSincFast}} {
		c := c
		rs = append(rs, ref{c.name, func(in, out int) (func(dst, in []float32) int, func()) {
			s := cref.NewSRC(in, out, 1, c.typ)
			return func(dst, in []float32) int { return s.Process(dst, in, false) }, s.Close
		}})
	}
	return rs
}

// TestReferenceQuality measures the C references with the same tones as
// the quality table: worst alias with the stopband edge at 1.0, 1.15 and
// 1.25 × the lower Nyquist, and the level at 0.9 × Nyquist.
func TestReferenceQuality(t *testing.T) {
	for _, rr := range [][2]int{{48000, 16000}, {16000, 48000}, {44100, 16000}} {
		fin, fout := float64(rr[0]), float64(rr[1])
		for _, rf := range refs() {
			nOut := rr[1] / gridHz
			nIn := rr[0]/gridHz*3 + 8192
			run := func(f float64) []float64 {
				proc, done := rf.new(rr[0], rr[1])
				defer done()
				x := tone(nIn, f, fin, 1)
				x32 := make([]float32, len(x))
				for i, v := range x {
					x32[i] = float32(v)
				}
				out := make([]float32, nIn*rr[1]/rr[0]+4096)
				n := proc(out, x32)
				y := make([]float64, nOut)
				for i := range y {
					y[i] = float64(out[n-nOut+i])
				}
				return y
			}
			var st [3]float64
			var rip, at09 float64
			for i, edge := range []int{1000, 1150, 1250} {
				rip, at09, st[i] = measureFilter(fin, fout, 850, edge, run)
			}
			t.Logf("%5d→%5d %-10s ripple(0.85) %.4f dB  at0.9 %7.2f dB  alias/image edge1.00 %6.1f  edge1.15 %6.1f  edge1.25 %6.1f dB",
				rr[0], rr[1], rf.name, rip, at09, st[0], st[1], st[2])
		}
		// soxr with float64 I/O shows its filters below the float32 floor.
		for _, q := range []struct {
			name   string
			recipe int
		}{{"soxr-HQ-f64", cref.SoxrHQ}, {"soxr-VHQ-f64", cref.SoxrVHQ}} {
			nOut := rr[1] / gridHz
			nIn := rr[0]/gridHz*3 + 8192
			run := func(f float64) []float64 {
				s := cref.NewSoxr64(fin, fout, 1, q.recipe)
				defer s.Close()
				out := make([]float64, nIn*rr[1]/rr[0]+4096)
				n := s.Process64(out, tone(nIn, f, fin, 1))
				return out[n-nOut : n]
			}
			_, _, st := measureFilter(fin, fout, 850, 1000, run)
			t.Logf("%5d→%5d %-12s alias/image edge1.00 %6.1f dB", rr[0], rr[1], q.name, st)
			r, _ := New(rr[0], rr[1], 1, VeryHigh)
			_, _, st = measureFilter(fin, fout, 850, 1000, func(f float64) []float64 {
				r.Reset()
				y := r.appendF64(nil, tone(nIn, f, fin, 1))
				return y[len(y)-nOut:]
			})
			t.Logf("%5d→%5d %-12s alias/image edge1.00 %6.1f dB", rr[0], rr[1], "veryhigh-f64", st)
		}
	}
}

// benchRatios are the rate pairs of the benchmark table.
var benchRatios = [][2]int{{48000, 16000}, {16000, 48000}, {44100, 16000}, {8000, 16000}}

// BenchmarkReference times the C references on 100 ms blocks of speech
// (float32 mono); bytes are input float32 bytes.
func BenchmarkReference(b *testing.B) {
	for _, rr := range benchRatios {
		in16 := speechBlock(rr[0])
		in := make([]float32, len(in16))
		for i, v := range in16 {
			in[i] = float32(v) / 32768
		}
		out := make([]float32, len(in)*rr[1]/rr[0]+8192)
		for _, rf := range refs() {
			b.Run(fmt.Sprintf("%dto%d/%s", rr[0]/1000, rr[1]/1000, rf.name), func(b *testing.B) {
				proc, done := rf.new(rr[0], rr[1])
				defer done()
				b.SetBytes(int64(4 * len(in)))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					proc(out, in)
				}
			})
		}
	}
}
