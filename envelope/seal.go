package envelope

import (
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"hash"
	"io"
	"math/bits"
	"time"

	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/hkdf"
)

// SealOption configures Seal and NewSealer.
type SealOption func(*sealOptions) error

type sealOptions struct {
	chunkLog2 uint8
	rand      io.Reader
}

// WithChunkSize sets the payload chunk size: a power of two from
// MinChunkSize to MaxChunkSize (default DefaultChunkSize). The recipient
// needs one buffer of this size plus 16 bytes to open the message, so
// seal for a toy with the default or smaller.
func WithChunkSize(n int) SealOption {
	return func(o *sealOptions) error {
		if n < MinChunkSize || n > MaxChunkSize || n&(n-1) != 0 {
			return ErrOption
		}
		o.chunkLog2 = uint8(bits.TrailingZeros(uint(n)))
		return nil
	}
}

// withRand replaces crypto/rand for deterministic test vectors (test hook;
// never exported: reproducible randomness breaks the format's security).
func withRand(r io.Reader) SealOption {
	return func(o *sealOptions) error { o.rand = r; return nil }
}

// sealState carries a message being sealed from the header to the final
// signature.
type sealState struct {
	from      *PrivateKey
	aead      cipher.AEAD
	hash      hash.Hash // SHA-256 over everything before the final signature
	chunkSize int
	length    int64  // declared payload length L
	chunks    uint64 // N
	next      uint64 // index of the next chunk
	nonce     [12]byte
}

// beginSeal validates the arguments, appends the header (through the
// header signature) to dst and returns the state for the chunks.
// Randomness is drawn in this order: content key (32 bytes), message id
// (16, only if meta.MessageID is zero), then 32 bytes of ikmE per
// recipient in order.
func beginSeal(dst []byte, payloadLen int64, meta *Metadata, from *PrivateKey, to []PublicKey, opts []SealOption) ([]byte, *sealState, error) {
	o := sealOptions{chunkLog2: 10, rand: rand.Reader}
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return dst, nil, err
		}
	}
	if from == nil || len(to) < 1 || len(to) > MaxRecipients || payloadLen < 0 || payloadLen > MaxPayloadLen {
		return dst, nil, ErrOption
	}
	if o.rand == nil {
		return dst, nil, ErrNoRandom
	}
	var m Metadata
	if meta == nil {
		meta = &m
	}
	if !meta.valid() {
		return dst, nil, ErrOption
	}
	for i := range to {
		for j := 0; j < i; j++ {
			if to[i].RecipientID() == to[j].RecipientID() {
				return dst, nil, ErrOption
			}
		}
	}

	var key [contentKeyLen]byte
	defer clear(key[:])
	if _, err := io.ReadFull(o.rand, key[:]); err != nil {
		return dst, nil, err
	}
	if meta.MessageID.IsZero() {
		if _, err := io.ReadFull(o.rand, meta.MessageID[:]); err != nil {
			return dst, nil, err
		}
	}
	if meta.Created.IsZero() {
		meta.Created = time.Now()
	}

	from.ed25519Public()
	start := len(dst)
	dst = appendFixed(dst, o.chunkLog2, from.pub.SenderID(), payloadLen, len(to))
	aad := dst[start : start+fixedLen : start+fixedLen]
	for _, pk := range to {
		var ikmE [32]byte
		if _, err := io.ReadFull(o.rand, ikmE[:]); err != nil {
			return dst[:start], nil, err
		}
		enc, ctx, err := setupBaseS(pk.x[:], []byte(hpkeInfo), ikmE[:])
		if err != nil {
			return dst[:start], nil, err
		}
		id := pk.RecipientID()
		dst = append(dst, id[:]...)
		dst = append(dst, enc[:]...)
		dst = ctx.seal(dst, aad, key[:])
		aad = dst[start : start+fixedLen : start+fixedLen] // dst may have moved
	}

	st := &sealState{
		from:      from,
		hash:      sha256.New(),
		chunkSize: 1 << o.chunkLog2,
		length:    payloadLen,
		chunks:    uint64(chunkCount(payloadLen, 1<<o.chunkLog2)),
	}
	st.hash.Write(dst[start:])
	var sum [sha256.Size]byte
	metaAEAD, err := deriveKeys(&st.aead, key[:], st.hash.Sum(sum[:0]))
	if err != nil {
		return dst[:start], nil, err
	}
	var mp [metaPlain]byte
	meta.encode(&mp)
	var zero [12]byte
	n := len(dst)
	dst = metaAEAD.Seal(dst, zero[:], mp[:], nil)
	st.hash.Write(dst[n:])

	var sig [sigLen]byte
	st.sign(&sig, labelHeaderSig)
	dst = append(dst, sig[:]...)
	st.hash.Write(sig[:])
	return dst, st, nil
}

// deriveKeys derives the metadata and payload keys from the content key
// and Hpre = SHA-256 of the header through the last stanza:
//
//	prk         = HKDF-Extract(salt = Hpre, ikm = content key)
//	metadata key = HKDF-Expand(prk, "toyvoice envelope v1 metadata key", 32)
//	payload key  = HKDF-Expand(prk, "toyvoice envelope v1 payload key", 32)
func deriveKeys(payload *cipher.AEAD, contentKey, hpre []byte) (meta cipher.AEAD, err error) {
	prk := hkdf.Extract(sha256.New, contentKey, hpre)
	var k [32]byte
	defer clear(k[:])
	if _, err := io.ReadFull(hkdf.Expand(sha256.New, prk, []byte(labelMetaKey)), k[:]); err != nil {
		return nil, err
	}
	meta, err = chacha20poly1305.New(k[:])
	if err != nil {
		return nil, err
	}
	if _, err := io.ReadFull(hkdf.Expand(sha256.New, prk, []byte(labelChunkKey)), k[:]); err != nil {
		return nil, err
	}
	*payload, err = chacha20poly1305.New(k[:])
	clear(prk)
	return meta, err
}

