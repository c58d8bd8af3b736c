// Package goaudio converts between toyvoice's sample slices ([]int16,
// []float32) and the buffers of github.com/go-audio/audio (IntBuffer,
// Float32Buffer), for programs that already hold go-audio types.
//
// # Explicit bit depth
//
// An audio.IntBuffer stores samples as []int without saying how many bits
// they use; go-audio guesses from the largest positive sample and writes
// the guess into SourceBitDepth. This package never guesses: every
// IntBuffer conversion takes the bit depth (8, 16, 24 or 32, signed) as an
// argument, and a sample outside that range is an error (ErrRange), which
// also catches buffers of a different depth than the caller assumed — for
// example go-audio/wav's 8-bit samples, which are unsigned 0..255: subtract
// 128 before converting them with bit depth 8.
//
// # Scaling
//
// Integer samples of b bits map to floats by dividing by 2^(b-1), so the
// range is [-1, 1), the convention of toyvoice and container/wav (go-audio
// itself divides by 2^(b-1)-1). Narrowing to fewer bits rounds half up
// and clips; float to integer multiplies by 2^(b-1), rounds half up and
// clips; NaN becomes 0. Float32Buffer data is taken to be normalised to
// [-1, 1) (go-audio's Float32Buffer.AsIntBuffer truncates such data to
// zeros; use these functions instead).
//
// # Buffers
//
// Conversions append to caller-owned destinations — a slice (returned,
// as append does) or an audio buffer's Data field — and allocate only
// when the destination lacks capacity. Source buffers must have a Format
// with NumChannels > 0 and hold a whole number of frames; destination
// buffers' Format is left to the caller.
package goaudio

import (
	"errors"
	"math"

	"github.com/go-audio/audio"
)

// Errors, matched with errors.Is.
var (
	// ErrBitDepth reports a bit depth other than 8, 16, 24 or 32.
	ErrBitDepth = errors.New("goaudio: unsupported bit depth (want 8, 16, 24 or 32)")
	// ErrFormat reports a nil buffer, a nil Format or NumChannels <= 0.
	ErrFormat = errors.New("goaudio: buffer has no valid Format")
	// ErrFrames reports data that is not a whole number of frames.
	ErrFrames = errors.New("goaudio: sample count is not a multiple of the channel count")
	// ErrRange reports an IntBuffer sample outside the signed range of
	// the given bit depth.
	ErrRange = errors.New("goaudio: sample out of range for the bit depth")
)

func checkDepth(bitDepth int) error {
	switch bitDepth {
	case 8, 16, 24, 32:
		return nil
	}
	return ErrBitDepth
}

func checkFormat(f *audio.Format, n int) error {
	if f == nil || f.NumChannels <= 0 {
		return ErrFormat
	}
	if n%f.NumChannels != 0 {
		return ErrFrames
	}
	return nil
}

func checkInt(src *audio.IntBuffer, bitDepth int) error {
	if err := checkDepth(bitDepth); err != nil {
		return err
	}
	if src == nil {
		return ErrFormat
	}
	return checkFormat(src.Format, len(src.Data))
}

func checkFloat(src *audio.Float32Buffer) error {
	if src == nil {
		return ErrFormat
	}
	return checkFormat(src.Format, len(src.Data))
}

// grow returns dst extended by n elements (the new ones to be written).
func grow[T int | int16 | float32](dst []T, n int) ([]T, []T) {
	l := len(dst)
	if cap(dst)-l < n {
		d := make([]T, l, l+n)
		copy(d, dst)
		dst = d
	}
	dst = dst[:l+n]
	return dst, dst[l:]
}

// AppendInt16FromIntBuffer appends the samples of src, bitDepth-bit signed integers,
// to dst as int16 (16 bits: copied; 8: shifted up; 24, 32: rounded half
// up and clipped). On error dst is returned unchanged.
func AppendInt16FromIntBuffer(dst []int16, src *audio.IntBuffer, bitDepth int) ([]int16, error) {
	if err := checkInt(src, bitDepth); err != nil {
		return dst, err
	}
	lo, hi := -1<<(bitDepth-1), 1<<(bitDepth-1)-1
	for _, v := range src.Data {
		if v < lo || v > hi {
			return dst, ErrRange
		}
	}
	out, d := grow(dst, len(src.Data))
	shift := bitDepth - 16
	for i, v := range src.Data {
		switch {
		case shift < 0:
			d[i] = int16(v << -shift)
		case shift == 0:
			d[i] = int16(v)
		default:
			w := (int64(v) + 1<<(shift-1)) >> shift
			if w > math.MaxInt16 {
				w = math.MaxInt16
			}
			d[i] = int16(w)
		}
	}
	return out, nil
}

