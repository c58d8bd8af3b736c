//go:build !tinygo

package g711

import "testing"

// TestEncodeTables checks the table-driven and the computed slice encoders
// (the latter is what TinyGo runs) against the per-sample functions for
// every 16-bit input, in one slice.
func TestEncodeTables(t *testing.T) {
	pcm := make([]int16, 65536)
	for i := range pcm {
		pcm[i] = int16(i - 32768)
	}
	defer func(v bool) { useEncodeTables = v }(useEncodeTables)
	for _, tables := range []bool{true, false} {
		useEncodeTables = tables
		mu := AppendEncodeMuLaw(nil, pcm)
		al := AppendEncodeALaw(nil, pcm)
		for i, s := range pcm {
			if mu[i] != EncodeMuLaw(s) || al[i] != EncodeALaw(s) {
				t.Fatalf("tables=%v: input %d: slice µ-law %#02x A-law %#02x, per-sample %#02x %#02x",
					tables, s, mu[i], al[i], EncodeMuLaw(s), EncodeALaw(s))
			}
		}
		if n := testing.AllocsPerRun(20, func() { sinkBytes = AppendEncodeMuLaw(mu[:0], pcm[:320]) }); n != 0 {
			t.Errorf("tables=%v: AppendEncodeMuLaw allocates %v times", tables, n)
		}
	}
}

// BenchmarkEncodeComputed is BenchmarkEncode without the tables: the loop
// TinyGo builds run, for comparison.
func BenchmarkEncodeComputed(b *testing.B) {
	defer func(v bool) { useEncodeTables = v }(useEncodeTables)
	useEncodeTables = false
	BenchmarkEncode(b)
}
