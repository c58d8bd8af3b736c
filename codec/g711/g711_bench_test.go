package g711

import (
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// benchSizes are 20 ms (one RTP packet) and 1 s of 16 kHz speech.
var benchSizes = []struct {
	name string
	n    int
}{{"20ms", 320}, {"1s", 16000}}

// BenchmarkEncode encodes 16 kHz speech, reusing the encoder and the
// destination buffer. SetBytes counts the PCM input (2 bytes per sample).
func BenchmarkEncode(b *testing.B) {
	for _, l := range []Law{MuLaw, ALaw} {
		for _, sz := range benchSizes {
			b.Run(lawName(l)+"/"+sz.name, func(b *testing.B) {
				pcm := testutil.Speech(sz.n, 16000)
				enc, _ := NewEncoder(l)
				dst := make([]byte, 0, enc.EncodedLen(len(pcm)))
				b.SetBytes(int64(2 * len(pcm)))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					enc.Reset()
					dst, _ = enc.AppendEncode(dst[:0], pcm)
				}
				sinkBytes = dst
			})
		}
	}
}

// BenchmarkDecode decodes 16 kHz speech, reusing the decoder and the
// destination buffer. SetBytes counts the PCM output (2 bytes per sample),
// so MB/s compares with BenchmarkEncode.
func BenchmarkDecode(b *testing.B) {
	for _, l := range []Law{MuLaw, ALaw} {
		for _, sz := range benchSizes {
			b.Run(lawName(l)+"/"+sz.name, func(b *testing.B) {
				pcm := testutil.Speech(sz.n, 16000)
				enc, _ := NewEncoder(l)
				dec, _ := NewDecoder(l)
				payload, _ := enc.AppendEncode(nil, pcm)
				dst := make([]int16, 0, dec.DecodedLen(len(payload)))
				b.SetBytes(int64(2 * len(payload)))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					dec.Reset()
					dst, _ = dec.AppendDecode(dst[:0], payload)
				}
				sinkPCM = dst
			})
		}
	}
}

// lawName is an ASCII name for benchmark paths.
func lawName(l Law) string {
	if l == ALaw {
		return "alaw"
	}
	return "mulaw"
}
