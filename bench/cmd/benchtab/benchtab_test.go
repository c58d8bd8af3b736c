package main

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"testing"

	zaf "github.com/zaf/g711"

	"github.com/toyvoice/toyvoice/bench/internal/harness"
	"github.com/toyvoice/toyvoice/bench/internal/signal"
	"github.com/toyvoice/toyvoice/codec/g711"
)

// TestShort runs every area as `benchtab -short` does and checks that each
// prints a table.
func TestShort(t *testing.T) {
	o := opts{short: true, seconds: 0.05, cfg: harness.Config{Rounds: 1}}
	for _, a := range areas {
		var b bytes.Buffer
		if a.optIn {
			// resample-avx2 runs only under this GODEBUG (here it is set after
			// start-up, so the kernels stay as they are: this checks the table).
			t.Setenv("GODEBUG", "cpu.avx512f=off")
		}
		a.run(&b, o)
		if !strings.Contains(b.String(), "| **toyvoice") && !strings.Contains(b.String(), "| **quick") {
			t.Errorf("%s: no toyvoice row in\n%s", a.name, b.String())
		}
	}
}

// The quality method reproduces the library's table for a known preset
// (resample/doc.go: 48000→16000 high, stopband −143.1 dB with float64 I/O,
// level 0.00 dB at 0.9 fn) within what float32 I/O allows.
func TestQualityMethod(t *testing.T) {
	if testing.Short() {
		t.Skip("measures a preset")
	}
	var q rsQuality
	resampling := func(in, out int) {
		r := must(newToyvoiceHigh(in, out))
		q = measureQuality(in, out, r)
	}
	resampling(48000, 16000)
	if q.alias1 > -125 || math.Abs(q.at09) > 0.01 || q.snr < 120 {
		t.Errorf("48k→16k high: %+v", q)
	}
}

// zaf/g711 decodes every code as toyvoice (and spandsp) do.
func TestZafDecodeAgrees(t *testing.T) {
	codes := make([]byte, 256)
	for i := range codes {
		codes[i] = byte(i)
	}
	for _, law := range []struct {
		name string
		zaf  func([]byte) []byte
		ours func(byte) int16
	}{{"µ-law", zaf.DecodeUlaw, g711.DecodeMuLaw}, {"A-law", zaf.DecodeAlaw, g711.DecodeALaw}} {
		le := law.zaf(codes)
		for i, c := range codes {
			if got, want := int16(binary.LittleEndian.Uint16(le[2*i:])), law.ours(c); got != want {
				t.Errorf("%s %#02x: zaf %d, toyvoice %d", law.name, c, got, want)
			}
		}
	}
}

// beep passes a 1 kHz tone at the right level.
func TestBeepTone(t *testing.T) {
	x := signal.Tone(48000, 1000, 48000, 0.5)
	x32 := make([]float32, len(x))
	for i, v := range x {
		x32[i] = float32(v)
	}
	out := make([][2]float64, 20000)
	n := beepRun(4, 48000, 16000, x32, out)
	if n < 15900 || n > 16100 {
		t.Fatalf("beep: %d outputs for 1 s", n)
	}
	var s float64
	for _, v := range out[n-1600-256 : n-256] {
		s += v[0] * v[0]
	}
	if rms := math.Sqrt(s / 1600); math.Abs(rms-0.5/math.Sqrt2) > 0.01 {
		t.Errorf("beep: RMS %.4f", rms)
	}
}
