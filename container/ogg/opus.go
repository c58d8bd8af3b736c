package ogg

import (
	"encoding/binary"
	"io"
)

// Ogg Opus (RFC 7845). Granule positions count 48 kHz samples whatever
// the input rate (section 4); the first PreSkip samples decoded are
// discarded (section 4.2), and a final granule position smaller than the
// decoded length trims the end (section 4.5).

// OpusHead is the identification header (RFC 7845 section 5.1).
type OpusHead struct {
	// Version is the encapsulation version; 1 for RFC 7845. Readers
	// accept 0..15 (the same major version) and reject higher values.
	Version byte
	// Channels is the output channel count, 1..255 (1 or 2 for
	// mapping family 0).
	Channels int
	// PreSkip is the number of 48 kHz samples to discard from the
	// decoder output at the start.
	PreSkip int
	// InputSampleRate is the original input rate in Hz, for information
	// (0 when unknown); playback runs at 48 kHz or another Opus rate.
	InputSampleRate uint32
	// OutputGain is the gain to apply, in dB as a Q7.8 fixed-point
	// value (256 = +1 dB).
	OutputGain int16
	// MappingFamily is the channel mapping family: 0 (mono/stereo, one
	// stream), 1 (Vorbis order, up to 8 channels), 255 (unidentified),
	// or another value (parsed like 255).
	MappingFamily byte
	// StreamCount and CoupledCount give the number of Opus streams and
	// how many of them are stereo (family 0: 1 and Channels-1).
	StreamCount, CoupledCount int
	// Mapping[i] is the decoded channel carried to output channel i
	// (families other than 0); 255 means silence.
	Mapping [255]byte
}

const opusHeadMin = 19

// ParseOpusHead parses an OpusHead packet. Errors match [ErrOpusHead].
func ParseOpusHead(p []byte) (OpusHead, error) {
	var h OpusHead
	if len(p) < opusHeadMin || string(p[:8]) != "OpusHead" {
		return h, ErrOpusHead
	}
	h.Version = p[8]
	if h.Version > 15 {
		return h, ErrOpusHead
	}
	h.Channels = int(p[9])
	h.PreSkip = int(binary.LittleEndian.Uint16(p[10:]))
	h.InputSampleRate = binary.LittleEndian.Uint32(p[12:])
	h.OutputGain = int16(binary.LittleEndian.Uint16(p[16:]))
	h.MappingFamily = p[18]
	if h.Channels == 0 {
		return h, ErrOpusHead
	}
	if h.MappingFamily == 0 {
		if h.Channels > 2 {
			return h, ErrOpusHead
		}
		h.StreamCount, h.CoupledCount = 1, h.Channels-1
		h.Mapping[0] = 0
		if h.Channels == 2 {
			h.Mapping[1] = 1
		}
		return h, nil
	}
	// Families other than 0 carry a channel mapping table (section 5.1.1).
	if len(p) < opusHeadMin+2+h.Channels {
		return h, ErrOpusHead
	}
	h.StreamCount = int(p[19])
	h.CoupledCount = int(p[20])
	if h.StreamCount == 0 || h.CoupledCount > h.StreamCount || h.StreamCount+h.CoupledCount > 255 {
		return h, ErrOpusHead
	}
	if h.MappingFamily == 1 && h.Channels > 8 {
		return h, ErrOpusHead
	}
	n := h.StreamCount + h.CoupledCount
	for i := 0; i < h.Channels; i++ {
		m := p[21+i]
		if m != 255 && int(m) >= n {
			return h, ErrOpusHead
		}
		h.Mapping[i] = m
	}
	return h, nil
}

