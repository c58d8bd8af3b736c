package opus

import (
	"testing"
	"time"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// Benchmarks: 1 s of 16 kHz mono speech in 20 ms frames (50 packets) per
// iteration, reusing the codec through Reset. SetBytes counts the PCM
// bytes (2 per sample) on both sides, so MB/s compare encode with decode
// and with the libopus rows of bench_cref_test.go (go test -tags cref
// -bench .), which code the same input with the same settings.

type benchCase struct {
	name    string
	rate    int
	bitrate int
	app     Application
}

var benchCases = []benchCase{
	{"16k_silk_16kbps", 16000, 16000, VoIP},
	{"16k_celt_32kbps", 16000, 32000, Audio},
	{"48k_hybrid_32kbps", 48000, 32000, VoIP},
}

func benchEncode(b *testing.B, c benchCase) {
	pcm := testutil.Speech(c.rate, c.rate)
	e, err := NewEncoder(c.rate, 1, WithBitrate(c.bitrate), WithApplication(c.app))
	if err != nil {
		b.Fatal(err)
	}
	fl := e.FrameLen()
	dst := make([]byte, 0, e.EncodedLen(len(pcm)))
	for f := 0; f+fl <= len(pcm); f += fl { // warm up gopus's lazily sized scratch
		dst, _ = e.AppendEncode(dst, pcm[f:f+fl])
	}
	b.SetBytes(int64(2 * len(pcm)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Reset()
		dst = dst[:0]
		for f := 0; f+fl <= len(pcm); f += fl {
			dst, _ = e.AppendEncode(dst, pcm[f:f+fl])
		}
	}
	sinkBytes = dst
}

func benchPackets(b *testing.B, c benchCase) ([][]byte, int) {
	pcm := testutil.Speech(c.rate, c.rate)
	e, err := NewEncoder(c.rate, 1, WithBitrate(c.bitrate), WithApplication(c.app), WithFrameDuration(20*time.Millisecond))
	if err != nil {
		b.Fatal(err)
	}
	return encodeStream(b, e, pcm), len(pcm)
}

func benchDecode(b *testing.B, c benchCase) {
	pkts, n := benchPackets(b, c)
	d, _ := NewDecoder(c.rate, 1)
	dst := make([]int16, 0, n)
	for _, p := range pkts { // warm up gopus's lazily sized scratch
		dst, _ = d.AppendDecode(dst, p)
	}
	b.SetBytes(int64(2 * n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Reset()
		dst = dst[:0]
		for _, p := range pkts {
			dst, _ = d.AppendDecode(dst, p)
		}
	}
	sinkPCM = dst
}

func BenchmarkEncode(b *testing.B) {
	for _, c := range benchCases {
		b.Run(c.name, func(b *testing.B) { benchEncode(b, c) })
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, c := range benchCases {
		b.Run(c.name, func(b *testing.B) { benchDecode(b, c) })
	}
}
