package wav

import (
	"encoding/binary"
	"errors"
	"io"
	"strconv"

	"github.com/toyvoice/toyvoice/codec"
	"github.com/toyvoice/toyvoice/codec/adpcm"
)

// bufSize is the Reader's and Writer's fixed byte buffer.
const bufSize = 1024

// maxFmtRead is how much of a fmt chunk is parsed; the rest is skipped.
// WAVE_FORMAT_EXTENSIBLE, the largest fmt we understand, is 40 bytes.
const maxFmtRead = 40

// Reader decodes a WAV stream from an io.Reader, without seeking. It
// allocates only when built (a fixed 1 KiB buffer; for IMA ADPCM, block
// buffers that grow with the bytes actually read up to one block).
type Reader struct {
	src    io.Reader
	f      Format
	bps    int   // bytes per sample (0 for IMA ADPCM)
	off    int64 // bytes consumed from src
	remain int64 // data bytes not yet taken from src; -1: read to end of input
	frames int64 // Frames(), -1 unknown
	err    error // sticky error from src (io.EOF at the end of data)

	buf    [bufSize]byte
	r0, r1 int // unread bytes are buf[r0:r1]

	// IMA ADPCM
	dec        *adpcm.Decoder
	decAlign   int
	decCh      int
	dataStart  int64
	block      []byte
	pcm        []int16
	pcmPos     int
	samplesOut int64 // samples still to deliver per Frames, -1 if unknown
}

// NewReader reads the RIFF header and the chunks up to the data chunk, so
// that Format and Frames are known, and returns a Reader positioned at the
// first sample.
//
// Chunks other than fmt, fact, ds64 and data (LIST, cue, bext, ...) are
// skipped by reading past them, pad byte included. Declared sizes are
// never used to allocate: a fmt chunk is parsed from its first 40 bytes
// and the rest skipped. The RIFF size is not trusted (streams and
// truncated files get it wrong); a data chunk whose size is 0 or
// 0xFFFFFFFF extends to the end of the input. RF64 and BW64 files (EBU
// Tech 3306) are accepted, with the data size taken from the ds64 chunk.
func NewReader(r io.Reader) (*Reader, error) {
	rd := new(Reader)
	if err := rd.Reset(r); err != nil {
		return nil, err
	}
	return rd, nil
}

// Reset makes rd read a new stream from r, reusing its buffers, and reads
// the new stream's header as NewReader does.
func (rd *Reader) Reset(r io.Reader) error {
	// Field by field: a composite literal would build a 1 KiB temporary
	// on the stack, too much for small TinyGo stacks.
	rd.src, rd.f, rd.bps, rd.off = r, Format{}, 0, 0
	rd.remain, rd.frames, rd.samplesOut, rd.err = -1, -1, -1, nil
	rd.r0, rd.r1 = 0, 0
	rd.dataStart = 0
	rd.block, rd.pcm, rd.pcmPos = rd.block[:0], rd.pcm[:0], 0
	err := rd.readHeader()
	if err != nil {
		rd.err = err
	}
	return err
}

// Format returns the stream's format.
func (rd *Reader) Format() Format { return rd.f }

// Frames returns the number of frames (samples per channel) the data chunk
// declares, or -1 when the size is unknown (0 or 0xFFFFFFFF). A truncated
// file holds fewer. For IMA ADPCM a fact chunk, when present, gives the
// count (it excludes the padding of the last block).
func (rd *Reader) Frames() int64 { return rd.frames }

// readFull reads len(p) header bytes, reporting ErrTruncated with what
// was being read.
func (rd *Reader) readFull(p []byte, what string) error {
	n, err := io.ReadFull(rd.src, p)
	rd.off += int64(n)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return newError(rd.off, ErrTruncated, "input ends inside "+what)
	}
	return err
}

// skip discards n header bytes.
func (rd *Reader) skip(n int64, what string) error {
	for n > 0 {
		k := int64(len(rd.buf))
		if n < k {
			k = n
		}
		if err := rd.readFull(rd.buf[:k], what); err != nil {
			if e, ok := err.(*Error); ok {
				e.Reason = what + " claims more bytes than the input holds"
			}
			return err
		}
		n -= k
	}
	return nil
}

