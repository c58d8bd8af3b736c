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

// TestSpandspFirstBlock: spandsp's IMA4 variant with chunk size 0 writes a
// WAV-style header (first sample, step index) and then low-nibble-first
// codes for the rest of the call, so one call on a block's samples from a
// fresh state is our first WAV 0x11 mono block, byte for byte.
func TestSpandspFirstBlock(t *testing.T) {
	pcm := testutil.Speech(5000, 16000)
	for _, ba := range []int{12, 256, 1024} {
		spb, _ := SamplesPerBlock(ba, 1)
		want := cref.SpandspIMAEncode(cref.SpandspIMA4, 0, pcm[:spb])
		got := encodeAll(t, 1, ba, pcm)[:ba]
		if !bytes.Equal(got, want) {
			t.Errorf("ba=%d: first block differs from spandsp\n got % x\nwant % x", ba, got[:min(32, len(got))], want[:min(32, len(want))])
		}
	}
}