// AppendFloat32FromIntBuffer appends the samples of src, bitDepth-bit signed integers,
// to dst divided by 2^(bitDepth-1). On error dst is returned unchanged.
func AppendFloat32FromIntBuffer(dst []float32, src *audio.IntBuffer, bitDepth int) ([]float32, error) {
	if err := checkInt(src, bitDepth); err != nil {
		return dst, err
	}
	lo, hi := -1<<(bitDepth-1), 1<<(bitDepth-1)-1
	for _, v := range src.Data {
		if v < lo || v > hi {
			return dst, ErrRange
		}
	}
	out, d := grow(dst, len(src.Data))
	scale := 1 / float64(int64(1)<<(bitDepth-1))
	for i, v := range src.Data {
		d[i] = float32(float64(v) * scale)
	}
	return out, nil
}

// AppendInt16FromFloat32Buffer appends the normalised samples of src to dst as
// int16: multiplied by 32768, rounded half up, clipped. On error dst is
// returned unchanged.
func AppendInt16FromFloat32Buffer(dst []int16, src *audio.Float32Buffer) ([]int16, error) {
	if err := checkFloat(src); err != nil {
		return dst, err
	}
	out, d := grow(dst, len(src.Data))
	for i, v := range src.Data {
		d[i] = int16(floatToInt(float64(v), 16))
	}
	return out, nil
}

// AppendFloat32FromFloat32Buffer appends the samples of src to dst unchanged,
// after checking src's format.
func AppendFloat32FromFloat32Buffer(dst []float32, src *audio.Float32Buffer) ([]float32, error) {
	if err := checkFloat(src); err != nil {
		return dst, err
	}
	return append(dst, src.Data...), nil
}

// AppendInt16ToIntBuffer appends pcm to dst.Data as bitDepth-bit integers (8 bits:
// rounded half up and clipped; 24, 32: shifted up) and sets
// dst.SourceBitDepth. dst.Format is left alone.
func AppendInt16ToIntBuffer(dst *audio.IntBuffer, pcm []int16, bitDepth int) error {
	if err := checkDepth(bitDepth); err != nil {
		return err
	}
	if dst == nil {
		return ErrFormat
	}
	data, d := grow(dst.Data, len(pcm))
	shift := bitDepth - 16
	for i, v := range pcm {
		switch {
		case shift < 0:
			w := (int(v) + 1<<(-shift-1)) >> -shift
			d[i] = min(w, 127)
		default:
			d[i] = int(v) << shift
		}
	}
	dst.Data = data
	dst.SourceBitDepth = bitDepth
	return nil
}

// AppendFloat32ToIntBuffer appends pcm to dst.Data as bitDepth-bit integers: multiplied
// by 2^(bitDepth-1), rounded half up, clipped. It sets dst.SourceBitDepth;
// dst.Format is left alone.
func AppendFloat32ToIntBuffer(dst *audio.IntBuffer, pcm []float32, bitDepth int) error {
	if err := checkDepth(bitDepth); err != nil {
		return err
	}
	if dst == nil {
		return ErrFormat
	}
	data, d := grow(dst.Data, len(pcm))
	for i, v := range pcm {
		d[i] = int(floatToInt(float64(v), bitDepth))
	}
	dst.Data = data
	dst.SourceBitDepth = bitDepth
	return nil
}

// AppendFloat32ToFloat32Buffer appends pcm to dst.Data unchanged and sets
// dst.SourceBitDepth to 32. dst.Format is left alone.
func AppendFloat32ToFloat32Buffer(dst *audio.Float32Buffer, pcm []float32) error {
	if dst == nil {
		return ErrFormat
	}
	dst.Data = append(dst.Data, pcm...)
	dst.SourceBitDepth = 32
	return nil
}

// AppendInt16ToFloat32Buffer appends pcm to dst.Data divided by 32768 and sets
// dst.SourceBitDepth to 16. dst.Format is left alone.
func AppendInt16ToFloat32Buffer(dst *audio.Float32Buffer, pcm []int16) error {
	if dst == nil {
		return ErrFormat
	}
	data, d := grow(dst.Data, len(pcm))
	for i, v := range pcm {
		d[i] = float32(v) * (1.0 / 32768)
	}
	dst.Data = data
	dst.SourceBitDepth = 16
	return nil
}

// floatToInt scales x by 2^(bits-1), rounds half up and clips to the
// signed range; NaN gives 0.
func floatToInt(x float64, bits int) int64 {
	scale := float64(int64(1) << (bits - 1))
	// Not math.Floor: TinyGo 0.33 on cortex-m (soft float) returns wrong
	// results for some negative inputs; truncation and a fix-up are exact.
	z := x*scale + 0.5
	switch {
	case z >= scale:
		return int64(scale) - 1
	case z < -scale+1:
		return -int64(scale)
	case z == z:
		i := int64(z) // truncates towards zero
		if float64(i) > z {
			i--
		}
		return i
	}
	return 0
}
