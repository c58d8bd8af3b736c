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
	{8000, 10, 0, 0x3b3462a7},
	{8000, 10, 1, 0x5082dce6},
	{8000, 10, 2, 0x5082dce6},
	{8000, 10, 3, 0x77c1023d},
	{16000, 10, 0, 0x06ba157e},
	{16000, 10, 1, 0xc31f520a},
	{16000, 10, 2, 0x86d02aa5},
	{16000, 10, 3, 0xdb889061},
	{16000, 30, 1, 0x31c21ba2},
	{32000, 20, 1, 0xc792293b},
	{48000, 10, 1, 0xc238960b},
	{48000, 30, 3, 0xeaa38145},
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
