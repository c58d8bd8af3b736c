package envelope

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"strings"

	"golang.org/x/crypto/curve25519"
)

// Sizes of keys and their encodings.
const (
	PublicKeySize  = 64 // X25519 public key ‖ Ed25519 public key
	PrivateKeySize = 64 // X25519 private key ‖ Ed25519 seed
	KeyIDSize      = 8

	publicKeyPrefix  = "toyvoice-pub1-"
	privateKeyPrefix = "toyvoice-key1-"
)

// KeyID names a key on the wire, so relays can route and recipients can
// find their stanza without trying every key: the first 8 bytes of
// SHA-256(label ‖ key), with label "toyvoice envelope v1 recipient id" for
// an X25519 key and "toyvoice envelope v1 sender id" for an Ed25519 key
// (docs/envelope-format.md §Keys).
type KeyID [KeyIDSize]byte

// String returns the id in lower-case hex.
func (id KeyID) String() string {
	const hexdigits = "0123456789abcdef"
	var b [2 * KeyIDSize]byte
	for i, v := range id {
		b[2*i] = hexdigits[v>>4]
		b[2*i+1] = hexdigits[v&15]
	}
	return string(b[:])
}

func keyID(label string, key []byte) KeyID {
	h := sha256.New()
	h.Write([]byte(label))
	h.Write(key)
	var sum [sha256.Size]byte
	var id KeyID
	copy(id[:], h.Sum(sum[:0]))
	return id
}

// PublicKey is a participant's public identity: an X25519 key that
// messages are sealed to (the HPKE recipient key pkR) and an Ed25519 key
// that verifies the messages the participant sends. A parent's phone and a
// toy both have one; the toy's Contacts list holds the public keys of the
// senders its family approved.
type PublicKey struct {
	x  [32]byte // X25519, RFC 7748
	ed [32]byte // Ed25519, RFC 8032
}

// NewPublicKey parses the 64-byte binary form (X25519 ‖ Ed25519).
func NewPublicKey(b []byte) (PublicKey, error) {
	var p PublicKey
	if len(b) != PublicKeySize {
		return p, ErrKey
	}
	copy(p.x[:], b[:32])
	copy(p.ed[:], b[32:])
	// Reject X25519 keys no one can encrypt to (low-order points).
	var probe [32]byte
	probe[0] = 1
	if _, err := curve25519.X25519(probe[:], p.x[:]); err != nil {
		return PublicKey{}, ErrKey
	}
	return p, nil
}

// AppendBinary appends the 64-byte binary form to dst.
func (p PublicKey) AppendBinary(dst []byte) []byte {
	dst = append(dst, p.x[:]...)
	return append(dst, p.ed[:]...)
}

// RecipientID is the key id of the X25519 key, written into every stanza
// sealed to p.
func (p PublicKey) RecipientID() KeyID {
	return keyID("toyvoice envelope v1 recipient id", p.x[:])
}

// SenderID is the key id of the Ed25519 key, written into the header of
// every message p's owner sends.
func (p PublicKey) SenderID() KeyID {
	return keyID("toyvoice envelope v1 sender id", p.ed[:])
}

// Equal reports whether p and q are the same key.
func (p PublicKey) Equal(q PublicKey) bool { return p == q }

// String returns the text form "toyvoice-pub1-" followed by the unpadded
// base64url encoding of the binary form.
func (p PublicKey) String() string { return string(p.AppendText(nil)) }

// AppendText appends the text form (see String) to dst.
func (p PublicKey) AppendText(dst []byte) []byte {
	var raw [PublicKeySize]byte
	dst = append(dst, publicKeyPrefix...)
	return base64.RawURLEncoding.AppendEncode(dst, p.AppendBinary(raw[:0]))
}

// ParsePublicKey parses the text form. Surrounding white space and lines
// starting with '#' (comments, as keygen writes them) are ignored.
func ParsePublicKey(s string) (PublicKey, error) {
	raw, err := parseKeyText(s, publicKeyPrefix, PublicKeySize)
	if err != nil {
		return PublicKey{}, err
	}
	return NewPublicKey(raw[:])
}

func parseKeyText(s, prefix string, size int) (raw [64]byte, err error) {
	var line string
	for len(s) > 0 {
		l := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			l, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		l = strings.TrimSpace(l)
		if l == "" || l[0] == '#' {
			continue
		}
		if line != "" {
			return raw, ErrKey
		}
		line = l
	}
	if !strings.HasPrefix(line, prefix) || base64.RawURLEncoding.DecodedLen(len(line)-len(prefix)) != size {
		return raw, ErrKey
	}
	n, err := base64.RawURLEncoding.Decode(raw[:], []byte(line[len(prefix):]))
	if err != nil || n != size {
		return raw, ErrKey
	}
	return raw, nil
}

