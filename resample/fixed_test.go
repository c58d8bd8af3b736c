package resample

import (
	"runtime"
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
		// Largest first: TinyGo's Cortex-M heap (tens of KB) fragments.
		{8000, 16000, VeryHigh, 0x5fcee9bc, 0x67602511},
		{16000, 8000, Quick, 0x72ba6632, 0x3a5de4b6},
		{8000, 16000, Quick, 0x9a88445e, 0x37752561},
		{48000, 16000, Medium, 0x471da813, 0x2fe7cc0b},
		{16000, 24000, Medium, 0xa48cb6f0, 0x45612ca7},
		{24000, 16000, High, 0x847f12f7, 0xc2276ff5},
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
		cs := crcIEEE(buf)
		out = f.FlushInt16(f.AppendInt16(out[:0], in))
		buf = buf[:0]
		for _, v := range out {
			buf = append(buf, byte(v), byte(uint16(v)>>8))
		}
		os := crcIEEE(buf)
		if cs != g.coefs || os != g.output {
			t.Errorf("%d→%d %v: coefficient crc %#08x, output crc %#08x; want %#08x, %#08x",
				g.in, g.out, g.q, cs, os, g.coefs, g.output)
		}
		// TinyGo's conservative collector on a 64 KB Cortex-M: drop
		// this resampler before building the next.
		f = nil
		runtime.GC()
	}
}

// crcIEEE is hash/crc32's ChecksumIEEE computed bit by bit: no 8 KB
// table to allocate on TinyGo's small Cortex-M heap.
func crcIEEE(b []byte) uint32 {
	c := ^uint32(0)
	for _, v := range b {
		c ^= uint32(v)
		for k := 0; k < 8; k++ {
			if c&1 != 0 {
				c = c>>1 ^ 0xedb88320
			} else {
				c >>= 1
			}
		}
	}
	return ^c
}
