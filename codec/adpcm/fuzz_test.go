//go:build !tinygo

package adpcm

import (
	"bytes"
	"errors"
	"testing"

	"github.com/toyvoice/toyvoice/codec"
)

// fuzzConfig maps a fuzzer byte to a configuration: raw or block mode,
// mono or stereo, both nibble orders and reconstructions, and a block
// align that may be invalid (then the constructors must refuse it).
func fuzzConfig(sel byte, ba uint16) (ch int, opts []Option) {
	ch = 1 + int(sel&1)
	if sel&8 != 0 {
		opts = append(opts, WithReconstruction(Multiply))
	}
	if sel&2 != 0 {
		opts = append(opts, WithBlockAlign(int(ba)))
	} else if sel&4 != 0 {
		opts = append(opts, WithNibbleOrder(false))
	}
	return ch, opts
}

// FuzzDecode decodes arbitrary payloads in every mode: no panic, output
// within DecodedLen, errors only as *codec.CorruptError in block mode, and
// decoding in two calls (split at a block boundary, or anywhere for raw)
// identical to one call.
func FuzzDecode(f *testing.F) {
	good := encodeAll(f, 2, 32, testSignal(60, 2))
	f.Add(byte(3), uint16(32), good, uint16(64))                                           // valid stereo blocks
	f.Add(byte(2), uint16(12), []byte{0xe8, 0x03, 89, 0, 1, 2, 3, 4}, uint16(0))           // step index 89
	f.Add(byte(2), uint16(12), []byte{0xe8, 0x03, 255, 0}, uint16(0))                      // step index 255, short
	f.Add(byte(3), uint16(16), []byte{1, 2, 3, 4, 5, 6, 7}, uint16(0))                     // short block < headers
	f.Add(byte(3), uint16(16), good[:16+13], uint16(16))                                   // short block, partial group
	f.Add(byte(2), uint16(256), []byte{1}, uint16(0))                                      // 1 byte
	f.Add(byte(2), uint16(257), good, uint16(0))                                           // invalid block align
	f.Add(byte(3), uint16(0), good, uint16(0))                                             // block align 0
	f.Add(byte(2), uint16(65535), good, uint16(0))                                         // odd huge align
	f.Add(byte(0), uint16(0), []byte{0x77, 0x77, 0x77, 0xff, 0xff, 0x08, 0x80}, uint16(3)) // raw clamps
	f.Add(byte(13), uint16(0), good[:33], uint16(17))                                      // raw stereo multiply low-first
	f.Fuzz(func(t *testing.T, sel byte, ba uint16, payload []byte, split uint16) {
		ch, opts := fuzzConfig(sel, ba)
		d, err := NewDecoder(ch, opts...)
		if err != nil {
			if !errors.Is(err, codec.ErrOption) {
				t.Fatalf("constructor error %v does not match codec.ErrOption", err)
			}
			return
		}
		block := sel&2 != 0
		out, err := d.AppendDecode(nil, payload)
		if len(out) > d.DecodedLen(len(payload)) {
			t.Fatalf("%d samples > DecodedLen %d", len(out), d.DecodedLen(len(payload)))
		}
		if len(out)%ch != 0 {
			t.Fatalf("%d samples for %d channels", len(out), ch)
		}
		if err != nil {
			var ce *codec.CorruptError
			if !block || !errors.As(err, &ce) || ce.Offset < 0 || ce.Offset >= int64(len(payload)) {
				t.Fatalf("unexpected error %v", err)
			}
		}
		// Split decoding equals one-shot decoding.
		s := int(split)
		if s > len(payload) {
			s = len(payload)
		}
		if block {
			s -= s % int(ba)
		}
		d2, _ := NewDecoder(ch, opts...)
		a, errA := d2.AppendDecode(nil, payload[:s])
		if errA == nil {
			var errB error
			a, errB = d2.AppendDecode(a, payload[s:])
			if (errB == nil) != (err == nil) {
				t.Fatalf("split decode error %v, one-shot %v", errB, err)
			}
		} else if err == nil {
			t.Fatalf("split decode error %v, one-shot none", errA)
		}
		if err == nil && !equalInt16(a, out) {
			t.Fatal("split decode differs")
		}
	})
}

