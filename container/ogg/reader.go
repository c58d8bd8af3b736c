package ogg

import (
	"encoding/binary"
	"io"
	"slices"
	"strconv"
)

// DefaultMaxPacketSize is the reader's default packet size limit: 1 MiB,
// far above any Opus audio packet (at most 61,440 bytes per 120 ms,
// RFC 6716 section 3.2.5) and roomy for comment headers.
const DefaultMaxPacketSize = 1 << 20

// ReaderOption configures a Reader.
type ReaderOption func(*Reader) error

// WithMaxPacketSize sets the longest packet the Reader assembles, in
// bytes (at least 1); longer ones are [ErrPacketTooLarge]. It bounds
// what a hostile stream can make NextPacket append.
func WithMaxPacketSize(n int) ReaderOption {
	return func(r *Reader) error {
		if n < 1 {
			return ErrOption
		}
		r.maxPacket = n
		return nil
	}
}

// PacketInfo describes a packet returned by [Reader.NextPacket].
type PacketInfo struct {
	// Granule is the granule position of the page on which the packet
	// ends if it is the last packet to end there, else -1 (RFC 3533
	// section 6: a page's granule position belongs to its last completed
	// packet).
	Granule int64
	// Serial is the logical stream's serial number.
	Serial uint32
	// BOS marks the first packet of a logical stream (a new chain link
	// after the first).
	BOS bool
	// EOS marks the last packet of a logical stream: the last one ending
	// on its EOS page.
	EOS bool
	// Offset is the byte offset of the page on which the packet ends.
	Offset int64
}

// Reader reads pages and packets of one logical Ogg stream from an
// io.Reader. It follows the serial number of the first BOS page and skips
// pages of other, multiplexed, streams; after that stream's EOS page, a
// following BOS page starts the next chain link (RFC 3533 section 4).
//
// It reads one page at a time into a buffer that grows, once, to the
// largest page body met (at most [MaxPageBody]); after that neither
// NextPage nor NextPacket allocates, provided NextPacket's dst has room.
// Errors are sticky: after one, every call returns it again.
type Reader struct {
	r         io.Reader
	hdr       [headerSize + 255]byte
	body      []byte
	page      Page
	seg       int // next lacing value of page
	off       int // body offset of that segment
	lastEnd   int // index of the last lacing value < 255 on page, or -1
	have      bool
	serial    uint32
	following bool // serial is set
	ended     bool // followed stream's EOS page has been read
	seq       uint32
	open      bool // a packet continues onto the next page
	pktLen    int
	bos       bool // next packet is a stream's first
	maxPacket int
	offset    int64
	err       error
}

// NewReader returns a Reader on r. It reads nothing yet.
func NewReader(r io.Reader, opts ...ReaderOption) (*Reader, error) {
	rd := &Reader{r: r, maxPacket: DefaultMaxPacketSize}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(rd); err != nil {
			return nil, err
		}
	}
	return rd, nil
}

func (r *Reader) fail(off int64, sentinel error, reason string) error {
	r.err = &Error{Offset: off, Err: sentinel, Reason: reason}
	return r.err
}

// readPage reads and checks the next page of any stream (capture
// pattern, version, header type, CRC).
func (r *Reader) readPage() error {
	start := r.offset
	h := r.hdr[:]
	n, err := io.ReadFull(r.r, h[:headerSize])
	r.offset += int64(n)
	if err != nil {
		if err == io.EOF {
			return io.EOF
		}
		if err == io.ErrUnexpectedEOF {
			return r.fail(start, ErrTruncated, "input ends inside a page header")
		}
		r.err = err
		return err
	}
	if string(h[:4]) != "OggS" {
		return r.fail(start, ErrCapture, "")
	}
	if h[4] != 0 {
		return r.fail(start, ErrVersion, "")
	}
	flags := h[5]
	if flags&^7 != 0 {
		return r.fail(start, ErrHeaderType, "")
	}
	nseg := int(h[26])
	lacing := h[headerSize : headerSize+nseg]
	n, err = io.ReadFull(r.r, lacing)
	r.offset += int64(n)
	if err != nil {
		return r.readErr(start, err, "input ends inside a segment table")
	}
	size := 0
	last := -1
	for i, l := range lacing {
		size += int(l)
		if l < 255 {
			last = i
		}
	}
	body, err := r.readBody(size)
	if err != nil {
		return r.readErr(start, err, "input ends inside a page body")
	}
	want := binary.LittleEndian.Uint32(h[22:])
	var zero [4]byte
	crc := crcUpdate(0, h[:22])
	crc = crcUpdate(crc, zero[:])
	crc = crcUpdate(crc, h[26:headerSize+nseg])
	crc = crcUpdate(crc, body)
	if crc != want {
		return r.fail(start, ErrCRC, "")
	}
	r.page = Page{
		Continued: flags&flagContinued != 0,
		BOS:       flags&flagBOS != 0,
		EOS:       flags&flagEOS != 0,
		Granule:   int64(binary.LittleEndian.Uint64(h[6:])),
		Serial:    binary.LittleEndian.Uint32(h[14:]),
		Sequence:  binary.LittleEndian.Uint32(h[18:]),
		Lacing:    lacing,
		Body:      body,
		Offset:    start,
	}
	r.lastEnd = last
	r.seg, r.off = 0, 0
	return nil
}

