package g711

import (
	"errors"
	"hash/crc32"
	"testing"

	"github.com/toyvoice/toyvoice/codec"
)

// Package-level sinks keep the compiler from optimising measured calls away.
var (
	sinkBytes  []byte
	sinkPCM    []int16
	sinkByte   byte
	sinkSample int16
)

// refMuLawCompress is an independent, loop-based restatement of the ITU-T
// G.191 (STL) ulaw_compress rule: 14-bit input (s>>2), one's complement of
// negative values, bias 33, magnitude limited to 0x1FFF, segment found by
// counting shifts, nibbles inverted.
func refMuLawCompress(s int16) byte {
	var absno int
	if s < 0 {
		absno = int(^s)>>2 + 33
	} else {
		absno = int(s)>>2 + 33
	}
	if absno > 0x1FFF {
		absno = 0x1FFF
	}
	segno := 1
	for i := absno >> 6; i != 0; i >>= 1 {
		segno++
	}
	high := 8 - segno
	low := 0x0F - (absno>>segno)&0x0F
	code := byte(high<<4 | low)
	if s >= 0 {
		code |= 0x80
	}
	return code
}

// refALawCompress restates G.191 alaw_compress: 12-bit magnitude
// (one's complement of negative values, >>4), segment found by halving.
func refALawCompress(s int16) byte {
	var ix int
	if s < 0 {
		ix = int(^s) >> 4
	} else {
		ix = int(s) >> 4
	}
	if ix > 15 {
		exp := 1
		for ix > 16+15 {
			ix >>= 1
			exp++
		}
		ix = ix - 16 + exp<<4
	}
	if s >= 0 {
		ix |= 0x80
	}
	return byte(ix) ^ 0x55
}

// refMuLawExpand restates G.191 ulaw_expand: segment = exponent+1,
// step = 4<<segment, value = (0x80<<exponent) + step·mantissa + step/2 − 132.
func refMuLawExpand(b byte) int16 {
	sign := 1
	if b < 0x80 {
		sign = -1
	}
	m := int(^b)
	exp := (m >> 4) & 7
	step := 4 << (exp + 1)
	return int16(sign * (0x80<<exp + step*(m&0x0F) + step/2 - 4*33))
}

// refALawExpand restates G.191 alaw_expand.
func refALawExpand(b byte) int16 {
	ix := int(b^0x55) & 0x7F
	exp, mant := ix>>4, ix&0x0F
	if exp > 0 {
		mant += 16
	}
	mant = mant<<4 + 8
	if exp > 1 {
		mant <<= exp - 1
	}
	if b > 127 {
		return int16(mant)
	}
	return int16(-mant)
}

func TestTablesMatchG191Expand(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if got, want := DecodeMuLaw(b), refMuLawExpand(b); got != want {
			t.Errorf("DecodeMuLaw(%#02x) = %d, want %d", b, got, want)
		}
		if got, want := DecodeALaw(b), refALawExpand(b); got != want {
			t.Errorf("DecodeALaw(%#02x) = %d, want %d", b, got, want)
		}
	}
}

// Spot values read off Table 1/G.711 (A-law) and Table 2/G.711 (µ-law),
// decoder output values, scaled to 16 bits (×8 for A-law's 13 bits, ×4 for
// µ-law's 14 bits), with their transmitted characters.
var goldenDecode = []struct {
	law  Law
	code byte
	want int16
}{
	// µ-law, Table 2: character 1111 1111 (positive, segment 0, step 0) -> 0;
	// the inverted characters of the last step of each segment.
	{MuLaw, 0xFF, 0}, {MuLaw, 0x7F, 0},
	{MuLaw, 0xFE, 2 * 4}, {MuLaw, 0x7E, -2 * 4},
	{MuLaw, 0xF0, 30 * 4}, {MuLaw, 0xEF, 33 * 4},
	{MuLaw, 0xE0, 93 * 4}, {MuLaw, 0xD0, 219 * 4}, {MuLaw, 0xC0, 471 * 4},
	{MuLaw, 0xB0, 975 * 4}, {MuLaw, 0xA0, 1983 * 4}, {MuLaw, 0x90, 3999 * 4},
	{MuLaw, 0x8F, 4191 * 4}, {MuLaw, 0x80, 8031 * 4}, {MuLaw, 0x00, -8031 * 4},
	// A-law, Table 1: character 1101 0101 (positive, segment 0, step 0) -> 1;
	// 0101 0101 -> -1; last steps of segments; 1010 1010 -> 4032.
	{ALaw, 0xD5, 1 * 8}, {ALaw, 0x55, -1 * 8},
	{ALaw, 0xDA, 31 * 8}, {ALaw, 0xC5, 33 * 8}, {ALaw, 0xCA, 63 * 8},
	{ALaw, 0xFA, 126 * 8}, {ALaw, 0xEA, 252 * 8}, {ALaw, 0x9A, 504 * 8},
	{ALaw, 0x8A, 1008 * 8}, {ALaw, 0xBA, 2016 * 8}, {ALaw, 0xAA, 4032 * 8},
	{ALaw, 0x2A, -4032 * 8},
}

