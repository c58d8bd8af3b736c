package filter

import (
	"errors"
	"math"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

func TestDesignResponses(t *testing.T) {
	for _, rate := range []int{8000, 16000, 48000} {
		f := 0.1 * float64(rate)
		cases := []struct {
			k        Kind
			gain     float64
			at, want float64
		}{
			{LowPass, 0, f, -3.01}, {HighPass, 0, f, -3.01},
			{LowPass, 0, f / 20, 0}, {HighPass, 0, f * 4, 0},
			{BandPass, 0, f, 0}, {Peak, 6, f, 6}, {Peak, -12, f, -12},
			{LowShelf, 6, f / 50, 6}, {HighShelf, -6, 0.45 * float64(rate), -6},
			{AllPass, 0, f / 3, 0}, {AllPass, 0, f * 3, 0},
		}
		for _, c := range cases {
			co, err := Design(c.k, rate, f, math.Sqrt2/2, c.gain)
			if err != nil {
				t.Fatal(err)
			}
			got := co.Response(c.at, rate)
			if math.Abs(got-c.want) > 0.1 {
				t.Errorf("rate %d kind %d gain %g: %.2f dB at %g Hz, want %.2f", rate, c.k, c.gain, got, c.at, c.want)
			}
		}
		n, _ := Design(Notch, rate, f, 2, 0)
		if got := n.Response(f, rate); got > -60 {
			t.Errorf("notch depth %.1f dB", got)
		}
	}
}

func TestDesignErrors(t *testing.T) {
	for _, c := range []struct {
		rate    int
		f, q, g float64
		want    error
	}{
		{4000, 100, 1, 0, ErrSampleRate}, {8000, 0, 1, 0, ErrParameter}, {8000, 4000, 1, 0, ErrParameter},
		{8000, 100, 0, 0, ErrParameter}, {8000, 100, 1, 60, ErrParameter}, {8000, math.NaN(), 1, 0, ErrParameter},
	} {
		if _, err := Design(HighPass, c.rate, c.f, c.q, c.g); !errors.Is(err, c.want) {
			t.Errorf("%+v: %v", c, err)
		}
	}
	if _, err := NewBiquad(Coeffs{}, 0); err != ErrChannels {
		t.Error(err)
	}
	if _, err := NewFixedBiquad(Coeffs{B0: 9}, 1); err != ErrRange {
		t.Error(err)
	}
}

// The high-pass removes a DC offset and rumble, float and fixed point.
func TestHighPassRemovesDC(t *testing.T) {
	const rate = 8000
	in := testutil.Speech(rate/4, rate)
	for i := range in {
		in[i] = in[i]/2 + 3000 // +3000 LSB DC offset
	}
	fl, _ := NewHighPass(rate, 1, 80)
	fx, _ := NewFixedHighPass(rate, 1, 80)
	a := append([]int16(nil), in...)
	b := append([]int16(nil), in...)
	fl.ProcessInt16(a)
	fx.ProcessInt16(b)
	mean := func(x []int16) float64 {
		s := 0.0
		for _, v := range x[len(x)/2:] {
			s += float64(v)
		}
		return s / float64(len(x)/2)
	}
	if m := mean(a); math.Abs(m) > 60 { // < 2 % of the offset (speech itself has some)
		t.Errorf("float: residual DC %.1f", m)
	}
	if m := mean(b); math.Abs(m) > 60 {
		t.Errorf("fixed: residual DC %.1f", m)
	}
	maxd := 0
	for i := range a {
		d := int(a[i]) - int(b[i])
		if d < 0 {
			d = -d
		}
		maxd = max(maxd, d)
	}
	if maxd > 1 {
		t.Errorf("fixed differs from float by up to %d LSB", maxd)
	}
}

func TestBiquadChunking(t *testing.T) {
	in := testutil.Speech(800, 8000)
	st := make([]int16, 2*len(in)) // stereo
	for i, v := range in {
		st[2*i], st[2*i+1] = v, -v/3
	}
	c, _ := Design(Peak, 8000, 1000, 1, 6)
	whole, _ := NewBiquad(c, 2)
	pieces, _ := NewBiquad(c, 2)
	fw, _ := NewFixedBiquad(c, 2)
	fp, _ := NewFixedBiquad(c, 2)
	a := append([]int16(nil), st...)
	b := append([]int16(nil), st...)
	whole.ProcessInt16(a)
	fw.ProcessInt16(b)
	a2 := append([]int16(nil), st...)
	b2 := append([]int16(nil), st...)
	for i, n := 0, 2; i < len(st); n = n%50 + 2 {
		j := min(len(st), i+n)
		pieces.ProcessInt16(a2[i:j])
		fp.ProcessInt16(b2[i:j])
		i = j
	}
	for i := range a {
		if a[i] != a2[i] || b[i] != b2[i] {
			t.Fatalf("sample %d: chunked output differs", i)
		}
	}
}
