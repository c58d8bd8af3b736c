package g711_test

import (
	"fmt"

	"github.com/toyvoice/toyvoice/codec/g711"
)

// Encode a 20 ms frame of 8 kHz PCM for an RTP PCMU packet and decode it.
func ExampleNewEncoder() {
	enc, err := g711.NewEncoder(g711.MuLaw)
	if err != nil {
		panic(err)
	}
	dec, _ := g711.NewDecoder(g711.MuLaw)

	pcm := []int16{0, 1000, -1000, 32767, -32768}
	payload := make([]byte, 0, enc.EncodedLen(160)) // reuse for every frame
	payload, _ = enc.AppendEncode(payload[:0], pcm)
	fmt.Printf("% x\n", payload)

	out, _ := dec.AppendDecode(nil, payload)
	fmt.Println(out)
	// Output:
	// ff ce 4e 80 00
	// [0 988 -988 32124 -32124]
}

func ExampleEncodeALaw() {
	for _, s := range []int16{0, -1, 256, -32768} {
		c := g711.EncodeALaw(s)
		fmt.Printf("%6d -> %#02x -> %6d\n", s, c, g711.DecodeALaw(c))
	}
	// Output:
	//      0 -> 0xd5 ->      8
	//     -1 -> 0x55 ->     -8
	//    256 -> 0xc5 ->    264
	// -32768 -> 0x2a -> -32256
}

func ExampleDecodeMuLaw() {
	// 0xFF and 0x7F are µ-law's positive and negative zero; 0x80 and 0x00
	// are the largest magnitudes.
	for _, c := range []byte{0xFF, 0x7F, 0x80, 0x00} {
		fmt.Println(g711.DecodeMuLaw(c))
	}
	// Output:
	// 0
	// 0
	// 32124
	// -32124
}

func ExampleNewDecoder_unknownLaw() {
	_, err := g711.NewDecoder(g711.Law(9))
	fmt.Println(err)
	// Output:
	// g711: unknown law (want MuLaw or ALaw)
}

func ExampleLaw_String() {
	fmt.Println(g711.MuLaw, g711.ALaw)
	// Output:
	// µ-law A-law
}

// The package-level helpers convert whole slices without a codec value.
func ExampleAppendDecodeALaw() {
	pcm := g711.AppendDecodeALaw(nil, []byte{0xD5, 0x55, 0xAA})
	fmt.Println(pcm)
	// Output:
	// [8 -8 32256]
}
