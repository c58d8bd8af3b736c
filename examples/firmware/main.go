package main

import (
	"bytes"
	"time"

	"github.com/toyvoice/toyvoice/envelope"
)

// Provisioned at the factory and by the parents' app (stubs here): the toy's
// private key and the family's public keys.
var (
	flashToyKey  [envelope.PrivateKeySize]byte
	flashParents [1][envelope.PublicKeySize]byte
	outbox       [16000]byte // 2 s of 16 kHz IMA ADPCM; in flash on a real toy
)

// inbox stands in for the Wi-Fi task: the message each turn starts with
// (a turn the child starts with the button has none: Step(nil, ...)). The
// stub runs one turn, with an empty download.
var inbox = [][]byte{{}}

// silentMic stands in for the I2S microphone: n frames of silence.
type silentMic struct{ n int }

func (m *silentMic) Read(frame []int16) bool {
	clear(frame)
	m.n--
	return m.n >= 0
}

// uplink stands in for the Wi-Fi socket.
type uplink struct{ n int }

func (u *uplink) Write(p []byte) (int, error) { u.n += len(p); return len(p), nil }

func main() {
	key, err := envelope.NewPrivateKey(flashToyKey[:])
	if err != nil {
		println("key:", err.Error())
		return
	}
	var parents []envelope.PublicKey
	for _, b := range flashParents {
		if k, err := envelope.NewPublicKey(b[:]); err == nil {
			parents = append(parents, k)
		}
	}
	toy, err := NewToy(key, parents, func([]int16) {}) // the DAC's DMA interrupt
	if err != nil {
		println("toy:", err.Error())
		return
	}

	for _, m := range inbox { // a toy loops forever
		reply, playErr, err := toy.Step(bytes.NewReader(m), &silentMic{n: 300}, outbox[:0])
		if playErr != nil {
			println("play:", playErr.Error()) // nothing (more) was played
		}
		if err != nil || len(reply) == 0 || len(parents) == 0 {
			println("nothing recorded")
			continue
		}
		meta := envelope.Metadata{Codec: envelope.CodecIMAADPCM, SampleRate: Rate, Channels: 1,
			Duration: time.Duration(len(reply)*2) * time.Second / Rate}
		var up uplink
		if err := toy.Send(&up, reply, &meta); err != nil {
			println("send:", err.Error())
			continue
		}
		println("reply sent:", up.n, "bytes")
	}
}
