package main

import (
	"strings"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

func TestResampleCommand(t *testing.T) {
	in := writeTestWAV(t, "in.wav", testutil.Speech(16000, 16000), 16000, 1)
	out := strings.TrimSuffix(in, "in.wav") + "out.wav"
	for _, q := range []string{"quick", "medium", "high", "veryhigh"} {
		code, stdout, errOut := runCLI("resample", in, out, "--rate", "48000", "--quality", q)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", q, code, errOut)
		}
		if !strings.Contains(stdout, "16000 Hz -> 48000 Hz") {
			t.Errorf("%s: stdout %q", q, stdout)
		}
		a, err := loadAudio(out)
		if err != nil {
			t.Fatal(err)
		}
		if a.rate != 48000 || len(a.pcm) != 48000 {
			t.Errorf("%s: %d Hz, %d samples", q, a.rate, len(a.pcm))
		}
	}
	// Up to 32 kHz and back with the fixed-point path stays close to the
	// input (only what lies above Medium's passband, 6.8 kHz, is lost).
	mid := strings.TrimSuffix(in, "in.wav") + "mid.wav"
	back := strings.TrimSuffix(in, "in.wav") + "back.wav"
	if code, _, e := runCLI("resample", in, mid, "--rate", "32000", "--fixed"); code != 0 {
		t.Fatal(e)
	}
	if code, _, e := runCLI("resample", mid, back, "--rate=16000", "--fixed"); code != 0 {
		t.Fatal(e)
	}
	a, _ := loadAudio(in)
	b, _ := loadAudio(back)
	if len(a.pcm) != len(b.pcm) {
		t.Fatalf("round trip: %d samples, want %d", len(b.pcm), len(a.pcm))
	}
	var sig, noise float64
	for i := range a.pcm {
		d := float64(a.pcm[i]) - float64(b.pcm[i])
		sig += float64(a.pcm[i]) * float64(a.pcm[i])
		noise += d * d
	}
	if sig < noise*1e4 { // 40 dB
		t.Errorf("round-trip SNR too low: signal %g, noise %g", sig, noise)
	}
}

func TestResampleErrors(t *testing.T) {
	in := writeTestWAV(t, "in.wav", make([]int16, 800), 8000, 1)
	for _, args := range [][]string{
		{"resample"}, {"resample", in}, {"resample", in, "x.wav"},
		{"resample", in, "x.wav", "--rate", "7999"}, {"resample", in, "x.wav", "--rate", "200000"},
		{"resample", in, "x.wav", "--rate", "16000", "--quality", "best"},
		{"resample", in, "x.wav", "--rate", "abc"},
	} {
		if code, _, _ := runCLI(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, _ := runCLI("resample", "/nonexistent.wav", "x.wav", "--rate", "16000"); code != 1 {
		t.Errorf("missing file: exit %d, want 1", code)
	}
}

func TestDemoResample(t *testing.T) {
	var rep strings.Builder
	st := &demoState{pcm: testutil.Speech(16000, 16000), rate: 16000, channels: 1, report: &rep}
	if err := demoResample(st); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rep.String(), "->8000->") || !strings.Contains(rep.String(), "->48000->") {
		t.Errorf("report %q", rep.String())
	}
	t.Log(rep.String())
}
