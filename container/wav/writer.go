package wav

import (
	"encoding/binary"
	"io"

	"github.com/toyvoice/toyvoice/codec/adpcm"
)

// unknownSize is the RIFF and data size written when the length is not
// (yet) known: readers treat it as "to the end of the input".
const unknownSize = 0xFFFFFFFF

// Writer encodes a WAV stream to an io.Writer. It allocates only when
// built. The header is written by NewWriter with RIFF and data sizes of
// 0xFFFFFFFF ("unknown length", read to end of input); when the
// destination is an io.WriteSeeker whose Seek works, Close patches the
// real sizes (and the fact chunk) in. Close does not close the
// destination.
type Writer struct {
	dst     io.Writer
	seeker  io.WriteSeeker // nil when not seekable
	start   int64          // seeker position of "RIFF"
	f       Format
	bps     int
	hdrLen  int   // header bytes before the first data byte
	factPos int   // header offset of the fact sample count, 0 if none
	data    int64 // data bytes written
	frames  int64 // frames written (fact)
	err     error // sticky
	closed  bool

	buf [bufSize]byte

	enc    *adpcm.Encoder
	encBuf []byte     // one IMA block
	tmp    [128]int16 // float -> int16 for IMA
}

// NewWriter checks f, fills in BlockAlign (and for IMA ADPCM
// SamplesPerBlock: by default 256, 512 or 1024 bytes per channel per block
// for rates up to 11025, 22050 and above, the Microsoft convention sox
// follows) and writes the header to w.
//
// The fmt chunk is 16 bytes for PCM, 18 for float and G.711, 20 for IMA
// ADPCM and 40 when f.Extensible (or a non-zero ChannelMask) selects
// WAVE_FORMAT_EXTENSIBLE. Formats other than PCM get a fact chunk.
// Errors match ErrFormat or ErrUnsupported, or are w's.
func NewWriter(w io.Writer, f Format) (*Writer, error) {
	if f.ChannelMask != 0 {
		f.Extensible = true
	}
	if f.Tag == FormatExtensible {
		return nil, newError(-1, ErrFormat, "Tag must be the sample encoding; set Extensible instead")
	}
	if f.Channels > 0 && f.Channels <= MaxChannels {
		switch f.Tag {
		case FormatIMAADPCM:
			if f.Channels > 2 {
				return nil, newError(-1, ErrUnsupported, "IMA ADPCM with more than 2 channels")
			}
			if f.BitsPerSample == 0 {
				f.BitsPerSample = 4
			}
			if f.BlockAlign == 0 && f.SamplesPerBlock != 0 {
				ba, err := adpcm.BlockAlignFor(f.SamplesPerBlock, f.Channels)
				if err != nil {
					return nil, newError(-1, ErrFormat, "IMA ADPCM samples per block: "+err.Error())
				}
				f.BlockAlign = ba
			}
			if f.BlockAlign == 0 {
				per := 1024
				if f.SampleRate <= 11025 {
					per = 256
				} else if f.SampleRate <= 22050 {
					per = 512
				}
				f.BlockAlign = per * f.Channels
			}
			if f.SamplesPerBlock == 0 {
				f.SamplesPerBlock, _ = adpcm.SamplesPerBlock(f.BlockAlign, f.Channels)
			}
		case FormatALaw, FormatMuLaw:
			if f.BitsPerSample == 0 {
				f.BitsPerSample = 8
			}
			fallthrough
		default:
			if f.BlockAlign == 0 && f.BitsPerSample > 0 && f.BitsPerSample <= 64 {
				f.BlockAlign = f.Channels * ((f.BitsPerSample + 7) / 8)
			}
		}
	}
	if err := f.check(-1); err != nil {
		return nil, err
	}
	if f.Extensible && f.ValidBits == 0 {
		f.ValidBits = f.BitsPerSample
	}
	if f.Tag == FormatPCM && f.BitsPerSample%8 != 0 {
		return nil, newError(-1, ErrUnsupported, "writing PCM whose bits per sample is not a multiple of 8")
	}
	wr := &Writer{dst: w, f: f, bps: f.bytesPerSample()}
	if f.Tag == FormatIMAADPCM {
		enc, err := adpcm.NewEncoder(f.Channels, adpcm.WithBlockAlign(f.BlockAlign))
		if err != nil {
			return nil, newError(-1, ErrUnsupported, "IMA ADPCM encoder: "+err.Error())
		}
		wr.enc = enc
		wr.encBuf = make([]byte, 0, f.BlockAlign)
	}
	if ws, ok := w.(io.WriteSeeker); ok {
		if pos, err := ws.Seek(0, io.SeekCurrent); err == nil {
			wr.seeker, wr.start = ws, pos
		}
	}
	hdr := wr.header(unknownSize, unknownSize, 0)
	if _, err := w.Write(hdr); err != nil {
		return nil, err
	}
	return wr, nil
}

