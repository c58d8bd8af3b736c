package cref

/*
#cgo LDFLAGS: -lspandsp
#include <stdint.h>
#include <stdlib.h>
#include <tiffio.h>
#include <spandsp.h>

// spandsp's G.711 routines are static inline per sample (<spandsp/g711.h>);
// these loops give cgo one call per buffer.
static void bench_ulaw_encode(uint8_t *dst, const int16_t *src, int n) {
	for (int i = 0; i < n; i++) dst[i] = linear_to_ulaw(src[i]);
}
static void bench_alaw_encode(uint8_t *dst, const int16_t *src, int n) {
	for (int i = 0; i < n; i++) dst[i] = linear_to_alaw(src[i]);
}
static void bench_ulaw_decode(int16_t *dst, const uint8_t *src, int n) {
	for (int i = 0; i < n; i++) dst[i] = ulaw_to_linear(src[i]);
}
static void bench_alaw_decode(int16_t *dst, const uint8_t *src, int n) {
	for (int i = 0; i < n; i++) dst[i] = alaw_to_linear(src[i]);
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

func i16p(s []int16) *C.int16_t { return (*C.int16_t)(unsafe.Pointer(unsafe.SliceData(s))) }
func u8p(b []byte) *C.uint8_t   { return (*C.uint8_t)(unsafe.Pointer(unsafe.SliceData(b))) }

// ULawEncode writes spandsp's linear_to_ulaw of each sample of src to dst
// (len(dst) >= len(src)).
func ULawEncode(dst []byte, src []int16) {
	if len(src) > 0 {
		C.bench_ulaw_encode(u8p(dst[:len(src)]), i16p(src), C.int(len(src)))
	}
}

// ALawEncode is ULawEncode for A-law (linear_to_alaw).
func ALawEncode(dst []byte, src []int16) {
	if len(src) > 0 {
		C.bench_alaw_encode(u8p(dst[:len(src)]), i16p(src), C.int(len(src)))
	}
}

// ULawDecode writes spandsp's ulaw_to_linear of each code of src to dst.
func ULawDecode(dst []int16, src []byte) {
	if len(src) > 0 {
		C.bench_ulaw_decode(i16p(dst[:len(src)]), u8p(src), C.int(len(src)))
	}
}

// ALawDecode is ULawDecode for A-law (alaw_to_linear).
func ALawDecode(dst []int16, src []byte) {
	if len(src) > 0 {
		C.bench_alaw_decode(i16p(dst[:len(src)]), u8p(src), C.int(len(src)))
	}
}

// spandsp's IMA ADPCM variants (<spandsp/ima_adpcm.h>).
const (
	IMA4 = C.IMA_ADPCM_IMA4 // low nibble first
	DVI4 = C.IMA_ADPCM_DVI4 // RFC 3551 DVI4, high nibble first
)

// IMA is a spandsp IMA ADPCM context (ima_adpcm.c), used either to encode
// or to decode. With DVI4 and a non-zero chunk size its stream is
// toyvoice's raw stream with the high nibble first.
type IMA struct {
	s              *C.ima_adpcm_state_t
	variant, chunk C.int
}

// NewIMA returns a spandsp IMA ADPCM context.
func NewIMA(variant, chunk int) (*IMA, error) {
	s := C.ima_adpcm_init(nil, C.int(variant), C.int(chunk))
	if s == nil {
		return nil, errors.New("cref: ima_adpcm_init failed")
	}
	return &IMA{s: s, variant: C.int(variant), chunk: C.int(chunk)}, nil
}

// Reset re-initialises the context in place (no allocation).
func (x *IMA) Reset() { C.ima_adpcm_init(x.s, x.variant, x.chunk) }

// Encode encodes pcm into dst (len(dst) >= len(pcm)/2+1) and returns the
// bytes written.
func (x *IMA) Encode(dst []byte, pcm []int16) int {
	if len(pcm) == 0 {
		return 0
	}
	return int(C.ima_adpcm_encode(x.s, u8p(dst), i16p(pcm), C.int(len(pcm))))
}

// Decode decodes data into dst (len(dst) >= 2*len(data)) and returns the
// samples written.
func (x *IMA) Decode(dst []int16, data []byte) int {
	if len(data) == 0 {
		return 0
	}
	return int(C.ima_adpcm_decode(x.s, i16p(dst), u8p(data), C.int(len(data))))
}

// Close frees the context.
func (x *IMA) Close() { C.ima_adpcm_free(x.s) }

// G722Encoder is a spandsp G.722 encoder (options 0: one codeword per
// byte, 16 kHz input).
type G722Encoder struct {
	s    *C.g722_encode_state_t
	rate C.int
}

// NewG722Encoder returns an encoder at rate bit/s (64000, 56000, 48000).
func NewG722Encoder(rate int) (*G722Encoder, error) {
	s := C.g722_encode_init(nil, C.int(rate), 0)
	if s == nil {
		return nil, errors.New("cref: g722_encode_init failed")
	}
	return &G722Encoder{s: s, rate: C.int(rate)}, nil
}

// Reset re-initialises the encoder in place.
func (e *G722Encoder) Reset() { C.g722_encode_init(e.s, e.rate, 0) }

// Encode encodes pcm into dst (len(dst) >= len(pcm)/2) and returns the
// bytes written.
func (e *G722Encoder) Encode(dst []byte, pcm []int16) int {
	if len(pcm) == 0 {
		return 0
	}
	return int(C.g722_encode(e.s, u8p(dst), i16p(pcm), C.int(len(pcm))))
}

// Close frees the encoder.
func (e *G722Encoder) Close() { C.g722_encode_free(e.s) }

// G722Decoder is a spandsp G.722 decoder (options 0).
type G722Decoder struct {
	s    *C.g722_decode_state_t
	rate C.int
}

// NewG722Decoder returns a decoder at rate bit/s.
func NewG722Decoder(rate int) (*G722Decoder, error) {
	s := C.g722_decode_init(nil, C.int(rate), 0)
	if s == nil {
		return nil, errors.New("cref: g722_decode_init failed")
	}
	return &G722Decoder{s: s, rate: C.int(rate)}, nil
}

// Reset re-initialises the decoder in place.
func (d *G722Decoder) Reset() { C.g722_decode_init(d.s, d.rate, 0) }

// Decode decodes data into dst (len(dst) >= 2*len(data)) and returns the
// samples written.
func (d *G722Decoder) Decode(dst []int16, data []byte) int {
	if len(data) == 0 {
		return 0
	}
	return int(C.g722_decode(d.s, i16p(dst), u8p(data), C.int(len(data))))
}

// Close frees the decoder.
func (d *G722Decoder) Close() { C.g722_decode_free(d.s) }
