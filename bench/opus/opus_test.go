package main

import (
	"bytes"
	"math"
	"strings"
	"testing"

	pion "github.com/pion/opus"

	"github.com/toyvoice/toyvoice/bench/internal/harness"
	"github.com/toyvoice/toyvoice/bench/internal/signal"
	"github.com/toyvoice/toyvoice/codec/opus"
)

// The libopus wrapper encodes speech that libopus, toyvoice and pion/opus
// all decode to the same length, toyvoice and pion close to libopus.
func TestLibopusWrapper(t *testing.T) {
	for _, c := range configs {
		pcm := signal.Speech(c.rate/2, c.rate) // 0.5 s
		fl := c.rate / 50
		le := must(newLibopusEncoder(c.rate, c.ch, c.capp, c.bitrate, complexity))
		defer le.close()
		ld := must(newLibopusDecoder(c.rate, c.ch))
		defer ld.close()
		td := must(opus.NewDecoder(c.rate, c.ch))
		pd := must(pion.NewDecoderWithOutput(c.rate, c.ch))
		buf := make([]byte, 4000)
		var ref, ours, theirs []int16
		for i := 0; i+fl <= len(pcm); i += fl {
			k := le.encode(buf, pcm[i:i+fl])
			if k <= 0 {
				t.Fatalf("%s: libopus encode failed", c.name)
			}
			p := buf[:k]
			d := make([]int16, 5760)
			ref = append(ref, d[:ld.decode(d, p)]...)
			ours = must(td.AppendDecode(ours, p))
			n := must(pd.DecodeToInt16(p, d))
			theirs = append(theirs, d[:n*c.ch]...)
		}
		if len(ref) != len(pcm) || len(ours) != len(ref) || len(theirs) != len(ref) {
			t.Fatalf("%s: lengths pcm %d libopus %d toyvoice %d pion %d", c.name, len(pcm), len(ref), len(ours), len(theirs))
		}
		if s := snr(ref, ours); s < 30 {
			t.Errorf("%s: toyvoice vs libopus decode SNR %.1f dB", c.name, s)
		}
		t.Logf("%s: SNR vs libopus decode: toyvoice %.1f dB, pion %.1f dB", c.name, snr(ref, ours), snr(ref, theirs))
	}
}

func snr(ref, x []int16) float64 {
	var s, n float64
	for i := range ref {
		d := float64(x[i]) - float64(ref[i])
		s += float64(ref[i]) * float64(ref[i])
		n += d * d
	}
	if n == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(s/n)
}

func TestShort(t *testing.T) {
	var b bytes.Buffer
	run(&b, harness.Config{Rounds: 1}, 0.1)
	if !strings.Contains(b.String(), "| **toyvoice (gopus)** |") {
		t.Errorf("no toyvoice row:\n%s", b.String())
	}
}