// Format returns the format being written, with defaults filled in.
func (w *Writer) Format() Format { return w.f }

// header builds the header in w.buf: RIFF, fmt, fact (not for PCM), data
// chunk header.
func (w *Writer) header(riffSize, dataSize, fact uint32) []byte {
	f := &w.f
	le := binary.LittleEndian
	b := w.buf[:0]
	b = append(b, "RIFF"...)
	b = le.AppendUint32(b, riffSize)
	b = append(b, "WAVEfmt "...)
	fmtSize := 16
	switch {
	case f.Extensible:
		fmtSize = 40
	case f.Tag == FormatIMAADPCM:
		fmtSize = 20
	case f.Tag != FormatPCM:
		fmtSize = 18
	}
	b = le.AppendUint32(b, uint32(fmtSize))
	tag := f.Tag
	if f.Extensible {
		tag = FormatExtensible
	}
	b = le.AppendUint16(b, tag)
	b = le.AppendUint16(b, uint16(f.Channels))
	b = le.AppendUint32(b, uint32(f.SampleRate))
	byteRate := f.SampleRate * f.BlockAlign
	if f.Tag == FormatIMAADPCM {
		byteRate = int(int64(f.SampleRate) * int64(f.BlockAlign) / int64(f.SamplesPerBlock))
	}
	b = le.AppendUint32(b, uint32(byteRate))
	b = le.AppendUint16(b, uint16(f.BlockAlign))
	b = le.AppendUint16(b, uint16(f.BitsPerSample))
	switch fmtSize {
	case 18:
		b = le.AppendUint16(b, 0)
	case 20:
		b = le.AppendUint16(b, 2)
		b = le.AppendUint16(b, uint16(f.SamplesPerBlock))
	case 40:
		b = le.AppendUint16(b, 22)
		b = le.AppendUint16(b, uint16(f.ValidBits))
		b = le.AppendUint32(b, f.ChannelMask)
		b = le.AppendUint16(b, f.Tag)
		b = append(b, guidSuffix[:]...)
	}
	if f.Tag != FormatPCM {
		b = append(b, "fact"...)
		b = le.AppendUint32(b, 4)
		w.factPos = len(b)
		b = le.AppendUint32(b, fact)
	}
	b = append(b, "data"...)
	b = le.AppendUint32(b, dataSize)
	w.hdrLen = len(b)
	return b
}

// write sends data bytes to the destination, enforcing the RIFF size
// limit when sizes will be patched.
func (w *Writer) write(p []byte) error {
	if w.seeker != nil && w.data+int64(len(p)) > int64(unknownSize)-int64(w.hdrLen) {
		w.err = ErrTooLarge
		return w.err
	}
	n, err := w.dst.Write(p)
	w.data += int64(n)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		w.err = err
	}
	return err
}

func (w *Writer) ready(samples int) error {
	if w.err != nil {
		return w.err
	}
	if w.closed {
		return ErrClosed
	}
	if samples%w.f.Channels != 0 {
		return ErrFrames
	}
	return nil
}

// WriteInt16 encodes interleaved samples (a whole number of frames) in the
// Writer's format: widened exactly to 24/32 bits and float, rounded half
// up and clipped to 8 bits, G.711 and IMA ADPCM encoded.
func (w *Writer) WriteInt16(pcm []int16) error {
	if err := w.ready(len(pcm)); err != nil {
		return err
	}
	w.frames += int64(len(pcm) / w.f.Channels)
	if w.enc != nil {
		return w.encodeIMA(pcm)
	}
	step := len(w.buf) / w.bps
	for len(pcm) > 0 {
		k := min(len(pcm), step)
		encodeInt16(w.buf[:k*w.bps], pcm[:k], w.f.Tag, w.bps)
		if err := w.write(w.buf[:k*w.bps]); err != nil {
			return err
		}
		pcm = pcm[k:]
	}
	return nil
}

