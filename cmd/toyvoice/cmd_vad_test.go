package main

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// speechFile writes 1 s silence, 1 s speech-like signal, 1 s silence.
func speechFile(t *testing.T, rate int) string {
	t.Helper()
	pcm := append(append(make([]int16, rate), testutil.Speech(rate, rate)...), make([]int16, rate)...)
	return writeTestWAV(t, "speech.wav", pcm, rate, 1)
}

func TestVADSegments(t *testing.T) {
	p := speechFile(t, 16000)
	code, out, errOut := runCLI("vad", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("want one segment, got %q", out)
	}
	var a, b float64
	if _, err := fmtSscan(lines[0], &a, &b); err != nil {
		t.Fatal(err)
	}
	if a < 0.6 || a > 1.0 || b < 2.0 || b > 2.5 {
		t.Errorf("segment %v-%v, want about 0.75-2.2", a, b)
	}
	code, out, _ = runCLI("vad", "--json", "--mode", "3", "--frame", "30", p)
	if code != 0 {
		t.Fatal(code)
	}
	var r vadReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Mode != 3 || r.FrameMs != 30 || r.SampleRate != 16000 || len(r.Segments) != 1 || r.Duration != 3 {
		t.Errorf("report %+v", r)
	}
}

func TestVADFrames(t *testing.T) {
	p := speechFile(t, 8000)
	code, out, _ := runCLI("vad", p, "--frames", "--frame", "20")
	if code != 0 {
		t.Fatal(code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "start_ms,end_ms,speech" || len(lines) != 151 {
		t.Fatalf("header %q, %d lines", lines[0], len(lines))
	}
	if lines[1] != "0,20,0" || lines[75] != "1480,1500,1" || lines[150] != "2980,3000,0" {
		t.Errorf("lines %q %q %q", lines[1], lines[75], lines[150])
	}
}

func TestVADErrors(t *testing.T) {
	p := speechFile(t, 8000)
	for _, args := range [][]string{
		{"vad"}, {"vad", p, p}, {"vad", p, "--mode", "4"}, {"vad", p, "--frame", "25"},
		{"vad", p, "--json", "--frames"}, {"vad", p, "--bogus"},
	} {
		if code, _, _ := runCLI(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	// Rates the detector does not run at are resampled to 16 kHz first;
	// segment times stay in the file's own time base.
	odd := speechFile(t, 22050)
	code, out, errOut := runCLI("vad", odd, "--json")
	if code != 0 {
		t.Fatalf("22.05 kHz: exit %d, %q", code, errOut)
	}
	var rep vadReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.SampleRate != 22050 || len(rep.Segments) == 0 ||
		math.Abs(rep.Segments[0].Start-1) > 0.35 || math.Abs(rep.Duration-3) > 0.001 {
		t.Errorf("22.05 kHz: %+v", rep)
	}
	if code, _, _ := runCLI("vad", "/nonexistent.wav"); code != 1 {
		t.Errorf("missing file: exit %d", code)
	}
}

func TestDemoVAD(t *testing.T) {
	var b strings.Builder
	st := &demoState{pcm: append(append(make([]int16, 16000), testutil.Speech(16000, 16000)...), make([]int16, 16000)...), rate: 16000, channels: 1, report: &b}
	if err := demoVAD(st); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "removed") || len(st.pcm) >= 48000 || len(st.pcm) < 16000 {
		t.Errorf("report %q, %d samples left", b.String(), len(st.pcm))
	}
}

func fmtSscan(s string, a ...any) (int, error) { return fmt.Sscan(s, a...) }
