package vad

import (
	"errors"
	"fmt"
	"testing"
	"time"
)

// scripted returns a Segmenter at 16 kHz, 10 ms frames (160 samples),
// whose detector decisions follow script ('1' speech, '0' not), and the
// number of samples to feed it.
func scripted(t *testing.T, script string, opts ...SegmentOption) (*Segmenter, int) {
	t.Helper()
	d, err := newT(16000)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSegmenter(d, opts...)
	if err != nil {
		t.Fatal(err)
	}
	i := 0
	s.decide = func([]int16) bool {
		v := i < len(script) && script[i] == '1'
		i++
		return v
	}
	return s, 160 * len(script)
}

var zeros [500]int16

// run feeds n samples of silence (the script decides) in 500-sample chunks.
func run(s *Segmenter, n int) []Event {
	var ev []Event
	for ; n > 0; n -= len(zeros) {
		ev = s.AppendEvents(ev, zeros[:min(n, len(zeros))])
	}
	return s.Flush(ev)
}

// feed streams the default test signal at rate through s in chunks of
// chunk samples, without materialising it (TinyGo's small heap).
func feed(s *Segmenter, rate, chunk int, dst []Event) []Event {
	g := newSig(rate, defaultPlan)
	buf := chunkBuf[:]
	for n := g.total(); n > 0; n -= chunk {
		b := buf[:min(n, chunk)]
		g.fill(b)
		dst = s.AppendEvents(dst, b)
	}
	return s.Flush(dst)
}

var chunkBuf [1000]int16

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func evs(kv ...int64) []Event {
	var e []Event
	for i := 0; i < len(kv); i += 2 {
		k := Start
		if kv[i] == 0 {
			k = End
		}
		e = append(e, Event{k, kv[i+1]})
	}
	return e
}

const S, E = 1, 0 // event kinds in evs

// base options: everything zero except what a test sets.
func zero(extra ...SegmentOption) []SegmentOption {
	return append([]SegmentOption{WithPreRoll(0), WithHangover(0), WithMinSpeech(ms(10)), WithMinSilence(ms(10))}, extra...)
}

func TestSegmenterParameters(t *testing.T) {
	f := int64(160) // samples per frame
	tests := []struct {
		name   string
		script string
		opts   []SegmentOption
		want   []Event
	}{
		{"plain", "0011100", zero(), evs(S, 2*f, E, 5*f)},
		{"flush closes", "00111", zero(), evs(S, 2*f, E, 5*f)},
		{"nothing", "0000", zero(), nil},
		{"pre-roll", "0000011100", zero(WithPreRoll(ms(30))), evs(S, 2*f, E, 8*f)},
		{"pre-roll clamps at 0", "0111000", zero(WithPreRoll(ms(250))), evs(S, 0, E, 4*f)},
		{"pre-roll never overlaps previous segment", "1100110000", zero(WithPreRoll(ms(100))), evs(S, 0, E, 2*f, S, 2*f, E, 6*f)},
		{"hangover", "0011100000000", zero(WithHangover(ms(40))), evs(S, 2*f, E, 9*f)},
		{"hangover cut by end of stream", "001110", zero(WithHangover(ms(40))), evs(S, 2*f, E, 6*f)},
		{"min speech rejects short bursts", "0100110011100", zero(WithMinSpeech(ms(30))), evs(S, 8*f, E, 11*f)},
		{"min speech start is the run's first frame", "00111100", zero(WithMinSpeech(ms(30))), evs(S, 2*f, E, 6*f)},
		{"min silence bridges short pauses", "11001110001", zero(WithMinSilence(ms(30))), evs(S, 0, E, 7*f, S, 10*f, E, 11*f)},
		{"min silence 1 frame splits", "110111", zero(), evs(S, 0, E, 2*f, S, 3*f, E, 6*f)},
		{"max utterance caps and waits for a new onset", "1111111001100", zero(WithMaxUtterance(ms(40))), evs(S, 0, E, 4*f, S, 9*f, E, 11*f)},
		{"max utterance counts pre-roll", "0001111111", zero(WithPreRoll(ms(20)), WithMaxUtterance(ms(50))), evs(S, 1*f, E, 6*f)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, n := scripted(t, tc.script, tc.opts...)
			got := run(s, n)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("script %s: got %v, want %v", tc.script, got, tc.want)
			}
		})
	}
}

func TestSegmenterDefaults(t *testing.T) {
	// 100 ms speech onset needed, 250 ms pre-roll, 500 ms silence to end,
	// 200 ms hangover.
	script := "00000000000000000000000000000000" + // 320 ms silence
		"1111111111" + "0000" + "11111" + "0000000000000000000000000000000000000000000000000000000000"
	s, n := scripted(t, script)
	got := run(s, n)
	want := evs(S, (32-25)*160, E, (32+10+4+5+20)*160)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSegmenterOptionErrors(t *testing.T) {
	d, _ := newT(8000)
	for _, o := range []SegmentOption{WithPreRoll(-1), WithHangover(-ms(1)), WithMinSpeech(2 * time.Hour), WithMinSilence(-1), WithMaxUtterance(-1), nil} {
		if _, err := NewSegmenter(d, o); !errors.Is(err, ErrOption) {
			t.Errorf("got %v, want ErrOption", err)
		}
	}
	if _, err := NewSegmenter(nil); !errors.Is(err, ErrOption) {
		t.Errorf("nil detector: got %v", err)
	}
}

// TestSegmenterChunking feeds audio in chunks of many sizes; the events
// must equal those of the largest chunking.
func TestSegmenterChunking(t *testing.T) {
	d, _ := newT(8000)
	s, _ := NewSegmenter(d)
	want := feed(s, 8000, 1000, nil)
	if len(want) < 2 {
		t.Fatalf("want some segments, got %v", want)
	}
	for _, chunk := range []int{1, 7, 79, 80, 81, 999} {
		s.Reset()
		got := feed(s, 8000, chunk, nil)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("chunk %d: got %v, want %v", chunk, got, want)
		}
	}
}

func TestSegmenterAllocs(t *testing.T) {
	d, _ := newT(16000)
	s, _ := NewSegmenter(d)
	dst := make([]Event, 0, 64)
	a := testing.AllocsPerRun(2, func() {
		s.Reset()
		dst = feed(s, 16000, 1000, dst[:0])
	})
	eventSink = dst
	if a != 0 {
		t.Errorf("%v allocations per run", a)
	}
}

var eventSink []Event