// AppendOpusHead appends the OpusHead packet for h to dst. A Version of
// 0 is written as 1. It reports [ErrOpusHead] for values ParseOpusHead
// would reject.
func AppendOpusHead(dst []byte, h *OpusHead) ([]byte, error) {
	v := h.Version
	if v == 0 {
		v = 1
	}
	if v > 15 || h.Channels < 1 || h.Channels > 255 || h.PreSkip < 0 || h.PreSkip > 65535 ||
		(h.MappingFamily == 0 && h.Channels > 2) || (h.MappingFamily == 1 && h.Channels > 8) {
		return dst, ErrOpusHead
	}
	if h.MappingFamily != 0 {
		n := h.StreamCount + h.CoupledCount
		if h.StreamCount < 1 || h.CoupledCount < 0 || h.CoupledCount > h.StreamCount || n > 255 {
			return dst, ErrOpusHead
		}
		for _, m := range h.Mapping[:h.Channels] {
			if m != 255 && int(m) >= n {
				return dst, ErrOpusHead
			}
		}
	}
	dst = append(dst, "OpusHead"...)
	dst = append(dst, v, byte(h.Channels))
	dst = binary.LittleEndian.AppendUint16(dst, uint16(h.PreSkip))
	dst = binary.LittleEndian.AppendUint32(dst, h.InputSampleRate)
	dst = binary.LittleEndian.AppendUint16(dst, uint16(h.OutputGain))
	dst = append(dst, h.MappingFamily)
	if h.MappingFamily != 0 {
		dst = append(dst, byte(h.StreamCount), byte(h.CoupledCount))
		dst = append(dst, h.Mapping[:h.Channels]...)
	}
	return dst, nil
}

// OpusTags is the comment header (RFC 7845 section 5.2): a vendor string
// and user comments of the form "NAME=value".
type OpusTags struct {
	Vendor   string
	Comments []string
}

// ParseOpusTags parses an OpusTags packet. Errors match [ErrOpusTags].
// Allocation is bounded by len(p).
func ParseOpusTags(p []byte) (*OpusTags, error) {
	if len(p) < 16 || string(p[:8]) != "OpusTags" {
		return nil, ErrOpusTags
	}
	p = p[8:]
	vl := binary.LittleEndian.Uint32(p)
	p = p[4:]
	if uint64(vl) > uint64(len(p)) {
		return nil, ErrOpusTags
	}
	t := &OpusTags{Vendor: string(p[:vl])}
	p = p[vl:]
	if len(p) < 4 {
		return nil, ErrOpusTags
	}
	n := binary.LittleEndian.Uint32(p)
	p = p[4:]
	if uint64(n) > uint64(len(p)/4) {
		return nil, ErrOpusTags
	}
	if n > 0 {
		t.Comments = make([]string, 0, n)
	}
	for i := uint32(0); i < n; i++ {
		if len(p) < 4 {
			return nil, ErrOpusTags
		}
		l := binary.LittleEndian.Uint32(p)
		p = p[4:]
		if uint64(l) > uint64(len(p)) {
			return nil, ErrOpusTags
		}
		t.Comments = append(t.Comments, string(p[:l]))
		p = p[l:]
	}
	// Bytes after the comments are allowed (section 5.2: binary data
	// when the first byte's LSB is set; otherwise padding). Ignored.
	return t, nil
}

// AppendOpusTags appends the OpusTags packet for t to dst.
func AppendOpusTags(dst []byte, t *OpusTags) []byte {
	dst = append(dst, "OpusTags"...)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(t.Vendor)))
	dst = append(dst, t.Vendor...)
	dst = binary.LittleEndian.AppendUint32(dst, uint32(len(t.Comments)))
	for _, c := range t.Comments {
		dst = binary.LittleEndian.AppendUint32(dst, uint32(len(c)))
		dst = append(dst, c...)
	}
	return dst
}

// OpusPacketSamples returns the duration of an Opus packet in 48 kHz
// samples, from its TOC byte and frame count (RFC 6716 section 3.1), or
// [ErrOpusPacket] for an empty packet, a code-3 packet without its
// frame-count byte or with zero frames, or more than 120 ms.
func OpusPacketSamples(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, ErrOpusPacket
	}
	toc := p[0]
	cfg := toc >> 3
	var fs int
	switch {
	case cfg < 12: // SILK-only: 10, 20, 40, 60 ms
		fs = [4]int{480, 960, 1920, 2880}[cfg&3]
	case cfg < 16: // Hybrid: 10, 20 ms
		fs = [2]int{480, 960}[cfg&1]
	default: // CELT-only: 2.5, 5, 10, 20 ms
		fs = [4]int{120, 240, 480, 960}[cfg&3]
	}
	var frames int
	switch toc & 3 {
	case 0:
		frames = 1
	case 1, 2:
		frames = 2
	default:
		if len(p) < 2 {
			return 0, ErrOpusPacket
		}
		frames = int(p[1] & 0x3f)
		if frames == 0 {
			return 0, ErrOpusPacket
		}
	}
	n := frames * fs
	if n > 5760 {
		return 0, ErrOpusPacket
	}
	return n, nil
}