func TestGoldenDecode(t *testing.T) {
	for _, g := range goldenDecode {
		dec := DecodeMuLaw
		if g.law == ALaw {
			dec = DecodeALaw
		}
		if got := dec(g.code); got != g.want {
			t.Errorf("%v decode(%#02x) = %d, want %d", g.law, g.code, got, g.want)
		}
	}
}

// goldenEncode pins the encoder at the decision values of Table 2/G.711
// (µ-law, 14-bit: 1, 31, 95, 223, 479, 991, 2015, 4063, 8159 → ×4) and
// Table 1/G.711 (A-law, 13-bit: 2, 32, 64, … 4096 → ×8), each input next to
// its one's complement. For example 124 is 31 in 14 bits, the first value
// of µ-law segment 1: character 0x10, inverted and signed 0xEF; 123 is 30,
// the last interval of segment 0 (0x0F → 0xF0); 16384 is 2048 in 13 bits,
// the first value of A-law segment 7 (0xF0 ^ 0x55 = 0xA5). The values equal
// the G.191 reference (checked for every input below) and spandsp (cref
// test; A-law everywhere, µ-law for these inputs).
var goldenEncode = []struct {
	in     int16
	mu, al byte
}{
	{0, 0xff, 0xd5}, {-1, 0x7f, 0x55}, {3, 0xff, 0xd5}, {-4, 0x7f, 0x55},
	{4, 0xfe, 0xd5}, {-5, 0x7e, 0x55}, {123, 0xf0, 0xd2}, {-124, 0x70, 0x52},
	{124, 0xef, 0xd2}, {-125, 0x6f, 0x52}, {379, 0xe0, 0xc2}, {-380, 0x60, 0x42},
	{380, 0xdf, 0xc2}, {-381, 0x5f, 0x42}, {891, 0xd0, 0xfe}, {-892, 0x50, 0x7e},
	{892, 0xcf, 0xfe}, {-893, 0x4f, 0x7e}, {1915, 0xc0, 0xe8}, {-1916, 0x40, 0x68},
	{1916, 0xbf, 0xe8}, {-1917, 0x3f, 0x68}, {3963, 0xb0, 0x9b}, {-3964, 0x30, 0x1b},
	{3964, 0xaf, 0x9b}, {-3965, 0x2f, 0x1b}, {8059, 0xa0, 0x8a}, {-8060, 0x20, 0x0a},
	{8060, 0x9f, 0x8a}, {-8061, 0x1f, 0x0a}, {16251, 0x90, 0xba}, {-16252, 0x10, 0x3a},
	{16252, 0x8f, 0xba}, {-16253, 0x0f, 0x3a}, {32635, 0x80, 0xaa}, {-32636, 0x00, 0x2a},
	{32636, 0x80, 0xaa}, {-32637, 0x00, 0x2a}, {32767, 0x80, 0xaa}, {-32768, 0x00, 0x2a},
	{15, 0xfd, 0xd5}, {-16, 0x7d, 0x55}, {16, 0xfd, 0xd4}, {-17, 0x7d, 0x54},
	{255, 0xe7, 0xda}, {-256, 0x67, 0x5a}, {256, 0xe7, 0xc5}, {-257, 0x67, 0x45},
	{511, 0xdb, 0xca}, {-512, 0x5b, 0x4a}, {512, 0xdb, 0xf5}, {-513, 0x5b, 0x75},
	{1023, 0xcd, 0xfa}, {-1024, 0x4d, 0x7a}, {1024, 0xcd, 0xe5}, {-1025, 0x4d, 0x65},
	{2047, 0xbe, 0xea}, {-2048, 0x3e, 0x6a}, {2048, 0xbe, 0x95}, {-2049, 0x3e, 0x15},
	{4095, 0xaf, 0x9a}, {-4096, 0x2f, 0x1a}, {4096, 0xaf, 0x85}, {-4097, 0x2f, 0x05},
	{8191, 0x9f, 0x8a}, {-8192, 0x1f, 0x0a}, {8192, 0x9f, 0xb5}, {-8193, 0x1f, 0x35},
	{16383, 0x8f, 0xba}, {-16384, 0x0f, 0x3a}, {16384, 0x8f, 0xa5}, {-16385, 0x0f, 0x25},
}

