//go:build cref

// Package cref wraps libopus (Debian's libopus-dev) with cgo for the
// cross-check tests and benchmarks of package opus. It is test-only and
// built only with the build tag cref, so the opus module never needs a C
// compiler.
package cref

/*
#cgo pkg-config: opus
#include <stdlib.h>
#include <opus.h>

static OpusEncoder *cref_enc_new(int rate, int ch, int app, int *err) {
	return opus_encoder_create(rate, ch, app, err);
}
static int cref_enc_ctl(OpusEncoder *e, int bitrate, int vbr, int cvbr, int complexity, int dtx, int fec, int loss, int frameDur) {
	int r;
	if ((r = opus_encoder_ctl(e, OPUS_SET_BITRATE(bitrate))) != OPUS_OK) return r;
	if ((r = opus_encoder_ctl(e, OPUS_SET_VBR(vbr))) != OPUS_OK) return r;
	if ((r = opus_encoder_ctl(e, OPUS_SET_VBR_CONSTRAINT(cvbr))) != OPUS_OK) return r;
	if ((r = opus_encoder_ctl(e, OPUS_SET_COMPLEXITY(complexity))) != OPUS_OK) return r;
	if ((r = opus_encoder_ctl(e, OPUS_SET_DTX(dtx))) != OPUS_OK) return r;
	if ((r = opus_encoder_ctl(e, OPUS_SET_INBAND_FEC(fec))) != OPUS_OK) return r;
	if ((r = opus_encoder_ctl(e, OPUS_SET_PACKET_LOSS_PERC(loss))) != OPUS_OK) return r;
	return OPUS_OK;
}
static int cref_enc_lookahead(OpusEncoder *e) {
	opus_int32 v = 0;
	opus_encoder_ctl(e, OPUS_GET_LOOKAHEAD(&v));
	return v;
}
static int cref_enc_complexity(OpusEncoder *e) {
	opus_int32 v = 0;
	opus_encoder_ctl(e, OPUS_GET_COMPLEXITY(&v));
	return v;
}
static int cref_enc_reset(OpusEncoder *e) { return opus_encoder_ctl(e, OPUS_RESET_STATE); }
static int cref_dec_reset(OpusDecoder *d) { return opus_decoder_ctl(d, OPUS_RESET_STATE); }
static OpusDecoder *cref_dec_new(int rate, int ch, int *err) { return opus_decoder_create(rate, ch, err); }
*/
import "C"

import (
	"errors"
	"runtime"
	"unsafe"
)

// Application values of libopus.
const (
	AppVoIP     = int(C.OPUS_APPLICATION_VOIP)
	AppAudio    = int(C.OPUS_APPLICATION_AUDIO)
	AppLowDelay = int(C.OPUS_APPLICATION_RESTRICTED_LOWDELAY)
)

// Version returns libopus's version string, e.g. "libopus 1.3.1".
func Version() string { return C.GoString(C.opus_get_version_string()) }

// EncoderConfig mirrors the options of package opus.
type EncoderConfig struct {
	Rate, Channels, App int
	Bitrate             int
	VBR, Constrained    bool
	Complexity          int
	DTX                 bool
	FECLoss             int // 0: off
	FrameSize           int // samples per channel
}

// Encoder is a libopus encoder.
type Encoder struct {
	e   *C.OpusEncoder
	cfg EncoderConfig
	out []byte
}

func b2i(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// NewEncoder creates a libopus encoder; Free releases it (a finalizer does
// too).
func NewEncoder(c EncoderConfig) (*Encoder, error) {
	var cerr C.int
	e := C.cref_enc_new(C.int(c.Rate), C.int(c.Channels), C.int(c.App), &cerr)
	if cerr != C.OPUS_OK || e == nil {
		return nil, errors.New(C.GoString(C.opus_strerror(cerr)))
	}
	fec := 0
	if c.FECLoss > 0 {
		fec = 1
	}
	if r := C.cref_enc_ctl(e, C.int(c.Bitrate), b2i(c.VBR), b2i(c.Constrained), C.int(c.Complexity),
		b2i(c.DTX), C.int(fec), C.int(c.FECLoss), 0); r != C.OPUS_OK {
		C.opus_encoder_destroy(e)
		return nil, errors.New(C.GoString(C.opus_strerror(r)))
	}
	enc := &Encoder{e: e, cfg: c, out: make([]byte, 4000)}
	runtime.SetFinalizer(enc, (*Encoder).Free)
	return enc, nil
}

// Free releases the C encoder.
func (e *Encoder) Free() {
	if e.e != nil {
		C.opus_encoder_destroy(e.e)
		e.e = nil
	}
}

// Lookahead returns OPUS_GET_LOOKAHEAD.
func (e *Encoder) Lookahead() int { return int(C.cref_enc_lookahead(e.e)) }

// Complexity returns OPUS_GET_COMPLEXITY.
func (e *Encoder) Complexity() int { return int(C.cref_enc_complexity(e.e)) }

// Reset runs OPUS_RESET_STATE.
func (e *Encoder) Reset() { C.cref_enc_reset(e.e) }

// Encode encodes one frame (FrameSize*Channels samples) with opus_encode
// and returns the packet, which aliases an internal buffer valid until the
// next call. maxBytes bounds the packet as opus_encode's max_data_bytes.
func (e *Encoder) Encode(pcm []int16, maxBytes int) ([]byte, error) {
	n := C.opus_encode(e.e, (*C.opus_int16)(unsafe.Pointer(&pcm[0])), C.int(len(pcm)/e.cfg.Channels),
		(*C.uchar)(unsafe.Pointer(&e.out[0])), C.opus_int32(maxBytes))
	if n < 0 {
		return nil, errors.New(C.GoString(C.opus_strerror(n)))
	}
	return e.out[:n], nil
}

// Decoder is a libopus decoder.
type Decoder struct {
	d   *C.OpusDecoder
	ch  int
	out []int16
}

// NewDecoder creates a libopus decoder.
func NewDecoder(rate, channels int) (*Decoder, error) {
	var cerr C.int
	d := C.cref_dec_new(C.int(rate), C.int(channels), &cerr)
	if cerr != C.OPUS_OK || d == nil {
		return nil, errors.New(C.GoString(C.opus_strerror(cerr)))
	}
	dec := &Decoder{d: d, ch: channels, out: make([]int16, 5760*channels*rate/48000)}
	runtime.SetFinalizer(dec, (*Decoder).Free)
	return dec, nil
}

// Free releases the C decoder.
func (d *Decoder) Free() {
	if d.d != nil {
		C.opus_decoder_destroy(d.d)
		d.d = nil
	}
}

// Reset runs OPUS_RESET_STATE.
func (d *Decoder) Reset() { C.cref_dec_reset(d.d) }

// Decode decodes packet with opus_decode (packet nil: concealment of
// frameSize samples; fec: decode_fec=1) and returns the interleaved
// samples, which alias an internal buffer valid until the next call.
func (d *Decoder) Decode(packet []byte, frameSize int, fec bool) ([]int16, error) {
	var p *C.uchar
	if len(packet) > 0 {
		p = (*C.uchar)(unsafe.Pointer(&packet[0]))
	}
	if frameSize*d.ch > len(d.out) {
		frameSize = len(d.out) / d.ch
	}
	n := C.opus_decode(d.d, p, C.opus_int32(len(packet)), (*C.opus_int16)(unsafe.Pointer(&d.out[0])),
		C.int(frameSize), b2i(fec))
	if n < 0 {
		return nil, errors.New(C.GoString(C.opus_strerror(n)))
	}
	return d.out[:int(n)*d.ch], nil
}