// OpusPacket describes a packet returned by [OpusReader.NextPacket].
type OpusPacket struct {
	// Granule is the granule position at the end of this packet: the
	// running total of 48 kHz samples, re-anchored to each page's
	// granule position where one is given.
	Granule int64
	// Samples is the packet's decoded length in 48 kHz samples.
	Samples int
	// Trim is the number of samples to discard from the end of this
	// packet's decoded output (end trimming, RFC 7845 section 4.5).
	Trim int
	// EOS marks the stream's last packet.
	EOS bool
}

// OpusReader reads an Ogg Opus stream (RFC 7845): it parses OpusHead and
// OpusTags on construction, then returns the audio packets with their
// granule positions. It reads the first logical Opus stream: other
// multiplexed streams are skipped, and the end of the first chain link
// ends the reading (io.EOF).
type OpusReader struct {
	r       *Reader
	head    OpusHead
	tags    *OpusTags
	gran    int64
	last    int64 // last page granule seen
	first   bool  // no audio page granule seen yet
	done    bool
	scratch []byte
}

// NewOpusReader reads the two header packets from r. Errors match
// [ErrOpusHead], [ErrOpusTags] or the page-level sentinels. Options
// are those of [NewReader].
func NewOpusReader(r io.Reader, opts ...ReaderOption) (*OpusReader, error) {
	rd, err := NewReader(r, opts...)
	if err != nil {
		return nil, err
	}
	o := &OpusReader{r: rd, first: true}
	pkt, info, err := rd.NextPacket(nil)
	if err != nil {
		if err == io.EOF {
			return nil, &Error{Offset: rd.Offset(), Err: ErrOpusHead, Reason: "empty stream"}
		}
		return nil, err
	}
	if o.head, err = ParseOpusHead(pkt); err != nil {
		return nil, &Error{Offset: info.Offset, Err: ErrOpusHead}
	}
	// RFC 7845 section 3: OpusHead alone on the first page, granule 0.
	if info.EOS {
		return nil, &Error{Offset: info.Offset, Err: ErrOpusHead, Reason: "stream ends after OpusHead"}
	}
	pkt, info, err = rd.NextPacket(pkt[:0])
	if err != nil {
		if err == io.EOF {
			return nil, &Error{Offset: rd.Offset(), Err: ErrOpusTags, Reason: "missing"}
		}
		return nil, err
	}
	if o.tags, err = ParseOpusTags(pkt); err != nil {
		return nil, &Error{Offset: info.Offset, Err: ErrOpusTags}
	}
	o.done = info.EOS
	return o, nil
}

// Head returns the parsed OpusHead.
func (o *OpusReader) Head() *OpusHead { return &o.head }

// Tags returns the parsed OpusTags.
func (o *OpusReader) Tags() *OpusTags { return o.tags }

// NextPacket appends the next Opus audio packet to dst and describes it.
// At the end of the stream it returns io.EOF. A packet with an invalid
// TOC, or a first audio page whose granule position is smaller than its
// packets' duration without being the last page, is [ErrOpusPacket].
func (o *OpusReader) NextPacket(dst []byte) ([]byte, OpusPacket, error) {
	if o.done {
		return dst, OpusPacket{}, io.EOF
	}
	start := len(dst)
	dst, info, err := o.r.NextPacket(dst)
	if err != nil {
		return dst, OpusPacket{}, err
	}
	if info.BOS {
		// A new chain link: this reader stops at the first one.
		o.done = true
		return dst[:start], OpusPacket{}, io.EOF
	}
	n, err := OpusPacketSamples(dst[start:])
	if err != nil {
		return dst[:start], OpusPacket{}, &Error{Offset: info.Offset, Err: ErrOpusPacket, Reason: "bad TOC"}
	}
	o.gran += int64(n)
	pk := OpusPacket{Granule: o.gran, Samples: n, EOS: info.EOS}
	if info.Granule >= 0 {
		g := info.Granule
		switch {
		case g < o.gran && info.EOS:
			// End trimming (section 4.5).
			pk.Trim = int(min(o.gran-g, int64(n)))
			o.gran = g
		case g < o.gran && o.first:
			return dst[:start], OpusPacket{}, &Error{Offset: info.Offset, Err: ErrOpusPacket,
				Reason: "first audio page's granule position below its packets' duration"}
		default:
			// A stream may start later than 0 (section 4.3); elsewhere
			// re-anchor on the page's value.
			o.gran = g
		}
		pk.Granule = o.gran
		o.last = g
		o.first = false
	}
	if info.EOS {
		o.done = true
	}
	return dst, pk, nil
}

