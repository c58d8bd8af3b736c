//go:build !tinygo

package g711

import "sync"

// Encoding tables for the slice encoders (gc builds). Each entry is the
// per-sample encoder's code for the inputs sharing that index, so the
// tables cannot disagree with EncodeMuLaw and EncodeALaw; the tests check
// every input both ways anyway. They live in zeroed memory (20 KiB) and are
// filled on first use (~50 µs), so importing the package costs nothing.

// useEncodeTables lets tests turn the tables off to exercise the computed
// loops, which are the ones TinyGo builds run.
var useEncodeTables = true

var (
	encodeTablesOnce sync.Once
	muLawEncode      [1 << 14]byte // index uint16(s)>>2: the 14-bit sample
	aLawEncode       [1 << 12]byte // index uint16(s)>>4
)

func buildEncodeTables() {
	for i := range muLawEncode {
		muLawEncode[i] = EncodeMuLaw(int16(uint16(i) << 2))
	}
	for i := range aLawEncode {
		aLawEncode[i] = EncodeALaw(int16(uint16(i) << 4))
	}
}

func muLawEncodeTable() *[1 << 14]byte {
	if !useEncodeTables {
		return nil
	}
	encodeTablesOnce.Do(buildEncodeTables)
	return &muLawEncode
}

func aLawEncodeTable() *[1 << 12]byte {
	if !useEncodeTables {
		return nil
	}
	encodeTablesOnce.Do(buildEncodeTables)
	return &aLawEncode
}
