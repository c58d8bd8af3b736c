package cref

import (
	"bytes"
	"math"
	"testing"

	"github.com/toyvoice/toyvoice/bench/internal/signal"
	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/codec/g711"
	"github.com/toyvoice/toyvoice/codec/g722"
	"github.com/toyvoice/toyvoice/dsp/loudness"
	"github.com/toyvoice/toyvoice/resample"
)

// The wrappers must run the C code they claim to: where toyvoice is
// bit-exact with spandsp, the wrapper's output equals the library's.

func TestG711MatchesToyvoice(t *testing.T) {
	codes := make([]byte, 256)
	for i := range codes {
		codes[i] = byte(i)
	}
	got := make([]int16, 256)
	ULawDecode(got, codes)
	for i, c := range codes {
		if want := g711.DecodeMuLaw(c); got[i] != want {
			t.Fatalf("µ-law decode %#02x: spandsp %d, toyvoice %d", c, got[i], want)
		}
	}
	ALawDecode(got, codes)
	for i, c := range codes {
		if want := g711.DecodeALaw(c); got[i] != want {
			t.Fatalf("A-law decode %#02x: spandsp %d, toyvoice %d", c, got[i], want)
		}
	}
	pcm := make([]int16, 65536)
	for i := range pcm {
		pcm[i] = int16(i - 32768)
	}
	enc := make([]byte, len(pcm))
	// µ-law: toyvoice follows G.191 and differs from spandsp on exactly
	// 127 negative inputs on a decision value (codec/g711's doc.go).
	ULawEncode(enc, pcm)
	diff := 0
	for i, c := range g711.AppendEncodeMuLaw(nil, pcm) {
		if c != enc[i] {
			diff++
		}
	}
	if diff != 127 {
		t.Errorf("µ-law encode of every int16: %d differences from toyvoice, want 127", diff)
	}
	ALawEncode(enc, pcm)
	if want := g711.AppendEncodeALaw(nil, pcm); !bytes.Equal(enc, want) {
		t.Error("A-law encode of every int16 differs from toyvoice")
	}
}

func TestIMAMatchesToyvoice(t *testing.T) {
	pcm := signal.Speech(16000, 16000)
	x, err := NewIMA(DVI4, len(pcm))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	e, _ := adpcm.NewEncoder(1)
	want, _ := e.AppendEncode(nil, pcm)
	for round := 0; round < 2; round++ { // the second round checks Reset
		x.Reset()
		got := make([]byte, len(pcm)/2+16)
		got = got[:x.Encode(got, pcm)]
		if !bytes.Equal(got, want) {
			t.Fatalf("round %d: spandsp DVI4 encode differs from toyvoice (len %d vs %d)", round, len(got), len(want))
		}
		x.Reset()
		dec := make([]int16, 2*len(want))
		dec = dec[:x.Decode(dec, want)]
		d, _ := adpcm.NewDecoder(1)
		ref, _ := d.AppendDecode(nil, want)
		if !equal16(dec, ref) {
			t.Fatalf("round %d: spandsp DVI4 decode differs from toyvoice", round)
		}
	}
}

func TestG722MatchesToyvoice(t *testing.T) {
	pcm := signal.Speech(16000, 16000)
	se, err := NewG722Encoder(64000)
	if err != nil {
		t.Fatal(err)
	}
	defer se.Close()
	sd, err := NewG722Decoder(64000)
	if err != nil {
		t.Fatal(err)
	}
	defer sd.Close()
	e, _ := g722.NewEncoder()
	want, _ := e.AppendEncode(nil, pcm)
	d, _ := g722.NewDecoder()
	ref, _ := d.AppendDecode(nil, want)
	for round := 0; round < 2; round++ {
		se.Reset()
		got := make([]byte, len(pcm))
		got = got[:se.Encode(got, pcm)]
		if !bytes.Equal(got, want) {
			t.Fatalf("round %d: spandsp G.722 encode differs from toyvoice", round)
		}
		sd.Reset()
		dec := make([]int16, 2*len(got))
		dec = dec[:sd.Decode(dec, got)]
		if !equal16(dec, ref) {
			t.Fatalf("round %d: spandsp G.722 decode differs from toyvoice", round)
		}
	}
}

