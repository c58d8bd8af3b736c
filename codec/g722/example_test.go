package g722_test

import (
	"fmt"

	"github.com/toyvoice/toyvoice/codec/g722"
)

// Encoding and decoding 20 ms of a tone at 64 kbit/s: 320 samples make
// 160 octets, which decode to 320 samples.
func Example() {
	pcm := make([]int16, 320)
	for i := range pcm {
		// A 1 kHz square-ish tone: 16 samples per period.
		if i%16 < 8 {
			pcm[i] = 8000
		} else {
			pcm[i] = -8000
		}
	}
	enc, err := g722.NewEncoder()
	if err != nil {
		panic(err)
	}
	payload, _ := enc.AppendEncode(make([]byte, 0, enc.EncodedLen(len(pcm))), pcm)
	dec, _ := g722.NewDecoder()
	out, _ := dec.AppendDecode(nil, payload)
	fmt.Println(len(payload), len(out))
	fmt.Printf("% x\n", payload[:8])
	// The QMFs delay the signal by 22 samples: input 100..107 (four
	// samples at 8000, four at -8000) comes out at 122..129, band-limited
	// to 7 kHz, hence the overshoot.
	fmt.Println(out[122:130])
	// Output:
	// 160 320
	// 96 23 86 23 88 20 a0 a3
	// [7423 8865 9229 4573 -4518 -8881 -8822 -7430]
}

// An odd number of samples: the encoder holds the last one until more
// arrive, and Flush completes the final octet at the end of the stream.
func ExampleEncoder_Flush() {
	enc, _ := g722.NewEncoder(g722.WithBitrate(g722.Bitrate56k))
	out, _ := enc.AppendEncode(nil, []int16{100, 200, 300})
	fmt.Println(len(out), enc.EncodedLen(0))
	out = enc.Flush(out)
	fmt.Println(len(out))
	// Output:
	// 1 1
	// 2
}
