package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/toyvoice/toyvoice/resample"
)

// TestConvertRateMatchesWholeFile checks that convert's chunked, streaming
// rate change gives exactly what resampling the whole file at once gives
// (same length, same samples), for down- and up-sampling and stereo.
func TestConvertRateMatchesWholeFile(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "message.wav")
	if err := os.WriteFile(in, bundledMessage, 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := loadAudio(in)
	if err != nil {
		t.Fatal(err)
	}
	stereo := make([]int16, 0, 2*len(a.pcm))
	for i, s := range a.pcm {
		stereo = append(stereo, s, a.pcm[len(a.pcm)-1-i])
	}
	in2 := filepath.Join(dir, "stereo.wav")
	if err := saveWAV(in2, stereo, a.rate, 2); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		in   string
		pcm  []int16
		ch   int
		rate string
		to   int
		q    resample.Quality
	}{
		{in, a.pcm, 1, "8000", 8000, resample.Medium},
		{in, a.pcm, 1, "48000", 48000, resample.High},
		{in, a.pcm, 1, "44100", 44100, resample.Quick},
		{in2, stereo, 2, "22050", 22050, resample.Medium},
	} {
		out := filepath.Join(dir, "out.wav")
		var stderr bytes.Buffer
		args := []string{"convert", c.in, out, "--rate", c.rate, "--quality", c.q.String()}
		if st := run(&env{nil, io.Discard, &stderr}, args); st != 0 {
			t.Fatalf("%v: exit %d: %s", args, st, stderr.String())
		}
		got, err := loadAudio(out)
		if err != nil {
			t.Fatal(err)
		}
		want, _, err := resampleAligned(c.pcm, a.rate, c.to, c.ch, c.q, false)
		if err != nil {
			t.Fatal(err)
		}
		if got.rate != c.to || got.channels != c.ch {
			t.Errorf("%v: got %d Hz %d ch", args, got.rate, got.channels)
		}
		if len(got.pcm) != len(want) {
			t.Fatalf("%v: %d samples, want %d", args, len(got.pcm), len(want))
		}
		for i := range want {
			if got.pcm[i] != want[i] {
				t.Fatalf("%v: sample %d = %d, want %d", args, i, got.pcm[i], want[i])
			}
		}
	}
}
