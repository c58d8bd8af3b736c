package adpcm_test

import (
	"fmt"

	"github.com/toyvoice/toyvoice/codec/adpcm"
)

// A WAV (format 0x11) encoder and decoder with 256-byte mono blocks of 505
// samples, as sox writes them.
func Example_wavBlocks() {
	const blockAlign = 256
	spb, _ := adpcm.SamplesPerBlock(blockAlign, 1)

	pcm := make([]int16, 1000)
	for i := range pcm {
		pcm[i] = int16(i * 20)
	}
	enc, err := adpcm.NewEncoder(1, adpcm.WithBlockAlign(blockAlign))
	if err != nil {
		panic(err)
	}
	payload := make([]byte, 0, enc.EncodedLen(len(pcm)))
	payload, _ = enc.AppendEncode(payload, pcm[:600]) // one whole block
	payload, _ = enc.AppendEncode(payload, pcm[600:]) // buffered
	payload = enc.Flush(payload)                      // padded final block

	dec, _ := adpcm.NewDecoder(1, adpcm.WithBlockAlign(blockAlign))
	out, err := dec.AppendDecode(nil, payload)
	fmt.Println(spb, len(payload), len(out), err)
	fmt.Println(out[0], out[505], out[999])
	// Output:
	// 505 512 1010 <nil>
	// 0 10100 19977
}

// The raw 4-bit stream carries its state across calls, so it can be
// decoded in pieces of any size.
func Example_rawStream() {
	dec, _ := adpcm.NewDecoder(1) // high nibble first, like sox's .ima
	var out []int16
	for _, chunk := range [][]byte{{0x77, 0x77}, {0x77}, {0x08}} {
		out, _ = dec.AppendDecode(out, chunk)
	}
	fmt.Println(out)
	// Output:
	// [11 41 104 240 533 1164 1254 1172]
}

// Sizing a WAV block for a given number of samples per block.
func ExampleBlockAlignFor() {
	ba, err := adpcm.BlockAlignFor(505, 2)
	fmt.Println(ba, err)
	_, err = adpcm.BlockAlignFor(500, 2)
	fmt.Println(err)
	// Output:
	// 512 <nil>
	// adpcm: invalid samples per block
}

// Corrupt blocks are reported with their byte offset.
func ExampleDecoder_AppendDecode_corrupt() {
	dec, _ := adpcm.NewDecoder(1, adpcm.WithBlockAlign(8))
	_, err := dec.AppendDecode(nil, []byte{0, 0, 0, 0, 0x11, 0x11, 0x11, 0x11, 0, 0, 99, 0, 0, 0, 0, 0})
	fmt.Println(err)
	// Output:
	// codec: corrupt input at byte 10: adpcm: block header step index > 88
}
