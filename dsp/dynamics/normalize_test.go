//go:build !tinygo

package dynamics

import (
	"math"
	"testing"

	"github.com/toyvoice/toyvoice/dsp/loudness"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

func integrated(rate, ch int, f []float32, i []int16) float64 {
	m, _ := loudness.NewMeter(rate, ch)
	if f != nil {
		m.WriteFloat32(f)
	} else {
		m.WriteInt16(i)
	}
	return m.Integrated()
}

func TestNormalizeTwoPass(t *testing.T) {
	const rate = 16000
	sp := testutil.Speech(rate, rate) // 1 s
	for _, db := range []float64{-30, -12, 0} {
		g := math.Pow(10, db/20)
		in := make([]int16, len(sp))
		for i, v := range sp {
			in[i] = int16(float64(v) * g)
		}
		out, r, err := NormalizeInt16(nil, in, rate, 1)
		if err != nil {
			t.Fatal(err)
		}
		got := integrated(rate, 1, nil, out)
		t.Logf("speech %+3.0f dB: in %.2f LUFS %.2f dBTP, gain %+.2f dB, out %.2f LUFS %.3f dBTP, limited %v",
			db, r.InputLUFS, r.InputTruePeak, r.GainDB, got, r.OutputTruePeak, r.Limited)
		if len(out) != len(in) || r.OutputTruePeak > -1 || math.Abs(got-r.OutputLUFS) > 1e-9 {
			t.Errorf("len %d/%d, true peak %.3f, loudness %.3f vs report %.3f", len(out), len(in), r.OutputTruePeak, got, r.OutputLUFS)
		}
		if !r.Limited && math.Abs(got+16) > 0.1 {
			t.Errorf("unlimited output at %.2f LUFS, want -16", got)
		}
	}
	// A loud target forces the limiter; the ceiling still holds.
	out, r, err := NormalizeInt16(nil, sp, rate, 1, WithTarget(-8))
	if err != nil {
		t.Fatal(err)
	}
	if tp := truePeak(t, rate, 1, nil, out); !r.Limited || tp > -1 {
		t.Errorf("target -8: limited %v, true peak %.3f", r.Limited, tp)
	}
	t.Logf("target -8 LUFS: gain %+.2f dB, out %.2f LUFS %.3f dBTP, limited %v", r.GainDB, r.OutputLUFS, r.OutputTruePeak, r.Limited)
	// Float path, stereo, other target and ceiling.
	f := make([]float32, 2*len(sp))
	for i, v := range sp {
		f[2*i], f[2*i+1] = float32(v)/32768*0.05, float32(v)/32768*0.04
	}
	fout, r, err := NormalizeFloat32(nil, f, rate, 2, WithTarget(-23), WithTruePeak(-2))
	if err != nil {
		t.Fatal(err)
	}
	if got := integrated(rate, 2, fout, nil); math.Abs(got+23) > 0.1 || r.OutputTruePeak > -2 {
		t.Errorf("float stereo: %.2f LUFS, %.2f dBTP", got, r.OutputTruePeak)
	}
}

// Quiet input — silence, or noise below the −70 LUFS gate — is left alone.
func TestNormalizeQuietLeftAlone(t *testing.T) {
	const rate = 8000
	silence := make([]int16, rate)
	hiss := make([]int16, rate)
	for i := range hiss {
		hiss[i] = int16(i%3 - 1) // ±1 LSB: about −95 LUFS
	}
	for _, in := range [][]int16{silence, hiss} {
		out, r, err := NormalizeInt16(nil, in, rate, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !r.Skipped || r.GainDB != 0 {
			t.Errorf("report %+v", r)
		}
		for i := range in {
			if out[i] != in[i] {
				t.Fatalf("sample %d changed", i)
			}
		}
	}
}

func TestNormalizerStreaming(t *testing.T) {
	const rate = 16000
	sp := testutil.Speech(4*rate, rate)
	in := make([]float32, len(sp))
	for i, v := range sp {
		in[i] = float32(v) / 32768 * 0.03 // about −40 LUFS
	}
	n, err := NewNormalizer(rate, 1)
	if err != nil {
		t.Fatal(err)
	}
	var out []float32
	for i := 0; i < len(in); i += 333 {
		out = n.AppendFloat32(out, in[i:min(len(in), i+333)])
	}
	out = n.FlushFloat32(out)
	if len(out) != len(in) {
		t.Fatalf("%d out, %d in", len(out), len(in))
	}
	// after the glide (≈ 2.4 s at 10 dB/s) the last second sits at the target
	tail := integrated(rate, 1, out[3*rate:], nil)
	tp := truePeak(t, rate, 1, out, nil)
	t.Logf("streaming: last second %.2f LUFS, true peak %.3f dBTP, delay %d frames", tail, tp, n.Delay())
	if math.Abs(tail+16) > 0.5 || tp > -1 {
		t.Errorf("tail %.2f LUFS, true peak %.3f", tail, tp)
	}
	// silence in, silence out, gain stays 0 dB
	z := make([]int16, rate)
	o := n.AppendInt16(nil, z)
	if n.GainDB() != 0 {
		t.Errorf("gain on silence %.2f dB", n.GainDB())
	}
	for _, v := range o {
		if v != 0 {
			t.Fatal("silence amplified")
		}
	}
}
