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
// A Toy holds what lasts (keys, contacts, replay window, one work area)
// and runs the loop one Step at a time: play the message that came in,
// then record the reply. main is a thin loop over Step.
//
// firmware_test.go runs both directions on the host with the bundled
// recording cmd/toyvoice/message.wav; embedded_test.go runs on the host
// and on an emulated Cortex-M3 with 64 KB of RAM: it plays a message
// sealed on the host (testdata/) and goes through Step three times in a
// row (play and record, a replay and record, record alone) with a scripted
// microphone (TINYGO_TARGETS comes from /opt/tinygo-0.33/env.sh, which
// ../shared/tools/tinygo-setup.sh installs):
//
//	tinygo build -target=$TINYGO_TARGETS/cortex-m-qemu.json -stack-size=8KB -o fw.elf .
//	tinygo test -target=$TINYGO_TARGETS/cortex-m-qemu.json -stack-size=8KB .
//
// # Memory
//
// Measured with TinyGo 0.33 on cortex-m-qemu (LM3S6965, 64 KB of RAM),
// main built with -stack-size=8KB (X25519 and Ed25519 need more than the
// default 4 KB goroutine stack):
//
//   - Static RAM 29,600 bytes: the 4 KB C stack, the 16,000-byte outbox (2 s
//     of reply), crypto/ed25519's 7,696-byte verification table, 1.8 KB of
//     the rest. That leaves a heap of about 35,360 bytes. (The figures below
//     are from main's loop run with the embedded message and the scripted
//     microphone of embedded_test.go, for six turns.)
//   - At boot the heap holds the 8 KB goroutine stack (8,224 bytes in use).
//     The Toy adds 8.1 KB (16,320 in use): keys, contacts, the replay window
//     and the 6,720-byte work area.
//   - The work area is the DAC ring while a message plays and the
//     recorder's pre-roll history while the child speaks (histLen = 3,360
//     samples, the segmenter's Lookback(FrameLen) of 3,359 rounded up to
//     whole frames). The Player (1.7 KB, the opener's 1 KB chunk buffer
//     on top) and the Recorder (7 KB: the VAD's detector and segmenter,
//     measured when the segmenter still kept a 2.9 KB frame buffer sized
//     for 48 kHz; it now keeps one 320-byte frame at 16 kHz, so about
//     4.4 KB) exist only during their half of a turn.
//   - A turn peaks while the message's header is verified and unwrapped
//     (Ed25519, X25519, HKDF garbage): it needs about 12.9 KB of the 19 KB
//     left, and main's loop still runs six turns with a 6,159-byte ballast
//     allocated after boot (6,234 runs out). Between turns the heap is back
//     to 16,144 bytes in use.
//   - TinyGo's conservative collector scans the whole goroutine stack,
//     dead frames too: words the crypto left there kept a dropped Player
//     alive (5 KB) and the Recorder built next ran out of memory in the
//     fragmented rest. Step zeroes the stack its halves used (scrub.go).
//
// Before this layout main built the Player and the Recorder (15.2 KB with
// a 4,096-sample history inside) at boot and kept both: playing a 1 s
// message then ran out of memory with 9.3 KB of heap free.
//
// The chip test binary carries the test harness (5.5 KB more static RAM,
// 3.6 KB more heap in use) and records into its own 12,000-byte buffer
// instead of main's outbox: its turns start with 14.5 KB of heap free,
// 4.5 KB less than main's. Test data is embedded as strings, which stay
// in flash.
//
// Sealing on the chip does not fit: crypto/ed25519's signing table takes
// 30 KB of .bss. seal_baremetal.go has the measurements and leaves sealing
// to a Wi-Fi co-processor or a chip with more RAM (seal.go is what that
// side runs).
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
	// histLen holds what a Start refers back to, the segmenter's
	// Lookback(FrameLen): 100 ms pre-roll + 100 ms minimum speech +
	// FrameLen-1 = 3,359 samples, rounded up to whole frames (NewRecorder
	// checks it).
	histLen = 21 * FrameLen
)

var (
	ErrFormat = errors.New("firmware: message is not 16 kHz mono IMA ADPCM or G.711")
	ErrFull   = errors.New("firmware: recording buffer full")

	errRing = errors.New("firmware: a ring needs a buffer and a drain")
)

// DAC is the audio output. Play blocks until the samples are queued.
type DAC interface{ Play(pcm []int16) }

// Ring is a ring buffer of samples in front of the DAC, in a buffer the
// caller owns (on the toy, the work area it shares with the recorder's
// history: see Toy). On a chip the DMA interrupt drains it; Drain stands
// in for that interrupt.
type Ring struct {
	buf   []int16
	r, n  int
	Drain func(pcm []int16) // hands out contiguous queued samples
}

// NewRing returns a ring queueing samples in buf (at least one) for drain.
func NewRing(buf []int16, drain func(pcm []int16)) (*Ring, error) {
	if len(buf) == 0 || drain == nil {
		return nil, errRing
	}
	return &Ring{buf: buf, Drain: drain}, nil
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

// Player plays sealed messages. It can play any number of them; a Toy
// builds one per message so that it does not stay in RAM between turns.
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
