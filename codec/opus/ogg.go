package opus

import (
	"io"
	"math"

	"github.com/toyvoice/toyvoice/codec"
	"github.com/toyvoice/toyvoice/container/ogg"
)

// ErrOggMapping reports an Ogg Opus stream with a channel mapping family
// other than 0 (more than two channels, several Opus streams), which
// [OggReader] does not decode (matches [codec.ErrChannels]).
var ErrOggMapping error = codec.Refine("opus: Ogg Opus channel mapping family other than 0", codec.ErrChannels)

// OggConfig sets the stream-level fields of an Ogg Opus file.
type OggConfig struct {
	// Serial is the Ogg logical stream's serial number (RFC 3533
	// section 6). Files that are never chained can use any value.
	Serial uint32
	// InputSampleRate goes into OpusHead as the original rate, for
	// players that resample back to it; 0 means the encoder's rate.
	InputSampleRate int
	// Tags is the comment header; nil writes the vendor string only.
	Tags *ogg.OpusTags
}

// OggWriter encodes PCM into an Ogg Opus stream (RFC 7845) with an
// [Encoder]: it takes PCM of any length, codes it in frames, and on Close
// pads the last frame, flushes the encoder's lookahead and sets the final
// granule position so that players output exactly the samples written.
type OggWriter struct {
	e       *Encoder
	w       *ogg.OpusWriter
	frame   []int16 // one frame of interleaved PCM, filled by Write
	n       int     // values buffered in frame
	pkt     []byte  // one packet
	written int64   // samples per channel written by the caller
	coded   int64   // samples per channel encoded (whole frames)
	closed  bool
}

// NewOggWriter writes the OpusHead and OpusTags headers to w and returns
// a writer that encodes with e (which it Resets first). OpusHead's
// pre-skip is the encoder's lookahead in 48 kHz samples (RFC 7845 section
// 4.2): 312 for the VoIP and Audio applications. The OggWriter owns e
// until Close.
func NewOggWriter(w io.Writer, e *Encoder, c OggConfig) (*OggWriter, error) {
	e.Reset()
	in := c.InputSampleRate
	if in <= 0 {
		in = e.rate
	}
	head := &ogg.OpusHead{
		Version:         1,
		Channels:        e.ch,
		PreSkip:         e.Lookahead() * 48000 / e.rate,
		InputSampleRate: uint32(in),
	}
	ow, err := ogg.NewOpusWriter(w, c.Serial, head, c.Tags)
	if err != nil {
		return nil, err
	}
	return &OggWriter{
		e:     e,
		w:     ow,
		frame: make([]int16, e.FrameLen()),
		pkt:   make([]byte, 0, e.MaxPacketLen()),
	}, nil
}

// Write encodes pcm (interleaved; len(pcm) a multiple of the channel
// count, else [ErrFrameSize]), buffering a partial frame for the next
// call, so how the input is split never changes the file.
func (o *OggWriter) Write(pcm []int16) error {
	if len(pcm)%o.e.ch != 0 {
		return ErrFrameSize
	}
	o.written += int64(len(pcm) / o.e.ch)
	for len(pcm) > 0 {
		k := copy(o.frame[o.n:], pcm)
		o.n += k
		pcm = pcm[k:]
		if o.n == len(o.frame) {
			if err := o.encodeFrame(); err != nil {
				return err
			}
		}
	}
	return nil
}

func (o *OggWriter) encodeFrame() error {
	p, err := o.e.AppendEncode(o.pkt[:0], o.frame)
	if err != nil {
		return err
	}
	o.n = 0
	o.coded += int64(o.e.frame)
	return o.w.WritePacket(p)
}

// Close encodes the buffered samples and as many frames of silence as the
// encoder's lookahead needs, then ends the stream with a final granule
// position of pre-skip plus the written duration (end trimming, RFC 7845
// section 4.5). It does not close the underlying io.Writer.
func (o *OggWriter) Close() error {
	if o.closed {
		return nil
	}
	o.closed = true
	need := o.written + int64(o.e.Lookahead())
	for o.coded < need {
		clear(o.frame[o.n:])
		o.n = len(o.frame)
		if err := o.encodeFrame(); err != nil {
			return err
		}
	}
	return o.w.Close(o.written * 48000 / int64(o.e.rate))
}