// readHeader parses RIFF/RF64 and the chunks before data (Microsoft
// "Multimedia Programming Interface and Data Specifications 1.0", section 3
// "Waveform Audio File Format"; EBU Tech 3306 for RF64).
func (rd *Reader) readHeader() error {
	h := rd.buf[:12] // header reads go through rd.buf: local arrays would escape
	n, err := io.ReadFull(rd.src, h)
	rd.off += int64(n)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return err
	}
	var rf64 bool
	switch string(h[:4]) {
	case "RIFF":
	case "RF64", "BW64":
		rf64 = true
	default:
		if n < 4 && n > 0 && (string(h[:n]) == "RIFF"[:n] || string(h[:n]) == "RF64"[:n]) {
			return newError(rd.off, ErrTruncated, "input ends inside RIFF header")
		}
		return newError(0, ErrNotWAV, "no RIFF header")
	}
	if n < 12 {
		return newError(rd.off, ErrTruncated, "input ends inside RIFF header")
	}
	if string(h[8:12]) != "WAVE" {
		return newError(8, ErrNotWAV, "RIFF form type is not WAVE")
	}

	var (
		haveFmt  bool
		fact     int64 = -1
		ds64Data int64 = -1
	)
	ch := rd.buf[8:16]
	for {
		chunkOff := rd.off
		if err := rd.readFull(ch, "chunk header"); err != nil {
			if rd.off == chunkOff {
				return newError(rd.off, ErrTruncated, "input ends before the data chunk")
			}
			return err
		}
		size := int64(binary.LittleEndian.Uint32(ch[4:]))
		switch string(ch[:4]) {
		case "fmt ":
			if haveFmt {
				return newError(chunkOff, ErrFormat, "second fmt chunk")
			}
			haveFmt = true
			if err := rd.readFmt(size, chunkOff); err != nil {
				return err
			}
		case "fact":
			if size >= 4 {
				b := rd.buf[:4]
				if err := rd.readFull(b, "fact chunk"); err != nil {
					return err
				}
				fact = int64(binary.LittleEndian.Uint32(b))
				if err := rd.skip(size-4+size&1, "fact chunk"); err != nil {
					return err
				}
			} else if err := rd.skip(size+size&1, "fact chunk"); err != nil {
				return err
			}
		case "ds64":
			if !rf64 || size < 24 {
				if err := rd.skip(size+size&1, "ds64 chunk"); err != nil {
					return err
				}
				break
			}
			b := rd.buf[:24]
			if err := rd.readFull(b, "ds64 chunk"); err != nil {
				return err
			}
			ds64Data = int64(binary.LittleEndian.Uint64(b[8:]))
			if err := rd.skip(size-24+size&1, "ds64 chunk"); err != nil {
				return err
			}
		case "data":
			if !haveFmt {
				return newError(chunkOff, ErrFormat, "data chunk before fmt chunk")
			}
			return rd.startData(size, fact, ds64Data)
		default:
			var id [4]byte
			copy(id[:], ch)
			if err := rd.skip(size+size&1, "chunk"); err != nil {
				if e, ok := err.(*Error); ok {
					e.Reason = "chunk \"" + printable(id[:]) + "\" claims more bytes than the input holds"
				}
				return err
			}
		}
	}
}

// readFmt parses a fmt chunk of the declared size: at most maxFmtRead
// bytes into a fixed array, the rest skipped.
func (rd *Reader) readFmt(size, chunkOff int64) error {
	if size < 16 {
		return newError(chunkOff, ErrFormat, "fmt chunk shorter than 16 bytes")
	}
	var b [maxFmtRead]byte
	n := size
	if n > maxFmtRead {
		n = maxFmtRead
	}
	if err := rd.readFull(rd.buf[:n], "fmt chunk"); err != nil {
		if e, ok := err.(*Error); ok {
			e.Reason = "fmt chunk of " + strconv.FormatInt(size, 10) + " bytes claims more than the input holds"
		}
		return err
	}
	copy(b[:], rd.buf[:n])
	if err := rd.skip(size-n+size&1, "fmt chunk"); err != nil {
		return err
	}
	le := binary.LittleEndian
	f := Format{
		Tag:           le.Uint16(b[0:]),
		Channels:      int(le.Uint16(b[2:])),
		BlockAlign:    int(le.Uint16(b[12:])),
		BitsPerSample: int(le.Uint16(b[14:])),
	}
	rate := le.Uint32(b[4:]) // nAvgBytesPerSec at b[8:] is advisory and ignored
	if rate > MaxSampleRate {
		return newError(chunkOff+12, ErrFormat, "sample rate out of range")
	}
	f.SampleRate = int(rate)
	cb := 0
	if size >= 18 {
		cb = int(le.Uint16(b[16:]))
	}
	switch f.Tag {
	case FormatExtensible:
		if n < 40 || cb < 22 {
			return newError(chunkOff, ErrFormat, "WAVE_FORMAT_EXTENSIBLE fmt chunk shorter than 40 bytes")
		}
		f.Extensible = true
		f.ValidBits = int(le.Uint16(b[18:]))
		f.ChannelMask = le.Uint32(b[20:])
		if [14]byte(b[26:40]) != guidSuffix {
			return newError(chunkOff+32, ErrUnsupported, "WAVE_FORMAT_EXTENSIBLE sub-format GUID")
		}
		f.Tag = le.Uint16(b[24:])
		if f.Tag == FormatExtensible || f.Tag == FormatIMAADPCM {
			return newError(chunkOff+32, ErrUnsupported, "WAVE_FORMAT_EXTENSIBLE sub-format "+hex16(f.Tag))
		}
	case FormatIMAADPCM:
		if f.Channels > 0 && f.Channels <= 2 {
			f.SamplesPerBlock, _ = adpcm.SamplesPerBlock(f.BlockAlign, f.Channels)
		}
		if n >= 20 && cb >= 2 {
			if spb := int(le.Uint16(b[18:])); spb != f.SamplesPerBlock {
				f.SamplesPerBlock = spb
			}
		}
	}
	if err := f.check(chunkOff + 8); err != nil {
		return err
	}
	rd.f = f
	rd.bps = f.bytesPerSample()
	return nil
}

