//go:build cref

package cref

/*
#cgo LDFLAGS: -lebur128
#include <stdlib.h>
#include <ebur128.h>
*/
import "C"

import (
	"errors"
	"unsafe"
)

// Ebur128 wraps a libebur128 state measuring integrated loudness, loudness
// range, sample and true peak (modes I | LRA | TRUE_PEAK).
type Ebur128 struct {
	st       *C.ebur128_state
	channels int
}

// NewEbur128 returns a libebur128 meter. Channel maps are libebur128's
// defaults (L, R, C, LFE, Ls, Rs); mono counts as one front channel.
func NewEbur128(rate, channels int) (*Ebur128, error) {
	st := C.ebur128_init(C.uint(channels), C.ulong(rate),
		C.EBUR128_MODE_I|C.EBUR128_MODE_LRA|C.EBUR128_MODE_TRUE_PEAK|C.EBUR128_MODE_S)
	if st == nil {
		return nil, errors.New("cref: ebur128_init failed")
	}
	return &Ebur128{st: st, channels: channels}, nil
}

// Close frees the C state.
func (e *Ebur128) Close() {
	if e.st != nil {
		C.ebur128_destroy(&e.st)
		e.st = nil
	}
}

// AddFloat32 adds interleaved float samples.
func (e *Ebur128) AddFloat32(pcm []float32) {
	if n := len(pcm) / e.channels; n > 0 {
		C.ebur128_add_frames_float(e.st, (*C.float)(unsafe.Pointer(&pcm[0])), C.size_t(n))
	}
}

// AddInt16 adds interleaved 16-bit samples.
func (e *Ebur128) AddInt16(pcm []int16) {
	if n := len(pcm) / e.channels; n > 0 {
		C.ebur128_add_frames_short(e.st, (*C.short)(unsafe.Pointer(&pcm[0])), C.size_t(n))
	}
}

// Integrated returns ebur128_loudness_global (LUFS).
func (e *Ebur128) Integrated() float64 {
	var v C.double
	C.ebur128_loudness_global(e.st, &v)
	return float64(v)
}

// Range returns ebur128_loudness_range (LU).
func (e *Ebur128) Range() float64 {
	var v C.double
	C.ebur128_loudness_range(e.st, &v)
	return float64(v)
}

// TruePeak returns the largest ebur128_true_peak over the channels (linear).
func (e *Ebur128) TruePeak() float64 {
	var m float64
	for c := 0; c < e.channels; c++ {
		var v C.double
		C.ebur128_true_peak(e.st, C.uint(c), &v)
		m = max(m, float64(v))
	}
	return m
}

// SamplePeak returns the largest ebur128_sample_peak over the channels (linear).
func (e *Ebur128) SamplePeak() float64 {
	var m float64
	for c := 0; c < e.channels; c++ {
		var v C.double
		C.ebur128_sample_peak(e.st, C.uint(c), &v)
		m = max(m, float64(v))
	}
	return m
}