// FuzzEncode encodes arbitrary PCM in every mode, in two calls at an
// arbitrary split: the output must equal the one-shot encoding, fit
// EncodedLen, and decode to the right number of samples.
func FuzzEncode(f *testing.F) {
	f.Add(byte(0), uint16(0), []byte{0x00, 0x80, 0xff, 0x7f, 0x00, 0x80}, uint16(1))
	f.Add(byte(3), uint16(16), bytes.Repeat([]byte{0xff, 0x7f, 0x00, 0x80}, 40), uint16(7))
	f.Add(byte(2), uint16(8), []byte{1, 2, 3}, uint16(1)) // odd byte count
	f.Add(byte(1), uint16(0), []byte{1, 2, 3, 4, 5, 6}, uint16(2))
	f.Add(byte(7), uint16(0), []byte{1, 2, 3, 4, 5, 6, 7, 8}, uint16(4))
	f.Add(byte(10), uint16(1024), bytes.Repeat([]byte{0x34, 0x12, 0xcc, 0xed}, 300), uint16(999))
	f.Add(byte(2), uint16(6), []byte{1, 2}, uint16(0)) // invalid block align
	f.Fuzz(func(t *testing.T, sel byte, ba uint16, raw []byte, split uint16) {
		ch, opts := fuzzConfig(sel, ba)
		e, err := NewEncoder(ch, opts...)
		if err != nil {
			if !errors.Is(err, codec.ErrOption) {
				t.Fatalf("constructor error %v does not match codec.ErrOption", err)
			}
			return
		}
		pcm := make([]int16, len(raw)/2)
		for i := range pcm {
			pcm[i] = int16(uint16(raw[2*i]) | uint16(raw[2*i+1])<<8)
		}
		bound := e.EncodedLen(len(pcm))
		whole, err := e.AppendEncode(nil, pcm)
		if len(pcm)%ch != 0 {
			if !errors.Is(err, ErrFrameSize) || len(whole) != 0 {
				t.Fatalf("odd frame: err %v, %d bytes", err, len(whole))
			}
			pcm = pcm[:len(pcm)-len(pcm)%ch]
			bound = e.EncodedLen(len(pcm))
			whole, err = e.AppendEncode(nil, pcm)
		}
		if err != nil {
			t.Fatal(err)
		}
		whole = e.Flush(whole)
		if len(whole) > bound {
			t.Fatalf("%d bytes > EncodedLen %d", len(whole), bound)
		}
		s := int(split) % (len(pcm) + 1)
		s -= s % ch
		e.Reset()
		two, _ := e.AppendEncode(nil, pcm[:s])
		two, _ = e.AppendEncode(two, pcm[s:])
		two = e.Flush(two)
		if !bytes.Equal(two, whole) {
			t.Fatal("split encoding differs")
		}
		d, _ := NewDecoder(ch, opts...)
		dec, err := d.AppendDecode(nil, whole)
		if err != nil {
			t.Fatalf("decoding our own output: %v", err)
		}
		if len(dec) < len(pcm) || len(dec) > len(pcm)+d.DecodedLen(int(ba)+1) {
			t.Fatalf("%d samples decoded from %d", len(dec), len(pcm))
		}
		if sel&2 != 0 {
			// Block headers carry the block's first frame exactly.
			spb, _ := SamplesPerBlock(int(ba), ch)
			for i := 0; i < len(pcm); i += spb * ch {
				for c := 0; c < ch; c++ {
					if dec[i+c] != pcm[i+c] {
						t.Fatalf("block header sample %d: %d, want %d", i+c, dec[i+c], pcm[i+c])
					}
				}
			}
		}
	})
}

func equalInt16(a, b []int16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