// startData records the data chunk's extent and prepares decoding.
func (rd *Reader) startData(size, fact, ds64Data int64) error {
	rd.dataStart = rd.off
	switch {
	case size == 0xFFFFFFFF && ds64Data >= 0:
		rd.remain = ds64Data
	case size == 0 || size == 0xFFFFFFFF:
		rd.remain = -1
	default:
		rd.remain = size
	}
	if rd.remain == 0 {
		rd.remain = -1
	}
	f := &rd.f
	if f.Tag != FormatIMAADPCM {
		if rd.remain >= 0 {
			rd.frames = rd.remain / int64(f.BlockAlign)
		}
		return nil
	}
	if rd.remain >= 0 {
		ba := int64(f.BlockAlign)
		g := int64(4 * f.Channels)
		frames := rd.remain / ba * int64(f.SamplesPerBlock)
		if rest := rd.remain % ba; rest >= g {
			frames += 1 + (rest-g)/g*8
		}
		if fact > 0 && fact < frames {
			frames = fact
		}
		rd.frames = frames
		rd.samplesOut = frames * int64(f.Channels)
	}
	if rd.dec == nil || rd.decAlign != f.BlockAlign || rd.decCh != f.Channels {
		dec, err := adpcm.NewDecoder(f.Channels, adpcm.WithBlockAlign(f.BlockAlign))
		if err != nil {
			return newError(rd.dataStart, ErrUnsupported, "IMA ADPCM decoder: "+err.Error())
		}
		rd.dec, rd.decAlign, rd.decCh = dec, f.BlockAlign, f.Channels
	} else {
		rd.dec.Reset()
	}
	return nil
}

// fill reads more data-chunk bytes into buf, at most one read of src. It
// returns nil when at least one byte arrived, otherwise the (sticky)
// error: io.EOF at the end of the data chunk, ErrTruncated when the input
// ends before the declared size.
func (rd *Reader) fill() error {
	if rd.err != nil {
		return rd.err
	}
	if rd.r0 > 0 {
		rd.r1 = copy(rd.buf[:], rd.buf[rd.r0:rd.r1])
		rd.r0 = 0
	}
	p := rd.buf[rd.r1:]
	if rd.remain >= 0 && int64(len(p)) > rd.remain {
		p = p[:rd.remain]
	}
	if len(p) == 0 {
		rd.err = io.EOF
		return rd.err
	}
	for tries := 0; ; tries++ {
		n, err := rd.src.Read(p)
		if n < 0 || n > len(p) {
			n, err = 0, errors.New("wav: source reader returned an invalid count")
		}
		rd.r1 += n
		rd.off += int64(n)
		if rd.remain >= 0 {
			rd.remain -= int64(n)
		}
		if err == io.EOF && rd.remain > 0 {
			err = newError(rd.off, ErrTruncated, "input ends "+strconv.FormatInt(rd.remain, 10)+" bytes before the end of the data chunk")
		}
		if err != nil {
			rd.err = err
			if n > 0 {
				return nil
			}
			return err
		}
		if n > 0 {
			return nil
		}
		if tries >= 100 {
			rd.err = io.ErrNoProgress
			return rd.err
		}
	}
}

// Read reads raw bytes of the data chunk (io.Reader semantics). Don't mix
// it with ReadInt16 or ReadFloat32 on IMA ADPCM streams: those decode
// whole blocks ahead.
func (rd *Reader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if rd.r0 == rd.r1 {
		if err := rd.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, rd.buf[rd.r0:rd.r1])
	rd.r0 += n
	return n, nil
}