func TestGoldenEncode(t *testing.T) {
	for _, g := range goldenEncode {
		if got := EncodeMuLaw(g.in); got != g.mu {
			t.Errorf("EncodeMuLaw(%d) = %#02x, want %#02x", g.in, got, g.mu)
		}
		if got := EncodeALaw(g.in); got != g.al {
			t.Errorf("EncodeALaw(%d) = %#02x, want %#02x", g.in, got, g.al)
		}
	}
}

// TestEncodeMatchesG191 compares every 16-bit input with the restated G.191
// rules, and pins a CRC-32 of the full 65,536-code tables (inputs -32768..
// 32767 in order) so that any change of the encoders shows up here even on
// targets that cannot run the tool and cgo cross-checks.
func TestEncodeMatchesG191(t *testing.T) {
	const (
		muCRC uint32 = 0x6399d432
		aCRC  uint32 = 0x9133796e
	)
	hmu, ha := crc32.NewIEEE(), crc32.NewIEEE()
	var bu, ba [256]byte
	bad := 0
	for i := 0; i < 65536; i++ {
		s := int16(i - 32768)
		u, a := EncodeMuLaw(s), EncodeALaw(s)
		if wu, wa := refMuLawCompress(s), refALawCompress(s); (u != wu || a != wa) && bad < 10 {
			bad++
			t.Errorf("input %d: µ-law %#02x (G.191 %#02x), A-law %#02x (G.191 %#02x)", s, u, wu, a, wa)
		}
		bu[i&255], ba[i&255] = u, a
		if i&255 == 255 {
			hmu.Write(bu[:])
			ha.Write(ba[:])
		}
	}
	if got := hmu.Sum32(); got != muCRC {
		t.Errorf("µ-law encode table CRC-32 = %#08x, want %#08x", got, muCRC)
	}
	if got := ha.Sum32(); got != aCRC {
		t.Errorf("A-law encode table CRC-32 = %#08x, want %#08x", got, aCRC)
	}
}

// TestEncodeSymmetry checks the property that makes the one's-complement
// rule the right one for 16-bit input: the range -32768..32767 is symmetric
// about -½, and s and ^s (= -s-1) always get the same magnitude code,
// differing only in the sign bit.
func TestEncodeSymmetry(t *testing.T) {
	for s := 0; s <= 32767; s++ {
		p, n := int16(s), ^int16(s)
		if EncodeMuLaw(p)^EncodeMuLaw(n) != 0x80 || EncodeALaw(p)^EncodeALaw(n) != 0x80 {
			t.Fatalf("input %d / %d: µ-law %#02x/%#02x, A-law %#02x/%#02x",
				p, n, EncodeMuLaw(p), EncodeMuLaw(n), EncodeALaw(p), EncodeALaw(n))
		}
	}
}

