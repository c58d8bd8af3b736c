//go:build cref

package cref

/*
#cgo LDFLAGS: -lspandsp
#include <stdint.h>
#include <stdlib.h>
#include <tiffio.h>
#include <spandsp.h>

static int cref_g722_encode(int rate, uint8_t *data, const int16_t *amp, int n) {
	g722_encode_state_t *s = g722_encode_init(NULL, rate, 0);
	if (s == NULL) return -1;
	int k = g722_encode(s, data, amp, n);
	g722_encode_free(s);
	return k;
}

static int cref_g722_decode(int rate, int16_t *amp, const uint8_t *data, int n) {
	g722_decode_state_t *s = g722_decode_init(NULL, rate, 0);
	if (s == NULL) return -1;
	int k = g722_decode(s, amp, data, n);
	g722_decode_free(s);
	return k;
}

static g722_encode_state_t *cref_g722_enc_new(int rate) { return g722_encode_init(NULL, rate, 0); }
static g722_decode_state_t *cref_g722_dec_new(int rate) { return g722_decode_init(NULL, rate, 0); }
*/
import "C"

import "unsafe"

// spandsp's G.722 (g722.c) is run with options 0: G722_PACKED off (one
// codeword per byte) and G722_SAMPLE_RATE_8000 off (16 kHz PCM). In that
// mode each byte holds the codeword right-aligned: at 64 kbit/s IH<<6|IL,
// at 56 kbit/s (IH<<6|IL)>>1, at 48 kbit/s (IH<<6|IL)>>2.

// SpandspG722Encode encodes pcm (16 kHz) in one g722_encode call on a
// fresh context at rate bit/s (64000, 56000, 48000) and returns the bytes.
func SpandspG722Encode(rate int, pcm []int16) []byte {
	if len(pcm) == 0 {
		return nil
	}
	data := make([]byte, len(pcm)/2+16)
	n := C.cref_g722_encode(C.int(rate), (*C.uint8_t)(unsafe.Pointer(&data[0])),
		(*C.int16_t)(unsafe.Pointer(&pcm[0])), C.int(len(pcm)))
	if n < 0 {
		return nil
	}
	return data[:n]
}

// SpandspG722Decode decodes data in one g722_decode call on a fresh
// context at rate bit/s and returns the 16 kHz samples.
func SpandspG722Decode(rate int, data []byte) []int16 {
	if len(data) == 0 {
		return nil
	}
	amp := make([]int16, 2*len(data)+16)
	n := C.cref_g722_decode(C.int(rate), (*C.int16_t)(unsafe.Pointer(&amp[0])),
		(*C.uint8_t)(unsafe.Pointer(&data[0])), C.int(len(data)))
	if n < 0 {
		return nil
	}
	return amp[:n]
}

// SpandspG722Encoder is a persistent spandsp encoder, for benchmarks.
// Free must be called.
type SpandspG722Encoder struct{ s *C.g722_encode_state_t }

// NewSpandspG722Encoder returns an encoder at rate bit/s, or nil.
func NewSpandspG722Encoder(rate int) *SpandspG722Encoder {
	s := C.cref_g722_enc_new(C.int(rate))
	if s == nil {
		return nil
	}
	return &SpandspG722Encoder{s}
}

// Encode encodes pcm into data (len(data) >= len(pcm)/2) and returns the
// bytes written.
func (e *SpandspG722Encoder) Encode(data []byte, pcm []int16) int {
	return int(C.g722_encode(e.s, (*C.uint8_t)(unsafe.Pointer(&data[0])),
		(*C.int16_t)(unsafe.Pointer(&pcm[0])), C.int(len(pcm))))
}

// Free releases the context.
func (e *SpandspG722Encoder) Free() { C.g722_encode_free(e.s) }

// SpandspG722Decoder is a persistent spandsp decoder, for benchmarks.
// Free must be called.
type SpandspG722Decoder struct{ s *C.g722_decode_state_t }

// NewSpandspG722Decoder returns a decoder at rate bit/s, or nil.
func NewSpandspG722Decoder(rate int) *SpandspG722Decoder {
	s := C.cref_g722_dec_new(C.int(rate))
	if s == nil {
		return nil
	}
	return &SpandspG722Decoder{s}
}

// Decode decodes data into amp (len(amp) >= 2*len(data)) and returns the
// samples written.
func (d *SpandspG722Decoder) Decode(amp []int16, data []byte) int {
	return int(C.g722_decode(d.s, (*C.int16_t)(unsafe.Pointer(&amp[0])),
		(*C.uint8_t)(unsafe.Pointer(&data[0])), C.int(len(data))))
}

// Free releases the context.
func (d *SpandspG722Decoder) Free() { C.g722_decode_free(d.s) }
