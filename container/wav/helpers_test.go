package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// seekBuf is an in-memory io.WriteSeeker.
type seekBuf struct {
	b   []byte
	pos int
}

func (s *seekBuf) Write(p []byte) (int, error) {
	if s.pos > len(s.b) {
		s.b = append(s.b, make([]byte, s.pos-len(s.b))...)
	}
	n := copy(s.b[s.pos:], p)
	s.b = append(s.b, p[n:]...)
	s.pos += len(p)
	return len(p), nil
}

func (s *seekBuf) Seek(off int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		off += int64(s.pos)
	case io.SeekEnd:
		off += int64(len(s.b))
	}
	if off < 0 {
		return 0, errors.New("negative seek")
	}
	s.pos = int(off)
	return off, nil
}

// onlyWriter hides Seek.
type onlyWriter struct{ w io.Writer }

func (o onlyWriter) Write(p []byte) (int, error) { return o.w.Write(p) }

// oneByteReader returns one byte per Read, to exercise short reads.
type oneByteReader struct{ r io.Reader }

func (o *oneByteReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	return o.r.Read(p[:1])
}

// testFormats lists one Format per supported encoding.
var testFormats = []struct {
	name string
	f    Format
}{
	{"pcm8", Format{Tag: FormatPCM, Channels: 1, SampleRate: 8000, BitsPerSample: 8}},
	{"pcm16", Format{Tag: FormatPCM, Channels: 1, SampleRate: 16000, BitsPerSample: 16}},
	{"pcm16-stereo", Format{Tag: FormatPCM, Channels: 2, SampleRate: 16000, BitsPerSample: 16}},
	{"pcm24", Format{Tag: FormatPCM, Channels: 2, SampleRate: 16000, BitsPerSample: 24}},
	{"pcm32", Format{Tag: FormatPCM, Channels: 1, SampleRate: 16000, BitsPerSample: 32}},
	{"float32", Format{Tag: FormatFloat, Channels: 2, SampleRate: 16000, BitsPerSample: 32}},
	{"float64", Format{Tag: FormatFloat, Channels: 1, SampleRate: 16000, BitsPerSample: 64}},
	{"ulaw", Format{Tag: FormatMuLaw, Channels: 1, SampleRate: 8000, BitsPerSample: 8}},
	{"alaw", Format{Tag: FormatALaw, Channels: 2, SampleRate: 8000, BitsPerSample: 8}},
	{"ima-mono", Format{Tag: FormatIMAADPCM, Channels: 1, SampleRate: 16000}},
	{"ima-stereo", Format{Tag: FormatIMAADPCM, Channels: 2, SampleRate: 8000, BlockAlign: 256}},
	{"ext-pcm24-3ch", Format{Tag: FormatPCM, Channels: 3, SampleRate: 16000, BitsPerSample: 24, Extensible: true, ChannelMask: 7}},
	{"ext-pcm16-valid12", Format{Tag: FormatPCM, Channels: 1, SampleRate: 16000, BitsPerSample: 16, ValidBits: 12, Extensible: true}},
	{"ext-float", Format{Tag: FormatFloat, Channels: 1, SampleRate: 16000, BitsPerSample: 32, Extensible: true}},
	{"ext-ulaw", Format{Tag: FormatMuLaw, Channels: 1, SampleRate: 8000, BitsPerSample: 8, Extensible: true}},
	{"ext-alaw", Format{Tag: FormatALaw, Channels: 1, SampleRate: 8000, BitsPerSample: 8, Extensible: true}},
}

// signal returns frames*ch interleaved test samples, channels differing,
// including full-scale extremes.
func signal(frames, ch int) []int16 {
	s := testutil.Speech(frames, 16000)
	out := make([]int16, frames*ch)
	for i := range s {
		for c := 0; c < ch; c++ {
			v := s[i]
			if c == 1 {
				v = -v
			} else if c > 1 {
				v /= int16(c + 1)
			}
			out[i*ch+c] = v
		}
	}
	if len(out) > 4 {
		out[0], out[1], out[2] = 32767, -32768, 1
	}
	return out
}

// encodeFile writes pcm in format f, to a seekable buffer or not.
func encodeFile(t testing.TB, f Format, pcm []int16, seekable bool) []byte {
	t.Helper()
	var sb seekBuf
	var bb bytes.Buffer
	var dst io.Writer = onlyWriter{&bb}
	if seekable {
		dst = &sb
	}
	w, err := NewWriter(dst, f)
	if err != nil {
		t.Fatalf("NewWriter(%+v): %v", f, err)
	}
	if err := w.WriteInt16(pcm); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if seekable {
		return sb.b
	}
	return bb.Bytes()
}

// readAll16 reads every sample with buffers of size chunk.
func readAll16(t testing.TB, data []byte, chunk int) ([]int16, *Reader, error) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	buf := make([]int16, chunk)
	var out []int16
	for {
		n, err := r.ReadInt16(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return out, r, nil
		}
		if err != nil {
			return out, r, err
		}
	}
}

func readAllF32(t testing.TB, data []byte, chunk int) ([]float32, error) {
	t.Helper()
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	buf := make([]float32, chunk)
	var out []float32
	for {
		n, err := r.ReadFloat32(buf)
		out = append(out, buf[:n]...)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
	}
}

// chunk is one RIFF chunk for hand-built files; size overrides len(data)
// when set.
type chunk struct {
	id   string
	data []byte
	size uint32
	raw  bool // write size as given even when 0
}

// build assembles "RIFF" riff "WAVE" + chunks, padding odd chunks.
// riff < 0 computes the correct RIFF size.
func build(riff int64, chunks ...chunk) []byte {
	b := []byte("RIFF\x00\x00\x00\x00WAVE")
	for _, c := range chunks {
		b = append(b, c.id...)
		size := uint32(len(c.data))
		if c.size != 0 || c.raw {
			size = c.size
		}
		b = binary.LittleEndian.AppendUint32(b, size)
		b = append(b, c.data...)
		if len(c.data)%2 == 1 {
			b = append(b, 0)
		}
	}
	if riff < 0 {
		riff = int64(len(b) - 8)
	}
	binary.LittleEndian.PutUint32(b[4:], uint32(riff))
	return b
}

// fmtChunk builds a plain fmt chunk body.
func fmtChunk(tag uint16, ch int, rate uint32, blockAlign, bits int, extra ...byte) chunk {
	le := binary.LittleEndian
	b := le.AppendUint16(nil, tag)
	b = le.AppendUint16(b, uint16(ch))
	b = le.AppendUint32(b, rate)
	b = le.AppendUint32(b, rate*uint32(blockAlign))
	b = le.AppendUint16(b, uint16(blockAlign))
	b = le.AppendUint16(b, uint16(bits))
	b = append(b, extra...)
	return chunk{id: "fmt ", data: b}
}

func pcm16Bytes(v ...int16) []byte {
	var b []byte
	for _, x := range v {
		b = binary.LittleEndian.AppendUint16(b, uint16(x))
	}
	return b
}
