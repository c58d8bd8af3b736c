//go:build !(tinygo && baremetal)

// Host tests: they read message.wav from disk and seal (Ed25519 signing does
// not fit next to the test harness on cortex-m-qemu); embedded_test.go runs
// on the chip too.

package main

import (
	"bytes"
	"crypto/rand"
	"errors"
	"flag"
	"math"
	"os"
	"testing"
	"time"

	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/codec/g711"
	"github.com/toyvoice/toyvoice/container/wav"
	"github.com/toyvoice/toyvoice/envelope"
)

// message reads the bundled recording (16 kHz mono, 7.8 s).
func message(t testing.TB) []int16 {
	f, err := os.Open("../../cmd/toyvoice/message.wav")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := wav.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if fm := r.Format(); fm.SampleRate != Rate || fm.Channels != 1 {
		t.Fatalf("message.wav: %+v, want 16 kHz mono", fm)
	}
	pcm := make([]int16, r.Frames())
	n, err := r.ReadInt16(pcm)
	if err != nil || n != len(pcm) {
		t.Fatalf("read %d of %d samples: %v", n, len(pcm), err)
	}
	return pcm
}

func keys(t testing.TB) (parent, toy *envelope.PrivateKey) {
	parent, err := envelope.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	toy, err = envelope.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return parent, toy
}

// correlation is the normalised cross-correlation of a and b at lag 0.
func correlation(a, b []int16) float64 {
	var ab, aa, bb float64
	for i := range min(len(a), len(b)) {
		x, y := float64(a[i]), float64(b[i])
		ab, aa, bb = ab+x*y, aa+x*x, bb+y*y
	}
	return ab / math.Sqrt(aa*bb)
}

func TestPlay(t *testing.T) {
	pcm := message(t)
	parent, toy := keys(t)
	enc, _ := adpcm.NewEncoder(1)
	ima, _ := enc.AppendEncode(nil, pcm)
	ima = enc.Flush(ima)

	seen, _ := envelope.NewReplayWindow(8)
	p, err := NewPlayer(toy, envelope.NewContacts(parent.Public()), seen)
	if err != nil {
		t.Fatal(err)
	}
	var out []int16
	dac, _ := NewRing(make([]int16, 1024), func(s []int16) { out = append(out, s...) })
	play := func(msg []byte) error {
		out = out[:0]
		err := p.Play(bytes.NewReader(msg), dac)
		dac.Flush()
		return err
	}

	for _, c := range []struct {
		codec   string
		payload []byte
		minCorr float64
	}{
		{"adpcm-ima", ima, 0.95},
		{"g711-ulaw", g711.AppendEncodeMuLaw(nil, pcm), 0.97},
		{"g711-alaw", g711.AppendEncodeALaw(nil, pcm), 0.97},
	} {
		meta := envelope.Metadata{Codec: c.codec, SampleRate: Rate, Channels: 1}
		msg, err := envelope.Seal(nil, c.payload, &meta, parent, []envelope.PublicKey{toy.Public()})
		if err != nil {
			t.Fatal(err)
		}
		if err := play(msg); err != nil {
			t.Fatalf("%s: %v", c.codec, err)
		}
		if len(out) < len(pcm) || len(out) > len(pcm)+1 {
			t.Errorf("%s: played %d samples, want %d", c.codec, len(out), len(pcm))
		}
		// The AGC moves the level slowly, so the waveform is kept.
		if r := correlation(out, pcm); r < c.minCorr {
			t.Errorf("%s: correlation with the recording %.3f, want ≥ %.2f", c.codec, r, c.minCorr)
		}
		if err := play(msg); !errors.Is(err, envelope.ErrReplay) || len(out) != 0 {
			t.Errorf("%s replayed: %v, %d samples played; want ErrReplay and silence", c.codec, err, len(out))
		}
	}

	// A stranger who knows the toy's public key cannot make it speak.
	stranger, _ := keys(t)
	spam, _ := envelope.Seal(nil, ima, &envelope.Metadata{Codec: "adpcm-ima", SampleRate: Rate}, stranger, []envelope.PublicKey{toy.Public()})
	if err := play(spam); !errors.Is(err, envelope.ErrUnknownSender) || len(out) != 0 {
		t.Errorf("stranger: %v, %d samples played; want ErrUnknownSender and silence", err, len(out))
	}
	// A tampered chunk stops playback there.
	msg, _ := envelope.Seal(nil, ima, &envelope.Metadata{Codec: "adpcm-ima", SampleRate: Rate}, parent, []envelope.PublicKey{toy.Public()})
	msg[len(msg)/2] ^= 0x10
	if err := play(msg); !errors.Is(err, envelope.ErrTampered) || len(out) >= len(pcm)/2+2048 {
		t.Errorf("tampered: %v after %d samples; want ErrTampered within the first half", err, len(out))
	}
	// A format the toy's DAC doesn't run.
	msg, _ = envelope.Seal(nil, ima, &envelope.Metadata{Codec: "adpcm-ima", SampleRate: 8000}, parent, []envelope.PublicKey{toy.Public()})
	if err := play(msg); !errors.Is(err, ErrFormat) {
		t.Errorf("8 kHz message: %v, want ErrFormat", err)
	}
}

// wavMic plays pcm into the recorder, then silence, then stops.
type wavMic struct {
	pcm     []int16
	silence int // frames after pcm
}

