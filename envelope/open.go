package envelope

import (
	"crypto/cipher"
	"crypto/ed25519"
	"crypto/sha256"
	"hash"
	"io"
	"math/bits"
)

// OpenOption configures NewOpener.
type OpenOption func(*Opener) error

// WithMaxChunkSize makes the opener refuse (ErrUnsupported) messages with
// chunks larger than n bytes, a power of two from MinChunkSize to
// MaxChunkSize (the default). A toy sets it to the buffer it can afford.
func WithMaxChunkSize(n int) OpenOption {
	return func(o *Opener) error {
		if n < MinChunkSize || n > MaxChunkSize || n&(n-1) != 0 {
			return ErrOption
		}
		o.maxChunkLog2 = uint8(bits.TrailingZeros(uint(n)))
		return nil
	}
}

const (
	stIdle = iota
	stStreaming
	stDone
	stFailed
)

// Opener opens messages for the holder of one or more private keys (more
// than one while a key is being rotated), accepting only senders in
// Contacts and remembering message ids in a ReplayWindow.
//
// Besides the chunk buffer (chunk size + 16 bytes, allocated on the first
// message and reused, or never if every message fits the one it has), an
// Opener keeps a few hundred bytes of fixed state; see the package
// documentation for the measured working memory. Reuse one Opener for
// every message. An Opener is not safe for concurrent use.
type Opener struct {
	keys         []*PrivateKey
	ids          []KeyID
	contacts     *Contacts
	replay       *ReplayWindow
	maxChunkLog2 uint8

	// per message
	r         io.Reader
	state     int
	err       error
	hdr       fixedHeader
	sender    PublicKey
	meta      Metadata
	hash      hash.Hash
	aead      cipher.AEAD
	buf       []byte
	pending   []byte // Read: decrypted bytes not yet returned
	off       int64  // bytes consumed from r
	next      uint64 // next chunk index
	chunks    uint64
	remaining int64 // payload bytes still to come
	nonce     [12]byte
	fixed     [fixedLen]byte
	scratch   [stanzaLen]byte
	stanza    [stanzaLen]byte
	sig       [sigLen]byte
	sigMsg    [64 + sha256.Size]byte
	hpre      [sha256.Size]byte
	metaCT    [metaLen]byte
	metaPT    [metaPlain]byte
	ck        [contentKeyLen]byte
	metaOff   int64
	key       int
	// The arrays above live here rather than on the stack: TinyGo gives a
	// goroutine 4 KB of stack on Cortex-M, and Ed25519 verification needs
	// most of it.
}