// TestEncodeMonotonic checks that the decoded value of the code is a
// non-decreasing function of the input, and never further from it than one
// quantisation step (truncation error < step; saturation excepted).
func TestEncodeMonotonic(t *testing.T) {
	for _, l := range []Law{MuLaw, ALaw} {
		enc, dec, top := EncodeMuLaw, DecodeMuLaw, int32(32124)
		if l == ALaw {
			enc, dec, top = EncodeALaw, DecodeALaw, 32256
		}
		prev := int32(-32768)
		for i := 0; i < 65536; i++ {
			s := int16(i - 32768)
			v := int32(dec(enc(s)))
			if v < prev {
				t.Fatalf("%v: input %d decodes to %d, below %d for the previous input", l, s, v, prev)
			}
			prev = v
			// Largest step: 1024 (µ-law segment 7), 1024 (A-law segment 7).
			if d := v - int32(s); (d > 1024 || d < -1024) && int32(s) < top && int32(s) > -top {
				t.Fatalf("%v: input %d decodes to %d", l, s, v)
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		v := DecodeMuLaw(b)
		if got := DecodeMuLaw(EncodeMuLaw(v)); got != v {
			t.Errorf("µ-law %#02x: decode(encode(%d)) = %d", b, v, got)
		}
		// Every code but µ-law's negative zero is its own re-encoding.
		if got := EncodeMuLaw(v); got != b && b != 0x7F {
			t.Errorf("µ-law %#02x: encode(decode) = %#02x", b, got)
		}
		v = DecodeALaw(b)
		if got := DecodeALaw(EncodeALaw(v)); got != v {
			t.Errorf("A-law %#02x: decode(encode(%d)) = %d", b, v, got)
		}
		if got := EncodeALaw(v); got != b {
			t.Errorf("A-law %#02x: encode(decode) = %#02x", b, got)
		}
	}
	if EncodeMuLaw(DecodeMuLaw(0x7F)) != 0xFF {
		t.Errorf("µ-law negative zero 0x7F should re-encode as 0xFF")
	}
}

func TestLaw(t *testing.T) {
	for _, c := range []struct {
		l    Law
		want string
	}{{MuLaw, "µ-law"}, {ALaw, "A-law"}, {2, "g711.Law(2)"}, {255, "g711.Law(255)"}} {
		if got := c.l.String(); got != c.want {
			t.Errorf("Law(%d).String() = %q, want %q", uint8(c.l), got, c.want)
		}
	}
	for _, l := range []Law{2, 7, 255} {
		if e, err := NewEncoder(l); e != nil || !errors.Is(err, ErrLaw) || !errors.Is(err, codec.ErrOption) {
			t.Errorf("NewEncoder(%v) = %v, %v; want nil, ErrLaw wrapping codec.ErrOption", l, e, err)
		}
		if d, err := NewDecoder(l); d != nil || !errors.Is(err, ErrLaw) || !errors.Is(err, codec.ErrOption) {
			t.Errorf("NewDecoder(%v) = %v, %v; want nil, ErrLaw wrapping codec.ErrOption", l, d, err)
		}
	}
	if s := ErrLaw.Error(); len(s) < 6 || s[:5] != "g711:" {
		t.Errorf("ErrLaw = %q, want a g711: prefix", s)
	}
	for _, l := range []Law{MuLaw, ALaw} {
		e, err := NewEncoder(l)
		if err != nil || e.Law() != l {
			t.Fatalf("NewEncoder(%v) = %v, %v", l, e, err)
		}
		d, err := NewDecoder(l)
		if err != nil || d.Law() != l {
			t.Fatalf("NewDecoder(%v) = %v, %v", l, d, err)
		}
		for _, n := range []int{-5, 0, 1, 160, 1 << 20} {
			if got, want := e.EncodedLen(n), max(n, 0); got != want {
				t.Errorf("EncodedLen(%d) = %d, want %d", n, got, want)
			}
			if got, want := d.DecodedLen(n), max(n, 0); got != want {
				t.Errorf("DecodedLen(%d) = %d, want %d", n, got, want)
			}
		}
	}
	var ze Encoder
	var zd Decoder
	if ze.Law() != MuLaw || zd.Law() != MuLaw {
		t.Errorf("zero Encoder/Decoder should be µ-law")
	}
}

// testSignal returns n deterministic pseudo-random samples covering the
// whole range (small enough for TinyGo's cortex-m heap).
func testSignal(n int) []int16 {
	out := make([]int16, n)
	x := uint32(12345)
	for i := range out {
		x = x*1664525 + 1013904223
		out[i] = int16(x >> 16)
		if i%3 == 0 {
			out[i] >>= 6 // plenty of small values too
		}
	}
	return out
}

func TestEncoderDecoder(t *testing.T) {
	pcm := testSignal(1000)
	for _, l := range []Law{MuLaw, ALaw} {
		enc, _ := NewEncoder(l)
		dec, _ := NewDecoder(l)
		encode, decode := EncodeMuLaw, DecodeMuLaw
		if l == ALaw {
			encode, decode = EncodeALaw, DecodeALaw
		}
		prefix := []byte{1, 2, 3}
		got, err := enc.AppendEncode(prefix, pcm)
		if err != nil || len(got) != 3+len(pcm) || got[0] != 1 || got[2] != 3 {
			t.Fatalf("%v AppendEncode: len %d, err %v", l, len(got), err)
		}
		for i, s := range pcm {
			if got[3+i] != encode(s) {
				t.Fatalf("%v AppendEncode[%d] = %#02x, want %#02x", l, i, got[3+i], encode(s))
			}
		}
		payload := got[3:]
		pre := []int16{-7}
		out, err := dec.AppendDecode(pre, payload)
		if err != nil || len(out) != 1+len(payload) || out[0] != -7 {
			t.Fatalf("%v AppendDecode: len %d, err %v", l, len(out), err)
		}
		for i, b := range payload {
			if out[1+i] != decode(b) {
				t.Fatalf("%v AppendDecode[%d] = %d, want %d", l, i, out[1+i], decode(b))
			}
		}
		// Empty and nil inputs.
		if b, err := enc.AppendEncode(nil, nil); len(b) != 0 || err != nil {
			t.Errorf("%v AppendEncode(nil, nil) = %v, %v", l, b, err)
		}
		if s, err := dec.AppendDecode(nil, nil); len(s) != 0 || err != nil {
			t.Errorf("%v AppendDecode(nil, nil) = %v, %v", l, s, err)
		}
	}
}

// TestChunking checks that splitting the input into chunks of any size
// does not change the output, and that Reset gives identical output again.
func TestChunking(t *testing.T) {
	pcm := testSignal(777)
	for _, l := range []Law{MuLaw, ALaw} {
		enc, _ := NewEncoder(l)
		dec, _ := NewDecoder(l)
		whole, _ := enc.AppendEncode(nil, pcm)
		wholePCM, _ := dec.AppendDecode(nil, whole)
		for _, size := range []int{1, 2, 3, 7, 80, 160, 333, 776} {
			enc.Reset()
			dec.Reset()
			var b []byte
			var s []int16
			for i := 0; i < len(pcm); i += size {
				j := min(i+size, len(pcm))
				b, _ = enc.AppendEncode(b, pcm[i:j])
				s, _ = dec.AppendDecode(s, whole[i:j])
			}
			if string(b) != string(whole) {
				t.Errorf("%v: encoding in chunks of %d changed the output", l, size)
			}
			if len(s) != len(wholePCM) {
				t.Fatalf("%v: decoding in chunks of %d gave %d samples", l, size, len(s))
			}
			for i := range s {
				if s[i] != wholePCM[i] {
					t.Fatalf("%v: decoding in chunks of %d changed sample %d", l, size, i)
				}
			}
		}
	}
}

func TestReset(t *testing.T) {
	pcm := testSignal(321)
	for _, l := range []Law{MuLaw, ALaw} {
		enc, _ := NewEncoder(l)
		dec, _ := NewDecoder(l)
		a, _ := enc.AppendEncode(nil, pcm)
		x, _ := dec.AppendDecode(nil, a)
		enc.Reset()
		dec.Reset()
		b, _ := enc.AppendEncode(nil, pcm)
		y, _ := dec.AppendDecode(nil, b)
		if string(a) != string(b) || len(x) != len(y) {
			t.Fatalf("%v: output after Reset differs", l)
		}
		for i := range x {
			if x[i] != y[i] {
				t.Fatalf("%v: decoded sample %d differs after Reset", l, i)
			}
		}
		if enc.Law() != l || dec.Law() != l {
			t.Fatalf("%v: Reset changed the law", l)
		}
		if n := testing.AllocsPerRun(10, func() { enc.Reset(); dec.Reset() }); n != 0 {
			t.Errorf("%v: Reset allocates %v times", l, n)
		}
	}
}

func TestZeroAllocs(t *testing.T) {
	pcm := testSignal(320)
	for _, l := range []Law{MuLaw, ALaw} {
		enc, _ := NewEncoder(l)
		dec, _ := NewDecoder(l)
		bbuf := make([]byte, 0, len(pcm))
		sbuf := make([]int16, 0, len(pcm))
		payload, _ := enc.AppendEncode(nil, pcm)
		if n := testing.AllocsPerRun(50, func() { sinkBytes, _ = enc.AppendEncode(bbuf[:0], pcm) }); n != 0 {
			t.Errorf("%v AppendEncode: %v allocs/run", l, n)
		}
		if n := testing.AllocsPerRun(50, func() { sinkPCM, _ = dec.AppendDecode(sbuf[:0], payload) }); n != 0 {
			t.Errorf("%v AppendDecode: %v allocs/run", l, n)
		}
	}
	if n := testing.AllocsPerRun(50, func() {
		sinkBytes = AppendEncodeMuLaw(sinkBytes[:0], pcm)
		sinkBytes = AppendEncodeALaw(sinkBytes[:0], pcm)
		sinkPCM = AppendDecodeMuLaw(sinkPCM[:0], sinkBytes)
		sinkPCM = AppendDecodeALaw(sinkPCM[:0], sinkBytes)
	}); n != 0 {
		t.Errorf("Append* helpers: %v allocs/run", n)
	}
	if n := testing.AllocsPerRun(50, func() {
		for _, s := range pcm[:64] {
			sinkByte = EncodeMuLaw(s) ^ EncodeALaw(s)
			sinkSample = DecodeMuLaw(sinkByte) ^ DecodeALaw(sinkByte)
		}
	}); n != 0 {
		t.Errorf("per-sample functions: %v allocs/run", n)
	}
}
