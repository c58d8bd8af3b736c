package g722

import (
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// Benchmarks: 1 s of 16 kHz speech (16,000 samples), per mode. SetBytes
// counts the PCM bytes (2 per sample) on both sides, so MB/s compare
// encode with decode directly. The cref build adds spandsp's codec on the
// same input (BenchmarkSpandsp*, g722_cref_bench_test.go).

var benchRates = []struct {
	name string
	bps  int
}{{"64k", Bitrate64k}, {"56k", Bitrate56k}, {"48k", Bitrate48k}}

func BenchmarkEncode(b *testing.B) {
	pcm := testutil.Speech(16000, 16000)
	for _, r := range benchRates {
		b.Run(r.name, func(b *testing.B) {
			e, err := NewEncoder(WithBitrate(r.bps))
			if err != nil {
				b.Fatal(err)
			}
			dst := make([]byte, 0, e.EncodedLen(len(pcm)))
			b.SetBytes(int64(2 * len(pcm)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e.Reset()
				sinkBytes, _ = e.AppendEncode(dst[:0], pcm)
			}
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	pcm := testutil.Speech(16000, 16000)
	for _, r := range benchRates {
		b.Run(r.name, func(b *testing.B) {
			payload := encodeAll(b, pcm, r.bps)
			d, err := NewDecoder(WithBitrate(r.bps))
			if err != nil {
				b.Fatal(err)
			}
			dst := make([]int16, 0, d.DecodedLen(len(payload)))
			b.SetBytes(int64(2 * len(pcm)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d.Reset()
				sinkPCM, _ = d.AppendDecode(dst[:0], payload)
			}
		})
	}
}
