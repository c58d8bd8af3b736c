package vad

import "errors"

// ErrHistory reports a History read from a position it does not hold:
// older than [History.Oldest] (overwritten already) or beyond [History.Pos]
// (not written yet).
var ErrHistory = errors.New("vad: position outside the history")

// History keeps the most recent samples of a stream in a caller-owned ring
// buffer, addressed by absolute stream position: the first sample written
// after [NewHistory] or [History.Reset] is position 0, as in a
// [Segmenter]'s events.
//
// A live caller (a toy recording "until the child stops") writes every
// chunk it feeds to the Segmenter into the History as well. A Start event
// refers back in time, to the pre-roll before the detected onset; the
// caller reads the segment's beginning back with [History.AppendFrom] or
// [History.Slices] and keeps the audio that follows itself. For chunks of
// at most n samples, a buffer of [Segmenter.Lookback](n) samples always
// holds enough.
//
// History does no arithmetic on 64-bit positions beyond addition and
// subtraction (no division, which Cortex-M cores do in software) and
// allocates nothing: Write, Slices and Reset never allocate, and
// AppendFrom only grows dst.
type History struct {
	buf []int16
	w   int   // index in buf of the next sample to write (0 when buf is empty)
	pos int64 // samples written since NewHistory or Reset
}

// NewHistory returns a History that keeps the last len(buf) samples in
// buf, which it owns from now on (a static array on a microcontroller).
// An empty buf is allowed: the History then only counts samples.
func NewHistory(buf []int16) *History {
	return &History{buf: buf}
}

// Cap returns how many samples h holds at most: len of the buffer given to
// NewHistory.
func (h *History) Cap() int { return len(h.buf) }

// Pos returns the number of samples written since NewHistory or Reset:
// the position the next sample written will have.
func (h *History) Pos() int64 { return h.pos }

// Oldest returns the position of the oldest sample h still holds,
// max(0, Pos() - Cap()). h holds the samples [Oldest(), Pos()).
func (h *History) Oldest() int64 {
	if o := h.pos - int64(len(h.buf)); o > 0 {
		return o
	}
	return 0
}

// Write appends pcm to the stream, advancing Pos by len(pcm). Only the last
// Cap() samples are kept; pcm may be longer than that.
func (h *History) Write(pcm []int16) {
	h.pos += int64(len(pcm))
	n := len(h.buf)
	if len(pcm) >= n {
		copy(h.buf, pcm[len(pcm)-n:])
		h.w = 0
		return
	}
	c := copy(h.buf[h.w:], pcm)
	if c < len(pcm) { // wrapped
		h.w = copy(h.buf, pcm[c:])
		return
	}
	if h.w += c; h.w == n {
		h.w = 0
	}
}

// Slices returns the samples [from, Pos()) without copying, as two pieces
// of the ring: older holds the first samples and newer (possibly empty) the
// rest. They alias h's buffer and are valid until the next Write or Reset.
// It returns ErrHistory if from < Oldest() or from > Pos(); a caller that
// would rather take what is left than fail passes max(from, h.Oldest()).
func (h *History) Slices(from int64) (older, newer []int16, err error) {
	if from > h.pos || from < h.Oldest() {
		return nil, nil, ErrHistory
	}
	i := h.w - int(h.pos-from) // h.pos-from <= Cap(): fits an int
	if i >= 0 {
		return h.buf[i:h.w], nil, nil
	}
	return h.buf[len(h.buf)+i:], h.buf[:h.w], nil
}

// AppendFrom appends the samples [from, Pos()) to dst. If from < Oldest()
// or from > Pos() it returns dst unchanged and ErrHistory; to clamp to what
// is held instead, pass max(from, h.Oldest()). It allocates only to grow
// dst (never when cap(dst)-len(dst) >= Pos()-from).
func (h *History) AppendFrom(dst []int16, from int64) ([]int16, error) {
	a, b, err := h.Slices(from)
	if err != nil {
		return dst, err
	}
	return append(append(dst, a...), b...), nil
}

// Reset starts a new stream at position 0 (as Segmenter.Reset does),
// forgetting what was written. It does not allocate.
func (h *History) Reset() {
	h.w, h.pos = 0, 0
}
