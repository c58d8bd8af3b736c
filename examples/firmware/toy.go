package main

import (
	"io"

	"github.com/toyvoice/toyvoice/envelope"
)

// Toy is what a toy keeps from one turn to the next: its key, the family's
// keys, the replay window, and one work area that is the DAC ring while a
// message plays and the recorder's pre-roll history while the child
// speaks. The Player and the Recorder are built for the part of a turn
// that uses them and dropped after it: a toy does one thing at a time, and
// the 64 KB chip does not hold both next to the crypto's working set (see
// the package documentation for the budget).
type Toy struct {
	key      *envelope.PrivateKey
	contacts *envelope.Contacts
	parents  []envelope.PublicKey // the reply is sealed to them
	seen     *envelope.ReplayWindow
	dac      Ring
	work     [histLen]int16 // allocated once, with the Toy, at boot
}

// replayWindow is how many message ids a toy remembers.
const replayWindow = 32

// NewToy returns a toy holding key that plays messages from, and replies
// to, parents, handing what it plays to drain (the DAC's DMA interrupt).
// Build it once, at boot.
func NewToy(key *envelope.PrivateKey, parents []envelope.PublicKey, drain func(pcm []int16)) (*Toy, error) {
	if key == nil || drain == nil {
		return nil, envelope.ErrOption
	}
	seen, err := envelope.NewReplayWindow(replayWindow)
	if err != nil {
		return nil, err
	}
	t := &Toy{key: key, contacts: envelope.NewContacts(parents...), parents: parents, seen: seen}
	t.dac = Ring{buf: t.work[:], Drain: drain}
	return t, nil
}

// Step is one turn of the toy's loop, what main repeats: it plays msg
// (nil: no message this turn, the child pressed the button) and waits
// until all of it is drained, then listens to mic and records the child's
// reply into outbox, which it never grows. The Player exists only while
// msg plays, the Recorder only while mic records.
//
// A message that does not play (an unknown sender, a replay, a cut or
// tampered message, ErrFormat) does not end the turn: its error is
// returned as playErr and the toy still listens. err is the recording's
// (ErrFull with the part that fit in reply); reply is empty if nobody
// spoke.
func (t *Toy) Step(msg io.Reader, mic Mic, outbox []byte) (reply []byte, playErr, err error) {
	if msg != nil {
		playErr = t.play(msg)
		scrubStack(scrubFrames) // let the collector free the Player
	}
	reply, err = t.record(outbox, mic)
	scrubStack(scrubFrames) // and the Recorder
	return reply, playErr, err
}

// play and record are not inlined: the Player and the Recorder must not
// stay in Step's own frame.

//go:noinline
func (t *Toy) play(msg io.Reader) error {
	p, err := NewPlayer(t.key, t.contacts, t.seen)
	if err != nil {
		return err
	}
	err = p.Play(msg, &t.dac)
	t.dac.Flush() // the work area is the recorder's from here on
	return err
}

//go:noinline
func (t *Toy) record(outbox []byte, mic Mic) ([]byte, error) {
	r, err := NewRecorder(t.work[:])
	if err != nil {
		return outbox, err
	}
	return r.Record(outbox, mic)
}

// Send seals reply to the parents while writing it to w. On the 64 KB chip
// that is the Wi-Fi co-processor's job (seal_baremetal.go).
func (t *Toy) Send(w io.Writer, reply []byte, meta *envelope.Metadata) error {
	return sealTo(w, reply, meta, t.key, t.parents)
}
