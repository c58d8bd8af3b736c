package opus_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/toyvoice/toyvoice/codec/opus"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

// Encoding 16 kHz mono speech for a toy at 16 kbit/s in 20 ms packets and
// decoding it back, with a lost packet concealed.
func Example() {
	enc, err := opus.NewEncoder(16000, 1, opus.WithBitrate(16000))
	if err != nil {
		panic(err)
	}
	dec, _ := opus.NewDecoder(16000, 1)

	pcm := testutil.Speech(3*enc.FrameLen(), 16000)
	packet := make([]byte, 0, enc.MaxPacketLen())
	out := make([]int16, 0, dec.DecodedLen(0))
	for i := 0; i < 3; i++ {
		frame := pcm[i*enc.FrameLen() : (i+1)*enc.FrameLen()]
		packet, _ = enc.AppendEncode(packet[:0], frame)
		info, _, _ := opus.ParsePacket(packet)
		if i == 1 {
			packet = nil // lost in transit
		}
		out, err = dec.AppendDecode(out[:0], packet)
		fmt.Println(info.Mode(), info.Bandwidth(), len(out), err)
	}
	fmt.Println("delay:", enc.Lookahead(), "samples")
	// Output:
	// SILK 8000 320 <nil>
	// SILK 8000 320 <nil>
	// SILK 8000 320 <nil>
	// delay: 104 samples
}

// Options are validated when the encoder is built.
func ExampleNewEncoder_options() {
	_, err := opus.NewEncoder(16000, 1,
		opus.WithBitrate(24000),
		opus.WithBitrateMode(opus.CBR),
		opus.WithFrameDuration(60*time.Millisecond),
		opus.WithComplexity(5),
		opus.WithInBandFEC(10),
		opus.WithDTX(true),
	)
	fmt.Println(err)
	_, err = opus.NewEncoder(16000, 1, opus.WithFrameDuration(30*time.Millisecond))
	fmt.Println(err)
	_, err = opus.NewEncoder(44100, 1)
	fmt.Println(err)
	// Output:
	// <nil>
	// opus: frame duration must be 2.5, 5, 10, 20, 40 or 60 ms
	// opus: sample rate must be 8000, 12000, 16000, 24000 or 48000
}

// Malformed packets are refused before decoding, with the offset and the
// rule of RFC 6716 section 3.4 they break.
func ExampleDecoder_AppendDecode_corrupt() {
	dec, _ := opus.NewDecoder(48000, 2)
	_, err := dec.AppendDecode(nil, []byte{0x01, 0xaa, 0xbb, 0xcc})
	fmt.Println(err)
	// Output:
	// codec: corrupt input at byte 1: opus: code 1 packet with unequal frames (RFC 6716 R3)
}

// Writing an Ogg Opus file and reading it back: the reader drops the
// encoder's delay (pre-skip) and the padding of the last packet (end
// trimming), so the output has the input's length.
func ExampleNewOggWriter() {
	enc, _ := opus.NewEncoder(16000, 1, opus.WithBitrate(24000))
	var file bytes.Buffer
	w, err := opus.NewOggWriter(&file, enc, opus.OggConfig{Serial: 1})
	if err != nil {
		panic(err)
	}
	pcm := testutil.Speech(12345, 16000)
	w.Write(pcm)
	w.Close()

	r, err := opus.NewOggReader(&file, 0)
	if err != nil {
		panic(err)
	}
	out, err := r.ReadAll(nil)
	fmt.Println(r.SampleRate(), r.Head().PreSkip, len(out), r.Duration(), err)
	// Output:
	// 16000 312 12345 37035 <nil>
}
