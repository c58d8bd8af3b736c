package opus

import (
	"errors"
	"testing"
	"time"

	"github.com/toyvoice/toyvoice/codec"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

var fuzzRates = [5]int{8000, 12000, 16000, 24000, 48000}

// FuzzDecode feeds arbitrary packet sequences to a decoder at any rate and
// channel count: data is cut into packets by its own length bytes, and a
// length byte of 0 means a lost packet (concealment), 1 means FEC recovery
// from the next packet. Decoding must never panic, append at most
// DecodedLen samples (a whole number of frames), and fail only with a
// *codec.CorruptError inside the bytes seen, leaving dst unchanged.
func FuzzDecode(f *testing.F) {
	seed := func(rate, ch int, opts ...Option) []byte {
		e, err := NewEncoder(rate, ch, opts...)
		if err != nil {
			f.Fatal(err)
		}
		var b []byte
		pcm := testutil.Speech(e.FrameLen()*4, rate)
		for i := 0; i < 4; i++ {
			p, _ := e.AppendEncode(nil, pcm[i*e.FrameLen():(i+1)*e.FrameLen()])
			for len(p) > 0 { // length-prefixed, in chunks of <= 255 bytes
				n := min(len(p), 253)
				b = append(b, byte(n+2))
				b = append(b, p[:n]...)
				p = p[n:]
			}
		}
		return b
	}
	f.Add(byte(2), seed(16000, 1, WithBitrate(16000)))                                           // SILK
	f.Add(byte(6), seed(16000, 1, WithBitrate(16000), WithInBandFEC(20)))                        // SILK with LBRR
	f.Add(byte(9), seed(48000, 2, WithBitrate(32000)))                                           // hybrid stereo
	f.Add(byte(4), seed(48000, 1, WithBitrate(64000), WithApplication(Audio)))                   // CELT
	f.Add(byte(0), seed(8000, 1, WithFrameDuration(60*time.Millisecond), WithBitrate(8000)))     // 60 ms SILK
	f.Add(byte(5), seed(24000, 2, WithFrameDuration(2500*time.Microsecond), WithBitrate(96000))) // 2.5 ms CELT
	f.Add(byte(3), []byte{0, 0, 1, 5, 0x78, 0xff, 0xff, 0xff})                                   // losses, FEC, garbage
	f.Add(byte(1), []byte{4, 3, 0x83, 1})                                                        // truncated code 3
	f.Add(byte(7), []byte{3, 0xfc, 0x30})                                                        // hybrid FB stereo garbage
	f.Add(byte(8), []byte{5, 0x03, 0xff, 0xff})                                                  // code 3, 63 frames
	f.Add(byte(2), []byte{40, 0x0b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, sel byte, data []byte) {
		rate, ch := fuzzRates[int(sel>>1)%5], 1+int(sel&1)
		d, err := NewDecoder(rate, ch)
		if err != nil {
			t.Fatal(err)
		}
		bound := d.DecodedLen(0)
		frame := rate / 400 * ch // 2.5 ms
		var seen int64
		dst := make([]int16, 3, 3+bound)
		for len(data) > 0 {
			n := int(data[0])
			data = data[1:]
			var out []int16
			switch {
			case n == 0:
				out, err = d.AppendDecode(dst, nil)
			case n == 1:
				var next []byte
				if len(data) > 0 {
					k := min(len(data), max(0, int(data[0])-2))
					next = data[min(len(data), 1):min(len(data), 1+k)]
				}
				out, err = d.AppendDecodeFEC(dst, next)
				if err != nil {
					var ce *codec.CorruptError
					if !errors.As(err, &ce) {
						t.Fatalf("FEC: unexpected error %v", err)
					}
					err = nil
					out = dst
				}
			default:
				p := data[:min(len(data), n-2)]
				data = data[len(p):]
				out, err = d.AppendDecode(dst, p)
				if err != nil {
					var ce *codec.CorruptError
					if !errors.As(err, &ce) || ce.Offset < seen || ce.Offset > seen+int64(len(p)) {
						t.Fatalf("packet %x: unexpected error %v (seen %d)", p, err, seen)
					}
					if len(out) != 3 {
						t.Fatalf("error with %d samples appended", len(out)-3)
					}
				}
				seen += int64(len(p))
			}
			got := len(out) - 3
			if got > bound || got%frame != 0 {
				t.Fatalf("appended %d samples (bound %d, 2.5 ms = %d)", got, bound, frame)
			}
			if &out[0] != &dst[0] {
				t.Fatal("AppendDecode reallocated a dst with room")
			}
		}
	})
}

// FuzzParsePacket checks ParsePacket against its own contract on arbitrary
// bytes: a valid verdict means 1..48 frames and at most 120 ms; an invalid
// one an offset within the packet.
func FuzzParsePacket(f *testing.F) {
	for _, p := range [][]byte{{0}, {3, 0x83, 1}, {16<<3 | 3, 48}, {1<<3 | 3, 0x41, 255, 0}, {2, 252}} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		info, off, reason := ParsePacket(p)
		if reason == "" {
			if info.Frames < 1 || info.Frames > 48 || info.Samples48 > 5760 || info.Samples48 < 120 {
				t.Fatalf("%+v", info)
			}
			return
		}
		if off < 0 || (len(p) > 0 && off > len(p)) {
			t.Fatalf("offset %d for %d bytes", off, len(p))
		}
	})
}