// PrivateKey is a participant's secret: the X25519 private key that opens
// messages sealed to it and the Ed25519 seed that signs the messages it
// sends. Destroy wipes it; deleting every copy of a family's private key is
// how a deletion request is honoured (crypto-shredding, see the package
// documentation).
type PrivateKey struct {
	x      [32]byte // X25519 private key (HPKE skR), as serialised by RFC 9180 §7.1.2
	seed   [32]byte // Ed25519 seed, RFC 8032 §5.1.5
	pub    PublicKey
	edDone bool // pub.ed computed (lazily: deriving it costs TinyGo 30 KB of tables)
}

// GenerateKey makes a new key pair from 64 bytes of rand (use
// crypto/rand.Reader): the X25519 key is DeriveKeyPair(ikm) of RFC 9180
// §7.1.3 over the first 32 bytes, the Ed25519 seed is the next 32.
func GenerateKey(rand io.Reader) (*PrivateKey, error) {
	if rand == nil {
		return nil, ErrNoRandom
	}
	var ikm [64]byte
	if _, err := io.ReadFull(rand, ikm[:]); err != nil {
		return nil, err
	}
	sk, _, err := deriveKeyPair(ikm[:32])
	if err != nil {
		return nil, err
	}
	copy(ikm[:32], sk[:])
	k, err := NewPrivateKey(ikm[:])
	clear(ikm[:])
	clear(sk[:])
	return k, err
}

// NewPrivateKey parses the 64-byte binary form (X25519 private key ‖
// Ed25519 seed).
func NewPrivateKey(b []byte) (*PrivateKey, error) {
	if len(b) != PrivateKeySize {
		return nil, ErrKey
	}
	k := new(PrivateKey)
	copy(k.x[:], b[:32])
	copy(k.seed[:], b[32:])
	if err := x25519(&k.pub.x, k.x[:], curve25519.Basepoint); err != nil {
		return nil, ErrKey
	}
	return k, nil
}

// ParsePrivateKey parses the text form "toyvoice-key1-" + base64url of the
// binary form; white space and '#' comment lines are ignored.
func ParsePrivateKey(s string) (*PrivateKey, error) {
	raw, err := parseKeyText(s, privateKeyPrefix, PrivateKeySize)
	if err != nil {
		return nil, err
	}
	k, err := NewPrivateKey(raw[:])
	clear(raw[:])
	return k, err
}

// AppendBinary appends the 64-byte binary form to dst. Handle it like the
// key itself.
func (k *PrivateKey) AppendBinary(dst []byte) []byte {
	dst = append(dst, k.x[:]...)
	return append(dst, k.seed[:]...)
}

// AppendText appends the text form to dst.
func (k *PrivateKey) AppendText(dst []byte) []byte {
	var raw [PrivateKeySize]byte
	dst = append(dst, privateKeyPrefix...)
	dst = base64.RawURLEncoding.AppendEncode(dst, k.AppendBinary(raw[:0]))
	clear(raw[:])
	return dst
}

// Public returns the public key.
func (k *PrivateKey) Public() PublicKey {
	k.ed25519Public()
	return k.pub
}

// RecipientID is Public().RecipientID(), without deriving the Ed25519 key.
func (k *PrivateKey) RecipientID() KeyID { return k.pub.RecipientID() }

func (k *PrivateKey) ed25519Public() {
	if !k.edDone {
		priv := ed25519.NewKeyFromSeed(k.seed[:])
		copy(k.pub.ed[:], priv[32:])
		clear(priv)
		k.edDone = true
	}
}

// sign returns the Ed25519 signature of msg, RFC 8032 §5.1.6.
func (k *PrivateKey) sign(sig *[64]byte, msg []byte) {
	priv := ed25519.NewKeyFromSeed(k.seed[:])
	copy(sig[:], ed25519.Sign(priv, msg))
	clear(priv)
}

// Destroy overwrites the key material in memory. The key is unusable
// afterwards. Erasing stored copies (flash, key files, backups) is up to
// the caller; together they make every message sealed to this key
// unreadable.
func (k *PrivateKey) Destroy() {
	clear(k.x[:])
	clear(k.seed[:])
	k.pub = PublicKey{}
	k.edDone = false
}
