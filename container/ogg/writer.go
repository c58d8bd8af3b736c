package ogg

import (
	"encoding/binary"
	"io"
)

// DefaultPageFill is the body size at which [Writer] ends a page after a
// packet completes, as libogg's 4 KiB default.
const DefaultPageFill = 4096

// Writer writes one logical Ogg stream (RFC 3533): it laces packets into
// pages, splits long packets across pages with the continued flag, sets
// BOS on the first page and EOS on the last, numbers pages and computes
// their CRC. A page ends when a packet completes and the body holds at
// least [DefaultPageFill] bytes, when it has 255 segments, at EOS, or on
// [Writer.Flush].
//
// Its page buffer grows, once, to the largest page written; after that
// WritePacket does not allocate. Errors are sticky.
type Writer struct {
	w         io.Writer
	serial    uint32
	seq       uint32
	hdr       [headerSize + 255]byte
	body      []byte
	nseg      int
	granule   int64 // of the last packet completed on the page, or -1
	continued bool  // the page starts inside a packet
	mid       bool  // the last segment added was 255: a packet is open
	started   bool  // the BOS page has been written
	done      bool  // EOS written
	fill      int
	err       error
}

// NewWriter returns a Writer for the logical stream with the given
// serial number. It writes nothing until a page is complete.
func NewWriter(w io.Writer, serial uint32) *Writer {
	return &Writer{w: w, serial: serial, granule: -1, fill: DefaultPageFill}
}

// SetPageFill sets the body size (1..MaxPageBody bytes) after which a
// page ends at the next packet boundary; 1 puts each packet on its own
// page(s). Other values are [ErrOption].
func (w *Writer) SetPageFill(n int) error {
	if n < 1 || n > MaxPageBody {
		return ErrOption
	}
	w.fill = n
	return nil
}

// WritePacket adds packet p, whose last sample has the given granule
// position, and ends the stream after it if eos is set. Packets are
// buffered into pages; call Flush to end the current page early (for
// example after header packets, as RFC 7845 section 3 requires of Ogg
// Opus). After an EOS packet, writes fail with [ErrWriterDone].
func (w *Writer) WritePacket(p []byte, granule int64, eos bool) error {
	if w.err != nil {
		return w.err
	}
	if w.done {
		return ErrWriterDone
	}
	for {
		if w.nseg == 255 {
			if err := w.writePage(false); err != nil {
				return err
			}
		}
		take := min(len(p), 255)
		w.hdr[headerSize+w.nseg] = byte(take)
		w.nseg++
		w.body = append(w.body, p[:take]...)
		p = p[take:]
		if take < 255 {
			w.mid = false
			break
		}
		w.mid = true
	}
	w.granule = granule
	if eos {
		w.done = true
		return w.writePage(true)
	}
	if len(w.body) >= w.fill {
		return w.writePage(false)
	}
	return nil
}

// Flush writes the current page, if it holds any segment.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if w.nseg == 0 {
		return nil
	}
	return w.writePage(false)
}

func (w *Writer) writePage(eos bool) error {
	var flags byte
	if w.continued {
		flags |= flagContinued
	}
	if !w.started {
		flags |= flagBOS
	}
	if eos {
		flags |= flagEOS
	}
	// w.granule is that of the last packet completed on this page, or
	// -1 when the page holds only the middle of a packet.
	h := w.hdr[:headerSize+w.nseg]
	putHeader(h, flags, w.granule, w.serial, w.seq, w.nseg)
	crc := crcUpdate(0, h)
	crc = crcUpdate(crc, w.body)
	binary.LittleEndian.PutUint32(h[22:], crc)
	if _, err := w.w.Write(h); err != nil {
		w.err = err
		return err
	}
	if _, err := w.w.Write(w.body); err != nil {
		w.err = err
		return err
	}
	w.seq++
	w.started = true
	w.continued = w.mid
	w.nseg = 0
	w.body = w.body[:0]
	w.granule = -1
	return nil
}
