//go:build cref

package cref

/*
#cgo LDFLAGS: -lspandsp
#include <stdint.h>
#include <tiffio.h>
#include <spandsp.h>

// spandsp's per-sample G.711 routines are static inline in <spandsp/g711.h>;
// these wrappers give cgo something to call.
static uint8_t cref_linear_to_ulaw(int x) { return linear_to_ulaw(x); }
static uint8_t cref_linear_to_alaw(int x) { return linear_to_alaw(x); }
static int16_t cref_ulaw_to_linear(uint8_t c) { return ulaw_to_linear(c); }
static int16_t cref_alaw_to_linear(uint8_t c) { return alaw_to_linear(c); }

// Whole-range helpers: one cgo call per table instead of 65,536.
static void cref_g711_encode_all(uint8_t *ulaw, uint8_t *alaw) {
	for (int i = 0; i < 65536; i++) {
		int s = i - 32768;
		ulaw[i] = linear_to_ulaw(s);
		alaw[i] = linear_to_alaw(s);
	}
}
*/
import "C"

import "unsafe"

// SpandspLinearToULaw is spandsp's linear_to_ulaw.
func SpandspLinearToULaw(s int16) byte { return byte(C.cref_linear_to_ulaw(C.int(s))) }

// SpandspLinearToALaw is spandsp's linear_to_alaw.
func SpandspLinearToALaw(s int16) byte { return byte(C.cref_linear_to_alaw(C.int(s))) }

// SpandspULawToLinear is spandsp's ulaw_to_linear.
func SpandspULawToLinear(c byte) int16 { return int16(C.cref_ulaw_to_linear(C.uint8_t(c))) }

// SpandspALawToLinear is spandsp's alaw_to_linear.
func SpandspALawToLinear(c byte) int16 { return int16(C.cref_alaw_to_linear(C.uint8_t(c))) }

// SpandspG711EncodeAll returns spandsp's µ-law and A-law codes for every
// 16-bit input; index i holds the code of sample int16(i-32768).
func SpandspG711EncodeAll() (ulaw, alaw *[65536]byte) {
	ulaw, alaw = new([65536]byte), new([65536]byte)
	C.cref_g711_encode_all((*C.uint8_t)(unsafe.Pointer(&ulaw[0])), (*C.uint8_t)(unsafe.Pointer(&alaw[0])))
	return ulaw, alaw
}
