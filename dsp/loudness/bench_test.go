package loudness

import (
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// benchInput is 10 s of speech at rate, duplicated (attenuated) into the
// second channel for stereo.
func benchInput(rate, channels int) []int16 {
	sp := testutil.Speech(rate*10, rate)
	out := make([]int16, len(sp)*channels)
	for i, v := range sp {
		for c := 0; c < channels; c++ {
			out[i*channels+c] = v >> c
		}
	}
	return out
}

var benchCases = []struct {
	name           string
	rate, channels int
}{
	{"48k_stereo_10s", 48000, 2},
	{"16k_mono_10s", 16000, 1},
}

// BenchmarkMeter measures integrated + range + true peak (+ sample peak,
// momentary, short-term: the meter always computes them) over 10 s.
func BenchmarkMeter(b *testing.B) {
	for _, c := range benchCases {
		pcm := benchInput(c.rate, c.channels)
		b.Run(c.name, func(b *testing.B) {
			m, _ := NewMeter(c.rate, c.channels)
			b.SetBytes(int64(len(pcm) * 2))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				m.Reset()
				m.WriteInt16(pcm)
				sinkF = m.Integrated() + m.Range() + m.TruePeak()
			}
		})
	}
}

var sinkF float64