func equal16(a, b []int16) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Resamplers: a 1 kHz tone comes out at 1 kHz, at the right level and
// length, and Reset reproduces the output exactly.
func TestResamplers(t *testing.T) {
	type proc interface {
		Process(out, in []float32) int
		Reset()
		Close()
	}
	for _, rr := range [][2]int{{48000, 16000}, {16000, 48000}, {44100, 16000}, {8000, 16000}} {
		in, out := rr[0], rr[1]
		x := make([]float32, in) // 1 s
		for i := range x {
			x[i] = float32(0.5 * math.Sin(2*math.Pi*1000*float64(i)/float64(in)))
		}
		mk := map[string]func() (proc, error){
			"speex5":  func() (proc, error) { return NewSpeex(in, out, 1, 5) },
			"soxrHQ":  func() (proc, error) { return NewSoxr(in, out, 1, SoxrHQ) },
			"soxrQQ":  func() (proc, error) { return NewSoxr(in, out, 1, SoxrQQ) },
			"srcBest": func() (proc, error) { return NewSRC(in, out, 1, SRCSincBest) },
			"srcFast": func() (proc, error) { return NewSRC(in, out, 1, SRCSincFast) },
		}
		for name, f := range mk {
			p, err := f()
			if err != nil {
				t.Fatal(name, err)
			}
			y := make([]float32, out+4096)
			n := p.Process(y, x)
			if n < out*9/10 || n > out+64 {
				t.Errorf("%d→%d %s: %d outputs for 1 s", in, out, name, n)
			}
			// RMS of the last 0.1 s: 0.5/√2.
			var s float64
			for _, v := range y[n-out/10 : n] {
				s += float64(v) * float64(v)
			}
			if rms := math.Sqrt(s / float64(out/10)); math.Abs(rms-0.5/math.Sqrt2) > 0.01 {
				t.Errorf("%d→%d %s: 1 kHz tone RMS %.4f, want %.4f", in, out, name, rms, 0.5/math.Sqrt2)
			}
			p.Reset()
			y2 := make([]float32, len(y))
			if n2 := p.Process(y2, x); n2 != n || !equalF(y[:n], y2[:n]) {
				t.Errorf("%d→%d %s: output after Reset differs", in, out, name)
			}
			p.Close()
		}
		// toyvoice agrees in length with the references (ratio sanity).
		r, _ := resample.New(in, out, 1, resample.High)
		if got := len(r.AppendFloat32(nil, x)); got < out*9/10 {
			t.Errorf("toyvoice %d→%d: %d outputs", in, out, got)
		}
	}
}

func equalF(a, b []float32) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// libebur128 and toyvoice's meter agree on speech (EBU Tech 3341
// tolerances: ±0.1 LU; true peak +0.2/−0.4 dB).
func TestEbur128AgreesWithToyvoice(t *testing.T) {
	for _, c := range []struct{ rate, ch int }{{48000, 2}, {16000, 1}} {
		var pcm []int16
		if c.ch == 2 {
			pcm = signal.Stereo(5*c.rate, c.rate)
		} else {
			pcm = signal.Speech(5*c.rate, c.rate)
		}
		x := signal.Float32(pcm)
		e, err := NewEbur128(c.rate, c.ch)
		if err != nil {
			t.Fatal(err)
		}
		e.Reset() // exercise the re-create path
		e.AddFloat32(x)
		m, _ := loudness.NewMeter(c.rate, c.ch)
		m.WriteFloat32(x)
		if d := m.Integrated() - e.Integrated(); math.Abs(d) > 0.1 {
			t.Errorf("%d Hz ×%d: integrated toyvoice %.2f, libebur128 %.2f", c.rate, c.ch, m.Integrated(), e.Integrated())
		}
		if d := m.Range() - e.Range(); math.Abs(d) > 0.2 {
			t.Errorf("%d Hz ×%d: range toyvoice %.2f, libebur128 %.2f", c.rate, c.ch, m.Range(), e.Range())
		}
		if d := m.TruePeak() - e.TruePeak(); d > 0.2 || d < -0.4 {
			t.Errorf("%d Hz ×%d: true peak toyvoice %.2f, libebur128 %.2f", c.rate, c.ch, m.TruePeak(), e.TruePeak())
		}
		e.Close()
	}
}
