package main

import (
	"bytes"
	_ "embed"
	"testing"

	"github.com/toyvoice/toyvoice/envelope"
)

// A message sealed on the host (TestUpdateEmbedded -update), opened and
// played here: on the host and on the chip,
//
//	tinygo test -target=$TINYGO_TARGETS/cortex-m-qemu.json -stack-size=8KB .
var (
	//go:embed testdata/toy.key
	toyKeyText string
	//go:embed testdata/parent.pub
	parentText string
	//go:embed testdata/hello.tvm
	hello []byte
)

func TestPlayEmbedded(t *testing.T) {
	toy, err := envelope.ParsePrivateKey(toyKeyText)
	if err != nil {
		t.Fatal(err)
	}
	parent, err := envelope.ParsePublicKey(parentText)
	if err != nil {
		t.Fatal(err)
	}
	seen, _ := envelope.NewReplayWindow(4)
	p, err := NewPlayer(toy, envelope.NewContacts(parent), seen)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	var peak int16
	dac := &Ring{Drain: func(s []int16) {
		n += len(s)
		for _, v := range s {
			peak = max(peak, v, -v)
		}
	}}
	if err := p.Play(bytes.NewReader(hello), dac); err != nil {
		t.Fatal(err)
	}
	dac.Flush()
	if n != Rate || peak < 1000 {
		t.Errorf("played %d samples peaking at %d, want %d samples of speech", n, peak, Rate)
	}
	if err := p.Play(bytes.NewReader(hello), dac); err == nil {
		t.Error("replayed message played again")
	}
}
