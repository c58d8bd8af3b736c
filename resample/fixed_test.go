package resample

import (
	"hash/crc32"
	"testing"
)

// fixedInput is a deterministic integer-only test signal (a sawtooth sweep
// plus LCG noise), identical on every platform without floating point.
func fixedInput(n int) []int16 {
	x := make([]int16, n)
	var seed uint32 = 12345
	var ph, inc uint32 = 0, 1 << 22
	for i := range x {
		ph += inc
		inc += 1 << 12
		seed = seed*1664525 + 1013904223
		v := int32(ph>>17) - 16384 + int32(seed>>20) - 2048
		x[i] = int16(v)
	}
	return x
}

// TestFixedGolden checks the fixed-point output (and coefficient tables)
// against checksums computed on amd64: they must be bit-identical on every
// platform — arm64 (FMA), GOARM=5 and mips (softfloat), wasm, TinyGo.
func TestFixedGolden(t *testing.T) {
	golden := []struct {
		in, out int
		q       Quality
		coefs   uint32
		output  uint32
	}{
		{16000, 8000, Quick, 0x72ba6632, 0x3a5de4b6},
		{8000, 16000, Quick, 0x9a88445e, 0x37752561},
		{48000, 16000, Medium, 0x471da813, 0x2fe7cc0b},
		{16000, 24000, Medium, 0xa48cb6f0, 0x45612ca7},
		{24000, 16000, High, 0x847f12f7, 0xc2276ff5},
		{8000, 16000, VeryHigh, 0x5fcee9bc, 0x67602511},
	}
	in := fixedInput(400)
	buf := make([]byte, 0, 4096)
	out := make([]int16, 0, 2048)
	for _, g := range golden {
		f, err := NewFixed(g.in, g.out, 1, g.q)
		if err != nil {
			t.Fatal(err)
		}
		buf = buf[:0]
		for _, c := range f.c15 {
			buf = append(buf, byte(c), byte(uint16(c)>>8))
		}
		for _, c := range f.c31 {
			buf = append(buf, byte(c), byte(c>>8), byte(c>>16), byte(c>>24))
		}
		cs := crc32.ChecksumIEEE(buf)
		out = f.FlushInt16(f.AppendInt16(out[:0], in))
		buf = buf[:0]
		for _, v := range out {
			buf = append(buf, byte(v), byte(uint16(v)>>8))
		}
		os := crc32.ChecksumIEEE(buf)
		if cs != g.coefs || os != g.output {
			t.Errorf("%d→%d %v: coefficient crc %#08x, output crc %#08x; want %#08x, %#08x",
				g.in, g.out, g.q, cs, os, g.coefs, g.output)
		}
	}
}
