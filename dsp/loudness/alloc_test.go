//go:build !tinygo

package loudness

import (
	"math"
	"sort"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

func TestWriteDoesNotAllocate(t *testing.T) {
	m, _ := NewMeter(48000, 2)
	pcm := testutil.Speech(4800*2, 48000)
	f := make([]float32, len(pcm))
	for i, v := range pcm {
		f[i] = float32(v) / 32768
	}
	if a := testing.AllocsPerRun(20, func() { m.WriteInt16(pcm) }); a != 0 {
		t.Errorf("WriteInt16: %v allocs", a)
	}
	if a := testing.AllocsPerRun(20, func() { m.WriteFloat32(f) }); a != 0 {
		t.Errorf("WriteFloat32: %v allocs", a)
	}
	if a := testing.AllocsPerRun(20, func() {
		sinkF = m.Integrated() + m.Range() + m.TruePeak() + m.Momentary() + m.ShortTerm() + m.SamplePeak()
	}); a != 0 {
		t.Errorf("readings: %v allocs", a)
	}
	if a := testing.AllocsPerRun(5, func() { m.Reset() }); a != 0 {
		t.Errorf("Reset: %v allocs", a)
	}
}

// The histogram gives the exact BS.1770 gating result unless blocks crowd
// the relative threshold: compare with a reference that keeps every block.
func TestHistogramMatchesExactGating(t *testing.T) {
	rates, secs := []int{8000, 16000, 48000}, 20
	if testing.Short() {
		rates, secs = rates[:1], 8
	}
	for _, rate := range rates {
		pcm := testutil.Speech(rate*secs, rate)
		// a level change every 2 s makes the gates and the range matter
		for i := range pcm {
			if (i/(2*rate))%3 == 1 {
				pcm[i] /= 8
			}
		}
		m, _ := NewMeter(rate, 1)
		var blocks, st []float64
		chunk := rate / 100
		for i := 0; i+chunk <= len(pcm); i += chunk {
			m.WriteInt16(pcm[i : i+chunk])
			if m.done%hopSubs == 0 {
				if m.done >= momSubs {
					blocks = append(blocks, m.momE)
				}
				if m.done >= stSubs {
					st = append(st, m.stE)
				}
			}
		}
		wantI := exactIntegrated(blocks)
		wantR := exactRange(st)
		t.Logf("%5d Hz: integrated %.5f (exact %.5f), range %.4f (exact %.4f)", rate, m.Integrated(), wantI, m.Range(), wantR)
		if math.Abs(m.Integrated()-wantI) > 0.01 {
			t.Errorf("integrated %.5f, exact %.5f", m.Integrated(), wantI)
		}
		if math.Abs(m.Range()-wantR) > 0.05 {
			t.Errorf("range %.4f, exact %.4f", m.Range(), wantR)
		}
	}
}

func exactIntegrated(blocks []float64) float64 {
	var sum float64
	var n int
	for _, e := range blocks {
		if energyToLUFS(e) >= -70 {
			sum += e
			n++
		}
	}
	g := energyToLUFS(sum/float64(n)) - 10
	sum, n = 0, 0
	for _, e := range blocks {
		if l := energyToLUFS(e); l >= -70 && l >= g {
			sum += e
			n++
		}
	}
	return energyToLUFS(sum / float64(n))
}

func exactRange(st []float64) float64 {
	var sum float64
	var n int
	for _, e := range st {
		if energyToLUFS(e) >= -70 {
			sum += e
			n++
		}
	}
	g := energyToLUFS(sum/float64(n)) - 20
	var v []float64
	for _, e := range st {
		if l := energyToLUFS(e); l >= -70 && l >= g {
			v = append(v, l)
		}
	}
	sort.Float64s(v)
	lo := v[int(math.Round(float64(len(v)-1)*0.10))]
	hi := v[int(math.Round(float64(len(v)-1)*0.95))]
	return hi - lo
}
