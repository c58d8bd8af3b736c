package ogg

import (
	"errors"
	"strconv"

	"github.com/toyvoice/toyvoice/codec"
)

// Sentinel errors. Errors about a particular input are *[Error] values
// carrying the byte offset; they match one of these with [errors.Is].
var (
	// ErrCapture reports a page that does not start with "OggS"
	// (RFC 3533 section 6).
	ErrCapture = errors.New("ogg: missing capture pattern")
	// ErrVersion reports a stream_structure_version other than 0.
	ErrVersion = errors.New("ogg: unsupported stream structure version")
	// ErrHeaderType reports reserved header_type bits set.
	ErrHeaderType = errors.New("ogg: reserved header type bits set")
	// ErrCRC reports a page whose CRC-32 does not match its contents.
	ErrCRC = errors.New("ogg: page checksum mismatch")
	// ErrTruncated reports input that ends inside a page, or inside a
	// packet that a page said continues.
	ErrTruncated = errors.New("ogg: truncated stream")
	// ErrBOS reports a logical stream whose first page lacks the BOS flag,
	// or a BOS flag on a later page.
	ErrBOS = errors.New("ogg: beginning-of-stream flag misplaced")
	// ErrSequence reports a gap or repeat in page sequence numbers (lost
	// or duplicated pages).
	ErrSequence = errors.New("ogg: page sequence number out of order")
	// ErrContinuation reports a continued-packet flag that disagrees with
	// the previous page (a packet left open with no continuation, or a
	// continuation with no open packet).
	ErrContinuation = errors.New("ogg: continued-packet flag mismatch")
	// ErrAfterEOS reports a page of a logical stream after its EOS page.
	ErrAfterEOS = errors.New("ogg: page after end of stream")
	// ErrPacketTooLarge reports a packet longer than the reader's limit
	// (see [WithMaxPacketSize]).
	ErrPacketTooLarge = errors.New("ogg: packet exceeds size limit")
	// ErrOpusHead reports a missing or invalid OpusHead packet (RFC 7845
	// section 5.1).
	ErrOpusHead = errors.New("ogg: invalid OpusHead")
	// ErrOpusTags reports a missing or invalid OpusTags packet (RFC 7845
	// section 5.2).
	ErrOpusTags = errors.New("ogg: invalid OpusTags")
	// ErrOpusPacket reports an Opus packet whose TOC is invalid (RFC 6716
	// section 3.1) or granule positions that contradict the packets
	// (RFC 7845 section 4).
	ErrOpusPacket = errors.New("ogg: invalid Opus packet or granule position")
	// ErrWriterDone reports a write after the stream's EOS packet.
	ErrWriterDone = errors.New("ogg: write after end of stream")
	// ErrOption reports an invalid option or argument value (matches
	// [codec.ErrOption]).
	ErrOption = codec.Refine("ogg: invalid option", codec.ErrOption)
)

// Error describes a problem in the input at a byte offset (counted from
// the first byte the Reader consumed). It unwraps to one of the sentinels
// above, and every Error also matches [codec.ErrCorrupt].
type Error struct {
	Offset int64  // byte offset of the page (or packet) at fault
	Err    error  // the sentinel
	Reason string // what was wrong, for people
}

func (e *Error) Error() string {
	s := e.Err.Error() + " at byte " + strconv.FormatInt(e.Offset, 10)
	if e.Reason != "" {
		s += ": " + e.Reason
	}
	return s
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is codec.ErrCorrupt.
func (e *Error) Is(target error) bool { return target == codec.ErrCorrupt }
