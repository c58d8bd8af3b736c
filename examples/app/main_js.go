//go:build js && wasm

package main

import (
	"encoding/binary"
	"math"
	"syscall/js"

	"github.com/toyvoice/toyvoice/envelope"
)

var (
	pipe *Pipeline
	raw  []byte    // the Float32Array's bytes
	rec  []float32 // the recording
)

// sealJS implements toyvoiceSeal(samples Float32Array, toyKey, parentKey string):
// it returns the sealed message as a Uint8Array, or an Error (instanceof
// Error) saying what was wrong.
func sealJS(this js.Value, args []js.Value) (result any) {
	defer func() {
		if err, ok := result.(error); ok {
			result = js.Global().Get("Error").New(err.Error())
		}
	}()
	if len(args) != 3 || args[0].Type() != js.TypeObject {
		return js.Global().Get("Error").New("toyvoiceSeal(Float32Array, toyPublicKey, parentKey)")
	}
	toy, err := envelope.ParsePublicKey(args[1].String())
	if err != nil {
		return err
	}
	parent, err := envelope.ParsePrivateKey(args[2].String())
	if err != nil {
		return err
	}
	defer parent.Destroy()

	// A Float32Array is little-endian float32s: view its bytes, copy, convert.
	a := args[0]
	n := a.Get("byteLength").Int()
	view := js.Global().Get("Uint8Array").New(a.Get("buffer"), a.Get("byteOffset"), n)
	if cap(raw) < n {
		raw = make([]byte, n)
	}
	raw = raw[:n]
	js.CopyBytesToGo(raw, view)
	rec = rec[:0]
	for i := 0; i+4 <= n; i += 4 {
		rec = append(rec, math.Float32frombits(binary.LittleEndian.Uint32(raw[i:])))
	}

	msg, _, err := pipe.Seal(nil, rec, parent, []envelope.PublicKey{toy})
	if err != nil {
		return err
	}
	out := js.Global().Get("Uint8Array").New(len(msg))
	js.CopyBytesToJS(out, msg)
	return out
}

func main() {
	var err error
	if pipe, err = NewPipeline(); err != nil {
		panic(err)
	}
	js.Global().Set("toyvoiceSeal", js.FuncOf(sealJS))
	select {} // serve calls from JavaScript
}
