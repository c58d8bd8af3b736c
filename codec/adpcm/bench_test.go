package adpcm

import (
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// Benchmarks: 1 s of 16 kHz speech (16,000 samples, mono), per mode.
// SetBytes counts the PCM bytes (2 per sample) on both sides, so MB/s
// compare encode with decode directly.

var benchModes = []struct {
	name string
	ba   int
	opts []Option
}{
	{"raw", 0, nil},
	{"block256", 256, nil},
	{"block1024", 1024, nil},
}

func BenchmarkEncode(b *testing.B) {
	pcm := testutil.Speech(16000, 16000)
	for _, m := range benchModes {
		b.Run(m.name, func(b *testing.B) {
			e, err := NewEncoder(1, optsFor(m.ba, m.opts...)...)
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
				sinkBytes = e.Flush(sinkBytes)
			}
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	pcm := testutil.Speech(16000, 16000)
	for _, m := range benchModes {
		b.Run(m.name, func(b *testing.B) {
			payload := encodeAll(b, 1, m.ba, pcm, m.opts...)
			d, err := NewDecoder(1, optsFor(m.ba, m.opts...)...)
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
