package main

/*
#cgo pkg-config: opus
#include <opus.h>

static OpusEncoder *bench_opus_enc(int rate, int ch, int app, int bitrate, int complexity) {
	int err = 0;
	OpusEncoder *e = opus_encoder_create(rate, ch, app, &err);
	if (err != OPUS_OK) return NULL;
	opus_encoder_ctl(e, OPUS_SET_BITRATE(bitrate));
	opus_encoder_ctl(e, OPUS_SET_COMPLEXITY(complexity));
	opus_encoder_ctl(e, OPUS_SET_VBR(1));
	opus_encoder_ctl(e, OPUS_SET_VBR_CONSTRAINT(1));
	return e;
}
static void bench_opus_enc_reset(OpusEncoder *e) { opus_encoder_ctl(e, OPUS_RESET_STATE); }
static void bench_opus_dec_reset(OpusDecoder *d) { opus_decoder_ctl(d, OPUS_RESET_STATE); }
*/
import "C"

import (
	"errors"
	"unsafe"
)

// libopus applications (<opus_defines.h>).
const (
	appVoIP  = C.OPUS_APPLICATION_VOIP
	appAudio = C.OPUS_APPLICATION_AUDIO
)

// libopusEncoder is a libopus encoder, constrained VBR.
type libopusEncoder struct {
	e  *C.OpusEncoder
	ch int
}

func newLibopusEncoder(rate, ch, app, bitrate, complexity int) (*libopusEncoder, error) {
	e := C.bench_opus_enc(C.int(rate), C.int(ch), C.int(app), C.int(bitrate), C.int(complexity))
	if e == nil {
		return nil, errors.New("opus_encoder_create failed")
	}
	return &libopusEncoder{e: e, ch: ch}, nil
}

// encode encodes one frame into dst and returns the packet length.
func (x *libopusEncoder) encode(dst []byte, pcm []int16) int {
	n := C.opus_encode(x.e, (*C.opus_int16)(unsafe.Pointer(&pcm[0])), C.int(len(pcm)/x.ch),
		(*C.uchar)(unsafe.Pointer(&dst[0])), C.opus_int32(len(dst)))
	if n < 0 {
		return 0
	}
	return int(n)
}

func (x *libopusEncoder) reset() { C.bench_opus_enc_reset(x.e) }
func (x *libopusEncoder) close() { C.opus_encoder_destroy(x.e) }

// libopusDecoder is a libopus decoder.
type libopusDecoder struct {
	d  *C.OpusDecoder
	ch int
}

func newLibopusDecoder(rate, ch int) (*libopusDecoder, error) {
	var err C.int
	d := C.opus_decoder_create(C.opus_int32(rate), C.int(ch), &err)
	if err != C.OPUS_OK {
		return nil, errors.New("opus_decoder_create failed")
	}
	return &libopusDecoder{d: d, ch: ch}, nil
}

// decode decodes one packet into dst and returns the samples written.
func (x *libopusDecoder) decode(dst []int16, pkt []byte) int {
	n := C.opus_decode(x.d, (*C.uchar)(unsafe.Pointer(&pkt[0])), C.opus_int32(len(pkt)),
		(*C.opus_int16)(unsafe.Pointer(&dst[0])), C.int(len(dst)/x.ch), 0)
	if n < 0 {
		return 0
	}
	return int(n) * x.ch
}

func (x *libopusDecoder) reset() { C.bench_opus_dec_reset(x.d) }
func (x *libopusDecoder) close() { C.opus_decoder_destroy(x.d) }

func libopusVersion() string { return C.GoString(C.opus_get_version_string()) }
