package cref

/*
#cgo LDFLAGS: -lsoxr -lspeexdsp -lsamplerate
#include <stdlib.h>
#include <soxr.h>
#include <speex/speex_resampler.h>
#include <samplerate.h>

static soxr_t bench_soxr_new(double in, double out, unsigned ch, unsigned long recipe) {
	soxr_quality_spec_t q = soxr_quality_spec(recipe, 0);
	soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
	soxr_runtime_spec_t rt = soxr_runtime_spec(1); // one thread: we time one core
	soxr_error_t err = NULL;
	soxr_t s = soxr_create(in, out, ch, &err, &io, &q, &rt);
	if (err) return NULL;
	return s;
}

// bench_soxr_run feeds n frames and returns the frames written to out
// (capacity olen), or -1.
static long bench_soxr_run(soxr_t s, const float *in, size_t n, float *out, size_t olen, unsigned ch) {
	size_t total = 0;
	for (;;) {
		size_t idone = 0, odone = 0;
		if (soxr_process(s, in, n, &idone, out + total*ch, olen - total, &odone)) return -1;
		total += odone;
		in += idone*ch; n -= idone;
		if ((n == 0 && odone == 0) || total == olen) break;
	}
	return (long)total;
}

// bench_speex_run resamples all n frames of in (or until out is full)
// and returns the frames written.
static long bench_speex_run(SpeexResamplerState *s, const float *in, spx_uint32_t n, float *out, spx_uint32_t olen, unsigned ch) {
	long total = 0;
	while (n > 0 && olen > 0) {
		spx_uint32_t il = n, ol = olen;
		speex_resampler_process_interleaved_float(s, in, &il, out, &ol);
		if (il == 0 && ol == 0) break;
		in += il*ch; n -= il;
		out += ol*ch; olen -= ol; total += ol;
	}
	return total;
}

static long bench_src_run(SRC_STATE *s, const float *in, long n, float *out, long olen, double ratio, int ch) {
	SRC_DATA d;
	long total = 0;
	for (;;) {
		d.data_in = in; d.input_frames = n;
		d.data_out = out + total*ch; d.output_frames = olen - total;
		d.src_ratio = ratio; d.end_of_input = 0;
		if (src_process(s, &d)) return -1;
		total += d.output_frames_gen;
		in += d.input_frames_used*ch; n -= d.input_frames_used;
		if ((n == 0 && d.output_frames_gen == 0) || total == olen) break;
	}
	return total;
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

func f32p(s []float32) *C.float { return (*C.float)(unsafe.Pointer(unsafe.SliceData(s))) }

// libsoxr quality recipes (<soxr.h>).
const (
	SoxrQQ  = C.SOXR_QQ
	SoxrLQ  = C.SOXR_LQ
	SoxrMQ  = C.SOXR_MQ
	SoxrHQ  = C.SOXR_HQ
	SoxrVHQ = C.SOXR_VHQ
)

// Soxr is a libsoxr stream resampler, float32 interleaved, one thread.
type Soxr struct {
	s  C.soxr_t
	ch int
}

// NewSoxr returns a libsoxr resampler with the given recipe.
func NewSoxr(inRate, outRate, channels, recipe int) (*Soxr, error) {
	s := C.bench_soxr_new(C.double(inRate), C.double(outRate), C.unsigned(channels), C.ulong(recipe))
	if s == nil {
		return nil, errors.New("cref: soxr_create failed")
	}
	return &Soxr{s: s, ch: channels}, nil
}

// Process resamples in into out and returns the samples written (not
// flushed: the filter's tail stays inside).
func (x *Soxr) Process(out, in []float32) int {
	n := len(in) / x.ch
	if n == 0 {
		return 0
	}
	k := C.bench_soxr_run(x.s, f32p(in), C.size_t(n), f32p(out), C.size_t(len(out)/x.ch), C.unsigned(x.ch))
	if k < 0 {
		return 0
	}
	return int(k) * x.ch
}

// Reset is soxr_clear: a fresh stream with the same configuration.
func (x *Soxr) Reset() { C.soxr_clear(x.s) }

// Close frees the resampler.
func (x *Soxr) Close() { C.soxr_delete(x.s) }

// Speex is a speexdsp resampler, float32 interleaved.
type Speex struct {
	s  *C.SpeexResamplerState
	ch int
}

// NewSpeex returns a speexdsp resampler at quality 0…10.
func NewSpeex(inRate, outRate, channels, quality int) (*Speex, error) {
	var err C.int
	s := C.speex_resampler_init(C.spx_uint32_t(channels), C.spx_uint32_t(inRate), C.spx_uint32_t(outRate), C.int(quality), &err)
	if s == nil || err != 0 {
		return nil, errors.New("cref: speex_resampler_init failed")
	}
	return &Speex{s: s, ch: channels}, nil
}

// Process resamples all of in into out and returns the samples written.
func (x *Speex) Process(out, in []float32) int {
	n := len(in) / x.ch
	if n == 0 || len(out) < x.ch {
		return 0
	}
	k := C.bench_speex_run(x.s, f32p(in), C.spx_uint32_t(n), f32p(out), C.spx_uint32_t(len(out)/x.ch), C.unsigned(x.ch))
	return int(k) * x.ch
}

// Reset is speex_resampler_reset_mem.
func (x *Speex) Reset() { C.speex_resampler_reset_mem(x.s) }

// Close frees the resampler.
func (x *Speex) Close() { C.speex_resampler_destroy(x.s) }

// libsamplerate converters (<samplerate.h>).
const (
	SRCSincBest   = C.SRC_SINC_BEST_QUALITY
	SRCSincMedium = C.SRC_SINC_MEDIUM_QUALITY
	SRCSincFast   = C.SRC_SINC_FASTEST
)

// SRC is a libsamplerate stream converter, float32 interleaved.
type SRC struct {
	s     *C.SRC_STATE
	ch    int
	ratio float64
}

// NewSRC returns a libsamplerate converter.
func NewSRC(inRate, outRate, channels, converter int) (*SRC, error) {
	var err C.int
	s := C.src_new(C.int(converter), C.int(channels), &err)
	if s == nil || err != 0 {
		return nil, errors.New("cref: src_new failed")
	}
	return &SRC{s: s, ch: channels, ratio: float64(outRate) / float64(inRate)}, nil
}

// Process resamples in into out and returns the samples written.
func (x *SRC) Process(out, in []float32) int {
	n := len(in) / x.ch
	if n == 0 {
		return 0
	}
	k := C.bench_src_run(x.s, f32p(in), C.long(n), f32p(out), C.long(len(out)/x.ch), C.double(x.ratio), C.int(x.ch))
	if k < 0 {
		return 0
	}
	return int(k) * x.ch
}

// Reset is src_reset.
func (x *SRC) Reset() { C.src_reset(x.s) }

// Close frees the converter.
func (x *SRC) Close() { C.src_delete(x.s) }
