//go:build cref

package adpcm

import (
	"bytes"
	"testing"

	"github.com/toyvoice/toyvoice/internal/cref"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

// spandsp's IMA ADPCM (ima_adpcm.c) is the IMA reference algorithm with
// the shift-and-add reconstruction. With a non-zero chunk size its DVI4
// variant is our raw stream, high nibble first, and its IMA4 variant our
// raw stream, low nibble first (no chunk headers). Encoders and decoders
// must agree bit for bit.

func TestSpandspRawDecode(t *testing.T) {
	data := make([]byte, 4001)
	x := uint32(7)
	for i := range data {
		x = x*1664525 + 1013904223
		data[i] = byte(x >> 24)
	}
	copy(data[100:], bytes.Repeat([]byte{0x77}, 60)) // drive into the clamps
	copy(data[300:], bytes.Repeat([]byte{0xff}, 60))
	for _, tc := range []struct {
		variant   int
		highFirst bool
	}{{cref.SpandspDVI4, true}, {cref.SpandspIMA4, false}} {
		want := cref.SpandspIMADecode(tc.variant, 2*len(data), data)
		got := decodeAll(t, 1, 0, data, WithNibbleOrder(tc.highFirst))
		equalPCM(t, "decode", got, want)
	}
}

func TestSpandspRawEncode(t *testing.T) {
	pcm := testutil.Speech(16000, 16000)
	for _, tc := range []struct {
		variant   int
		highFirst bool
	}{{cref.SpandspDVI4, true}, {cref.SpandspIMA4, false}} {
		want := cref.SpandspIMAEncode(tc.variant, len(pcm), pcm)
		e, err := NewEncoder(1, WithNibbleOrder(tc.highFirst))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := e.AppendEncode(nil, pcm)
		if !bytes.Equal(got, want) {
			n := 0
			for n < len(got) && n < len(want) && got[n] == want[n] {
				n++
			}
			t.Errorf("highFirst=%v: encoding differs from spandsp at byte %d (len %d vs %d)", tc.highFirst, n, len(got), len(want))
		}
	}
}
