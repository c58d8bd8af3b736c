package main

import (
	_ "embed"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/envelope"
)

// A message sealed on the host (TestUpdateEmbedded -update), opened and
// played here: on the host and on the chip,
//
//	tinygo test -target=$TINYGO_TARGETS/cortex-m-qemu.json -stack-size=8KB .
//
// Strings, not []byte: TinyGo keeps them in flash instead of copying them
// to RAM.
var (
	//go:embed testdata/toy.key
	toyKeyText string
	//go:embed testdata/parent.pub
	parentText string
	//go:embed testdata/hello.tvm
	hello string
)

func embeddedKeys(t *testing.T) (*envelope.PrivateKey, envelope.PublicKey) {
	toy, err := envelope.ParsePrivateKey(toyKeyText)
	if err != nil {
		t.Fatal(err)
	}
	parent, err := envelope.ParsePublicKey(parentText)
	if err != nil {
		t.Fatal(err)
	}
	return toy, parent
}

// countingDAC counts the samples that reach the DAC and their peak.
type countingDAC struct{ n, peak int }

func (d *countingDAC) drain(s []int16) {
	d.n += len(s)
	for _, v := range s {
		d.peak = max(d.peak, int(v), -int(v))
	}
}

// buzzMic is a child saying something short: silence, then a 200 Hz
// square-wave buzz from 0.3 s to 0.6 s, then silence until frames frames
// were read.
type buzzMic struct{ pos, frames int }

const buzzFrom, buzzTo = Rate * 3 / 10, Rate * 6 / 10

func (m *buzzMic) Read(frame []int16) bool {
	if m.pos >= m.frames*len(frame) {
		return false
	}
	for i := range frame {
		v := int16(0)
		if t := m.pos + i; t >= buzzFrom && t < buzzTo {
			v = 3000
			if t/40%2 == 1 {
				v = -3000
			}
		}
		frame[i] = v
	}
	m.pos += len(frame)
	return true
}

// TestStepEmbedded runs main's loop (Toy.Step) on the chip: play the
// embedded message, record a reply, and again, into replyBuf. The
// second time the message is a replay: nothing reaches the DAC, and the toy
// still records the reply. Every turn builds and drops a Player and a
// Recorder, so three turns in a row also show the heap does not run out
// or fragment from one turn to the next.
func TestStepEmbedded(t *testing.T) {
	// Boot: main builds its Toy on a fresh heap. This test comes first in
	// the file so that it does too; clear the harness's garbage all the same.
	scrubStack(scrubFrames)
	runtime.GC()
	key, parent := embeddedKeys(t)
	var d countingDAC
	toy, err := NewToy(key, []envelope.PublicKey{parent}, d.drain)
	if err != nil {
		t.Fatal(err)
	}
	dec, _ := adpcm.NewDecoder(1)
	var pcm [FrameLen]int16
	var first uint32
	for turn, c := range []struct {
		msg     string
		samples int
		playErr error
	}{
		{hello, Rate, nil},
		{hello, 0, envelope.ErrReplay},
		{"", 0, nil}, // the child pressed the button
	} {
		d = countingDAC{}
		var msg io.Reader // as main passes it: nil without a message
		if c.msg != "" {
			msg = strings.NewReader(c.msg)
		}
		reply, playErr, err := toy.Step(msg, &buzzMic{frames: 200}, replyBuf[:0])
		if !errors.Is(playErr, c.playErr) || d.n != c.samples || c.samples > 0 && d.peak < 1000 {
			t.Errorf("turn %d: played %d samples peaking at %d (%v), want %d samples of speech (%v)",
				turn, d.n, d.peak, playErr, c.samples, c.playErr)
		}
		if err != nil || &reply[:1][0] != &replyBuf[0] {
			t.Fatalf("turn %d: recording: %v (in the outbox: %v)", turn, err, len(reply) > 0 && &reply[0] == &replyBuf[0])
		}
		// The reply holds the buzz (0.3 s), its 100 ms pre-roll and a
		// little hangover: decode it 10 ms at a time and find the buzz.
		dec.Reset()
		var loud, peak int
		for b := reply; len(b) > 0; b = b[min(len(b), FrameLen/2):] {
			out, _ := dec.AppendDecode(pcm[:0], b[:min(len(b), FrameLen/2)])
			for _, v := range out {
				if v > 1000 || v < -1000 {
					loud++
				}
				peak = max(peak, int(v), -int(v))
			}
		}
		n := 2 * len(reply)
		if n < buzzTo-buzzFrom || n > buzzTo-buzzFrom+Rate/2 || loud < (buzzTo-buzzFrom)*9/10 || peak < 2500 {
			t.Errorf("turn %d: recorded %d samples, %d of them loud, peaking at %d; want the %d-sample buzz",
				turn, n, loud, peak, buzzTo-buzzFrom)
		}
		// Every turn records the same reply.
		if sum := checksum(reply); turn == 0 {
			first = sum
		} else if sum != first {
			t.Errorf("turn %d: reply differs from turn 0's", turn)
		}
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		t.Logf("turn %d: played %d samples, recorded %d bytes; heap after it: %d of %d bytes in use",
			turn, d.n, len(reply), m.HeapInuse, m.HeapSys)
	}
}

func TestPlayEmbedded(t *testing.T) {
	toy, parent := embeddedKeys(t)
	seen, _ := envelope.NewReplayWindow(4)
	p, err := NewPlayer(toy, envelope.NewContacts(parent), seen)
	if err != nil {
		t.Fatal(err)
	}
	var d countingDAC
	dac, _ := NewRing(make([]int16, 1024), d.drain)
	if err := p.Play(strings.NewReader(hello), dac); err != nil {
		t.Fatal(err)
	}
	dac.Flush()
	if d.n != Rate || d.peak < 1000 {
		t.Errorf("played %d samples peaking at %d, want %d samples of speech", d.n, d.peak, Rate)
	}
	if err := p.Play(strings.NewReader(hello), dac); err == nil {
		t.Error("replayed message played again")
	}
}

// replyBuf is the test's outbox: 1.5 s where main has 2 s, which with
// the test harness leaves the turn less free heap than main has (see the
// package documentation).
var replyBuf [12000]byte

// checksum is FNV-1a, without hash/fnv's allocation.
func checksum(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}
