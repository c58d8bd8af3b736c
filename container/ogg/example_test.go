package ogg_test

import (
	"bytes"
	"fmt"
	"io"

	"github.com/toyvoice/toyvoice/container/ogg"
)

// Writing three packets and reading them back. The middle one is longer
// than a segment, so it is laced as 255 + 45 bytes.
func Example() {
	var file bytes.Buffer
	w := ogg.NewWriter(&file, 0x746f79)
	w.WritePacket([]byte("first"), 10, false)
	w.WritePacket(make([]byte, 300), 20, false)
	w.WritePacket([]byte("last"), 30, true) // EOS: the page is written
	// One page: 27 header bytes, 4 lacing values (5, 255, 45, 4), 309 body bytes.
	fmt.Println("file:", file.Len(), "bytes")

	r, _ := ogg.NewReader(&file)
	buf := make([]byte, 0, 512)
	for {
		p, info, err := r.NextPacket(buf[:0])
		if err == io.EOF {
			break
		}
		fmt.Println(len(p), info.Granule, info.BOS, info.EOS)
	}
	// Output:
	// file: 340 bytes
	// 5 -1 true false
	// 300 -1 false false
	// 4 30 false true
}

// An Ogg Opus file from raw Opus packets: 50 packets of 20 ms make one
// second; Close trims the end to the true length.
func ExampleOpusWriter() {
	var file bytes.Buffer
	head := ogg.OpusHead{Channels: 1, PreSkip: 312, InputSampleRate: 16000}
	w, _ := ogg.NewOpusWriter(&file, 1, &head, &ogg.OpusTags{Vendor: "toyvoice", Comments: []string{"TITLE=Hallo"}})
	silence := []byte{0xf8, 0xff, 0xfe} // a CELT 20 ms packet (TOC 0xf8)
	for i := 0; i < 50; i++ {
		w.WritePacket(silence)
	}
	w.Close(48000 - 312 - 100) // 100 samples of padding trimmed

	r, _ := ogg.NewOpusReader(&file)
	n := 0
	for {
		_, _, err := r.NextPacket(nil)
		if err != nil {
			break
		}
		n++
	}
	fmt.Println(r.Head().Channels, r.Head().PreSkip, r.Tags().Comments, n, r.Duration())
	// Output:
	// 1 312 [TITLE=Hallo] 50 47588
}
