//go:build cref

package loudness

import (
	"testing"

	"github.com/toyvoice/toyvoice/internal/cref"
)

// BenchmarkLibebur128 is BenchmarkMeter's workload on libebur128 (modes
// I | LRA | TRUE_PEAK, int16 input), so one `go test -tags cref -bench .`
// run gives the ratio.
func BenchmarkLibebur128(b *testing.B) {
	for _, c := range benchCases {
		pcm := benchInput(c.rate, c.channels)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(pcm) * 2))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				e, _ := cref.NewEbur128(c.rate, c.channels)
				e.AddInt16(pcm)
				sinkF = e.Integrated() + e.Range() + e.TruePeak()
				e.Close()
			}
		})
	}
}