// WriteFloat32 encodes interleaved samples (a whole number of frames),
// nominally in [-1, 1): integer formats scale by 2^(bits-1), round half up
// and clip; float formats store the values unchanged.
func (w *Writer) WriteFloat32(pcm []float32) error {
	if err := w.ready(len(pcm)); err != nil {
		return err
	}
	w.frames += int64(len(pcm) / w.f.Channels)
	if w.enc != nil {
		for len(pcm) > 0 {
			k := min(len(pcm), len(w.tmp)) // len(tmp) is a multiple of 1 and 2 channels
			t := w.tmp[:k]
			for i, v := range pcm[:k] {
				t[i] = floatToInt16(float64(v))
			}
			if err := w.encodeIMA(t); err != nil {
				return err
			}
			pcm = pcm[k:]
		}
		return nil
	}
	step := len(w.buf) / w.bps
	for len(pcm) > 0 {
		k := min(len(pcm), step)
		encodeFloat32(w.buf[:k*w.bps], pcm[:k], w.f.Tag, w.bps)
		if err := w.write(w.buf[:k*w.bps]); err != nil {
			return err
		}
		pcm = pcm[k:]
	}
	return nil
}

// encodeIMA feeds the encoder at most one block of samples at a time, so
// each call emits at most one block into encBuf.
func (w *Writer) encodeIMA(pcm []int16) error {
	per := w.f.SamplesPerBlock * w.f.Channels
	for len(pcm) > 0 {
		k := min(len(pcm), per)
		out, err := w.enc.AppendEncode(w.encBuf[:0], pcm[:k])
		if err != nil {
			w.err = err
			return err
		}
		if len(out) > 0 {
			if err := w.write(out); err != nil {
				return err
			}
		}
		pcm = pcm[k:]
	}
	return nil
}

// Write writes raw data-chunk bytes, already in the Writer's format (for
// IMA ADPCM, whole blocks). Counted frames are len(p)/BlockAlign (times
// SamplesPerBlock for IMA ADPCM).
func (w *Writer) Write(p []byte) (int, error) {
	if err := w.ready(0); err != nil {
		return 0, err
	}
	before := w.data
	err := w.write(p)
	n := w.data - before
	if w.f.Tag == FormatIMAADPCM {
		w.frames += n / int64(w.f.BlockAlign) * int64(w.f.SamplesPerBlock)
	} else {
		w.frames += n / int64(w.f.BlockAlign)
	}
	return int(n), err
}

// Close ends the stream: it flushes a partial IMA ADPCM block (padded with
// the last frame; the fact chunk gives the true length), writes the pad
// byte of an odd-sized data chunk and, on a seekable destination, patches
// the RIFF, fact and data sizes and seeks back to the end. It does not
// close the destination. Closing twice is a no-op.
func (w *Writer) Close() error {
	if w.closed {
		return w.err
	}
	w.closed = true
	if w.err != nil {
		return w.err
	}
	if w.enc != nil {
		if out := w.enc.Flush(w.encBuf[:0]); len(out) > 0 {
			if err := w.write(out); err != nil {
				return err
			}
		}
	}
	pad := w.data & 1
	if pad == 1 {
		w.buf[0] = 0
		if _, err := w.dst.Write(w.buf[:1]); err != nil {
			w.err = err
			return err
		}
	}
	if w.seeker == nil {
		return nil
	}
	total := int64(w.hdrLen) + w.data + pad
	fact := uint32(w.frames)
	if w.frames > unknownSize {
		fact = unknownSize
	}
	hdr := w.header(uint32(total-8), uint32(w.data), fact)
	if err := w.patch(hdr, total); err != nil {
		w.err = err
		return err
	}
	return nil
}

// patch rewrites the header at the start and returns to the end.
func (w *Writer) patch(hdr []byte, total int64) error {
	if _, err := w.seeker.Seek(w.start, io.SeekStart); err != nil {
		return err
	}
	if _, err := w.seeker.Write(hdr); err != nil {
		return err
	}
	_, err := w.seeker.Seek(w.start+total, io.SeekStart)
	return err
}
