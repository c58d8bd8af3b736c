package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// envelopeCLI runs one toyvoice invocation in-process.
func envelopeCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(&env{stdin: strings.NewReader(""), stdout: &o, stderr: &e}, args)
	return code, o.String(), e.String()
}

func mustCLI(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := envelopeCLI(args...)
	if code != 0 {
		t.Fatalf("toyvoice %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func TestEnvelopeCLI(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	for _, who := range []string{"mum", "toy", "stranger"} {
		out := mustCLI(t, "keygen", "-o", p(who))
		if !strings.Contains(out, "recipient id") {
			t.Errorf("keygen output %q", out)
		}
	}
	st, err := os.Stat(p("mum.key"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("mum.key mode %v, %v", st.Mode(), err)
	}
	if code, _, errOut := envelopeCLI("keygen", "-o", p("mum")); code != 1 || !strings.Contains(errOut, "refusing to overwrite") {
		t.Errorf("keygen over an existing key: exit %d %q", code, errOut)
	}

	in := p("hello.g722")
	audio := bytes.Repeat([]byte("voice "), 700)
	os.WriteFile(in, audio, 0o644)
	out := mustCLI(t, "seal", "--to", p("toy.pub"), "--from", p("mum.key"), in, p("hello.sealed"))
	if !strings.Contains(out, "g722") || !strings.Contains(out, "1 recipient") {
		t.Errorf("seal output %q", out)
	}
	sealed, _ := os.ReadFile(p("hello.sealed"))
	if bytes.Contains(sealed, []byte("voice")) {
		t.Fatal("sealed file contains plaintext")
	}

	out = mustCLI(t, "open", "--key", p("toy.key"), "--trust", p("stranger.pub")+","+p("mum.pub"), "--seen", p("seen"), p("hello.sealed"), p("hello.out"))
	got, _ := os.ReadFile(p("hello.out"))
	if !bytes.Equal(got, audio) || !strings.Contains(out, "g722") {
		t.Fatalf("open: output differs; %q", out)
	}

	// Rejections: exit 1, one line, nothing written.
	flipped := bytes.Clone(sealed)
	flipped[len(flipped)/2] ^= 4
	os.WriteFile(p("flipped.sealed"), flipped, 0o644)
	os.WriteFile(p("cut.sealed"), sealed[:len(sealed)-100], 0o644)
	reject := []struct {
		name string
		args []string
		want string
	}{
		{"replay", []string{"open", "--key", p("toy.key"), "--trust", p("mum.pub"), "--seen", p("seen"), p("hello.sealed"), p("r1")}, "replayed"},
		{"unknown sender", []string{"open", "--key", p("toy.key"), "--trust", p("stranger.pub"), p("hello.sealed"), p("r2")}, "unknown sender"},
		{"wrong key", []string{"open", "--key", p("stranger.key"), "--trust", p("mum.pub"), p("hello.sealed"), p("r3")}, "not a recipient"},
		{"tampered", []string{"open", "--key", p("toy.key"), "--trust", p("mum.pub"), p("flipped.sealed"), p("r4")}, "tampered"},
		{"truncated", []string{"open", "--key", p("toy.key"), "--trust", p("mum.pub"), p("cut.sealed"), p("r5")}, "truncated"},
		{"not a key", []string{"open", "--key", p("toy.pub"), "--trust", p("mum.pub"), p("hello.sealed"), p("r6")}, "not a toyvoice private key"},
		{"missing input", []string{"open", "--key", p("toy.key"), "--trust", p("mum.pub"), p("nope"), p("r7")}, "no such file"},
	}
	for i, c := range reject {
		code, out, errOut := envelopeCLI(c.args...)
		if code != 1 || !strings.Contains(errOut, c.want) || strings.Count(errOut, "\n") != 1 || out != "" {
			t.Errorf("%s: exit %d, stderr %q", c.name, code, errOut)
		}
		if _, err := os.Stat(p("r" + string(rune('1'+i)))); !os.IsNotExist(err) {
			t.Errorf("%s: output file written", c.name)
		}
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 12 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("stray files: %v", names) // 3 key pairs, hello.{g722,sealed,out}, seen, flipped, cut
	}

	// Usage errors exit 2.
	for _, args := range [][]string{
		{"keygen"},
		{"seal", in, p("x")},
		{"seal", "--to", p("toy.pub"), "--from", p("mum.key"), in},
		{"seal", "--to", p("toy.pub"), "--from", p("mum.key"), "--chunk", "1000", in, p("x")},
		{"open", "--key", p("toy.key"), p("hello.sealed"), p("x")},
		{"open", "--key", p("toy.key"), "--trust", p("mum.pub"), p("hello.sealed")},
	} {
		if code, _, _ := envelopeCLI(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestEnvelopeCLIWAVMetadata(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	mustCLI(t, "keygen", "-o", p("a"))
	mustCLI(t, "keygen", "-o", p("b"))
	wav := p("m.wav")
	if err := saveWAV(wav, testutil.Speech(8000, 16000), 16000, 1); err != nil {
		t.Skip("saveWAV:", err)
	}
	mustCLI(t, "seal", "--to", p("a.pub")+","+p("b.pub"), "--from", p("a.key"), wav, p("m.sealed"))
	out := mustCLI(t, "open", "--key", p("b.key"), "--trust", p("a.pub"), p("m.sealed"), p("m2.wav"))
	if !strings.Contains(out, "wav, 16000 Hz, 1 ch, 0.50 s") {
		t.Errorf("open output %q", out)
	}
	a, _ := os.ReadFile(wav)
	b, _ := os.ReadFile(p("m2.wav"))
	if !bytes.Equal(a, b) {
		t.Error("round trip differs")
	}
}

func TestEnvelopeDemoStage(t *testing.T) {
	var report bytes.Buffer
	st := &demoState{pcm: testutil.Speech(16000, 16000), rate: 16000, channels: 1, outDir: t.TempDir(), report: &report}
	if err := demoSeal(st); err != nil {
		t.Fatal(err)
	}
	r := report.String()
	if !strings.Contains(r, "32000 B of audio") || !strings.Contains(r, "identical") || !strings.Contains(r, "replay") {
		t.Errorf("report %q", r)
	}
	if _, err := os.Stat(filepath.Join(st.outDir, "message.sealed")); err != nil {
		t.Error(err)
	}
}
