package cref

/*
#cgo LDFLAGS: -lebur128
#include <stdlib.h>
#include <ebur128.h>
*/
import "C"

import (
	"errors"
	"math"
)

// Ebur128 is a libebur128 meter in modes I | LRA | TRUE_PEAK (integrated
// loudness, loudness range, true peak), libebur128's default channel map.
type Ebur128 struct {
	st             *C.ebur128_state
	rate, channels int
}

// NewEbur128 returns a libebur128 meter.
func NewEbur128(rate, channels int) (*Ebur128, error) {
	e := &Ebur128{rate: rate, channels: channels}
	if err := e.init(); err != nil {
		return nil, err
	}
	return e, nil
}

func (e *Ebur128) init() error {
	e.st = C.ebur128_init(C.uint(e.channels), C.ulong(e.rate),
		C.EBUR128_MODE_I|C.EBUR128_MODE_LRA|C.EBUR128_MODE_TRUE_PEAK)
	if e.st == nil {
		return errors.New("cref: ebur128_init failed")
	}
	return nil
}

// Reset starts a new measurement. libebur128 has no reset, so this
// destroys and re-creates the state (a few C allocations).
func (e *Ebur128) Reset() {
	e.Close()
	if err := e.init(); err != nil {
		panic(err)
	}
}

// AddFloat32 adds interleaved samples (ebur128_add_frames_float).
func (e *Ebur128) AddFloat32(pcm []float32) {
	if n := len(pcm) / e.channels; n > 0 {
		C.ebur128_add_frames_float(e.st, f32p(pcm), C.size_t(n))
	}
}

// Integrated is ebur128_loudness_global, LUFS.
func (e *Ebur128) Integrated() float64 {
	var v C.double
	C.ebur128_loudness_global(e.st, &v)
	return float64(v)
}

// Range is ebur128_loudness_range, LU.
func (e *Ebur128) Range() float64 {
	var v C.double
	C.ebur128_loudness_range(e.st, &v)
	return float64(v)
}

// TruePeak is the largest ebur128_true_peak over the channels, dBTP.
func (e *Ebur128) TruePeak() float64 {
	m := 0.0
	for c := 0; c < e.channels; c++ {
		var v C.double
		C.ebur128_true_peak(e.st, C.uint(c), &v)
		m = max(m, float64(v))
	}
	return 20 * math.Log10(m)
}

// Close frees the state.
func (e *Ebur128) Close() {
	if e.st != nil {
		C.ebur128_destroy(&e.st)
		e.st = nil
	}
}
