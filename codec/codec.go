// Package codec defines the contract every toyvoice codec follows.
//
// # Buffers
//
// Encoders and decoders append to a caller-owned destination slice and
// return the extended slice, like [encoding/binary.AppendUvarint] or
// [hash.Hash.Sum]: dst comes first, and when it has enough capacity no
// allocation happens. Each codec publishes a size bound (EncodedLen,
// DecodedLen) so callers can preallocate once.
//
// # State
//
// Codecs that carry state across calls (ADPCM predictors, G.722 band
// states) continue from where the previous call stopped, so splitting the
// input into chunks never changes the output. Reset returns a codec to its
// freshly constructed state without allocating.
//
// # Errors
//
// Constructors validate their parameters and return errors matching the
// sentinels below with [errors.Is]. Decoders report malformed input with a
// *[CorruptError] that carries the byte offset and matches [ErrCorrupt].
package codec

import (
	"errors"
	"strconv"
)

// Encoder turns interleaved 16-bit PCM into a codec's bitstream.
type Encoder interface {
	// AppendEncode encodes pcm and appends the result to dst.
	AppendEncode(dst []byte, pcm []int16) ([]byte, error)
	// Reset returns the encoder to its initial state.
	Reset()
}

// Decoder turns a codec's bitstream into interleaved 16-bit PCM.
type Decoder interface {
	// AppendDecode decodes payload and appends the samples to dst.
	AppendDecode(dst []int16, payload []byte) ([]int16, error)
	// Reset returns the decoder to its initial state.
	Reset()
}

// Sentinel errors shared by all codecs.
var (
	// ErrCorrupt is matched by every *CorruptError.
	ErrCorrupt = errors.New("codec: corrupt input")
	// ErrChannels reports an unsupported channel count.
	ErrChannels = errors.New("codec: unsupported channel count")
	// ErrSampleRate reports an unsupported sample rate.
	ErrSampleRate = errors.New("codec: unsupported sample rate")
	// ErrOption reports an invalid option value.
	ErrOption = errors.New("codec: invalid option")
	// ErrFrameSize reports input whose length is not a whole number of
	// frames or blocks where the codec requires one.
	ErrFrameSize = errors.New("codec: input is not a whole number of frames")
)

// Refine returns a codec package's own sentinel error: its message is msg
// (prefixed with the package name by convention, "adpcm: …") and it also
// matches base, one of the shared sentinels above, with [errors.Is]. So
// callers can test for adpcm.ErrChannels or for any codec's ErrChannels.
func Refine(msg string, base error) error { return &refinedError{msg, base} }

type refinedError struct {
	msg  string
	base error
}

func (e *refinedError) Error() string { return e.msg }
func (e *refinedError) Unwrap() error { return e.base }

// CorruptError reports malformed codec input. Offset is the byte offset
// into the stream (counted from the codec's construction or last Reset)
// where the problem was found.
type CorruptError struct {
	Offset int64
	Reason string
}

func (e *CorruptError) Error() string {
	return "codec: corrupt input at byte " + strconv.FormatInt(e.Offset, 10) + ": " + e.Reason
}

// Is reports whether target is ErrCorrupt.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }
