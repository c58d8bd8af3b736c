package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpusFileRoundTrip writes the bundled message as Ogg Opus and reads
// it back: same rate, channels and length, speech-grade SNR, and an
// average bitrate near the target.
func TestOpusFileRoundTrip(t *testing.T) {
	a, err := loadAudio("message.wav")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.opus")
	if err := encodeOpusFile(path, a.pcm, a.rate, a.channels, 24000); err != nil {
		t.Fatal(err)
	}
	b, err := decodeOpusFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.rate != a.rate || b.channels != a.channels || len(b.pcm) != len(a.pcm) {
		t.Fatalf("read %d Hz %d ch %d samples, wrote %d Hz %d ch %d samples", b.rate, b.channels, len(b.pcm), a.rate, a.channels, len(a.pcm))
	}
	if s := snrDB(a.pcm, b.pcm); s < 8 {
		t.Errorf("SNR %.1f dB < 8 dB", s)
	}
	if !strings.HasPrefix(b.format, "Ogg Opus (pre-skip 312, original rate 16000 Hz, ") {
		t.Errorf("format %q", b.format)
	}
	t.Log(b.format)
}

// TestOpusFileResamples encodes a 44.1 kHz stereo signal: it is resampled
// to 48 kHz, and the header keeps 44100 as the original rate.
func TestOpusFileResamples(t *testing.T) {
	pcm := make([]int16, 2*4410)
	for i := range pcm {
		pcm[i] = int16((i * 37) % 2000)
	}
	path := filepath.Join(t.TempDir(), "s.opus")
	if err := encodeOpusFile(path, pcm, 44100, 2, 0); err != nil {
		t.Fatal(err)
	}
	b, err := decodeOpusFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.rate != 48000 || b.channels != 2 || len(b.pcm) != 2*4800 || !strings.Contains(b.format, "original rate 44100 Hz") {
		t.Fatalf("%d Hz %d ch %d samples %q", b.rate, b.channels, len(b.pcm), b.format)
	}
	if err := encodeOpusFile(path, pcm[:3], 16000, 3, 0); err == nil {
		t.Error("3 channels accepted")
	}
}

func TestDecodeOpusFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.opus")
	os.WriteFile(bad, []byte("OggS this is not an ogg file"), 0o644)
	if _, err := decodeOpusFile(bad); err == nil {
		t.Error("garbage accepted")
	}
	if _, err := decodeOpusFile(filepath.Join(dir, "missing.opus")); err == nil {
		t.Error("missing file accepted")
	}
}

func TestDemoOpusStage(t *testing.T) {
	a, err := loadAudio("message.wav")
	if err != nil {
		t.Fatal(err)
	}
	var rep bytes.Buffer
	dir := t.TempDir()
	st := &demoState{pcm: a.pcm, rate: a.rate, channels: a.channels, outDir: dir, report: &rep}
	if err := demoOpus(st); err != nil {
		t.Fatal(err)
	}
	out := rep.String()
	if strings.Count(out, "\n") != 3 || !strings.Contains(out, "24 kbit/s VoIP") || !strings.Contains(out, "16 kbit/s VoIP") {
		t.Errorf("report:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "message.opus")); err != nil {
		t.Error(err)
	}
	t.Log("\n" + out)
}