// sign signs label ‖ SHA-256(everything hashed so far).
func (st *sealState) sign(sig *[sigLen]byte, label string) {
	var msg [64 + sha256.Size]byte
	b := append(msg[:0], label...)
	b = st.hash.Sum(b)
	st.from.sign(sig, b)
}

// sealChunk encrypts chunk st.next (pt, which may alias the end of dst's
// spare capacity) and appends it to dst.
func (st *sealState) sealChunk(dst, pt []byte) []byte {
	final := st.next == st.chunks-1
	chunkNonce(&st.nonce, st.next, final)
	st.next++
	n := len(dst)
	dst = st.aead.Seal(dst, st.nonce[:], pt, nil)
	st.hash.Write(dst[n:])
	return dst
}

// finish appends the final signature.
func (st *sealState) finish(dst []byte) []byte {
	var sig [sigLen]byte
	st.sign(&sig, labelFinalSig)
	return append(dst, sig[:]...)
}

// Seal seals payload (encoded audio) for the recipients in to, signed by
// from, and appends the message to dst. It grows dst at most once: the
// message is exactly SealedLen(len(payload), len(to), chunk size) bytes.
//
// meta travels encrypted. Seal fills in meta.MessageID (random) and
// meta.Created (now) when they are zero, so the caller can keep them.
func Seal(dst, payload []byte, meta *Metadata, from *PrivateKey, to []PublicKey, opts ...SealOption) ([]byte, error) {
	if len(to) > MaxRecipients || int64(len(payload)) > MaxPayloadLen {
		return dst, ErrOption
	}
	o := sealOptions{chunkLog2: 10}
	for _, opt := range opts {
		if err := opt(&o); err != nil {
			return dst, err
		}
	}
	if need := SealedLen(int64(len(payload)), len(to), 1<<o.chunkLog2); int64(cap(dst)-len(dst)) < need {
		nd := make([]byte, len(dst), int64(len(dst))+need)
		copy(nd, dst)
		dst = nd
	}
	start := len(dst)
	out, st, err := beginSeal(dst, int64(len(payload)), meta, from, to, opts)
	if err != nil {
		return dst[:start], err
	}
	for i := uint64(0); i < st.chunks; i++ {
		end := len(payload)
		if end > st.chunkSize {
			end = st.chunkSize
		}
		out = st.sealChunk(out, payload[:end])
		payload = payload[end:]
	}
	return st.finish(out), nil
}

// Sealer seals a payload of known length as it is written, holding one
// chunk in memory: a toy can seal a long reply from flash. Write never
// allocates; each full chunk is encrypted in place and written to the
// underlying writer.
type Sealer struct {
	w       io.Writer
	st      *sealState
	buf     []byte // chunkSize + Overhead
	fill    int
	written int64
	err     error
}

// NewSealer writes the header for a payload of exactly payloadLen bytes
// to w and returns a Sealer for the payload. Close writes the last chunk
// and the final signature. Arguments are as for Seal.
func NewSealer(w io.Writer, payloadLen int64, meta *Metadata, from *PrivateKey, to []PublicKey, opts ...SealOption) (*Sealer, error) {
	hdr, st, err := beginSeal(make([]byte, 0, HeaderLen(len(to))), payloadLen, meta, from, to, opts)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(hdr); err != nil {
		return nil, err
	}
	return &Sealer{w: w, st: st, buf: make([]byte, 0, st.chunkSize+Overhead)}, nil
}

// Write buffers p and seals every complete chunk that is not the last.
// Writing more than the declared length fails with ErrLength.
func (s *Sealer) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if int64(len(p)) > s.st.length-s.written {
		s.err = ErrLength
		return 0, s.err
	}
	n := 0
	for len(p) > 0 {
		if s.fill == s.st.chunkSize {
			if err := s.flush(); err != nil {
				return n, err
			}
		}
		c := copy(s.buf[s.fill:s.st.chunkSize], p)
		s.fill += c
		n += c
		p = p[c:]
		s.written += int64(c)
	}
	return n, nil
}

// flush seals and writes the buffered full chunk.
func (s *Sealer) flush() error {
	out := s.st.sealChunk(s.buf[:0], s.buf[:s.fill])
	s.fill = 0
	if _, err := s.w.Write(out); err != nil {
		s.err = err
		return err
	}
	return nil
}

// Close seals the last chunk and writes it and the final signature. It
// fails with ErrLength if fewer bytes than declared were written. It does
// not close the underlying writer.
func (s *Sealer) Close() error {
	if s.err != nil {
		return s.err
	}
	if s.written != s.st.length {
		s.err = ErrLength
		return s.err
	}
	out := s.st.sealChunk(s.buf[:0], s.buf[:s.fill])
	s.fill = 0
	out = s.st.finish(out)
	s.err = errClosed
	_, err := s.w.Write(out)
	return err
}

var errClosed = &Error{Kind: ErrOption, Reason: "sealer closed"}
