//go:build cref

package opus

import (
	"testing"

	"github.com/toyvoice/toyvoice/codec/opus/internal/cref"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

// libopus (Debian's 1.3.1 build, through cgo) on the inputs and settings
// of BenchmarkEncode and BenchmarkDecode; run both in one process:
//
//	go test -tags cref -run '^$' -bench 'Encode|Decode' -count 5
func BenchmarkLibopusEncode(b *testing.B) {
	for _, c := range benchCases {
		b.Run(c.name, func(b *testing.B) {
			pcm := testutil.Speech(c.rate, c.rate)
			app := map[Application]int{VoIP: cref.AppVoIP, Audio: cref.AppAudio}[c.app]
			e, err := cref.NewEncoder(cref.EncoderConfig{Rate: c.rate, Channels: 1, App: app, Bitrate: c.bitrate,
				VBR: true, Constrained: true, Complexity: 9, FrameSize: c.rate / 50})
			if err != nil {
				b.Fatal(err)
			}
			defer e.Free()
			fl := c.rate / 50
			b.SetBytes(int64(2 * len(pcm)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e.Reset()
				for f := 0; f+fl <= len(pcm); f += fl {
					sinkBytes, _ = e.Encode(pcm[f:f+fl], 1276)
				}
			}
		})
	}
}

func BenchmarkLibopusDecode(b *testing.B) {
	for _, c := range benchCases {
		b.Run(c.name, func(b *testing.B) {
			pkts, n := benchPackets(b, c)
			d, err := cref.NewDecoder(c.rate, 1)
			if err != nil {
				b.Fatal(err)
			}
			defer d.Free()
			b.SetBytes(int64(2 * n))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d.Reset()
				for _, p := range pkts {
					sinkPCM, _ = d.Decode(p, 5760, false)
				}
			}
		})
	}
}