// Granule returns the last page granule position read so far.
func (o *OpusReader) Granule() int64 { return o.last }

// Duration returns the playable length in 48 kHz samples as far as read:
// the last granule position minus the pre-skip (RFC 7845 section 4.2),
// not below zero. After NextPacket returned io.EOF it is the stream's
// duration.
func (o *OpusReader) Duration() int64 {
	d := o.last - int64(o.head.PreSkip)
	if d < 0 {
		return 0
	}
	return d
}

// OpusWriter writes an Ogg Opus stream (RFC 7845): the OpusHead page,
// the OpusTags page(s), then audio pages whose granule positions it
// computes from the packets' TOC. It holds back one packet so that
// Close can mark it EOS and apply end trimming. Pages end at least once
// per second of audio.
type OpusWriter struct {
	w       *Writer
	preSkip int64
	gran    int64
	pageEnd int64 // granule at which the current page should end
	held    []byte
	hasHeld bool
	heldN   int
	closed  bool
}

// NewOpusWriter writes the header pages for head and tags (tags may be
// nil: the vendor "toyvoice" and no comments) to w. The stream's serial
// number is serial.
func NewOpusWriter(w io.Writer, serial uint32, head *OpusHead, tags *OpusTags) (*OpusWriter, error) {
	hp, err := AppendOpusHead(nil, head)
	if err != nil {
		return nil, err
	}
	ow := &OpusWriter{w: NewWriter(w, serial), preSkip: int64(head.PreSkip), pageEnd: 48000}
	// Section 3: OpusHead alone on the first page (granule 0), OpusTags
	// finishing its own page(s), audio starting on a fresh page.
	if err := ow.w.WritePacket(hp, 0, false); err != nil {
		return nil, err
	}
	if err := ow.w.Flush(); err != nil {
		return nil, err
	}
	if tags == nil {
		tags = &OpusTags{Vendor: "toyvoice"}
	}
	if err := ow.w.WritePacket(AppendOpusTags(hp[:0], tags), 0, false); err != nil {
		return nil, err
	}
	if err := ow.w.Flush(); err != nil {
		return nil, err
	}
	return ow, nil
}

// WritePacket adds one Opus packet (copied; p may be reused). Its
// duration comes from its TOC (RFC 6716 section 3.1); an invalid TOC is
// [ErrOpusPacket].
func (o *OpusWriter) WritePacket(p []byte) error {
	if o.closed {
		return ErrWriterDone
	}
	n, err := OpusPacketSamples(p)
	if err != nil {
		return err
	}
	if o.hasHeld {
		if err := o.emit(false, o.gran); err != nil {
			return err
		}
	}
	o.held = append(o.held[:0], p...)
	o.heldN = n
	o.hasHeld = true
	return nil
}

// emit writes the held packet ending at granule g.
func (o *OpusWriter) emit(eos bool, g int64) error {
	o.gran += int64(o.heldN)
	if !eos {
		g = o.gran
	}
	if err := o.w.WritePacket(o.held, g, eos); err != nil {
		return err
	}
	o.hasHeld = false
	if !eos && o.gran >= o.pageEnd {
		o.pageEnd = o.gran + 48000
		return o.w.Flush()
	}
	return nil
}

// Close ends the stream: the held packet is written with the EOS flag.
// samples, if not negative, is the number of 48 kHz samples the stream
// should play after pre-skip; the last granule position becomes
// PreSkip+samples, trimming the end (RFC 7845 section 4.5). It must not
// exceed the packets' total duration minus PreSkip, nor end before the
// last packet starts ([ErrOption] otherwise). A stream with no audio
// packet gets an empty EOS page.
func (o *OpusWriter) Close(samples int64) error {
	if o.closed {
		return nil
	}
	if !o.hasHeld {
		o.closed = true
		// An EOS page with no packet completing on it.
		o.w.granule = -1
		return o.w.writePage(true)
	}
	end := o.gran + int64(o.heldN)
	g := end
	if samples >= 0 {
		g = o.preSkip + samples
		if g > end || g <= o.gran {
			return ErrOption
		}
	}
	o.closed = true
	return o.emit(true, g)
}
