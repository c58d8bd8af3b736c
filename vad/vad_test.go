package vad

import (
	"errors"
	"runtime"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

func TestNewErrors(t *testing.T) {
	for _, r := range []int{0, -8000, 11025, 22050, 44100, 96000} {
		if _, err := newT(r); !errors.Is(err, ErrSampleRate) {
			t.Errorf("New(%d): %v, want ErrSampleRate", r, err)
		}
	}
	for _, o := range []Option{WithFrame(0), WithFrame(15), WithFrame(40), WithAggressiveness(-1), WithAggressiveness(4), nil} {
		if _, err := newT(16000, o); !errors.Is(err, ErrOption) {
			t.Errorf("bad option: %v, want ErrOption", err)
		}
	}
}

func TestFrameLen(t *testing.T) {
	for _, r := range []int{8000, 16000, 32000, 48000} {
		for _, ms := range []int{10, 20, 30} {
			d, err := newT(r, WithFrame(ms))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := d.FrameLen(), r*ms/1000; got != want {
				t.Errorf("%d Hz %d ms: FrameLen %d, want %d", r, ms, got, want)
			}
		}
	}
}

func TestProcessWrongLength(t *testing.T) {
	d, _ := newT(16000)
	buf := make([]int16, 481)
	for _, n := range []int{0, 1, 159, 161, 320, 481} {
		if _, err := d.Process(buf[:n]); !errors.Is(err, ErrFrameSize) {
			t.Errorf("len %d: %v, want ErrFrameSize", n, err)
		}
	}
	// a rejected frame leaves the state alone
	ref, _ := newT(16000)
	g1, g2 := newSig(16000, defaultPlan), newSig(16000, defaultPlan)
	f1, f2 := make([]int16, 160), make([]int16, 160)
	for i := 0; i < 150; i++ {
		g1.fill(f1)
		g2.fill(f2)
		a, _ := d.Process(f1)
		_, _ = d.Process(f1[:100])
		b, _ := ref.Process(f2)
		if a != b {
			t.Fatalf("frame %d: decision changed by a rejected frame", i)
		}
	}
}

// fraction returns the share of speech decisions over frames [from, to).
func fraction(dec []bool, from, to int) float64 {
	n := 0
	for _, v := range dec[from:to] {
		if v {
			n++
		}
	}
	return float64(n) / float64(to-from)
}

func decide(t *testing.T, d *Detector, g *sigGen, frames int) []bool {
	t.Helper()
	buf := make([]int16, d.FrameLen())
	dec := make([]bool, frames)
	for i := range dec {
		g.fill(buf)
		v, err := d.Process(buf)
		if err != nil {
			t.Fatal(err)
		}
		dec[i] = v
	}
	return dec
}

func TestSilence(t *testing.T) {
	for _, r := range []int{8000, 16000, 32000, 48000} {
		d, _ := newT(r, WithAggressiveness(0))
		buf := make([]int16, d.FrameLen())
		for i := 0; i < 100; i++ {
			if v, _ := d.Process(buf); v {
				t.Fatalf("%d Hz: digital silence classified as speech at frame %d", r, i)
			}
		}
	}
}

func TestNoiseAndTone(t *testing.T) {
	// steady white noise and a steady 1 kHz tone: after a short warm-up
	// the detector must stay quiet.
	d, _ := newT(16000)
	g := newSig(16000, []sigPart{{3000, false}})
	dec := decide(t, d, g, 300)
	if f := fraction(dec, 30, 300); f > 0.03 {
		t.Errorf("white noise: %.0f%% speech", 100*f)
	}
	d.Reset()
	buf := make([]int16, 160)
	var ph uint32
	n := 0
	for i := 0; i < 300; i++ {
		for j := range buf {
			ph += 1 << 32 / 16
			buf[j] = int16(icos(ph) / 8)
		}
		if v, _ := d.Process(buf); v && i >= 50 {
			n++
		}
	}
	if n > 5 {
		t.Errorf("steady tone: %d speech frames after warm-up", n)
	}
}

func TestSpeechInNoise(t *testing.T) {
	for _, r := range []int{8000, 16000, 32000, 48000} {
		for mode := 0; mode < 4; mode++ {
			d, _ := newT(r, WithAggressiveness(mode))
			dec := decide(t, d, newSig(r, defaultPlan), 250)
			// speech at frames 60-110 and 160-200
			if f := fraction(dec, 62, 110); f < 0.9 {
				t.Errorf("%d Hz mode %d: first burst %.0f%% speech", r, mode, 100*f)
			}
			if f := fraction(dec, 162, 200); f < 0.9 {
				t.Errorf("%d Hz mode %d: second burst %.0f%% speech", r, mode, 100*f)
			}
			if f := fraction(dec, 20, 58); f > 0.05 {
				t.Errorf("%d Hz mode %d: leading noise %.0f%% speech", r, mode, 100*f)
			}
			if f := fraction(dec, 130, 158); f > 0.1 {
				t.Errorf("%d Hz mode %d: pause %.0f%% speech", r, mode, 100*f)
			}
		}
	}
}

func TestTestutilSpeech(t *testing.T) {
	// internal/testutil.Speech after half a second of silence.
	const r = 8000
	runtime.GC()
	sp := testutil.Speech(r*3/10, r) // 0.3 s (TinyGo's small heap)
	d, _ := newT(r)
	buf := make([]int16, 80)
	for i := 0; i < 50; i++ {
		d.Process(buf)
	}
	n := 0
	for i := 0; i+80 <= len(sp); i += 80 {
		if v, _ := d.Process(sp[i : i+80]); v {
			n++
		}
	}
	if n < 27 {
		t.Errorf("testutil.Speech: %d of 30 frames speech", n)
	}
}

func TestFrameSizes(t *testing.T) {
	// a 20 or 30 ms frame is speech iff one of its 10 ms hops is.
	for _, ms := range []int{20, 30} {
		d10, _ := newT(16000)
		dN, _ := newT(16000, WithFrame(ms))
		a := decide(t, d10, newSig(16000, defaultPlan), 240)
		b := decide(t, dN, newSig(16000, defaultPlan), 240*10/ms)
		k := ms / 10
		for i, v := range b {
			want := false
			for j := 0; j < k; j++ {
				want = want || a[i*k+j]
			}
			if v != want {
				t.Fatalf("%d ms frame %d: %v, want %v", ms, i, v, want)
			}
		}
	}
}

func TestReset(t *testing.T) {
	d, _ := newT(32000, WithAggressiveness(2))
	a := decide(t, d, newSig(32000, defaultPlan), 200)
	d.Reset()
	b := decide(t, d, newSig(32000, defaultPlan), 200)
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("frame %d differs after Reset", i)
		}
	}
}

var boolSink bool

func TestProcessAllocs(t *testing.T) {
	for _, r := range []int{8000, 16000, 48000} {
		d, _ := newT(r, WithFrame(30))
		buf := make([]int16, d.FrameLen())
		g := newSig(r, defaultPlan)
		g.fill(buf)
		if a := testing.AllocsPerRun(50, func() { boolSink, _ = d.Process(buf) }); a != 0 {
			t.Errorf("%d Hz: %v allocations per Process", r, a)
		}
		if a := testing.AllocsPerRun(5, d.Reset); a != 0 {
			t.Errorf("%d Hz: %v allocations per Reset", r, a)
		}
	}
}
