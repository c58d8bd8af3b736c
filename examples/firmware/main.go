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
	inbox        []byte      // a message the Wi-Fi task downloaded
	outbox       [16000]byte // 2 s of 16 kHz IMA ADPCM; in flash on a real toy
)

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
	toy, err := envelope.NewPrivateKey(flashToyKey[:])
	if err != nil {
		println("key:", err.Error())
		return
	}
	contacts := envelope.NewContacts()
	var parents []envelope.PublicKey
	for _, b := range flashParents {
		if k, err := envelope.NewPublicKey(b[:]); err == nil {
			contacts.Add(k)
			parents = append(parents, k)
		}
	}
	seen, _ := envelope.NewReplayWindow(32)
	player, err := NewPlayer(toy, contacts, seen)
	if err != nil {
		println("player:", err.Error())
		return
	}
	rec, err := NewRecorder()
	if err != nil {
		println("recorder:", err.Error())
		return
	}
	dac := &Ring{Drain: func([]int16) {}} // the DMA interrupt

	if err := player.Play(bytes.NewReader(inbox), dac); err != nil {
		println("play:", err.Error()) // nothing was played
	}
	dac.Flush()

	reply, err := rec.Record(outbox[:0], &silentMic{n: 300})
	if err != nil || len(reply) == 0 || len(parents) == 0 {
		println("nothing recorded")
		return
	}
	meta := envelope.Metadata{Codec: envelope.CodecIMAADPCM, SampleRate: Rate, Channels: 1,
		Duration: time.Duration(len(reply)*2) * time.Second / Rate}
	var up uplink
	if err := sealTo(&up, reply, &meta, toy, parents); err != nil {
		println("seal:", err.Error())
		return
	}
	println("reply sent:", up.n, "bytes")
}
