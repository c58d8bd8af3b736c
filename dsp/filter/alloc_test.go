//go:build !tinygo

package filter

import (
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

func TestFiltersDoNotAllocate(t *testing.T) {
	x := testutil.Speech(1600, 16000)
	f := make([]float32, len(x))
	b, _ := NewHighPass(16000, 1, 80)
	q, _ := NewFixedHighPass(16000, 1, 80)
	if a := testing.AllocsPerRun(20, func() { b.ProcessInt16(x) }); a != 0 {
		t.Errorf("Biquad.ProcessInt16: %v", a)
	}
	if a := testing.AllocsPerRun(20, func() { b.ProcessFloat32(f) }); a != 0 {
		t.Errorf("Biquad.ProcessFloat32: %v", a)
	}
	if a := testing.AllocsPerRun(20, func() { q.ProcessInt16(x) }); a != 0 {
		t.Errorf("FixedBiquad.ProcessInt16: %v", a)
	}
}

func BenchmarkHighPass(b *testing.B) {
	x := testutil.Speech(16000, 16000)
	f := make([]float32, len(x))
	bq, _ := NewHighPass(16000, 1, 80)
	fx, _ := NewFixedHighPass(16000, 1, 80)
	b.Run("float32_1s_16k", func(b *testing.B) {
		b.SetBytes(int64(len(f) * 4))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			bq.ProcessFloat32(f)
		}
	})
	b.Run("fixed_int16_1s_16k", func(b *testing.B) {
		b.SetBytes(int64(len(x) * 2))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			fx.ProcessInt16(x)
		}
	})
}
