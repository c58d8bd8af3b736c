package wav

import (
	"bytes"
	"io"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

var benchFormats = []struct {
	name string
	f    Format
}{
	{"pcm16", Format{Tag: FormatPCM, Channels: 1, SampleRate: 16000, BitsPerSample: 16}},
	{"ulaw", Format{Tag: FormatMuLaw, Channels: 1, SampleRate: 16000, BitsPerSample: 8}},
	{"pcm24", Format{Tag: FormatPCM, Channels: 1, SampleRate: 16000, BitsPerSample: 24}},
	{"float32", Format{Tag: FormatFloat, Channels: 1, SampleRate: 16000, BitsPerSample: 32}},
	{"ima", Format{Tag: FormatIMAADPCM, Channels: 1, SampleRate: 16000}},
}

// BenchmarkRead decodes 1 s of 16 kHz mono speech; bytes/s count the
// data chunk.
func BenchmarkRead(b *testing.B) {
	pcm := testutil.Speech(16000, 16000)
	for _, bf := range benchFormats {
		file := encodeFile(b, bf.f, pcm, true)
		b.Run(bf.name, func(b *testing.B) {
			r := new(Reader)
			br := bytes.NewReader(file)
			dst := make([]int16, 1024)
			b.SetBytes(int64(len(file)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				br.Reset(file)
				if err := r.Reset(br); err != nil {
					b.Fatal(err)
				}
				for {
					if _, err := r.ReadInt16(dst); err != nil {
						break
					}
				}
			}
		})
	}
}

// BenchmarkWrite encodes 1 s of 16 kHz mono speech to io.Discard.
func BenchmarkWrite(b *testing.B) {
	pcm := testutil.Speech(16000, 16000)
	for _, bf := range benchFormats {
		size := len(encodeFile(b, bf.f, pcm, true))
		b.Run(bf.name, func(b *testing.B) {
			w, err := NewWriter(io.Discard, bf.f)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if err := w.WriteInt16(pcm); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