func (m *wavMic) Read(frame []int16) bool {
	n := copy(frame, m.pcm)
	m.pcm = m.pcm[n:]
	clear(frame[n:])
	if n == 0 {
		m.silence--
	}
	return m.silence >= 0
}

func TestRecord(t *testing.T) {
	pcm := message(t)
	parent, toy := keys(t)
	rec, err := NewRecorder(make([]int16, histLen))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 64000) // 8 s
	reply, err := rec.Record(buf, &wavMic{pcm: pcm, silence: 300})
	if err != nil {
		t.Fatal(err)
	}
	d := time.Duration(len(reply)*2) * time.Second / Rate
	t.Logf("recorded %v of %v", d, time.Duration(len(pcm))*time.Second/Rate)
	if d < 3*time.Second || d > 8*time.Second || &reply[0] != &buf[:1][0] {
		t.Errorf("recorded %v in %d bytes (buffer reused: %v)", d, len(reply), &reply[0] == &buf[:1][0])
	}

	// Seal to the parent; the app opens and decodes it.
	meta := envelope.Metadata{Codec: "adpcm-ima", SampleRate: Rate, Channels: 1, Duration: d}
	msg, err := envelope.Seal(nil, reply, &meta, toy, []envelope.PublicKey{parent.Public()})
	if err != nil {
		t.Fatal(err)
	}
	seen, _ := envelope.NewReplayWindow(8)
	got, m, err := envelope.Open(nil, msg, parent, envelope.NewContacts(toy.Public()), seen)
	if err != nil || !bytes.Equal(got, reply) || m.Duration != d {
		t.Fatalf("parent opened %d bytes, %v: %v", len(got), m.Duration, err)
	}
	dec, _ := adpcm.NewDecoder(1)
	voice, _ := dec.AppendDecode(nil, got)
	var peak int16
	for _, s := range voice {
		peak = max(peak, s, -s)
	}
	if peak < 4000 {
		t.Errorf("decoded reply peaks at %d: silence?", peak)
	}

	// Nobody speaks: nothing recorded.
	if r, err := rec.Record(buf, &wavMic{silence: 200}); err != nil || len(r) != 0 {
		t.Errorf("silence: %d bytes, %v", len(r), err)
	}
	// A full buffer stops the recording without growing it.
	small := make([]byte, 0, 8000)
	if r, err := rec.Record(small, &wavMic{pcm: pcm, silence: 100}); !errors.Is(err, ErrFull) || cap(r) != cap(small) {
		t.Errorf("1 s buffer: %d bytes, %v; want ErrFull in the caller's buffer", len(r), err)
	}
}

var sink []byte

// The per-frame work allocates nothing: decoding, AGC, ring, VAD, encoding.
func TestNoAllocs(t *testing.T) {
	pcm := message(t)
	parent, toy := keys(t)
	seen, _ := envelope.NewReplayWindow(8)
	p, _ := NewPlayer(toy, envelope.NewContacts(parent.Public()), seen)
	dac, _ := NewRing(make([]int16, 1024), func([]int16) {})
	frame := make([]byte, FrameLen/2)
	if a := testing.AllocsPerRun(100, func() { p.frame(dac, ima, frame) }); a != 0 {
		t.Errorf("playback frame: %v allocs", a)
	}
	rec, _ := NewRecorder(make([]int16, histLen))
	buf := make([]byte, 0, 64000)
	mic := &wavMic{}
	if a := testing.AllocsPerRun(2, func() {
		*mic = wavMic{pcm: pcm[:3*Rate], silence: 100}
		sink, _ = rec.Record(buf, mic)
	}); a != 0 {
		t.Errorf("recording: %v allocs", a)
	}
}

var update = flag.Bool("update", false, "rewrite testdata/ (keys and the embedded message)")

// TestUpdateEmbedded regenerates the fixtures embedded_test.go plays: the
// first second of message.wav as IMA ADPCM, sealed from a parent to a toy.
func TestUpdateEmbedded(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate testdata/")
	}
	parent, toy := keys(t)
	enc, _ := adpcm.NewEncoder(1)
	ima, _ := enc.AppendEncode(nil, message(t)[:Rate])
	meta := envelope.Metadata{Codec: "adpcm-ima", SampleRate: Rate, Channels: 1, Duration: time.Second}
	msg, err := envelope.Seal(nil, ima, &meta, parent, []envelope.PublicKey{toy.Public()})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"testdata/toy.key":    toy.AppendText(nil),
		"testdata/parent.pub": parent.Public().AppendText(nil),
		"testdata/hello.tvm":  msg,
	} {
		if err := os.WriteFile(name, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The history must reach back as far as a Start can point; the DAC ring
// needs a buffer and a drain.
func TestBuffers(t *testing.T) {
	if _, err := NewRecorder(make([]int16, histLen-FrameLen)); !errors.Is(err, errHistory) {
		t.Errorf("short history: %v, want errHistory", err)
	}
	if _, err := NewRecorder(make([]int16, histLen)); err != nil {
		t.Errorf("histLen history: %v", err)
	}
	if _, err := NewRing(nil, func([]int16) {}); err == nil {
		t.Error("ring without a buffer")
	}
	if _, err := NewRing(make([]int16, 1), nil); err == nil {
		t.Error("ring without a drain")
	}
	if _, err := NewToy(nil, nil, func([]int16) {}); err == nil {
		t.Error("toy without a key")
	}
}
