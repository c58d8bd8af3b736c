package envelope

import (
	"crypto/ed25519"
	"crypto/sha256"
	"io"
)

// Verify checks, without any private key and without decrypting, that the
// message read from r is complete and was sent, unmodified, by sender: it
// parses the header, checks that its sender key id is sender's
// (ErrUnknownSender), verifies the header signature and, after hashing
// every chunk, the final signature (ErrBadSignature), and that r ends
// exactly where the message does (ErrTruncated, ErrTampered). It returns
// the routing fields.
//
// A relay looks the sender's public key up by Inspect(msg).Sender in its
// account directory, calls Verify, and stores and forwards the message
// without ever holding a key that opens it. Verify holds 4 KiB of buffer
// and a SHA-256 state, whatever the message size.
func Verify(r io.Reader, sender PublicKey) (*Info, error) {
	var fixed [fixedLen]byte
	off := int64(0)
	read := func(b []byte, what string) error {
		n, err := io.ReadFull(r, b)
		off += int64(n)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return newError(ErrTruncated, off, what)
		}
		return err
	}
	if err := read(fixed[:], "header cut short"); err != nil {
		return nil, err
	}
	var h fixedHeader
	if err := parseFixed(&h, fixed[:]); err != nil {
		return nil, err
	}
	if h.sender != sender.SenderID() {
		return nil, newError(ErrUnknownSender, 12, "sender key id is not this sender's")
	}
	info := &Info{
		Version:    Version,
		ChunkSize:  h.chunkSize(),
		Sender:     h.sender,
		Recipients: make([]KeyID, h.n),
		PayloadLen: h.payloadLen,
		Size:       h.size(),
	}
	hh := sha256.New()
	hh.Write(fixed[:])
	var buf [4096]byte
	var stanza [stanzaLen]byte
	for i := range info.Recipients {
		if err := read(stanza[:], "header cut short"); err != nil {
			return nil, err
		}
		hh.Write(stanza[:])
		copy(info.Recipients[i][:], stanza[:KeyIDSize])
	}
	var sig [sigLen]byte
	var msg [64 + sha256.Size]byte
	check := func(label string) bool {
		b := append(msg[:0], label...)
		return ed25519.Verify(sender.ed[:], hh.Sum(b), sig[:])
	}
	if err := read(buf[:metaLen], "header cut short"); err != nil {
		return nil, err
	}
	hh.Write(buf[:metaLen])
	if err := read(sig[:], "header cut short"); err != nil {
		return nil, err
	}
	if !check(labelHeaderSig) {
		return nil, newError(ErrBadSignature, off-sigLen, "header signature does not verify")
	}
	hh.Write(sig[:])
	for rest := info.Size - int64(HeaderLen(h.n)) - sigLen; rest > 0; {
		n := int64(len(buf))
		if rest < n {
			n = rest
		}
		if err := read(buf[:n], "payload cut short"); err != nil {
			return nil, err
		}
		hh.Write(buf[:n])
		rest -= n
	}
	if err := read(sig[:], "final signature missing"); err != nil {
		return nil, err
	}
	if !check(labelFinalSig) {
		return nil, newError(ErrBadSignature, off-sigLen, "final signature does not verify")
	}
	if n, _ := io.ReadFull(r, buf[:1]); n > 0 {
		return nil, newError(ErrTampered, off, "data after the final signature")
	}
	return info, nil
}
