package wav

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strconv"
	"testing"

	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/codec/g711"
)

// expect16 is what reading pcm back from format f must give, computed
// independently of the package's conversion code where possible.
func expect16(t *testing.T, f Format, pcm []int16, frames int) []int16 {
	t.Helper()
	out := make([]int16, len(pcm))
	switch {
	case f.Tag == FormatPCM && f.BitsPerSample == 8:
		for i, v := range pcm {
			q := (int(v) + 128) >> 8 // floor(v/256 + 1/2)
			if q > 127 {
				q = 127
			}
			out[i] = int16(q * 256)
		}
	case f.Tag == FormatMuLaw:
		for i, v := range pcm {
			out[i] = g711.DecodeMuLaw(g711.EncodeMuLaw(v))
		}
	case f.Tag == FormatALaw:
		for i, v := range pcm {
			out[i] = g711.DecodeALaw(g711.EncodeALaw(v))
		}
	case f.Tag == FormatIMAADPCM:
		enc, err := adpcm.NewEncoder(f.Channels, adpcm.WithBlockAlign(f.BlockAlign))
		if err != nil {
			t.Fatal(err)
		}
		dec, _ := adpcm.NewDecoder(f.Channels, adpcm.WithBlockAlign(f.BlockAlign))
		b, _ := enc.AppendEncode(nil, pcm)
		b = enc.Flush(b)
		out, err = dec.AppendDecode(nil, b)
		if err != nil {
			t.Fatal(err)
		}
		out = out[:len(pcm)]
	default: // PCM 16/24/32 and float are lossless for int16
		copy(out, pcm)
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range testFormats {
		for _, seekable := range []bool{true, false} {
			name := tc.name + "/nonseekable"
			if seekable {
				name = tc.name + "/seekable"
			}
			run(t, name, func(t *testing.T) {
				frames := testFrames // not a whole number of IMA blocks
				pcm := signal(frames, tc.f.Channels)
				data := encodeFile(t, tc.f, pcm, seekable)
				w, _ := NewWriter(io.Discard, tc.f)
				wf := w.Format()
				got, r, err := readAll16(t, data, 512)
				if err != nil {
					t.Fatal(err)
				}
				rf := r.Format()
				if rf != wf {
					t.Errorf("format read %+v, written %+v", rf, wf)
				}
				want := expect16(t, wf, pcm, frames)
				if seekable {
					if r.Frames() != int64(frames) {
						t.Errorf("Frames() = %d, want %d", r.Frames(), frames)
					}
				} else {
					if r.Frames() != -1 {
						t.Errorf("non-seekable Frames() = %d, want -1", r.Frames())
					}
					if wf.Tag == FormatIMAADPCM {
						// Without a fact count the padded last block is read.
						if len(got) < len(want) || len(got) > len(want)+wf.SamplesPerBlock*wf.Channels {
							t.Fatalf("got %d samples, want %d (+ padding)", len(got), len(want))
						}
						got = got[:len(want)]
					}
				}
				if !equal16(got, want) {
					t.Errorf("samples differ: %s", diff16(got, want))
				}
			})
		}
	}
}

func TestRoundTripFloat(t *testing.T) {
	in := []float32{0, 0.5, -0.5, 1, -1, 0.999, -0.999999, 1.5, -2, 1e-9, float32(math.NaN()), 0.25}
	for _, tc := range testFormats {
		f := tc.f
		if f.Tag == FormatIMAADPCM {
			continue // steps this large are not representable; see TestFloatMatchesInt16
		}
		run(t, tc.name, func(t *testing.T) {
			n := len(in) / f.Channels * f.Channels
			var buf seekBuf
			w, err := NewWriter(&buf, f)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.WriteFloat32(in[:n]); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got, err := readAllF32(t, buf.b, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != n {
				t.Fatalf("got %d samples, want %d", len(got), n)
			}
			for i, x := range in[:n] {
				want := x
				if f.Tag != FormatFloat {
					// integer storage: clipped to [-1, 1), NaN to 0
					if x != x {
						want = 0
					}
					top := 32767.0 / 32768
					if f.Tag == FormatPCM {
						top = 1 - math.Ldexp(1, 1-f.BitsPerSample)
					}
					want = max(-1, min(want, float32(top)))
				}
				tol := map[uint16]float64{FormatPCM: math.Ldexp(1, 1-f.BitsPerSample), FormatFloat: 0,
					FormatMuLaw: 0.04, FormatALaw: 0.04, FormatIMAADPCM: 0.5}[f.Tag]
				if f.Tag == FormatFloat && x != x {
					if got[i] == got[i] {
						t.Errorf("sample %d: NaN became %v", i, got[i])
					}
					continue
				}
				if d := math.Abs(float64(got[i] - want)); d > tol {
					t.Errorf("sample %d: wrote %v, read %v (want %v ± %g)", i, x, got[i], want, tol)
				}
			}
		})
	}
}

// TestFloatMatchesInt16 checks ReadFloat32 against ReadInt16 for formats
// whose samples fit 16 bits, and WriteFloat32 against WriteInt16 for
// values on the int16 grid.
func TestFloatMatchesInt16(t *testing.T) {
	for _, tc := range testFormats {
		run(t, tc.name, func(t *testing.T) {
			pcm := signal(testFrames, tc.f.Channels)
			data := encodeFile(t, tc.f, pcm, true)
			i16, _, err := readAll16(t, data, 64)
			if err != nil {
				t.Fatal(err)
			}
			f32, err := readAllF32(t, data, 64)
			if err != nil || len(f32) != len(i16) {
				t.Fatalf("ReadFloat32: %v, %d vs %d samples", err, len(f32), len(i16))
			}
			narrow := tc.f.BitsPerSample <= 16 || tc.f.Tag == FormatFloat
			for i := range i16 {
				if narrow && f32[i]*32768 != float32(i16[i]) {
					t.Fatalf("sample %d: float %v, int16 %d", i, f32[i], i16[i])
				}
				if !narrow && floatToInt16(float64(f32[i])) != i16[i] {
					t.Fatalf("sample %d: float %v rounds to %d, int16 %d", i, f32[i], floatToInt16(float64(f32[i])), i16[i])
				}
			}
			fl := make([]float32, len(pcm))
			for i, v := range pcm {
				fl[i] = float32(v) / 32768
			}
			var sb seekBuf
			w, _ := NewWriter(&sb, tc.f)
			if err := w.WriteFloat32(fl); err != nil {
				t.Fatal(err)
			}
			w.Close()
			if !bytes.Equal(sb.b, data) {
				t.Errorf("WriteFloat32 of int16-grid values differs from WriteInt16")
			}
		})
	}
}

// TestConversionGolden pins the documented rounding and clipping.
func TestConversionGolden(t *testing.T) {
	cases := []struct {
		f    float64
		want int16
	}{
		{0, 0}, {1, 32767}, {-1, -32768}, {2, 32767}, {-2, -32768},
		{0.5 / 32768, 1}, {-0.5 / 32768, 0}, {1.5 / 32768, 2}, {-1.5 / 32768, -1},
		{math.NaN(), 0}, {math.Inf(1), 32767}, {math.Inf(-1), -32768},
	}
	for _, c := range cases {
		if got := floatToInt16(c.f); got != c.want {
			t.Errorf("floatToInt16(%v) = %d, want %d", c.f, got, c.want)
		}
	}
	n24 := []struct {
		in   int32
		want int16
	}{{0, 0}, {0x7F, 0}, {0x80, 1}, {-0x80, 0}, {-0x81, -1}, {0x7FFFFF, 32767}, {-0x800000, -32768}, {0x7FFF80, 32767}}
	for _, c := range n24 {
		if got := narrow24(c.in); got != c.want {
			t.Errorf("narrow24(%#x) = %d, want %d", c.in, got, c.want)
		}
	}
	n32 := []struct {
		in   int32
		want int16
	}{{0, 0}, {0x8000, 1}, {0x7FFF, 0}, {math.MaxInt32, 32767}, {math.MinInt32, -32768}, {-0x8000, 0}, {-0x8001, -1}}
	for _, c := range n32 {
		if got := narrow32(c.in); got != c.want {
			t.Errorf("narrow32(%#x) = %d, want %d", c.in, got, c.want)
		}
	}
}

// TestHeaderGolden pins the bytes NewWriter and Close produce.
func TestHeaderGolden(t *testing.T) {
	var sb seekBuf
	w, err := NewWriter(&sb, Format{Tag: FormatPCM, Channels: 1, SampleRate: 16000, BitsPerSample: 16})
	if err != nil {
		t.Fatal(err)
	}
	w.WriteInt16([]int16{1, -2})
	w.Close()
	want := "RIFF\x28\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x80\x3e\x00\x00\x00\x7d\x00\x00\x02\x00\x10\x00data\x04\x00\x00\x00\x01\x00\xfe\xff"
	if string(sb.b) != want {
		t.Errorf("seekable file\n got %q\nwant %q", sb.b, want)
	}
	var bb bytes.Buffer
	w, _ = NewWriter(onlyWriter{&bb}, Format{Tag: FormatMuLaw, Channels: 1, SampleRate: 8000})
	w.WriteInt16([]int16{0})
	w.Close()
	want = "RIFF\xff\xff\xff\xffWAVEfmt \x12\x00\x00\x00\x07\x00\x01\x00\x40\x1f\x00\x00\x40\x1f\x00\x00\x01\x00\x08\x00\x00\x00fact\x04\x00\x00\x00\x00\x00\x00\x00data\xff\xff\xff\xff\xff\x00"
	if bb.String() != want {
		t.Errorf("streamed µ-law file\n got %q\nwant %q", bb.Bytes(), want)
	}
}

// TestChunking checks that buffer sizes and short source reads never
// change what is decoded.
func TestChunking(t *testing.T) {
	for _, tc := range testFormats {
		run(t, tc.name, func(t *testing.T) {
			data := encodeFile(t, tc.f, signal(testFrames/2, tc.f.Channels), true)
			ref, _, err := readAll16(t, data, len(data)+8)
			if err != nil {
				t.Fatal(err)
			}
			refF, _ := readAllF32(t, data, len(data)+8)
			for _, n := range []int{1, 7, bigChunk} {
				got, _, err := readAll16(t, data, n)
				if err != nil || !equal16(got, ref) {
					t.Errorf("ReadInt16 with %d-sample buffers: err %v, %s", n, err, diff16(got, ref))
				}
				gotF, err := readAllF32(t, data, n)
				if err != nil || len(gotF) != len(refF) {
					t.Errorf("ReadFloat32 with %d-sample buffers: err %v, %d vs %d samples", n, err, len(gotF), len(refF))
				}
				for i := range gotF {
					if gotF[i] != refF[i] && i < len(refF) {
						t.Errorf("ReadFloat32 chunk %d differs at %d", n, i)
						break
					}
				}
			}
			// A source returning one byte per Read.
			r, err := NewReader(&oneByteReader{bytes.NewReader(data)})
			if err != nil {
				t.Fatal(err)
			}
			got := make([]int16, len(ref)+10)
			n, err := r.ReadInt16(got)
			if err != io.EOF || !equal16(got[:n], ref) {
				t.Errorf("one-byte source: err %v, %s", err, diff16(got[:n], ref))
			}
			// Writes split into single frames produce the same file.
			pcm := signal(testFrames/2, tc.f.Channels)
			var sb seekBuf
			w, _ := NewWriter(&sb, tc.f)
			for i := 0; i < len(pcm); i += tc.f.Channels {
				if err := w.WriteInt16(pcm[i : i+tc.f.Channels]); err != nil {
					t.Fatal(err)
				}
			}
			w.Close()
			if !bytes.Equal(sb.b, data) {
				t.Errorf("frame-by-frame writes produced a different file")
			}
		})
	}
}

func TestRawReadWrite(t *testing.T) {
	f := Format{Tag: FormatPCM, Channels: 1, SampleRate: 8000, BitsPerSample: 8}
	var sb seekBuf
	w, _ := NewWriter(&sb, f)
	if n, err := w.Write([]byte{1, 2, 3}); n != 3 || err != nil {
		t.Fatal(n, err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if len(sb.b)%2 != 0 || sb.b[len(sb.b)-1] != 0 {
		t.Errorf("odd data chunk not padded: % x", sb.b)
	}
	r, err := NewReader(bytes.NewReader(sb.b))
	if err != nil {
		t.Fatal(err)
	}
	if r.Frames() != 3 {
		t.Errorf("Frames = %d", r.Frames())
	}
	got, err := io.ReadAll(r)
	if err != nil || string(got) != "\x01\x02\x03" {
		t.Errorf("Read: %q %v", got, err)
	}
	if err := w.WriteInt16([]int16{1}); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: %v", err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestWriterErrors(t *testing.T) {
	bad := []struct {
		f    Format
		want error
	}{
		{Format{Tag: FormatPCM, Channels: 0, SampleRate: 8000, BitsPerSample: 16}, ErrFormat},
		{Format{Tag: FormatPCM, Channels: 1, SampleRate: 0, BitsPerSample: 16}, ErrFormat},
		{Format{Tag: FormatPCM, Channels: 1, SampleRate: 8000, BitsPerSample: 0}, ErrFormat},
		{Format{Tag: FormatPCM, Channels: 1, SampleRate: 8000, BitsPerSample: 12}, ErrUnsupported},
		{Format{Tag: FormatPCM, Channels: 1, SampleRate: 8000, BitsPerSample: 16, BlockAlign: 3}, ErrFormat},
		{Format{Tag: FormatFloat, Channels: 1, SampleRate: 8000, BitsPerSample: 16}, ErrUnsupported},
		{Format{Tag: 0x55, Channels: 1, SampleRate: 8000, BitsPerSample: 16}, ErrUnsupported},
		{Format{Tag: FormatExtensible, Channels: 1, SampleRate: 8000, BitsPerSample: 16}, ErrFormat},
		{Format{Tag: FormatIMAADPCM, Channels: 3, SampleRate: 8000}, ErrUnsupported},
		{Format{Tag: FormatIMAADPCM, Channels: 1, SampleRate: 8000, BlockAlign: 6}, ErrFormat},
		{Format{Tag: FormatIMAADPCM, Channels: 1, SampleRate: 8000, SamplesPerBlock: 10}, ErrFormat},
		{Format{Tag: FormatIMAADPCM, Channels: 1, SampleRate: 8000, Extensible: true}, ErrUnsupported},
		{Format{Tag: FormatPCM, Channels: 1, SampleRate: 8000, BitsPerSample: 16, ValidBits: 20, Extensible: true}, ErrFormat},
	}
	for _, c := range bad {
		if _, err := NewWriter(io.Discard, c.f); !errors.Is(err, c.want) {
			t.Errorf("NewWriter(%+v) = %v, want %v", c.f, err, c.want)
		}
	}
	w, _ := NewWriter(io.Discard, Format{Tag: FormatPCM, Channels: 2, SampleRate: 8000, BitsPerSample: 16})
	if err := w.WriteInt16([]int16{1, 2, 3}); !errors.Is(err, ErrFrames) {
		t.Errorf("odd sample count: %v", err)
	}
	if err := w.WriteFloat32([]float32{1}); !errors.Is(err, ErrFrames) {
		t.Errorf("odd sample count: %v", err)
	}
}

// TestReaderReset reuses one Reader for several files.
func TestReaderReset(t *testing.T) {
	r := new(Reader)
	for _, tc := range testFormats {
		pcm := signal(testFrames, tc.f.Channels)
		data := encodeFile(t, tc.f, pcm, true)
		if err := r.Reset(bytes.NewReader(data)); err != nil {
			t.Fatal(tc.name, err)
		}
		got := make([]int16, len(pcm)+1)
		n, err := r.ReadInt16(got)
		ref, _, _ := readAll16(t, data, 100)
		if err != io.EOF || !equal16(got[:n], ref) {
			t.Errorf("%s after Reset: %v %s", tc.name, err, diff16(got[:n], ref))
		}
	}
}

func equal16(a, b []int16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func diff16(got, want []int16) string {
	if len(got) != len(want) {
		return "length " + strconv.FormatInt(int64(len(got)), 10) + ", want " + strconv.FormatInt(int64(len(want)), 10)
	}
	for i := range got {
		if got[i] != want[i] {
			return "sample " + strconv.FormatInt(int64(i), 10) + ": " + strconv.FormatInt(int64(got[i]), 10) + ", want " + strconv.FormatInt(int64(want[i]), 10)
		}
	}
	return "equal"
}
