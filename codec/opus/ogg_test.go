package opus

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/toyvoice/toyvoice/container/ogg"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

// writeOgg encodes pcm into an Ogg Opus file in chunks of chunk values.
func writeOgg(tb testing.TB, e *Encoder, pcm []int16, chunk int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	w, err := NewOggWriter(&buf, e, OggConfig{Serial: 0x70797421})
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i < len(pcm); i += chunk {
		if err := w.Write(pcm[i:min(len(pcm), i+chunk)]); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// TestOggRoundTrip writes Ogg Opus files and reads them back: the output
// has exactly the input's length (pre-skip and end trimming undo the
// encoder's delay and the padding), it is time-aligned with the input
// (best SNR at zero delay), and splitting the input differently gives the
// same file.
func TestOggRoundTrip(t *testing.T) {
	for _, c := range []struct {
		rate, ch int
		dur      time.Duration
		n        int // samples per channel
	}{
		{16000, 1, 20 * time.Millisecond, 16000 + 123},
		{16000, 2, 60 * time.Millisecond, 8000},
		{48000, 1, 10 * time.Millisecond, 4801},
		{8000, 1, 40 * time.Millisecond, 77},
		{24000, 2, 20 * time.Millisecond, 0},
	} {
		mono := testutil.Speech(c.n, c.rate)
		pcm := mono
		if c.ch == 2 {
			pcm = make([]int16, 2*len(mono))
			for i, v := range mono {
				pcm[2*i], pcm[2*i+1] = v, v/3
			}
		}
		e, err := NewEncoder(c.rate, c.ch, WithFrameDuration(c.dur), WithApplication(Audio), WithBitrate(48000*c.ch))
		if err != nil {
			t.Fatal(err)
		}
		file := writeOgg(t, e, pcm, 1000*c.ch)
		// A fresh encoder: gopus's Reset is not exact (see TestReset).
		e2, _ := NewEncoder(c.rate, c.ch, WithFrameDuration(c.dur), WithApplication(Audio), WithBitrate(48000*c.ch))
		if again := writeOgg(t, e2, pcm, 7*c.ch); !bytes.Equal(file, again) {
			t.Errorf("%d Hz: chunking changed the file", c.rate)
		}
		r, err := NewOggReader(bytes.NewReader(file), 0)
		if err != nil {
			t.Fatal(err)
		}
		if r.SampleRate() != c.rate || r.Channels() != c.ch || r.Head().PreSkip != e.Lookahead()*48000/c.rate {
			t.Fatalf("rate %d channels %d pre-skip %d", r.SampleRate(), r.Channels(), r.Head().PreSkip)
		}
		out, err := r.ReadAll(nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != len(pcm) || r.Duration() != int64(c.n*48000/c.rate) {
			t.Fatalf("%d Hz %d ch: read %d samples, wrote %d; duration %d", c.rate, c.ch, len(out), len(pcm), r.Duration())
		}
		if c.n < 2000 {
			continue
		}
		s0 := snr(pcm, out, 0, c.ch)
		for _, k := range []int{-2, -1, 1, 2} {
			var s float64
			if k > 0 {
				s = snr(pcm, out, k, c.ch)
			} else {
				s = snr(pcm[-k*c.ch:], out, 0, c.ch)
			}
			if s >= s0 {
				t.Errorf("%d Hz: SNR %.1f dB at delay %d >= %.1f dB at 0: misaligned", c.rate, s, k, s0)
			}
		}
		t.Logf("%d Hz %d ch %v: %d bytes, SNR %.1f dB at zero delay", c.rate, c.ch, c.dur, len(file), s0)
		// Decoding at another rate gives the proportional length.
		r48, _ := NewOggReader(bytes.NewReader(file), 48000)
		out48, err := r48.ReadAll(nil)
		if err != nil || len(out48) != len(pcm)*48000/c.rate {
			t.Fatalf("at 48 kHz: %d samples, %v", len(out48), err)
		}
	}
}

func TestOggReaderErrors(t *testing.T) {
	if _, err := NewOggReader(bytes.NewReader(nil), 0); err == nil {
		t.Error("empty input accepted")
	}
	e, _ := NewEncoder(16000, 1)
	file := writeOgg(t, e, testutil.Speech(3200, 16000), 320)
	if _, err := NewOggReader(bytes.NewReader(file), 44100); !errors.Is(err, ErrSampleRate) {
		t.Errorf("44.1 kHz output: %v", err)
	}
	// Truncated file: the reader stops with an error, never a panic.
	r, err := NewOggReader(bytes.NewReader(file[:len(file)-10]), 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.ReadAll(nil); err == nil || err == io.EOF {
		t.Errorf("truncated file: %v", err)
	}
	// Mapping family 1 (surround) is refused.
	var buf bytes.Buffer
	h := &ogg.OpusHead{Version: 1, Channels: 3, PreSkip: 312, MappingFamily: 1, StreamCount: 2, CoupledCount: 1}
	h.Mapping[0], h.Mapping[1], h.Mapping[2] = 0, 2, 1
	w, err := ogg.NewOpusWriter(&buf, 1, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Close(-1)
	if _, err := NewOggReader(bytes.NewReader(buf.Bytes()), 0); !errors.Is(err, ErrOggMapping) {
		t.Errorf("mapping family 1: %v", err)
	}
}
