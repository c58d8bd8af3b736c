//go:build js && wasm

package main

import (
	"crypto/rand"
	"syscall/js"
	"testing"

	"github.com/toyvoice/toyvoice/envelope"
)

// TestSealJS calls the exported function the way the web view does: a
// Float32Array and key strings in, a Uint8Array out.
func TestSealJS(t *testing.T) {
	var err error
	if pipe, err = NewPipeline(); err != nil {
		t.Fatal(err)
	}
	parent, _ := envelope.GenerateKey(rand.Reader)
	toy, _ := envelope.GenerateKey(rand.Reader)

	rec := recording(1)
	samples := js.Global().Get("Float32Array").New(len(rec))
	for i, v := range rec {
		samples.SetIndex(i, v)
	}
	out := sealJS(js.Undefined(), []js.Value{samples,
		js.ValueOf(toy.Public().String()), js.ValueOf(string(parent.AppendText(nil)))}).(js.Value)
	if !out.InstanceOf(js.Global().Get("Uint8Array")) {
		t.Fatalf("toyvoiceSeal returned %v", out)
	}
	msg := make([]byte, out.Length())
	js.CopyBytesToGo(msg, out)

	seen, _ := envelope.NewReplayWindow(4)
	ima, meta, err := envelope.Open(nil, msg, toy, envelope.NewContacts(parent.Public()), seen)
	if err != nil || len(ima) != (len(rec)/3+1)/2 || meta.SampleRate != OutRate {
		t.Fatalf("opened %d bytes (%+v): %v", len(ima), meta, err)
	}

	// A bad key comes back as an Error, not a crash.
	bad := sealJS(js.Undefined(), []js.Value{samples, js.ValueOf("toyvoice-pub1-nope"), js.ValueOf("")}).(js.Value)
	if !bad.InstanceOf(js.Global().Get("Error")) {
		t.Errorf("bad key: got %v, want an Error", bad)
	}
}
