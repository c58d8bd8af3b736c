//go:build !(tinygo && baremetal)

package main

import (
	"io"

	"github.com/toyvoice/toyvoice/envelope"
)

// sealTo seals payload to the parents while writing it to w, holding one
// chunk in memory (envelope.NewSealer) instead of a second copy of the reply.
func sealTo(w io.Writer, payload []byte, meta *envelope.Metadata, from *envelope.PrivateKey, to []envelope.PublicKey) error {
	s, err := envelope.NewSealer(w, int64(len(payload)), meta, from, to)
	if err != nil {
		return err
	}
	if _, err := s.Write(payload); err != nil {
		return err
	}
	return s.Close()
}
