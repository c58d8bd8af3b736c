//go:build cref

package g711

import (
	"testing"

	"github.com/toyvoice/toyvoice/internal/cref"
)

// TestSpandsp compares every 16-bit input with spandsp 0.0.6
// (linear_to_ulaw/linear_to_alaw of <spandsp/g711.h>) and every code with
// its expanders.
//
// We match the ITU-T G.191 reference (ulaw_compress/alaw_compress) bit for
// bit: truncation to 14/13 bits and the one's complement of negative
// samples, which makes the quantiser symmetric about -½, the centre of the
// 16-bit range (G.191's history records the move from two's to one's
// complement as a bug fix). spandsp does the same for A-law, so:
//
//   - A-law: identical to spandsp on all 65,536 inputs.
//   - µ-law: spandsp takes the two's-complement magnitude of negative
//     samples (132 - s). It differs from us on exactly 127 inputs: s = -4·x
//     for each of the 127 inner decision values x = 1, 3, …, 31, 35, …, 7903
//     (14-bit) of Table 2/G.711. There spandsp gives the code of -s, one
//     level further from zero, while G.191 treats s like the positive
//     -s-1, just below the decision value.
//   - Decoding: identical for all 256 codes of both laws.
func TestSpandsp(t *testing.T) {
	const wantMuDiff = 127
	ulaw, alaw := cref.SpandspG711EncodeAll()
	muDiff := 0
	for i := 0; i < 65536; i++ {
		s := int16(i - 32768)
		if got, want := EncodeALaw(s), alaw[i]; got != want {
			t.Errorf("EncodeALaw(%d) = %#02x, spandsp %#02x", s, got, want)
		}
		got, sp := EncodeMuLaw(s), ulaw[i]
		if got == sp {
			continue
		}
		muDiff++
		// The only allowed kind of difference: a negative multiple of 4
		// where spandsp encodes the magnitude -s, one level up.
		onDecision := s > -32768 && s%4 == 0 && EncodeMuLaw(-s) != EncodeMuLaw(-s-4)
		if s >= 0 || !onDecision || sp != EncodeMuLaw(-s)^0x80 || sp != got-1 {
			t.Errorf("EncodeMuLaw(%d) = %#02x, spandsp %#02x: unexpected kind of difference", s, got, sp)
		}
		if cref.SpandspLinearToULaw(s) != sp {
			t.Fatalf("spandsp per-sample and whole-range wrappers disagree at %d", s)
		}
	}
	if muDiff != wantMuDiff {
		t.Errorf("µ-law differs from spandsp on %d inputs, want %d", muDiff, wantMuDiff)
	}
	t.Logf("µ-law: %d of 65536 inputs differ from spandsp; A-law: 0", muDiff)
	for c := 0; c < 256; c++ {
		b := byte(c)
		if got, want := DecodeMuLaw(b), cref.SpandspULawToLinear(b); got != want {
			t.Errorf("DecodeMuLaw(%#02x) = %d, spandsp %d", b, got, want)
		}
		if got, want := DecodeALaw(b), cref.SpandspALawToLinear(b); got != want {
			t.Errorf("DecodeALaw(%#02x) = %d, spandsp %d", b, got, want)
		}
	}
	if EncodeALaw(1000) != cref.SpandspLinearToALaw(1000) {
		t.Errorf("spandsp per-sample A-law wrapper disagrees")
	}
}
