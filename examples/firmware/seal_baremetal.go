//go:build tinygo && baremetal

package main

import (
	"errors"
	"io"

	"github.com/toyvoice/toyvoice/envelope"
)

// On a 64 KB Cortex-M the reply is not sealed here. Measured with TinyGo
// 0.33 on cortex-m-qemu (LM3S6965, 64 KB RAM, 4 KB C stack), main built
// with -stack-size=8KB:
//
//   - With crypto/ed25519, signing links crypto/internal/edwards25519's
//     basepointTablePrecomp, 30,736 bytes of .bss: static RAM (C stack,
//     .data, .bss) grows from 29,592 bytes with this stub to 60,684,
//     leaving 4,852 bytes of heap, less than the 8 KB goroutine stack.
//   - A signer without that table (the generator multiplied like any
//     point, filippo.io/edwards25519; the same signatures) links in
//     30,092 bytes of static RAM (35,444 bytes of heap; flash 118,952
//     bytes against 90,856 with this stub). But that heap does not hold
//     what main keeps at once: the 8 KB goroutine stack, the Recorder
//     (15.2 KB; 13.7 KB with a 3,360-sample history), keys and contacts
//     (about 3 KB), the Player and its Ring (2.5 KB). With those resident,
//     opening the embedded 1 s message ran out of memory with 9.2 KB free,
//     and sealing a reply with 7.0 KB free; sealing alone ran with 6.2 KB
//     free and not with 4.2 KB.
//
// A toy that seals on the device needs more RAM, or a player and recorder
// that do not stay resident together; until then it hands the reply to
// its Wi-Fi co-processor to seal (seal.go is what that side runs).
var errNoSealing = errors.New("firmware: sealing needs the Wi-Fi co-processor on this chip")

func sealTo(io.Writer, []byte, *envelope.Metadata, *envelope.PrivateKey, []envelope.PublicKey) error {
	return errNoSealing
}
