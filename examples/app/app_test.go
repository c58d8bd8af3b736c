package main

import (
	"crypto/rand"
	"math"
	"testing"

	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/dsp/loudness"
	"github.com/toyvoice/toyvoice/envelope"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

// recording returns a quiet 48 kHz take of the test speech signal, as a
// phone held at arm's length records it.
func recording(seconds float64) []float32 {
	s := testutil.Speech(int(seconds*InRate), InRate)
	rec := make([]float32, len(s))
	for i, v := range s {
		rec[i] = float32(v) / 32768 * 0.1 // −20 dB
	}
	return rec
}

// sealAndOpen runs the phone side and opens the result as the toy would.
func sealAndOpen(t *testing.T, p *Pipeline, rec []float32) ([]int16, envelope.Metadata) {
	t.Helper()
	parent, err := envelope.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	toy, err := envelope.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	msg, rep, err := p.Seal(nil, rec, parent, []envelope.PublicKey{toy.Public()})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d samples at 48 kHz -> %d bytes sealed; %.1f LUFS -> %.1f LUFS, %.1f dBTP", len(rec), len(msg), rep.InputLUFS, rep.OutputLUFS, rep.OutputTruePeak)
	seen, _ := envelope.NewReplayWindow(4)
	ima, meta, err := envelope.Open(nil, msg, toy, envelope.NewContacts(parent.Public()), seen)
	if err != nil {
		t.Fatal(err)
	}
	dec, _ := adpcm.NewDecoder(1)
	pcm, _ := dec.AppendDecode(nil, ima)
	return pcm, meta
}

func TestSeal(t *testing.T) {
	p, err := NewPipeline()
	if err != nil {
		t.Fatal(err)
	}
	for _, secs := range []float64{4, 3} { // the second reuses the buffers
		rec := recording(secs)
		pcm, meta := sealAndOpen(t, p, rec)
		want := len(rec) / 3
		if len(pcm) < want || len(pcm) > want+1 {
			t.Errorf("%v s: toy decodes %d samples, want %d", secs, len(pcm), want)
		}
		if meta.Codec != "adpcm-ima" || meta.SampleRate != OutRate || meta.Duration.Seconds() < secs-0.01 {
			t.Errorf("metadata %+v", meta)
		}
		// What the toy plays is at the target loudness (ADPCM adds a little noise).
		m, _ := loudness.NewMeter(OutRate, 1)
		m.WriteInt16(pcm)
		if l := m.Integrated(); math.Abs(l-Target) > 0.5 {
			t.Errorf("%v s: toy plays at %.2f LUFS, want %.0f ± 0.5", secs, l, Target)
		}
		// The resampler's delay is trimmed: the 16 kHz audio lines up with
		// the recording (compare the envelope of the first syllables).
		if lag := bestLag(rec, pcm, 400); lag < -2 || lag > 2 {
			t.Errorf("%v s: output lags the recording by %d samples", secs, lag)
		}
	}
}

// bestLag returns the lag (in 16 kHz samples, within ±max) at which the
// decimated recording best correlates with out.
func bestLag(rec []float32, out []int16, maxLag int) int {
	n := min(len(rec)/3, len(out)) - 2*maxLag
	best, bestC := 0, math.Inf(-1)
	for lag := -maxLag; lag <= maxLag; lag++ {
		var c float64
		for i := maxLag; i < n; i++ {
			c += float64(rec[3*i]) * float64(out[i+lag])
		}
		if c > bestC {
			best, bestC = lag, c
		}
	}
	return best
}
