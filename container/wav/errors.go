package wav

import (
	"errors"
	"strconv"

	"github.com/toyvoice/toyvoice/codec"
)

// Sentinel errors. Errors about a particular input are *[Error] values
// carrying the byte offset; they match one of these with [errors.Is].
var (
	// ErrNotWAV reports input that does not start with a RIFF/WAVE (or
	// RF64/WAVE) header.
	ErrNotWAV = errors.New("wav: not a RIFF/WAVE file")
	// ErrFormat reports a fmt chunk that is structurally invalid: zero
	// channels, zero or inconsistent block align, a sample rate out of
	// range, a missing fmt chunk before data, and so on.
	ErrFormat = errors.New("wav: invalid format")
	// ErrUnsupported reports a valid format this package does not handle
	// (an unknown format tag or sub-format GUID, an odd bit depth).
	ErrUnsupported = errors.New("wav: unsupported format")
	// ErrTruncated reports input that ends before a header or chunk it
	// declared, or before the declared end of the data chunk.
	ErrTruncated = errors.New("wav: truncated input")
	// ErrCorrupt reports malformed data inside the data chunk (for
	// example an IMA ADPCM block with an out-of-range step index).
	ErrCorrupt = errors.New("wav: corrupt input")
	// ErrTooLarge reports a write that would make the data chunk exceed
	// the 4 GiB limit of a RIFF size field.
	ErrTooLarge = errors.New("wav: data chunk too large for RIFF")
	// ErrFrames reports a write whose sample count is not a multiple of
	// the channel count.
	ErrFrames = errors.New("wav: sample count is not a multiple of the channel count")
	// ErrClosed reports a write to a closed Writer.
	ErrClosed = errors.New("wav: writer closed")
)

// Error describes a problem in the input at a byte offset (counted from
// the first byte the Reader consumed; -1 for errors about a Format given
// to NewWriter). It unwraps to one of the sentinels
// above; errors that describe malformed input (ErrFormat, ErrTruncated,
// ErrCorrupt) also match [codec.ErrCorrupt].
type Error struct {
	Offset int64  // byte offset in the input
	Err    error  // sentinel: ErrNotWAV, ErrFormat, ErrUnsupported, ErrTruncated or ErrCorrupt
	Reason string // what was wrong, for people
}

func (e *Error) Error() string {
	if e.Offset < 0 {
		return e.Err.Error() + ": " + e.Reason
	}
	return e.Err.Error() + " at byte " + strconv.FormatInt(e.Offset, 10) + ": " + e.Reason
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Is reports whether target is codec.ErrCorrupt and e describes malformed
// input.
func (e *Error) Is(target error) bool {
	return target == codec.ErrCorrupt && (e.Err == ErrFormat || e.Err == ErrTruncated || e.Err == ErrCorrupt)
}

func newError(off int64, sentinel error, reason string) error {
	return &Error{Offset: off, Err: sentinel, Reason: reason}
}
