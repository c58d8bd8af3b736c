//go:build cref

package cref

/*
#cgo LDFLAGS: -lsoxr -lspeexdsp -lsamplerate
#include <stdlib.h>
#include <soxr.h>
#include <speex/speex_resampler.h>
#include <samplerate.h>

static soxr_t cref_soxr_new(double in, double out, unsigned ch, unsigned long recipe, int f64) {
	soxr_quality_spec_t q = soxr_quality_spec(recipe, 0);
	soxr_io_spec_t io = soxr_io_spec(f64 ? SOXR_FLOAT64_I : SOXR_FLOAT32_I, f64 ? SOXR_FLOAT64_I : SOXR_FLOAT32_I);
	soxr_error_t err = NULL;
	soxr_t s = soxr_create(in, out, ch, &err, &io, &q, NULL);
	if (err) return NULL;
	return s;
}

// cref_soxr_run feeds n frames (or end of input when in is NULL) and
// returns the frames written to out (capacity olen).
static long cref_soxr_run(soxr_t s, const void *in, size_t n, void *out, size_t olen, size_t size) {
	size_t done = 0, total = 0, idone = 0;
	for (;;) {
		soxr_error_t err = soxr_process(s, in, n, &idone, (char *)out + total*size, olen - total, &done);
		if (err) return -1;
		total += done;
		if (in) { in = (const char *)in + idone*size; n -= idone; }
		if ((in && n == 0) || done == 0 || total == olen) break;
	}
	return (long)total;
}

static long cref_src_run(SRC_STATE *s, const float *in, long n, float *out, long olen, double ratio, int eoi) {
	SRC_DATA d;
	long total = 0;
	for (;;) {
		d.data_in = in; d.input_frames = n;
		d.data_out = out + total; d.output_frames = olen - total;
		d.src_ratio = ratio; d.end_of_input = eoi;
		if (src_process(s, &d)) return -1;
		total += d.output_frames_gen;
		in += d.input_frames_used; n -= d.input_frames_used;
		if ((n == 0 && !eoi) || d.output_frames_gen == 0 || total == olen) break;
	}
	return total;
}
*/
import "C"

import "unsafe"

// soxr recipes (soxr.h).
const (
	SoxrQQ  = 0
	SoxrLQ  = 1
	SoxrMQ  = 2
	SoxrHQ  = 4 // SOXR_20_BITQ
	SoxrVHQ = 6 // SOXR_28_BITQ
)

// Soxr is a libsoxr stream resampler (float32 mono or interleaved).
type Soxr struct {
	s  C.soxr_t
	ch int
}

// NewSoxr creates a libsoxr resampler with the given recipe; nil on error.
func NewSoxr(inRate, outRate float64, channels int, recipe int) *Soxr {
	s := C.cref_soxr_new(C.double(inRate), C.double(outRate), C.unsigned(channels), C.ulong(recipe), 0)
	if s == nil {
		return nil
	}
	return &Soxr{s: s, ch: channels}
}

// NewSoxr64 is NewSoxr with float64 input and output (use Process64).
func NewSoxr64(inRate, outRate float64, channels int, recipe int) *Soxr {
	s := C.cref_soxr_new(C.double(inRate), C.double(outRate), C.unsigned(channels), C.ulong(recipe), 1)
	if s == nil {
		return nil
	}
	return &Soxr{s: s, ch: channels}
}

// Process64 is Process for a resampler made by NewSoxr64.
func (x *Soxr) Process64(out, in []float64) int {
	n := len(in) / x.ch
	if n == 0 {
		return 0
	}
	k := C.cref_soxr_run(x.s, unsafe.Pointer(&in[0]), C.size_t(n), unsafe.Pointer(&out[0]), C.size_t(len(out)/x.ch), 8)
	return int(k) * x.ch
}

// Process resamples in (interleaved) into out and returns the samples
// written; in == nil ends the stream (flush).
func (x *Soxr) Process(out, in []float32) int {
	var ip unsafe.Pointer
	n := len(in) / x.ch
	if in != nil && n > 0 {
		ip = unsafe.Pointer(&in[0])
	} else if in != nil {
		return 0
	}
	k := C.cref_soxr_run(x.s, ip, C.size_t(n), unsafe.Pointer(&out[0]), C.size_t(len(out)/x.ch), 4)
	return int(k) * x.ch
}

// Delay is soxr_delay: the current delay in output samples.
func (x *Soxr) Delay() float64 { return float64(C.soxr_delay(x.s)) }

// Close frees the resampler.
func (x *Soxr) Close() { C.soxr_delete(x.s) }

// Speex is a speexdsp resampler (float32 interleaved).
type Speex struct {
	s  *C.SpeexResamplerState
	ch int
}

// NewSpeex creates a speexdsp resampler at quality 0…10; nil on error.
func NewSpeex(inRate, outRate, channels, quality int) *Speex {
	var err C.int
	s := C.speex_resampler_init(C.spx_uint32_t(channels), C.spx_uint32_t(inRate), C.spx_uint32_t(outRate), C.int(quality), &err)
	if s == nil || err != 0 {
		return nil
	}
	return &Speex{s: s, ch: channels}
}

// Process resamples all of in into out and returns the samples written.
func (x *Speex) Process(out, in []float32) int {
	total := 0
	for len(in) > 0 {
		inLen := C.spx_uint32_t(len(in) / x.ch)
		outLen := C.spx_uint32_t((len(out) - total) / x.ch)
		if inLen == 0 || outLen == 0 {
			break
		}
		C.speex_resampler_process_interleaved_float(x.s, (*C.float)(unsafe.Pointer(&in[0])), &inLen,
			(*C.float)(unsafe.Pointer(&out[total])), &outLen)
		in = in[int(inLen)*x.ch:]
		total += int(outLen) * x.ch
		if inLen == 0 && outLen == 0 {
			break
		}
	}
	return total
}

// InputLatency is speex_resampler_get_input_latency.
func (x *Speex) InputLatency() int { return int(C.speex_resampler_get_input_latency(x.s)) }

// OutputLatency is speex_resampler_get_output_latency.
func (x *Speex) OutputLatency() int { return int(C.speex_resampler_get_output_latency(x.s)) }

// Close frees the resampler.
func (x *Speex) Close() { C.speex_resampler_destroy(x.s) }

// libsamplerate converter types (samplerate.h).
const (
	SRCSincBest   = 0
	SRCSincMedium = 1
	SRCSincFast   = 2
)

// SRC is a libsamplerate stream converter (float32 interleaved).
type SRC struct {
	s     *C.SRC_STATE
	ch    int
	ratio float64
}

// NewSRC creates a libsamplerate converter; nil on error.
func NewSRC(inRate, outRate, channels, converter int) *SRC {
	var err C.int
	s := C.src_new(C.int(converter), C.int(channels), &err)
	if s == nil || err != 0 {
		return nil
	}
	return &SRC{s: s, ch: channels, ratio: float64(outRate) / float64(inRate)}
}

// Process resamples in into out and returns the samples written; end
// marks the end of the stream.
func (x *SRC) Process(out, in []float32, end bool) int {
	var ip *C.float
	if len(in) > 0 {
		ip = (*C.float)(unsafe.Pointer(&in[0]))
	}
	eoi := C.int(0)
	if end {
		eoi = 1
	}
	k := C.cref_src_run(x.s, ip, C.long(len(in)/x.ch), (*C.float)(unsafe.Pointer(&out[0])), C.long(len(out)/x.ch), C.double(x.ratio), eoi)
	return int(k) * x.ch
}

// Close frees the converter.
func (x *SRC) Close() { C.src_delete(x.s) }
