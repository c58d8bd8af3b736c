package envelope

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"time"
)

// detRand is a deterministic byte stream for tests and test vectors:
// block i is SHA-256(seed ‖ uint64be(i)).
type detRand struct {
	seed  string
	i     uint64
	block [32]byte
	left  int
}

func newDetRand(seed string) *detRand { return &detRand{seed: seed} }

func (r *detRand) Read(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if r.left == 0 {
			h := sha256.New()
			h.Write([]byte(r.seed))
			var c [8]byte
			binary.BigEndian.PutUint64(c[:], r.i)
			h.Write(c[:])
			h.Sum(r.block[:0])
			r.i++
			r.left = 32
		}
		c := copy(p, r.block[32-r.left:])
		r.left -= c
		p = p[c:]
	}
	return n, nil
}

func mustKey(seed string) *PrivateKey {
	k, err := GenerateKey(newDetRand(seed))
	if err != nil {
		panic(err)
	}
	return k
}

// testPayload returns n deterministic bytes.
func testPayload(n int) []byte {
	b := make([]byte, n)
	newDetRand("payload").Read(b)
	return b
}

func testMeta() Metadata {
	return Metadata{
		Created:    time.UnixMilli(1764000000000),
		Duration:   2500 * time.Millisecond,
		SampleRate: 16000,
		Channels:   1,
		Codec:      "adpcm-ima",
	}
}

// allKinds are the sentinels a rejection may match.
var allKinds = []error{ErrMalformed, ErrUnsupported, ErrTruncated, ErrTampered, ErrBadSignature, ErrUnknownSender, ErrNotRecipient, ErrReplay}

// kindOf returns the single sentinel err matches, or nil.
func kindOf(err error) error {
	var found error
	for _, k := range allKinds {
		if errors.Is(err, k) {
			if found != nil {
				return nil
			}
			found = k
		}
	}
	return found
}
