//go:build !tinygo

package g722

import "testing"

// FuzzDecode: any bytes decode without panic to exactly two samples per
// octet, in every mode, and the result does not depend on how the input
// is split. The encoder is fuzzed alongside: chunked encoding of the
// decoded samples equals one-shot encoding.
func FuzzDecode(f *testing.F) {
	f.Add([]byte{}, uint8(0), uint8(1))
	f.Add([]byte{0x00}, uint8(1), uint8(1))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, uint8(2), uint8(3))
	f.Add([]byte{0x3f, 0x3f, 0x3f, 0x3f, 0xc0, 0xc0, 0xc0, 0xc0}, uint8(0), uint8(2))
	f.Add(append(make([]byte, 300), 0x80, 0x40, 0x7f), uint8(0), uint8(7))
	e, _ := NewEncoder()
	seed, _ := e.AppendEncode(nil, goldenInput(400))
	f.Add(seed, uint8(1), uint8(5))
	f.Fuzz(func(t *testing.T, data []byte, mode, split uint8) {
		rate := []int{Bitrate64k, Bitrate56k, Bitrate48k}[mode%3]
		d, err := NewDecoder(WithBitrate(rate))
		if err != nil {
			t.Fatal(err)
		}
		whole, err := d.AppendDecode(nil, data)
		if err != nil || len(whole) != 2*len(data) {
			t.Fatalf("decode: %d samples, err %v", len(whole), err)
		}
		step := int(split)%17 + 1
		d.Reset()
		var parts []int16
		for i := 0; i < len(data); i += step {
			parts, _ = d.AppendDecode(parts, data[i:min(i+step, len(data))])
		}
		for i := range whole {
			if whole[i] != parts[i] {
				t.Fatalf("chunked decode differs at %d", i)
			}
		}
		enc, _ := NewEncoder(WithBitrate(rate))
		one, _ := enc.AppendEncode(nil, whole)
		enc.Reset()
		var many []byte
		for i := 0; i < len(whole); i += step {
			many, _ = enc.AppendEncode(many, whole[i:min(i+step, len(whole))])
		}
		if string(one) != string(many) {
			t.Fatal("chunked encode differs")
		}
	})
}
