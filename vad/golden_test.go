package vad

import (
	"fmt"
	"testing"
)

// golden holds FNV-1a hashes of decision sequences over the integer test
// signal (250 frames of 10 ms; 80 of 30 ms). The detector is integer-only,
// so they are the same on every platform (GOARM=5, mips, wasm, TinyGo);
// any change to the algorithm changes them: update deliberately, and rerun
// the evaluation (eval/vad).
var golden = []struct {
	rate, frameMs, mode int
	hash                uint32
}{
	{8000, 10, 0, 0x90531622},
	{8000, 10, 1, 0x30d0d75b},
	{8000, 10, 2, 0x239f58e4},
	{8000, 10, 3, 0xf0481dd3},
	{16000, 10, 0, 0xe63a7cc5},
	{16000, 10, 1, 0x90531622},
	{16000, 10, 2, 0x90531622},
	{16000, 10, 3, 0x30d0d75b},
	{16000, 30, 1, 0xb48a5ad3},
	{32000, 20, 1, 0x0df29b79},
	{48000, 10, 1, 0x90531622},
	{48000, 30, 3, 0xb6d4e5b8},
}

func TestGolden(t *testing.T) {
	for _, g := range golden {
		d, err := newT(g.rate, WithFrame(g.frameMs), WithAggressiveness(g.mode))
		if err != nil {
			t.Fatal(err)
		}
		dec := decide(t, d, newSig(g.rate, defaultPlan), 2500/g.frameMs)
		h := uint32(2166136261)
		s := make([]byte, len(dec))
		for i, v := range dec {
			s[i] = '0'
			if v {
				s[i] = '1'
			}
			h = (h ^ uint32(s[i])) * 16777619
		}
		if h != g.hash {
			t.Errorf("{%d, %d, %d, %#08x}, // got; want %#08x\n%s", g.rate, g.frameMs, g.mode, h, g.hash, s)
		}
	}
	_ = fmt.Sprint
}
