//go:build !tinygo

package g711

import (
	"encoding/binary"
	"testing"
)

// FuzzDecode feeds arbitrary bytes to both decoders: they must never
// panic, must return exactly one sample per byte after the preserved
// prefix, and must agree with the per-sample functions and the G.191
// restatement; the output must not depend on how the input is split.
func FuzzDecode(f *testing.F) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	f.Add([]byte{}, uint8(0), uint16(0))
	f.Add([]byte{0x00}, uint8(1), uint16(1))
	f.Add([]byte{0x7F, 0xFF, 0x80, 0x00}, uint8(0), uint16(3))
	f.Add([]byte{0x55, 0xD5, 0x2A, 0xAA}, uint8(1), uint16(2))
	f.Add(all, uint8(0), uint16(17))
	f.Add(all, uint8(1), uint16(255))
	f.Add([]byte("RIFF\x24\x00\x00\x00WAVEfmt "), uint8(0), uint16(5)) // not G.711, still decodes
	f.Fuzz(func(t *testing.T, payload []byte, lawBit uint8, split uint16) {
		law := Law(lawBit & 1)
		d, err := NewDecoder(law)
		if err != nil {
			t.Fatal(err)
		}
		dec, ref := DecodeMuLaw, refMuLawExpand
		if law == ALaw {
			dec, ref = DecodeALaw, refALawExpand
		}
		prefix := []int16{42}
		out, err := d.AppendDecode(prefix, payload)
		if err != nil {
			t.Fatalf("AppendDecode: %v", err)
		}
		if len(out) != 1+len(payload) || len(out) != 1+d.DecodedLen(len(payload)) || out[0] != 42 {
			t.Fatalf("AppendDecode: %d samples for %d bytes", len(out)-1, len(payload))
		}
		for i, b := range payload {
			if out[1+i] != dec(b) || out[1+i] != ref(b) {
				t.Fatalf("sample %d (code %#02x) = %d, per-sample %d, G.191 %d", i, b, out[1+i], dec(b), ref(b))
			}
		}
		cut := int(split) % (len(payload) + 1)
		d.Reset()
		two, _ := d.AppendDecode(nil, payload[:cut])
		two, _ = d.AppendDecode(two, payload[cut:])
		for i := range two {
			if two[i] != out[1+i] {
				t.Fatalf("split at %d changed sample %d", cut, i)
			}
		}
	})
}

// FuzzEncode feeds arbitrary s16le PCM to both encoders and checks them
// against the per-sample functions and the G.191 restatement, the sign
// symmetry, the round trip, and splitting.
func FuzzEncode(f *testing.F) {
	le := func(s ...int16) []byte {
		b := make([]byte, 2*len(s))
		for i, v := range s {
			binary.LittleEndian.PutUint16(b[2*i:], uint16(v))
		}
		return b
	}
	f.Add([]byte{}, uint8(0), uint16(0))
	f.Add([]byte{0x01}, uint8(1), uint16(0)) // odd length: last byte ignored
	f.Add(le(0, -1, 1, -4, 4, -5), uint8(0), uint16(2))
	f.Add(le(-32768, 32767, -32767, 32636, -32636, 32635), uint8(0), uint16(1))
	f.Add(le(-32768, 32767, 16384, -16385, 255, 256, -256, -257), uint8(1), uint16(3))
	f.Add(le(124, -125, 123, -124, 31612, -31612, -31613), uint8(0), uint16(4))
	f.Fuzz(func(t *testing.T, raw []byte, lawBit uint8, split uint16) {
		law := Law(lawBit & 1)
		e, err := NewEncoder(law)
		if err != nil {
			t.Fatal(err)
		}
		enc, dec, ref := EncodeMuLaw, DecodeMuLaw, refMuLawCompress
		if law == ALaw {
			enc, dec, ref = EncodeALaw, DecodeALaw, refALawCompress
		}
		pcm := make([]int16, len(raw)/2)
		for i := range pcm {
			pcm[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
		}
		out, err := e.AppendEncode([]byte{7}, pcm)
		if err != nil {
			t.Fatalf("AppendEncode: %v", err)
		}
		if len(out) != 1+len(pcm) || len(out) != 1+e.EncodedLen(len(pcm)) || out[0] != 7 {
			t.Fatalf("AppendEncode: %d bytes for %d samples", len(out)-1, len(pcm))
		}
		for i, s := range pcm {
			c := out[1+i]
			if c != enc(s) || c != ref(s) {
				t.Fatalf("input %d: %#02x, per-sample %#02x, G.191 %#02x", s, c, enc(s), ref(s))
			}
			if enc(^s) != c^0x80 {
				t.Fatalf("input %d: %#02x, but %d gives %#02x", s, c, ^s, enc(^s))
			}
			if v := dec(c); dec(enc(v)) != v {
				t.Fatalf("input %d: decoded %d does not re-encode to itself", s, v)
			}
		}
		cut := int(split) % (len(pcm) + 1)
		e.Reset()
		two, _ := e.AppendEncode(nil, pcm[:cut])
		two, _ = e.AppendEncode(two, pcm[cut:])
		if string(two) != string(out[1:]) {
			t.Fatalf("split at %d changed the output", cut)
		}
	})
}
