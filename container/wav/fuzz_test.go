//go:build !tinygo

package wav

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// FuzzReader reads arbitrary input with two buffer sizes and both sample
// types. It must never panic or hang, must fail only with the documented
// errors, must not decode more samples than the input can hold, and the
// buffer size must not change the samples or the error.
func FuzzReader(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "malformed", "*.wav"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, tc := range testFormats {
		f.Add(encodeFile(f, tc.f, signal(40, tc.f.Channels), true))
		f.Add(encodeFile(f, tc.f, signal(17, tc.f.Channels), false))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, errA := readFuzz(data, 1)
		b, errB := readFuzz(data, 333)
		if !equal16(a, b) {
			t.Fatalf("buffer size changed output: %s", diff16(a, b))
		}
		if (errA == nil) != (errB == nil) || errA != nil && errA.Error() != errB.Error() {
			t.Fatalf("buffer size changed error: %v vs %v", errA, errB)
		}
		// IMA ADPCM gives at most 2 samples per byte plus a padded block.
		if len(a) > 2*len(data)+2 {
			t.Fatalf("%d samples from %d bytes", len(a), len(data))
		}
		if errA != nil {
			var e *Error
			if !errors.As(errA, &e) {
				t.Fatalf("error %v is %T, not *wav.Error", errA, errA)
			}
			switch e.Err {
			case ErrNotWAV, ErrFormat, ErrUnsupported, ErrTruncated, ErrCorrupt:
			default:
				t.Fatalf("unexpected sentinel in %v", errA)
			}
		}
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		// Float reads give the same count; raw reads never exceed the input.
		fl := make([]float32, 97)
		n := 0
		for {
			k, err := r.ReadFloat32(fl)
			n += k
			if err != nil {
				break
			}
		}
		if n != len(a) {
			t.Fatalf("ReadFloat32 gave %d samples, ReadInt16 %d", n, len(a))
		}
		r.Reset(bytes.NewReader(data))
		raw, _ := io.ReadAll(r)
		if len(raw) > len(data) {
			t.Fatalf("%d raw bytes from %d", len(raw), len(data))
		}
	})
}

func readFuzz(data []byte, chunk int) ([]int16, error) {
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	f := r.Format()
	if f.Channels <= 0 || f.BlockAlign <= 0 || f.SampleRate <= 0 || r.Frames() < -1 {
		return nil, errors.New("accepted an invalid format")
	}
	buf := make([]int16, chunk)
	var out []int16
	for {
		n, err := r.ReadInt16(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}
