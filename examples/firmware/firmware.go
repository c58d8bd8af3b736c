// Command firmware is what a toy's chip runs, written for TinyGo: fixed
// buffers, no fmt, no allocation per frame.
//
// Playback: a Player opens a sealed message chunk by chunk with an
// envelope.Opener (sender checked against the family's Contacts, signatures
// and replay window before any audio), decodes the IMA ADPCM or G.711 payload
// 10 ms at a time, evens out the level with dsp/dynamics.FixedAGC (integer
// only, for cores without an FPU) and writes the frames to a DAC, here a Ring
// buffer that a DMA interrupt would drain.
//
// Recording: a Recorder reads 10 ms microphone frames, lets a
// vad.Segmenter decide when the child starts and stops talking ("record until
// the child stops"), keeps a short PCM history so the pre-roll before the
// detected onset is not lost, and encodes the utterance to IMA ADPCM into a
// caller-owned buffer; envelope.Seal then seals it to the parents' keys.
//
// firmware_test.go runs both directions on the host with the bundled
// recording cmd/toyvoice/message.wav; embedded_test.go opens and plays a
// message sealed on the host (testdata/) on the host and on an emulated
// Cortex-M3 with 64 KB of RAM (TINYGO_TARGETS comes from
// /opt/tinygo-0.33/env.sh, which ../shared/tools/tinygo-setup.sh installs):
//
//	tinygo build -target=$TINYGO_TARGETS/cortex-m-qemu.json -stack-size=8KB -o fw.elf .
//	tinygo test -target=$TINYGO_TARGETS/cortex-m-qemu.json -stack-size=8KB .
//
// X25519 and Ed25519 need the 8 KB goroutine stack under TinyGo. Opening
// fits next to the test harness (about 24 KB of .bss with the 16 KB
// recording buffer, and the envelope's short-lived garbage on the heap),
// though not with the Recorder resident as well. Sealing on the chip does
// not fit: crypto/ed25519's signing table takes 30 KB of .bss, and even
// without it the 35 KB heap cannot hold the player, the recorder and the
// crypto's working set at once. seal_baremetal.go has the measurements and
// leaves sealing to a Wi-Fi co-processor or a chip with more RAM (seal.go
// is what that side runs).
package main

import (
	"errors"
	"io"

	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/codec/g711"
	"github.com/toyvoice/toyvoice/dsp/dynamics"
	"github.com/toyvoice/toyvoice/envelope"
)

const (
	Rate     = 16000      // the toy's DAC and microphone rate
	FrameLen = Rate / 100 // 10 ms
	// histLen holds the pre-roll and the minimum speech the segmenter
	// waits for before it reports a start, plus slack.
	histLen = 4096
)

var (
	ErrFormat = errors.New("firmware: message is not 16 kHz mono IMA ADPCM or G.711")
	ErrFull   = errors.New("firmware: recording buffer full")
)

// DAC is the audio output. Play blocks until the samples are queued.
type DAC interface{ Play(pcm []int16) }

// Ring is a fixed ring buffer of samples in front of the DAC. On a chip
// the DMA interrupt drains it; Drain stands in for that interrupt.
type Ring struct {
	buf   [1024]int16
	r, n  int
	Drain func(pcm []int16) // hands out contiguous queued samples
}

// Play queues pcm, draining the ring when it is full.
func (q *Ring) Play(pcm []int16) {
	for len(pcm) > 0 {
		if q.n == len(q.buf) {
			q.Flush()
		}
		w := (q.r + q.n) % len(q.buf)
		end := len(q.buf)
		if w < q.r {
			end = q.r
		}
		c := copy(q.buf[w:end], pcm)
		q.n += c
		pcm = pcm[c:]
	}
}

// Flush drains everything queued (end of message).
func (q *Ring) Flush() {
	for q.n > 0 {
		c := min(q.n, len(q.buf)-q.r)
		q.Drain(q.buf[q.r : q.r+c])
		q.r, q.n = (q.r+c)%len(q.buf), q.n-c
	}
}

// Player plays sealed messages. Build one at boot and reuse it.
type Player struct {
	o   *envelope.Opener
	ima *adpcm.Decoder
	agc *dynamics.FixedAGC
	pcm [FrameLen]int16
}

// NewPlayer returns a player for messages sealed to key from contacts.
func NewPlayer(key *envelope.PrivateKey, contacts *envelope.Contacts, seen *envelope.ReplayWindow) (*Player, error) {
	o, err := envelope.NewOpener([]*envelope.PrivateKey{key}, contacts, seen,
		envelope.WithMaxChunkSize(envelope.DefaultChunkSize))
	if err != nil {
		return nil, err
	}
	ima, err := adpcm.NewDecoder(1)
	if err != nil {
		return nil, err
	}
	agc, err := dynamics.NewFixedAGC(Rate, 1, dynamics.WithAGCTarget(-18), dynamics.WithAGCGainRange(-12, 12))
	if err != nil {
		return nil, err
	}
	return &Player{o: o, ima: ima, agc: agc}, nil
}

// Play opens msg and plays it to out. Nothing plays unless the sender is a
// contact and the header signature verifies; an error after that (a cut or
// tampered message) stops playback where it was found.
func (p *Player) Play(msg io.Reader, out DAC) error {
	if err := p.o.Begin(msg); err != nil {
		return err
	}
	m := p.o.Metadata()
	c := codecOf(m.Codec)
	if c == unknown || m.SampleRate != Rate || m.Channels > 1 {
		return ErrFormat
	}
	step := FrameLen // payload bytes per 10 ms frame
	if c == ima {
		step = FrameLen / 2
		p.ima.Reset()
	}
	p.agc.Reset()
	for {
		chunk, err := p.o.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		for len(chunk) > 0 {
			n := min(step, len(chunk))
			p.frame(out, c, chunk[:n])
			chunk = chunk[n:]
		}
	}
}

// frame decodes, levels and plays one frame; it does not allocate.
func (p *Player) frame(out DAC, c codec, b []byte) {
	pcm := p.pcm[:0]
	switch c {
	case ima:
		pcm, _ = p.ima.AppendDecode(pcm, b) // raw stream decoding cannot fail
	case ulaw:
		pcm = g711.AppendDecodeMuLaw(pcm, b)
	case alaw:
		pcm = g711.AppendDecodeALaw(pcm, b)
	}
	p.agc.ProcessInt16(pcm)
	out.Play(pcm)
}

type codec uint8

const (
	unknown codec = iota
	ima           // envelope.CodecIMAADPCM: raw IMA ADPCM, high nibble first
	ulaw          // envelope.CodecULaw
	alaw          // envelope.CodecALaw
)

// codecOf maps envelope.Metadata.Codec (the names cmd/toyvoice writes).
func codecOf(name string) codec {
	switch name {
	case envelope.CodecIMAADPCM:
		return ima
	case envelope.CodecULaw:
		return ulaw
	case envelope.CodecALaw:
		return alaw
	}
	return unknown
}
