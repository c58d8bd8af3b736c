//go:build !tinygo

package dynamics

import (
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

var (
	sinkF32 []float32
	sinkI16 []int16
)

func TestDynamicsDoNotAllocate(t *testing.T) {
	const rate = 16000
	sp := testutil.Speech(1600, rate)
	f := make([]float32, len(sp))
	for i, v := range sp {
		f[i] = float32(v) / 32768 * 4
	}
	lim, _ := NewLimiter(rate, 1, -1)
	dstF := make([]float32, 0, 4096)
	dstI := make([]int16, 0, 4096)
	if a := testing.AllocsPerRun(20, func() { sinkF32 = lim.AppendFloat32(dstF, f) }); a != 0 {
		t.Errorf("Limiter.AppendFloat32: %v allocs", a)
	}
	if a := testing.AllocsPerRun(20, func() { sinkI16 = lim.AppendInt16(dstI, sp) }); a != 0 {
		t.Errorf("Limiter.AppendInt16: %v allocs", a)
	}
	if a := testing.AllocsPerRun(5, func() { sinkF32 = lim.FlushFloat32(dstF) }); a != 0 {
		t.Errorf("Limiter.FlushFloat32: %v allocs", a)
	}
	n, _ := NewNormalizer(rate, 1)
	if a := testing.AllocsPerRun(20, func() { sinkF32 = n.AppendFloat32(dstF, f) }); a != 0 {
		t.Errorf("Normalizer.AppendFloat32: %v allocs", a)
	}
	if a := testing.AllocsPerRun(20, func() { sinkI16 = n.AppendInt16(dstI, sp) }); a != 0 {
		t.Errorf("Normalizer.AppendInt16: %v allocs", a)
	}
}

func TestCaptureDoNotAllocate(t *testing.T) {
	x := testutil.Speech(1600, 16000)
	f := make([]float32, len(x))
	g, _ := NewGate(16000, 1)
	a, _ := NewAGC(16000, 1)
	q, _ := NewFixedAGC(16000, 1)
	for name, fn := range map[string]func(){
		"Gate.ProcessInt16": func() { g.ProcessInt16(x) }, "Gate.ProcessFloat32": func() { g.ProcessFloat32(f) },
		"AGC.ProcessInt16": func() { a.ProcessInt16(x) }, "AGC.ProcessFloat32": func() { a.ProcessFloat32(f) },
		"FixedAGC.ProcessInt16": func() { q.ProcessInt16(x) },
	} {
		if n := testing.AllocsPerRun(20, fn); n != 0 {
			t.Errorf("%s: %v allocs", name, n)
		}
	}
}

// Benchmarks: 1 s of 16 kHz mono speech (hot: +20 dB for the limiter).
func BenchmarkDynamics(b *testing.B) {
	const rate = 16000
	sp := testutil.Speech(rate, rate)
	hot := make([]float32, len(sp))
	for i, v := range sp {
		hot[i] = float32(v) / 32768 * 10
	}
	work := make([]int16, len(sp))
	dstF := make([]float32, 0, len(sp)+1024)
	dstI := make([]int16, 0, len(sp)+1024)
	lim, _ := NewLimiter(rate, 1, -1)
	nrm, _ := NewNormalizer(rate, 1)
	agc, _ := NewAGC(rate, 1)
	fagc, _ := NewFixedAGC(rate, 1)
	gate, _ := NewGate(rate, 1)
	for _, c := range []struct {
		name  string
		bytes int
		fn    func()
	}{
		{"Limiter_float32", 4, func() { sinkF32 = lim.AppendFloat32(dstF, hot) }},
		{"Normalizer_int16", 2, func() { sinkI16 = nrm.AppendInt16(dstI, sp) }},
		{"NormalizeInt16_twopass", 2, func() { sinkI16, _, _ = NormalizeInt16(dstI, sp, rate, 1) }},
		{"AGC_int16", 2, func() { copy(work, sp); agc.ProcessInt16(work) }},
		{"FixedAGC_int16", 2, func() { copy(work, sp); fagc.ProcessInt16(work) }},
		{"Gate_int16", 2, func() { copy(work, sp); gate.ProcessInt16(work) }},
	} {
		b.Run(c.name+"_1s_16k", func(b *testing.B) {
			b.SetBytes(int64(len(sp) * c.bytes))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				c.fn()
			}
		})
	}
}
