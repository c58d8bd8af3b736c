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
// Cortex-M3 with 64 KB of RAM:
//
//	tinygo build -target=cortex-m-qemu -stack-size=8KB -o fw.elf .
//	tinygo test -target=cortex-m-qemu -stack-size=8KB .
//
// X25519 and Ed25519 need the 8 KB goroutine stack under TinyGo. Opening
// fits (about 24 KB of .bss with the 16 KB recording buffer, and the
// envelope's short-lived garbage on the heap); sealing on the chip does not:
// Ed25519 signing links a 30 KB base-point table into .bss, and the link
// fails. seal_baremetal.go says so and leaves sealing to a Wi-Fi
// co-processor or a chip with more RAM (seal.go is what that side runs).
package main

import (
	"errors"
	"io"
	"time"

	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/codec/g711"
	"github.com/toyvoice/toyvoice/dsp/dynamics"
	"github.com/toyvoice/toyvoice/envelope"
	"github.com/toyvoice/toyvoice/vad"
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
	step := 0 // payload bytes per 10 ms frame
	switch {
	case m.SampleRate != Rate || m.Channels > 1:
	case m.Codec == "adpcm-ima":
		step = FrameLen / 2
		p.ima.Reset()
	case m.Codec == "g711-ulaw" || m.Codec == "g711-alaw":
		step = FrameLen
	}
	if step == 0 {
		return ErrFormat
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
			p.frame(out, m.Codec, chunk[:n])
			chunk = chunk[n:]
		}
	}
}

// frame decodes, levels and plays one frame; it does not allocate.
func (p *Player) frame(out DAC, codec string, b []byte) {
	pcm := p.pcm[:0]
	switch codec {
	case "adpcm-ima":
		pcm, _ = p.ima.AppendDecode(pcm, b) // raw stream decoding cannot fail
	case "g711-ulaw":
		pcm = g711.AppendDecodeMuLaw(pcm, b)
	default:
		pcm = g711.AppendDecodeALaw(pcm, b)
	}
	p.agc.ProcessInt16(pcm)
	out.Play(pcm)
}

// Mic is the audio input: Read fills one frame and reports false when
// capture stops (button released, power down).
type Mic interface{ Read(frame []int16) bool }

// Recorder records one utterance at a time.
type Recorder struct {
	seg    *vad.Segmenter
	enc    *adpcm.Encoder
	frame  [FrameLen]int16
	hist   [histLen]int16 // the last histLen samples, hist[pos%histLen] is the oldest
	events [4]vad.Event
}

// NewRecorder returns a recorder for a 16 kHz microphone.
func NewRecorder() (*Recorder, error) {
	d, err := vad.New(Rate, vad.WithAggressiveness(2))
	if err != nil {
		return nil, err
	}
	seg, err := vad.NewSegmenter(d, vad.WithPreRoll(100*time.Millisecond),
		vad.WithMinSpeech(100*time.Millisecond), vad.WithMinSilence(700*time.Millisecond))
	if err != nil {
		return nil, err
	}
	enc, err := adpcm.NewEncoder(1)
	if err != nil {
		return nil, err
	}
	return &Recorder{seg: seg, enc: enc}, nil
}

// Record listens until the child has spoken and stopped, and appends the
// utterance as raw IMA ADPCM (high nibble first, 2 samples a byte) to dst. It
// never grows dst: when dst's capacity is used up it returns ErrFull with
// what fits. It returns an empty result if mic stops before anyone spoke.
func (r *Recorder) Record(dst []byte, mic Mic) ([]byte, error) {
	r.seg.Reset()
	r.enc.Reset()
	base, start, pos := len(dst), int64(-1), int64(0)
	for {
		ev := r.events[:0]
		if mic.Read(r.frame[:]) {
			for i, s := range r.frame {
				r.hist[(pos+int64(i))%histLen] = s
			}
			pos += FrameLen
			ev = r.seg.AppendEvents(ev, r.frame[:])
			if start >= 0 {
				if cap(dst)-len(dst) < FrameLen/2+1 {
					return dst, ErrFull
				}
				dst, _ = r.enc.AppendEncode(dst, r.frame[:])
			}
		} else {
			ev = r.seg.Flush(ev)
			if len(ev) == 0 {
				return r.enc.Flush(dst), nil
			}
		}
		for _, e := range ev {
			if e.Kind == vad.Start {
				// Encode the history from the (pre-rolled) onset up to now.
				start = max(e.Sample, pos-histLen)
				for s := start; s < pos; {
					i := int(s % histLen)
					n := min(histLen-i, int(pos-s))
					if cap(dst)-len(dst) < n/2+1 {
						return dst, ErrFull
					}
					dst, _ = r.enc.AppendEncode(dst, r.hist[i:i+n])
					s += int64(n)
				}
				continue
			}
			// End: cut what was encoded past the end of speech.
			dst = r.enc.Flush(dst)
			return dst[:base+int(e.Sample-start+1)/2], nil
		}
	}
}