// ReadInt16 reads interleaved samples into dst, converted to 16 bits as
// described in the package documentation, until dst is full or the data
// ends. It returns len(dst) and nil, or fewer samples and an error: io.EOF
// at the end of the data chunk, an *Error matching ErrTruncated if the
// input ends early, ErrCorrupt for a bad IMA ADPCM block, or the source's
// error. Bytes of a trailing partial sample are dropped.
func (rd *Reader) ReadInt16(dst []int16) (int, error) {
	if rd.bps == 0 {
		if rd.f.Tag == FormatIMAADPCM && rd.dec != nil {
			return rd.readIMA(dst, nil)
		}
		return 0, rd.errOrEOF()
	}
	return readFrames(rd, dst, decodeInt16)
}

// ReadFloat32 is ReadInt16 for float samples: integer formats are scaled
// by 2^-(bits-1) into [-1, 1), float files are returned unchanged (not
// clipped), 64-bit float rounded to float32.
func (rd *Reader) ReadFloat32(dst []float32) (int, error) {
	if rd.bps == 0 {
		if rd.f.Tag == FormatIMAADPCM && rd.dec != nil {
			return rd.readIMA(nil, dst)
		}
		return 0, rd.errOrEOF()
	}
	return readFrames(rd, dst, decodeFloat32)
}

// readFrames fills dst with samples of a fixed-size format (PCM, float,
// G.711), converting the buffered bytes with decode, until dst is full or
// the data ends.
func readFrames[T int16 | float32](rd *Reader, dst []T, decode func(dst []T, src []byte, tag uint16, bps int)) (int, error) {
	n := 0
	for n < len(dst) {
		avail := (rd.r1 - rd.r0) / rd.bps
		if avail == 0 {
			if err := rd.fill(); err != nil {
				return n, err
			}
			continue
		}
		k := min(avail, len(dst)-n)
		decode(dst[n:n+k], rd.buf[rd.r0:rd.r1], rd.f.Tag, rd.bps)
		rd.r0 += k * rd.bps
		n += k
	}
	return n, nil
}

func (rd *Reader) errOrEOF() error {
	if rd.err != nil {
		return rd.err
	}
	return io.EOF
}

// readIMA fills dst16 or dst32 from decoded IMA ADPCM blocks.
func (rd *Reader) readIMA(dst16 []int16, dst32 []float32) (int, error) {
	want := len(dst16) + len(dst32)
	n := 0
	for n < want {
		if rd.pcmPos == len(rd.pcm) {
			if err := rd.nextBlock(); err != nil {
				return n, err
			}
			continue
		}
		src := rd.pcm[rd.pcmPos:]
		var k int
		if dst16 != nil {
			k = copy(dst16[n:], src)
		} else {
			k = min(len(src), want-n)
			for i, v := range src[:k] {
				dst32[n+i] = float32(v) * (1.0 / 32768)
			}
		}
		rd.pcmPos += k
		n += k
	}
	return n, nil
}

// nextBlock reads and decodes one IMA ADPCM block (the last may be short).
func (rd *Reader) nextBlock() error {
	if rd.samplesOut == 0 {
		return io.EOF
	}
	ba := rd.f.BlockAlign
	rd.block = rd.block[:0]
	blockOff := rd.off - int64(rd.r1-rd.r0)
	var ferr error
	for len(rd.block) < ba {
		if rd.r0 == rd.r1 {
			if ferr = rd.fill(); ferr != nil {
				break
			}
		}
		k := min(rd.r1-rd.r0, ba-len(rd.block))
		rd.block = append(rd.block, rd.buf[rd.r0:rd.r0+k]...)
		rd.r0 += k
	}
	if len(rd.block) == 0 {
		return ferr
	}
	if len(rd.block) < 4*rd.f.Channels {
		if ferr == nil || ferr == io.EOF {
			ferr = newError(blockOff, ErrTruncated, "IMA ADPCM block shorter than its header")
		}
		rd.err = ferr
		return ferr
	}
	pcm, err := rd.dec.AppendDecode(rd.pcm[:0], rd.block)
	if err != nil {
		var ce *codec.CorruptError
		off := blockOff
		reason := err.Error()
		if errors.As(err, &ce) {
			off = rd.dataStart + ce.Offset
			reason = "IMA ADPCM: " + ce.Reason
		}
		rd.err = newError(off, ErrCorrupt, reason)
		return rd.err
	}
	if rd.samplesOut >= 0 {
		if int64(len(pcm)) > rd.samplesOut {
			pcm = pcm[:rd.samplesOut]
		}
		rd.samplesOut -= int64(len(pcm))
	}
	rd.pcm, rd.pcmPos = pcm, 0
	return nil
}

// printable returns a chunk id for an error message, non-printable bytes
// replaced by '?'.
func printable(id []byte) string {
	var b [4]byte
	for i := range b {
		c := id[i]
		if c < 0x20 || c > 0x7e {
			c = '?'
		}
		b[i] = c
	}
	return string(b[:])
}