// readBody reads a page body of size bytes into r.body. The buffer grows
// only as data actually arrives (doubling, from 512 bytes, capped at
// MaxPageBody), so a header claiming a large body that the input does not
// hold costs no more than twice what the input held.
func (r *Reader) readBody(size int) ([]byte, error) {
	got := 0
	for got < size {
		if cap(r.body) == got {
			c := max(512, 2*cap(r.body))
			r.body = slices.Grow(r.body[:got], min(c, MaxPageBody)-got)
		}
		end := min(size, cap(r.body))
		n, err := io.ReadFull(r.r, r.body[got:end])
		got += n
		r.offset += int64(n)
		if err != nil {
			return nil, err
		}
	}
	return r.body[:size], nil
}

func (r *Reader) readErr(start int64, err error, reason string) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return r.fail(start, ErrTruncated, reason)
	}
	r.err = err
	return err
}

// NextPage returns the next page of the followed logical stream, checked
// for capture pattern, version, CRC, BOS placement and sequence numbers.
// It returns io.EOF at the end of the input. The page's slices stay valid
// until the next call. Mixing NextPage and NextPacket is allowed only at
// packet boundaries.
func (r *Reader) NextPage() (*Page, error) {
	if r.err != nil {
		return nil, r.err
	}
	for {
		if err := r.readPage(); err != nil {
			return nil, err
		}
		p := &r.page
		if !r.following || (r.ended && p.BOS && p.Serial != r.serial) {
			// The first BOS page, or the next chain link.
			if !p.BOS {
				return nil, r.fail(p.Offset, ErrBOS, "first page of the stream lacks the BOS flag")
			}
			r.serial, r.following, r.ended = p.Serial, true, false
			r.seq = p.Sequence
			r.open = false
			r.bos = true
		} else {
			if p.Serial != r.serial {
				continue // another multiplexed stream
			}
			if r.ended {
				return nil, r.fail(p.Offset, ErrAfterEOS, "")
			}
			if p.BOS {
				return nil, r.fail(p.Offset, ErrBOS, "BOS flag on a later page")
			}
			if p.Sequence != r.seq+1 {
				return nil, r.fail(p.Offset, ErrSequence, "expected "+strconv.FormatInt(int64(r.seq)+1, 10)+", got "+strconv.FormatInt(int64(p.Sequence), 10))
			}
			r.seq = p.Sequence
		}
		if p.EOS {
			r.ended = true
		}
		r.have = true
		return p, nil
	}
}

// NextPacket appends the next packet of the followed stream to dst and
// returns the extended slice with the packet's [PacketInfo]. Packets
// continued across pages are joined (RFC 3533 section 5). At the end of
// the input it returns dst unchanged and io.EOF; input ending inside a
// packet is [ErrTruncated]. A packet longer than the size limit is
// [ErrPacketTooLarge].
func (r *Reader) NextPacket(dst []byte) ([]byte, PacketInfo, error) {
	if r.err != nil {
		return dst, PacketInfo{}, r.err
	}
	start := len(dst)
	for {
		p := &r.page
		if !r.have || r.seg == len(p.Lacing) {
			r.have = false
			np, err := r.NextPage()
			if err != nil {
				if err == io.EOF && r.open {
					err = r.fail(r.offset, ErrTruncated, "input ends inside a continued packet")
				}
				return dst[:start], PacketInfo{}, err
			}
			if np.Continued != r.open {
				if r.open {
					return dst[:start], PacketInfo{}, r.fail(np.Offset, ErrContinuation, "packet left open, page not marked continued")
				}
				return dst[:start], PacketInfo{}, r.fail(np.Offset, ErrContinuation, "page marked continued, no packet open")
			}
			continue
		}
		l := int(p.Lacing[r.seg])
		if r.pktLen+l > r.maxPacket {
			return dst[:start], PacketInfo{}, r.fail(p.Offset, ErrPacketTooLarge, "")
		}
		dst = append(dst, p.Body[r.off:r.off+l]...)
		r.off += l
		r.pktLen += l
		r.seg++
		if l == 255 {
			r.open = true
			continue
		}
		info := PacketInfo{Granule: -1, Serial: p.Serial, BOS: r.bos, Offset: p.Offset}
		if r.seg-1 == r.lastEnd {
			info.Granule = p.Granule
			info.EOS = p.EOS
		}
		r.open, r.pktLen, r.bos = false, 0, false
		return dst, info, nil
	}
}

// Offset returns the number of bytes consumed from the input.
func (r *Reader) Offset() int64 { return r.offset }
