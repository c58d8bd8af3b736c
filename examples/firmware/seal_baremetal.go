//go:build tinygo && baremetal

package main

import (
	"errors"
	"io"

	"github.com/toyvoice/toyvoice/envelope"
)

// On a 64 KB Cortex-M the reply is not sealed here: Ed25519 signing links in
// crypto/internal/edwards25519's 30 KB basepointTablePrecomp (in .bss), which
// together with the player, the recorder and the heap X25519 needs does not fit
// in RAM (cortex-m-qemu: .bss overflowed by 44 KB). A toy that must seal on
// the device needs a chip with ~128 KB of RAM, or hands the reply to its Wi-Fi
// co-processor to seal (seal.go is what that side runs).
var errNoSealing = errors.New("firmware: sealing needs the Wi-Fi co-processor on this chip")

func sealTo(io.Writer, []byte, *envelope.Metadata, *envelope.PrivateKey, []envelope.PublicKey) error {
	return errNoSealing
}
