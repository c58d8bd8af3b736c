//go:build cref

package cref

/*
#cgo LDFLAGS: -lspandsp
#include <stdint.h>
#include <stdlib.h>
#include <tiffio.h>
#include <spandsp.h>

static int cref_ima_decode(int variant, int chunk, int16_t *amp, const uint8_t *data, int n) {
	ima_adpcm_state_t *s = ima_adpcm_init(NULL, variant, chunk);
	if (s == NULL) return -1;
	int k = ima_adpcm_decode(s, amp, data, n);
	ima_adpcm_free(s);
	return k;
}

static int cref_ima_encode(int variant, int chunk, uint8_t *data, const int16_t *amp, int n) {
	ima_adpcm_state_t *s = ima_adpcm_init(NULL, variant, chunk);
	if (s == NULL) return -1;
	int k = ima_adpcm_encode(s, data, amp, n);
	ima_adpcm_free(s);
	return k;
}
*/
import "C"

import "unsafe"

// spandsp's IMA ADPCM variants (enum in <spandsp/ima_adpcm.h>).
const (
	SpandspIMA4 = 0 // original IMA packing, low nibble first
	SpandspDVI4 = 1 // RFC 3551 DVI4, high nibble first
)

// SpandspIMADecode decodes data in one ima_adpcm_decode call on a fresh
// spandsp context (variant SpandspIMA4 or SpandspDVI4, chunkSize as for
// ima_adpcm_init) and returns the samples.
func SpandspIMADecode(variant, chunkSize int, data []byte) []int16 {
	if len(data) == 0 {
		return nil
	}
	amp := make([]int16, 2*len(data)+16)
	n := C.cref_ima_decode(C.int(variant), C.int(chunkSize), (*C.int16_t)(unsafe.Pointer(&amp[0])),
		(*C.uint8_t)(unsafe.Pointer(&data[0])), C.int(len(data)))
	if n < 0 {
		return nil
	}
	return amp[:n]
}

// SpandspIMAEncode encodes pcm in one ima_adpcm_encode call on a fresh
// spandsp context and returns the bytes.
func SpandspIMAEncode(variant, chunkSize int, pcm []int16) []byte {
	if len(pcm) == 0 {
		return nil
	}
	data := make([]byte, len(pcm)/2+16)
	n := C.cref_ima_encode(C.int(variant), C.int(chunkSize), (*C.uint8_t)(unsafe.Pointer(&data[0])),
		(*C.int16_t)(unsafe.Pointer(&pcm[0])), C.int(len(pcm)))
	if n < 0 {
		return nil
	}
	return data[:n]
}
