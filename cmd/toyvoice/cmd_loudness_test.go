package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(&env{strings.NewReader(""), &o, &e}, args)
	return code, o.String(), e.String()
}

func writeTestWAV(t *testing.T, name string, pcm []int16, rate, ch int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := saveWAV(p, pcm, rate, ch); err != nil {
		t.Fatal(err)
	}
	return p
}

// EBU Tech 3341 case 1 as a file: stereo 1 kHz at −23 dBFS reads −23 LUFS.
func TestLoudnessCommand(t *testing.T) {
	const rate = 48000
	pcm := make([]int16, 2*5*rate)
	a := 32768 * math.Pow(10, -23.0/20)
	for i := 0; i < 5*rate; i++ {
		v := int16(math.Round(a * math.Sin(2*math.Pi*1000*float64(i)/rate)))
		pcm[2*i], pcm[2*i+1] = v, v
	}
	p := writeTestWAV(t, "tone.wav", pcm, rate, 2)
	code, out, errOut := runCLI("loudness", "--json", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var li map[string]any
	if err := json.Unmarshal([]byte(out), &li); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"integrated_lufs", "range_lu", "true_peak_dbtp", "sample_peak_dbfs", "momentary_max_lufs", "short_term_max_lufs"} {
		if _, ok := li[k]; !ok {
			t.Errorf("JSON lacks %s: %s", k, out)
		}
	}
	if v := li["integrated_lufs"].(float64); math.Abs(v+23) > 0.1 {
		t.Errorf("integrated %v", v)
	}
	if v := li["true_peak_dbtp"].(float64); math.Abs(v+23) > 0.1 {
		t.Errorf("true peak %v", v)
	}
	code, out, _ = runCLI("loudness", p)
	field := func(name string) float64 {
		for _, line := range strings.Split(out, "\n") {
			if rest, ok := strings.CutPrefix(line, name+":"); ok {
				var v float64
				fmt.Sscan(rest, &v)
				return v
			}
		}
		return math.NaN()
	}
	if code != 0 || math.Abs(field("Integrated")+23) > 0.1 || math.Abs(field("True peak")+23) > 0.1 || field("Loudness range") != 0 {
		t.Errorf("text output (exit %d):\n%s", code, out)
	}
	// Silence: no integrated loudness, JSON null.
	sil := writeTestWAV(t, "silence.wav", make([]int16, 16000), 16000, 1)
	code, out, _ = runCLI("loudness", sil, "--json")
	if code != 0 || !strings.Contains(out, `"integrated_lufs": null`) {
		t.Errorf("silence (exit %d): %s", code, out)
	}
}

func TestLoudnessUsageAndErrors(t *testing.T) {
	for _, args := range [][]string{
		{"loudness"}, {"loudness", "a", "b"}, {"loudness", "--bogus", "a"},
		{"normalize", "a"}, {"normalize", "a", "b", "--target", "5"}, {"normalize", "a", "b", "--true-peak", "1"},
		{"normalize", "a", "b", "--max-gain", "-3"}, {"normalize", "a", "b", "--target", "x"},
	} {
		if code, _, errOut := runCLI(args...); code != 2 || !strings.Contains(errOut, "usage: toyvoice") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	missing := filepath.Join(t.TempDir(), "missing.wav")
	for _, args := range [][]string{{"loudness", missing}, {"normalize", missing, missing + ".out"}} {
		code, out, errOut := runCLI(args...)
		if code != 1 || out != "" || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "toyvoice "+args[0]+": ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestNormalizeCommand(t *testing.T) {
	const rate = 16000
	sp := testutil.Speech(3*rate, rate)
	for i := range sp {
		sp[i] /= 20 // about −39 LUFS
	}
	in := writeTestWAV(t, "quiet.wav", sp, rate, 1)
	out := filepath.Join(t.TempDir(), "out.wav")
	code, stdout, errOut := runCLI("normalize", in, out, "--target", "-18", "--true-peak", "-2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	a, err := loadAudio(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.pcm) != len(sp) || a.rate != rate {
		t.Fatalf("output %d samples at %d Hz", len(a.pcm), a.rate)
	}
	code, js, _ := runCLI("loudness", out, "--json")
	var li loudnessInfo
	if code != 0 || json.Unmarshal([]byte(js), &li) != nil || li.Integrated == nil || li.TruePeak == nil {
		t.Fatalf("measuring output: exit %d %s", code, js)
	}
	t.Logf("normalize: %s -> measured %.2f LUFS, %.2f dBTP", strings.TrimSpace(stdout), *li.Integrated, *li.TruePeak)
	if math.Abs(*li.Integrated+18) > 0.15 || *li.TruePeak > -2 {
		t.Errorf("output %.2f LUFS, %.2f dBTP; want -18 LUFS under -2 dBTP", *li.Integrated, *li.TruePeak)
	}
	// Silence is left alone.
	sil := writeTestWAV(t, "silence.wav", make([]int16, rate), rate, 1)
	code, stdout, _ = runCLI("normalize", sil, out)
	if code != 0 || !strings.Contains(stdout, "left unchanged") {
		t.Errorf("silence: exit %d, %q", code, stdout)
	}
}

func TestDemoNormaliseStage(t *testing.T) {
	code, out, errOut := runCLI("demo")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "loudness   before:") || !strings.Contains(out, "normalise  after:  -16.0") {
		t.Errorf("demo report lacks the normalise stage:\n%s", out)
	}
}
