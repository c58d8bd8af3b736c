//go:build !(tinygo && baremetal)

// Sealing needs crypto/ed25519's 30 KB signing table: not on cortex-m-qemu.

package envelope_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/toyvoice/toyvoice/envelope"
)

// A parent's phone seals a voice message to the family toy; the toy opens
// it, checking the sender against its contacts.
func Example() {
	parent, _ := envelope.GenerateKey(rand.Reader)
	toy, _ := envelope.GenerateKey(rand.Reader)

	audio := []byte("...IMA ADPCM bytes...")
	meta := envelope.Metadata{Codec: "adpcm-ima", SampleRate: 16000, Channels: 1, Duration: 2 * time.Second}
	msg, err := envelope.Seal(nil, audio, &meta, parent, []envelope.PublicKey{toy.Public()})
	if err != nil {
		panic(err)
	}

	// On the toy.
	contacts := envelope.NewContacts(parent.Public())
	seen, _ := envelope.NewReplayWindow(64)
	out, m, err := envelope.Open(nil, msg, toy, contacts, seen)
	fmt.Println(string(out), m.Codec, m.SampleRate, m.Duration, err)

	// The same message again is a replay.
	_, _, err = envelope.Open(nil, msg, toy, contacts, seen)
	fmt.Println(errors.Is(err, envelope.ErrReplay))
	// Output:
	// ...IMA ADPCM bytes... adpcm-ima 16000 2s <nil>
	// true
}

// A toy opens a long message chunk by chunk, with one chunk buffer.
func ExampleOpener_Next() {
	parent, _ := envelope.GenerateKey(rand.Reader)
	toy, _ := envelope.GenerateKey(rand.Reader)
	audio := bytes.Repeat([]byte{0x5a}, 2500)
	msg, _ := envelope.Seal(nil, audio, &envelope.Metadata{Codec: "g722"}, parent, []envelope.PublicKey{toy.Public()})

	seen, _ := envelope.NewReplayWindow(64)
	o, _ := envelope.NewOpener([]*envelope.PrivateKey{toy}, envelope.NewContacts(parent.Public()), seen,
		envelope.WithMaxChunkSize(1024))
	if err := o.Begin(bytes.NewReader(msg)); err != nil {
		panic(err) // unknown sender, bad signature, replay, … : nothing played
	}
	for {
		chunk, err := o.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println("stop playback:", err)
			return
		}
		fmt.Println("play", len(chunk), "bytes")
	}
	// Output:
	// play 1024 bytes
	// play 1024 bytes
	// play 452 bytes
}

// Messages from a key that is not in the toy's contacts are refused, even
// though anyone may seal to the toy's public key.
func ExampleErrUnknownSender() {
	toy, _ := envelope.GenerateKey(rand.Reader)
	parent, _ := envelope.GenerateKey(rand.Reader)
	stranger, _ := envelope.GenerateKey(rand.Reader)
	msg, _ := envelope.Seal(nil, []byte("hello"), nil, stranger, []envelope.PublicKey{toy.Public()})

	seen, _ := envelope.NewReplayWindow(64)
	_, _, err := envelope.Open(nil, msg, toy, envelope.NewContacts(parent.Public()), seen)
	fmt.Println(err)
	// Output: envelope: unknown sender: sender key not in contacts at byte 12
}

// A relay reads the routing fields and checks the sender's signatures
// without any private key.
func ExampleVerify() {
	parent, _ := envelope.GenerateKey(rand.Reader)
	toy, _ := envelope.GenerateKey(rand.Reader)
	msg, _ := envelope.Seal(nil, make([]byte, 3000), nil, parent, []envelope.PublicKey{toy.Public()})

	info, _ := envelope.Inspect(msg)
	fmt.Println(info.Sender == parent.Public().SenderID(), info.Recipients[0] == toy.Public().RecipientID())
	info, err := envelope.Verify(bytes.NewReader(msg), parent.Public())
	fmt.Println(info.PayloadLen, info.Size, err)

	msg[len(msg)/2] ^= 1
	_, err = envelope.Verify(bytes.NewReader(msg), parent.Public())
	fmt.Println(errors.Is(err, envelope.ErrBadSignature))
	// Output:
	// true true
	// 3000 3373 <nil>
	// true
}

// Keys are stored as one line of text.
func ExampleParsePublicKey() {
	k, _ := envelope.GenerateKey(rand.Reader)
	text := k.Public().String()
	p, err := envelope.ParsePublicKey("# toy in the living room\n" + text + "\n")
	fmt.Println(text[:14], len(text), p == k.Public(), err)
	// Output: toyvoice-pub1- 100 true <nil>
}
