package envelope

import (
	"errors"
	"strconv"
)

// Sentinel errors. Every rejection Open, Opener and Verify report matches
// exactly one of ErrMalformed, ErrUnsupported, ErrTruncated, ErrTampered,
// ErrBadSignature, ErrUnknownSender, ErrNotRecipient or ErrReplay with
// [errors.Is]; most come wrapped in an *[Error] that adds the byte offset.
var (
	// ErrMalformed reports bytes that are not an envelope: wrong magic,
	// impossible field values, non-zero reserved bytes.
	ErrMalformed = errors.New("envelope: malformed message")
	// ErrUnsupported reports a well-formed envelope this package cannot
	// open: another format version or cipher suite, or chunks larger than
	// the opener accepts.
	ErrUnsupported = errors.New("envelope: unsupported version, suite or chunk size")
	// ErrTruncated reports a message that ends before its declared end: a
	// cut download, a missing final chunk or a missing final signature.
	ErrTruncated = errors.New("envelope: message truncated")
	// ErrTampered reports ciphertext that fails authentication: a modified,
	// reordered, duplicated or appended chunk, or modified metadata.
	ErrTampered = errors.New("envelope: message tampered")
	// ErrBadSignature reports a header or final signature that does not
	// verify under the sender key the message names.
	ErrBadSignature = errors.New("envelope: bad sender signature")
	// ErrUnknownSender reports a message whose sender key is not in the
	// recipient's Contacts.
	ErrUnknownSender = errors.New("envelope: unknown sender")
	// ErrNotRecipient reports a message not sealed to any of the opener's
	// private keys.
	ErrNotRecipient = errors.New("envelope: not a recipient of this message")
	// ErrReplay reports a message whose id the ReplayWindow has already
	// seen, or one older than everything a full window remembers.
	ErrReplay = errors.New("envelope: replayed message")

	// ErrKey reports an invalid key encoding or a key that cannot be used
	// (a low-order X25519 point).
	ErrKey = errors.New("envelope: invalid key")
	// ErrOption reports an invalid option or argument: a chunk size that is
	// not a power of two in range, too many or duplicate recipients,
	// invalid metadata, a payload longer than MaxPayloadLen.
	ErrOption = errors.New("envelope: invalid option or argument")
	// ErrLength reports a streaming Sealer given more or fewer payload
	// bytes than it was created for.
	ErrLength = errors.New("envelope: payload length differs from the declared length")
	// ErrNoRandom reports sealing or key generation without a source of
	// randomness: crypto/rand.Reader is nil where TinyGo knows no random
	// number generator for the chip (the firmware sets it to the chip's
	// TRNG first), or GenerateKey was given nil.
	ErrNoRandom = errors.New("envelope: no source of randomness (crypto/rand.Reader is nil)")
)

// Error is a rejection with the byte offset where it was found. It
// matches its Kind (one of the sentinels above) with [errors.Is].
type Error struct {
	Kind   error  // a sentinel: ErrTruncated, ErrTampered, ...
	Offset int64  // byte offset into the message
	Reason string // a fixed phrase, e.g. "chunk authentication failed"
}

func (e *Error) Error() string {
	return e.Kind.Error() + ": " + e.Reason + " at byte " + strconv.FormatInt(e.Offset, 10)
}

// Unwrap returns Kind.
func (e *Error) Unwrap() error { return e.Kind }

func newError(kind error, off int64, reason string) error {
	return &Error{Kind: kind, Offset: off, Reason: reason}
}
