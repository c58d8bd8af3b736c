// Command app is the phone-app side, compiled to js/wasm: the web view
// records the parent at 48 kHz (Web Audio gives Float32Array samples), and
// one exported function turns the recording into a sealed message for the
// toy, entirely on the phone.
//
// The pipeline (Pipeline.Seal, plain Go, tested on the host) resamples to the
// toy's 16 kHz (resample, Medium quality, with the filter delay trimmed),
// normalises the whole message to −16 LUFS with a −1 dBTP ceiling
// (dynamics.NormalizeFloat32, two passes: the message is complete before it is
// sent), encodes it as IMA ADPCM (what examples/firmware plays, 4 bits a
// sample) and seals it to the toy's public key with the parent's key
// (envelope.Seal). The relay (examples/backend) and anyone who copies its
// storage see ciphertext only.
//
// main_js.go exports it to JavaScript:
//
//	const msg = toyvoiceSeal(float32Samples, toyPublicKeyText, parentKeyText) // Uint8Array
//
// Build with
//
//	GOOS=js GOARCH=wasm go build -o app.wasm .
//
// and load it with $(go env GOROOT)/lib/wasm/wasm_exec.js. The js test runs
// under node with
//
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" .
package main

import (
	"math"
	"time"

	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/dsp/dynamics"
	"github.com/toyvoice/toyvoice/envelope"
	"github.com/toyvoice/toyvoice/resample"
)

const (
	InRate  = 48000 // what the browser records
	OutRate = 16000 // what the toy plays
	Target  = -16.0 // LUFS
)

// Pipeline prepares recordings for a toy. Its buffers grow to the longest
// message seen and are reused; it is not safe for concurrent use.
type Pipeline struct {
	rs       *resample.Resampler
	enc      *adpcm.Encoder
	low, out []float32
	pcm      []int16
	ima      []byte
}

// NewPipeline returns a pipeline for 48 kHz mono recordings.
func NewPipeline() (*Pipeline, error) {
	rs, err := resample.New(InRate, OutRate, 1, resample.Medium)
	if err != nil {
		return nil, err
	}
	enc, err := adpcm.NewEncoder(1)
	if err != nil {
		return nil, err
	}
	return &Pipeline{rs: rs, enc: enc}, nil
}

// Seal turns rec (48 kHz mono, nominally in [-1, 1)) into a message sealed
// to the toys in to, signed by from, appended to dst. It reports what the
// normaliser did.
func (p *Pipeline) Seal(dst []byte, rec []float32, from *envelope.PrivateKey, to []envelope.PublicKey) ([]byte, dynamics.Report, error) {
	// 48 → 16 kHz. The output lags by Latency frames and Flush drains as
	// much again: keep the ceil(N/3) frames aligned with the input.
	p.rs.Reset()
	p.low = p.rs.AppendFloat32(p.low[:0], rec)
	p.low = p.rs.FlushFloat32(p.low)
	lat, n := p.rs.Latency(), (len(rec)*OutRate+InRate-1)/InRate
	low := p.low[lat : lat+n]

	var rep dynamics.Report
	var err error
	p.out, rep, err = dynamics.NormalizeFloat32(p.out[:0], low, OutRate, 1, dynamics.WithTarget(Target))
	if err != nil {
		return dst, rep, err
	}

	p.pcm = p.pcm[:0]
	for _, x := range p.out {
		p.pcm = append(p.pcm, toInt16(x))
	}
	p.enc.Reset()
	if p.ima, err = p.enc.AppendEncode(p.ima[:0], p.pcm); err != nil {
		return dst, rep, err
	}
	p.ima = p.enc.Flush(p.ima)

	meta := envelope.Metadata{Codec: envelope.CodecIMAADPCM, SampleRate: OutRate, Channels: 1,
		Duration: time.Duration(len(p.pcm)) * time.Second / OutRate}
	dst, err = envelope.Seal(dst, p.ima, &meta, from, to)
	return dst, rep, err
}

// toInt16 scales by 32768, rounds and saturates.
func toInt16(x float32) int16 {
	v := math.Round(float64(x) * 32768)
	return int16(max(-32768, min(32767, v)))
}
