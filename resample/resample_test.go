package resample

import (
	"errors"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// ratios covers the fast paths (2:1, 3:1, 1:2, 1:3), a rational ratio with
// many phases and an interpolated bank (coprime rates).
var ratios = [][2]int{
	{48000, 16000}, {16000, 48000}, {16000, 8000}, {8000, 16000},
	{44100, 16000}, {8000, 11025}, {8000, 44101},
}

// light reports whether tests should stay small: -short (the cross-target
// and TinyGo runs) or TinyGo, whose cortex-m-qemu target has tens of KB of
// heap. Small runs use small filter banks only.
func light() bool { return testing.Short() || tinyTarget }

func testRatios() [][2]int {
	if tinyTarget {
		return [][2]int{{48000, 16000}, {16000, 8000}, {8000, 16000}}
	}
	if light() {
		return [][2]int{{48000, 16000}, {16000, 48000}, {16000, 8000}, {8000, 16000}}
	}
	return ratios
}

func testQualities() []Quality {
	if light() {
		return []Quality{Quick, Medium}
	}
	return []Quality{Quick, Medium, High, VeryHigh}
}

func TestNewErrors(t *testing.T) {
	cases := []struct {
		in, out, ch int
		q           Quality
		err         error
	}{
		{7999, 16000, 1, Medium, ErrRate},
		{16000, 192001, 1, Medium, ErrRate},
		{0, 16000, 1, Medium, ErrRate},
		{16000, 8000, 0, Medium, ErrChannels},
		{16000, 8000, 33, Medium, ErrChannels},
		{16000, 8000, 1, numQualities, ErrQuality},
	}
	for _, c := range cases {
		if _, err := New(c.in, c.out, c.ch, c.q); !errors.Is(err, c.err) {
			t.Errorf("New(%d, %d, %d, %v) = %v, want %v", c.in, c.out, c.ch, c.q, err, c.err)
		}
		if _, err := NewFixed(c.in, c.out, c.ch, c.q); !errors.Is(err, c.err) {
			t.Errorf("NewFixed(%d, %d, %d, %v) = %v, want %v", c.in, c.out, c.ch, c.q, err, c.err)
		}
	}
}

// oneShot resamples in with one Append and a Flush.
func oneShot(r *Resampler, in []int16) []int16 {
	return r.FlushInt16(r.AppendInt16(nil, in))
}

// TestChunking: output is independent of how the input is split, for both
// paths and every ratio, and equals the one-shot output after Reset.
func TestChunking(t *testing.T) {
	n, steps := 1500, []int{1, 7, 160, 1001}
	if light() {
		n, steps = 300, []int{1, 7, 160}
	}
	if tinyTarget {
		n, steps = 120, []int{1, 7}
	}
	in := testutil.Speech(n, 16000)
	stereo := make([]int16, 2*len(in))
	for i, v := range in {
		stereo[2*i], stereo[2*i+1] = v, -v/2
	}
	for _, rr := range testRatios() {
		for _, q := range []Quality{Quick, Medium} {
			for _, ch := range []int{1, 2} {
				x := in
				if ch == 2 {
					x = stereo
				}
				r, err := New(rr[0], rr[1], ch, q)
				if err != nil {
					t.Fatal(err)
				}
				f, err := NewFixed(rr[0], rr[1], ch, q)
				if err != nil {
					t.Fatal(err)
				}
				want := oneShot(r, x)
				wantX := f.FlushInt16(f.AppendInt16(nil, x))
				got := make([]int16, 0, len(want))
				gotX := make([]int16, 0, len(wantX))
				frames := int64(len(x) / ch)
				if n := int64(len(want) / ch); n != (frames*int64(rr[1])+int64(rr[0])-1)/int64(rr[0])+2*int64(r.Latency()) {
					t.Errorf("%v %v: %d output frames for %d input frames, latency %d", rr, q, n, frames, r.Latency())
				}
				for _, step := range steps {
					got, gotX = got[:0], gotX[:0]
					for i := 0; i < len(x); {
						n := step * ch
						if i+n > len(x) {
							n = len(x) - i
						}
						got = r.AppendInt16(got, x[i:i+n])
						gotX = f.AppendInt16(gotX, x[i:i+n])
						i += n
					}
					got = r.FlushInt16(got)
					gotX = f.FlushInt16(gotX)
					if !equal16(got, want) {
						t.Errorf("%v %v ch%d: chunks of %d frames change the float output", rr, q, ch, step)
					}
					if !equal16(gotX, wantX) {
						t.Errorf("%v %v ch%d: chunks of %d frames change the fixed output", rr, q, ch, step)
					}
				}
			}
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

// TestLatency: an impulse at input frame i0 (with i0·out/in integral)
// peaks exactly at output Latency() + i0·out/in, and its response is
// symmetric about it; nothing is lost at the end of the stream.
func TestLatency(t *testing.T) {
	for _, rr := range testRatios() {
		for _, q := range testQualities() {
			r, err := New(rr[0], rr[1], 1, q)
			if err != nil {
				t.Fatal(err)
			}
			g := gcd(rr[0], rr[1])
			l, m := rr[1]/g, rr[0]/g
			for _, i0 := range []int{0, 3 * m} {
				in := make([]float32, i0+m)
				// Also place an impulse at the very last frame when it
				// falls on the output grid.
				in[i0] = 0.5
				out := r.FlushFloat32(r.AppendFloat32(nil, in))
				c := r.Latency() + i0*l/m
				peak := peakIndex(out)
				if peak != c {
					t.Errorf("%v %v: impulse at %d peaks at output %d, want %d", rr, q, i0, peak, c)
					continue
				}
				for k := 1; c-k >= 0 && c+k < len(out); k++ {
					if d := out[c-k] - out[c+k]; d > 1e-6 || d < -1e-6 {
						t.Errorf("%v %v: response not symmetric at ±%d: %g vs %g", rr, q, k, out[c-k], out[c+k])
						break
					}
				}
				// The response's right half is complete: the last
				// Latency()·… outputs exist (the filter's support ends
				// within the stream).
				if len(out)-1-c < r.Latency() {
					t.Errorf("%v %v: only %d outputs after the impulse, latency %d", rr, q, len(out)-1-c, r.Latency())
				}
			}
		}
	}
}

// peakIndex returns the index of the largest |out[i]| (the first one).
func peakIndex(out []float32) int {
	peak := 0
	for i := range out {
		if abs32(out[i]) > abs32(out[peak]) {
			peak = i
		}
	}
	return peak
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// TestFlushEnd: the last input sample's contribution is fully emitted: an
// impulse at the final frame produces the same response as one in the
// middle.
func TestFlushEnd(t *testing.T) {
	for _, rr := range testRatios() {
		r, _ := New(rr[0], rr[1], 1, Medium)
		g := gcd(rr[0], rr[1])
		l, m := rr[1]/g, rr[0]/g
		in := make([]float32, 2*m)
		in[m] = 1
		mid := r.FlushFloat32(r.AppendFloat32(nil, in))
		end := r.FlushFloat32(r.AppendFloat32(nil, in[:m+1]))
		var eMid, eEnd float64
		for _, v := range mid {
			eMid += float64(v) * float64(v)
		}
		for _, v := range end {
			eEnd += float64(v) * float64(v)
		}
		if eMid == 0 || (eEnd-eMid)/eMid > 1e-6 || (eMid-eEnd)/eMid > 1e-6 {
			t.Errorf("%v: impulse energy %g at end of stream, %g in the middle", rr, eEnd, eMid)
		}
		_ = l
	}
}

var sink16 []int16
var sink32 []float32

func TestAllocs(t *testing.T) {
	n := 480
	if tinyTarget {
		n = 160
	}
	in := testutil.Speech(n, 48000)
	inF := make([]float32, len(in))
	for i, v := range in {
		inF[i] = float32(v) / 32768
	}
	for _, rr := range testRatios() {
		for _, q := range testQualities() {
			r, _ := New(rr[0], rr[1], 1, q)
			f, _ := NewFixed(rr[0], rr[1], 1, q)
			d16 := make([]int16, 0, r.OutLen(len(in))+2*r.Latency()+8)
			d32 := make([]float32, 0, cap(d16))
			if n := testing.AllocsPerRun(5, func() {
				sink16 = r.AppendInt16(d16, in)
				sink32 = r.AppendFloat32(d32, inF)
				sink16 = r.FlushInt16(d16)
				sink32 = r.FlushFloat32(d32)
				sink16 = f.AppendInt16(d16, in)
				sink16 = f.FlushInt16(d16)
				r.Reset()
				f.Reset()
			}); n != 0 {
				t.Errorf("%v %v: %v allocations per run", rr, q, n)
			}
		}
	}
}

// TestOutLen: Append never appends more than OutLen, and FlushLen is exact.
func TestOutLen(t *testing.T) {
	in := testutil.Speech(999, 16000)
	for _, rr := range testRatios() {
		for _, q := range testQualities() {
			r, _ := New(rr[0], rr[1], 1, q)
			f, _ := NewFixed(rr[0], rr[1], 1, q)
			for _, n := range []int{1, 2, 3, 50, 999} {
				// Several Appends: later ones start from a filled
				// history.
				for k := 0; k < 3; k++ {
					if out := r.AppendInt16(nil, in[:n]); len(out) > r.OutLen(n) {
						t.Errorf("%v %v: %d samples from %d, OutLen %d", rr, q, len(out), n, r.OutLen(n))
					}
					if out := f.AppendInt16(nil, in[:n]); len(out) > f.OutLen(n) {
						t.Errorf("%v %v fixed: %d samples from %d, OutLen %d", rr, q, len(out), n, f.OutLen(n))
					}
				}
				fl := r.FlushLen()
				if got := len(r.FlushInt16(nil)); got != fl {
					t.Errorf("%v %v: Flush appended %d, FlushLen said %d", rr, q, got, fl)
				}
				fl = f.FlushLen()
				if got := len(f.FlushInt16(nil)); got != fl {
					t.Errorf("%v %v fixed: Flush appended %d, FlushLen said %d", rr, q, got, fl)
				}
			}
		}
	}
}

// TestChunkingFloat: the float32 output, bit for bit, does not depend on
// how the input is chunked, for every preset (the phase-group and the
// per-output kernels must give identical values), mono and stereo.
func TestChunkingFloat(t *testing.T) {
	if light() {
		t.Log("skipped in light mode")
		return
	}
	in16 := testutil.Speech(6000, 48000)
	for _, rr := range [][2]int{{48000, 16000}, {16000, 48000}, {44100, 16000}, {8000, 16000}, {8000, 11025}} {
		for q := Quick; q < numQualities; q++ {
			for _, ch := range []int{1, 2} {
				in := make([]float32, len(in16)/ch*ch)
				for i := range in {
					in[i] = float32(in16[i]) / 32768
				}
				r, err := New(rr[0], rr[1], ch, q)
				if err != nil {
					t.Fatal(err)
				}
				want := r.FlushFloat32(r.AppendFloat32(nil, in))
				for _, step := range []int{1, 37, 1000} {
					var got []float32
					for i := 0; i < len(in); {
						n := min(step*ch, len(in)-i)
						got = r.AppendFloat32(got, in[i:i+n])
						i += n
					}
					got = r.FlushFloat32(got)
					if len(got) != len(want) {
						t.Fatalf("%v %v ch%d step %d: %d samples, one-shot %d", rr, q, ch, step, len(got), len(want))
					}
					for i := range got {
						if got[i] != want[i] {
							t.Errorf("%v %v ch%d: chunks of %d frames change output %d: %g vs %g", rr, q, ch, step, i, got[i], want[i])
							break
						}
					}
				}
			}
		}
	}
}
