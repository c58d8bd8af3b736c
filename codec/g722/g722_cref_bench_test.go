//go:build cref

package g722

import (
	"testing"

	"github.com/toyvoice/toyvoice/internal/cref"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

// spandsp on the same 1 s of speech, through one cgo call per second of
// audio (the call overhead is negligible at that size). Compare with
// BenchmarkEncode/BenchmarkDecode from the same run:
//
//	go test -tags cref -run '^$' -bench . ./codec/g722

func BenchmarkSpandspEncode(b *testing.B) {
	pcm := testutil.Speech(16000, 16000)
	for _, r := range benchRates {
		b.Run(r.name, func(b *testing.B) {
			e := cref.NewSpandspG722Encoder(r.bps)
			defer e.Free()
			dst := make([]byte, len(pcm)/2)
			b.SetBytes(int64(2 * len(pcm)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e.Encode(dst, pcm)
			}
		})
	}
}

func BenchmarkSpandspDecode(b *testing.B) {
	pcm := testutil.Speech(16000, 16000)
	for _, r := range benchRates {
		b.Run(r.name, func(b *testing.B) {
			payload := cref.SpandspG722Encode(r.bps, pcm)
			d := cref.NewSpandspG722Decoder(r.bps)
			defer d.Free()
			dst := make([]int16, 2*len(payload))
			b.SetBytes(int64(2 * len(pcm)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d.Decode(dst, payload)
			}
		})
	}
}