// OggReader decodes an Ogg Opus stream (RFC 7845) with a [Decoder],
// dropping the pre-skip at the start, applying end trimming and the
// header's output gain.
type OggReader struct {
	r     *ogg.OpusReader
	d     *Decoder
	head  *ogg.OpusHead
	rate  int
	skip  int    // samples per channel still to drop at the start
	pkt   []byte // packet buffer
	gain  float64
	total int64 // samples per channel returned
}

// NewOggReader reads the headers of the Ogg Opus stream in r and returns
// a reader decoding it at sampleRate (8000, 12000, 16000, 24000 or 48000
// Hz); sampleRate 0 picks the header's input rate when it is one of those,
// else 48000. Streams with more than two channels (mapping family other
// than 0) are [ErrOggMapping].
func NewOggReader(r io.Reader, sampleRate int) (*OggReader, error) {
	or, err := ogg.NewOpusReader(r, ogg.WithMaxPacketSize(maxPacketBytes))
	if err != nil {
		return nil, err
	}
	h := or.Head()
	if h.MappingFamily != 0 || h.Channels < 1 || h.Channels > 2 {
		return nil, ErrOggMapping
	}
	if sampleRate == 0 {
		sampleRate = 48000
		if validRate(int(h.InputSampleRate)) {
			sampleRate = int(h.InputSampleRate)
		}
	}
	d, err := NewDecoder(sampleRate, h.Channels)
	if err != nil {
		return nil, err
	}
	o := &OggReader{r: or, d: d, head: h, rate: sampleRate, pkt: make([]byte, 0, 4096)}
	o.skip = h.PreSkip * sampleRate / 48000
	if h.OutputGain != 0 {
		// Q7.8 dB (RFC 7845 section 5.1).
		o.gain = math.Pow(10, float64(h.OutputGain)/(20*256))
	}
	return o, nil
}

// Head returns the stream's identification header.
func (o *OggReader) Head() *ogg.OpusHead { return o.head }

// Tags returns the stream's comment header.
func (o *OggReader) Tags() *ogg.OpusTags { return o.r.Tags() }

// SampleRate returns the output sample rate in Hz.
func (o *OggReader) SampleRate() int { return o.rate }

// Channels returns the number of interleaved output channels.
func (o *OggReader) Channels() int { return o.head.Channels }

// Duration returns the playable length read so far in 48 kHz samples
// (the stream's duration once AppendPCM has returned io.EOF).
func (o *OggReader) Duration() int64 { return o.r.Duration() }

// AppendPCM decodes the next packet and appends its samples, interleaved,
// to dst, less the pre-skip and end trimming; it may append nothing. At
// the end of the stream it returns io.EOF. A corrupt packet is a
// *[codec.CorruptError] (Offset counts packet bytes) or an ogg error.
func (o *OggReader) AppendPCM(dst []int16) ([]int16, error) {
	p, info, err := o.r.NextPacket(o.pkt[:0])
	if err != nil {
		return dst, err
	}
	if cap(p) > cap(o.pkt) {
		o.pkt = p[:0]
	}
	base := len(dst)
	dst, err = o.d.AppendDecode(dst, p)
	if err != nil {
		return dst, err
	}
	ch := o.head.Channels
	out := dst[base:]
	n := len(out) / ch
	if o.skip > 0 {
		k := min(o.skip, n)
		o.skip -= k
		copy(out, out[k*ch:])
		n -= k
	}
	if info.Trim > 0 || info.EOS {
		// End trimming: stop at the final granule position less the
		// pre-skip, converted to the output rate (RFC 7845 section 4.5).
		end := o.r.Duration() * int64(o.rate) / 48000
		n = int(max(0, min(int64(n), end-o.total)))
	}
	out = out[:n*ch]
	if o.gain != 0 {
		for i, v := range out {
			x := math.Round(float64(v) * o.gain)
			out[i] = int16(max(-32768, min(32767, x)))
		}
	}
	o.total += int64(len(out) / ch)
	return dst[:base+len(out)], nil
}

// ReadAll decodes the rest of the stream and appends it to dst.
func (o *OggReader) ReadAll(dst []int16) ([]int16, error) {
	for {
		var err error
		dst, err = o.AppendPCM(dst)
		if err == io.EOF {
			return dst, nil
		}
		if err != nil {
			return dst, err
		}
	}
}