// NewOpener returns an Opener for messages sealed to any of keys, from
// senders in contacts, with replay protection by replay. All three are
// required; the Opener keeps references to them (Contacts and the window
// may be updated between messages).
func NewOpener(keys []*PrivateKey, contacts *Contacts, replay *ReplayWindow, opts ...OpenOption) (*Opener, error) {
	if len(keys) == 0 || contacts == nil || replay == nil {
		return nil, ErrOption
	}
	o := &Opener{
		keys:         keys,
		ids:          make([]KeyID, len(keys)),
		contacts:     contacts,
		replay:       replay,
		maxChunkLog2: 16,
		hash:         sha256.New(),
	}
	for i, k := range keys {
		if k == nil {
			return nil, ErrOption
		}
		o.ids[i] = k.RecipientID()
	}
	for _, opt := range opts {
		if err := opt(o); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// fail records err as the message's outcome.
func (o *Opener) fail(err error) error {
	o.state = stFailed
	o.err = err
	o.pending = nil
	return err
}

// readFull reads len(b) bytes, reporting a short read as ErrTruncated.
func (o *Opener) readFull(b []byte, what string) error {
	n, err := io.ReadFull(o.r, b)
	o.off += int64(n)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return newError(ErrTruncated, o.off, what)
	}
	return err
}

// verifySig checks an Ed25519 signature of label ‖ SHA-256(hashed so far).
func (o *Opener) verifySig(label string, sig []byte) bool {
	b := append(o.sigMsg[:0], label...)
	b = o.hash.Sum(b)
	return ed25519.Verify(o.sender.ed[:], b, sig)
}

// Begin starts a message read from r: it reads the header, finds the
// stanza for one of the opener's keys (ErrNotRecipient), looks the sender
// up in Contacts (ErrUnknownSender), verifies the header signature
// (ErrBadSignature), unwraps the content key, decrypts the metadata
// (ErrTampered) and checks the message id against the replay window
// (ErrReplay). No audio is released before all of that succeeded.
//
// Then call Next (or Read) until io.EOF. r must end where the message
// ends.
func (o *Opener) Begin(r io.Reader) error {
	o.r = r
	o.off = 0
	o.pending = nil
	o.state = stFailed
	o.hash.Reset()
	if err := o.readHeader(); err != nil {
		return o.fail(err)
	}
	// Verified here, high on the stack (see the note at Opener.ck).
	if !o.verifySig(labelHeaderSig, o.sig[:]) {
		return o.fail(newError(ErrBadSignature, o.off-sigLen, "header signature does not verify"))
	}
	o.hash.Write(o.sig[:])
	err := o.unwrap()
	clear(o.ck[:])
	if err != nil {
		return o.fail(err)
	}
	o.state = stStreaming
	o.err = nil
	return nil
}

// readHeader reads the header through the header signature, finding the
// stanza and the sender.
func (o *Opener) readHeader() error {
	if err := o.readFull(o.fixed[:], "header cut short"); err != nil {
		return err
	}
	if err := parseFixed(&o.hdr, o.fixed[:]); err != nil {
		return err
	}
	if o.hdr.chunkLog2 > o.maxChunkLog2 {
		return newError(ErrUnsupported, 5, "chunk size larger than this opener accepts")
	}
	o.hash.Write(o.fixed[:])

	key := -1
	for i := 0; i < o.hdr.n; i++ {
		if err := o.readFull(o.scratch[:], "header cut short"); err != nil {
			return err
		}
		o.hash.Write(o.scratch[:])
		if key >= 0 {
			continue
		}
		for k, id := range o.ids {
			if KeyID(o.scratch[:KeyIDSize]) == id {
				key = k
				o.stanza = o.scratch
				break
			}
		}
	}
	if key < 0 {
		return newError(ErrNotRecipient, fixedLen, "no stanza for this key")
	}
	sender, ok := o.contacts.Lookup(o.hdr.sender)
	if !ok {
		return newError(ErrUnknownSender, 12, "sender key not in contacts")
	}
	o.sender = sender

	o.hash.Sum(o.hpre[:0])
	metaOff := o.off
	if err := o.readFull(o.metaCT[:], "header cut short"); err != nil {
		return err
	}
	o.hash.Write(o.metaCT[:])
	o.metaOff = metaOff
	o.key = key
	return o.readFull(o.sig[:], "header cut short")
}

// unwrap opens the stanza, derives the keys, decrypts the metadata and
// checks the replay window.
func (o *Opener) unwrap() error {
	// Unwrap the content key: HPKE SetupBaseR + Open(aad = fixed header).
	metaOff := o.metaOff
	sk := o.keys[o.key]
	ctx, err := setupBaseR(o.stanza[KeyIDSize:KeyIDSize+hpkeNenc], sk.x[:], sk.pub.x[:], []byte(hpkeInfo))
	if err != nil {
		return newError(ErrNotRecipient, fixedLen, "key exchange failed")
	}
	if _, err := ctx.open(o.ck[:0], o.fixed[:], o.stanza[KeyIDSize+hpkeNenc:]); err != nil {
		return newError(ErrNotRecipient, fixedLen, "content key does not unwrap with this key")
	}
	metaAEAD, err := deriveKeys(&o.aead, o.ck[:], o.hpre[:])
	if err != nil {
		return err
	}
	clear(o.nonce[:])
	if _, err := metaAEAD.Open(o.metaPT[:0], o.nonce[:], o.metaCT[:], nil); err != nil {
		return newError(ErrTampered, metaOff, "metadata authentication failed")
	}
	if !o.meta.decode(&o.metaPT) {
		return newError(ErrMalformed, metaOff, "bad metadata")
	}
	if o.replay.Check(o.meta.MessageID, o.meta.Created) != nil {
		return newError(ErrReplay, metaOff, "message id already seen or too old")
	}

	o.next = 0
	o.chunks = uint64(chunkCount(o.hdr.payloadLen, o.hdr.chunkSize()))
	o.remaining = o.hdr.payloadLen
	if need := o.hdr.chunkSize() + Overhead; cap(o.buf) < need {
		o.buf = make([]byte, need)
	}
	return nil
}

// Metadata returns the current message's metadata (valid after Begin).
func (o *Opener) Metadata() Metadata { return o.meta }

// Sender returns the current message's sender key (valid after Begin).
func (o *Opener) Sender() PublicKey { return o.sender }

// PayloadLen returns the current message's declared payload length.
func (o *Opener) PayloadLen() int64 { return o.hdr.payloadLen }

// Next decrypts and returns the next chunk of audio. The slice aliases the
// opener's buffer and is valid until the next call. Every chunk is
// authenticated before it is returned (ErrTampered for a modified,
// reordered or duplicated chunk, ErrTruncated for a cut message); the last
// one is returned only after the final signature over the whole message
// verified and its id was recorded in the replay window. After the last
// chunk Next returns io.EOF. Next does not allocate.
//
// Chunks before the last are released after the header signature has
// proved the message comes from the contact, but before the final
// signature is checked: a message cut or corrupted in transit may
// already have played in part when Next reports the error.
func (o *Opener) Next() ([]byte, error) {
	switch o.state {
	case stDone:
		return nil, io.EOF
	case stStreaming:
	default:
		if o.err == nil {
			o.err = ErrOption // Next before Begin
		}
		return nil, o.err
	}
	final := o.next == o.chunks-1
	ptLen := o.hdr.chunkSize()
	if final {
		ptLen = int(o.remaining)
	}
	ct := o.buf[:ptLen+Overhead]
	chunkOff := o.off
	if err := o.readFull(ct, "payload cut short"); err != nil {
		return nil, o.fail(err)
	}
	o.hash.Write(ct)
	chunkNonce(&o.nonce, o.next, final)
	pt, err := o.aead.Open(ct[:0], o.nonce[:], ct, nil)
	if err != nil {
		return nil, o.fail(newError(ErrTampered, chunkOff, "chunk authentication failed"))
	}
	o.next++
	o.remaining -= int64(ptLen)
	if final {
		if err := o.finish(); err != nil {
			return nil, o.fail(err)
		}
		o.state = stDone
	}
	return pt, nil
}

// finish reads and checks the final signature and the end of the input,
// then records the message id.
func (o *Opener) finish() error {
	if err := o.readFull(o.sig[:], "final signature missing"); err != nil {
		return err
	}
	if !o.verifySig(labelFinalSig, o.sig[:]) {
		return newError(ErrBadSignature, o.off-sigLen, "final signature does not verify")
	}
	n, err := io.ReadFull(o.r, o.scratch[:1])
	if n > 0 {
		return newError(ErrTampered, o.off, "data after the final signature")
	}
	if err != io.EOF {
		return err
	}
	o.replay.Record(o.meta.MessageID, o.meta.Created)
	return nil
}

// Read implements io.Reader over Next, for players that want a stream.
func (o *Opener) Read(p []byte) (int, error) {
	for len(o.pending) == 0 {
		b, err := o.Next()
		if err != nil {
			return 0, err
		}
		o.pending = b
	}
	n := copy(p, o.pending)
	o.pending = o.pending[n:]
	return n, nil
}

// sliceReader reads from a byte slice (bytes.Reader without the import).
type sliceReader struct{ b []byte }

func (r *sliceReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

// Open checks and decrypts the whole message msg, appending the payload
// to dst. Everything is verified before Open returns: on any error dst is
// returned unchanged and the bytes Open wrote into its spare capacity are
// zeroed. Errors are as for Begin and Next. Open grows dst at most once
// (by the declared payload length, which is checked against len(msg)
// first) and otherwise does not allocate per chunk.
func (o *Opener) Open(dst, msg []byte) ([]byte, error) {
	sr := sliceReader{b: msg}
	if err := o.Begin(&sr); err != nil {
		return dst, err
	}
	total := o.hdr.size()
	if int64(len(msg)) < total {
		return dst, o.fail(newError(ErrTruncated, int64(len(msg)), "message cut short"))
	}
	if int64(len(msg)) > total {
		return dst, o.fail(newError(ErrTampered, total, "data after the final signature"))
	}
	start := len(dst)
	if int64(cap(dst)-start) < o.hdr.payloadLen {
		nd := make([]byte, start, int64(start)+o.hdr.payloadLen)
		copy(nd, dst)
		dst = nd
	}
	pos := o.off
	out := dst
	for i := uint64(0); i < o.chunks; i++ {
		final := i == o.chunks-1
		ptLen := int64(o.hdr.chunkSize())
		if final {
			ptLen = o.remaining
		}
		ct := msg[pos : pos+ptLen+Overhead]
		o.hash.Write(ct)
		chunkNonce(&o.nonce, i, final)
		var err error
		out, err = o.aead.Open(out, o.nonce[:], ct, nil)
		if err != nil {
			clear(out[start:cap(out)])
			return dst[:start], o.fail(newError(ErrTampered, pos, "chunk authentication failed"))
		}
		pos += ptLen + Overhead
		o.remaining -= ptLen
	}
	o.next = o.chunks
	sr.b = msg[pos:]
	o.off = pos
	if err := o.finish(); err != nil {
		clear(out[start:cap(out)])
		return dst[:start], o.fail(err)
	}
	o.state = stDone
	return out, nil
}

// Open is a one-shot (*Opener).Open for a single key.
func Open(dst, msg []byte, key *PrivateKey, contacts *Contacts, replay *ReplayWindow) ([]byte, Metadata, error) {
	o, err := NewOpener([]*PrivateKey{key}, contacts, replay)
	if err != nil {
		return dst, Metadata{}, err
	}
	out, err := o.Open(dst, msg)
	return out, o.meta, err
}
