package loudness_test

import (
	"fmt"
	"math"

	"github.com/toyvoice/toyvoice/dsp/loudness"
)

// writeSine writes secs seconds of a 1 kHz sine at peak level dbfs on
// every channel to m, 100 ms at a time.
func writeSine(m *loudness.Meter, dbfs, secs float64) {
	rate, ch := m.SampleRate(), m.Channels()
	buf := make([]float32, rate/10*ch)
	a := math.Pow(10, dbfs/20)
	for k := 0; k < int(secs*10); k++ {
		for i := 0; i < rate/10; i++ {
			v := float32(a * math.Sin(2*math.Pi*1000*float64(i)/float64(rate)))
			for c := 0; c < ch; c++ {
				buf[i*ch+c] = v
			}
		}
		m.WriteFloat32(buf)
	}
}

// EBU Tech 3341 case 1: a stereo 1 kHz sine at −23 dBFS reads −23 LUFS.
func Example() {
	m, err := loudness.NewMeter(8000, 2)
	if err != nil {
		panic(err)
	}
	writeSine(m, -23, 3)
	fmt.Printf("integrated %.1f LUFS\n", m.Integrated())
	fmt.Printf("short-term %.1f LUFS\n", m.ShortTerm())
	fmt.Printf("true peak  %.1f dBTP\n", m.TruePeak())
	// Output:
	// integrated -23.0 LUFS
	// short-term -23.0 LUFS
	// true peak  -23.0 dBTP
}

// Loudness range of a programme that drops by 10 dB half way (EBU Tech
// 3342 case 1, shortened).
func ExampleMeter_Range() {
	m, _ := loudness.NewMeter(8000, 1)
	writeSine(m, -20, 10)
	writeSine(m, -30, 10)
	fmt.Printf("LRA %.1f LU\n", m.Range())
	// Output:
	// LRA 10.0 LU
}

// Sample peak and true peak differ when the crest falls between samples:
// a sine at a quarter of the rate, sampled 45° off its crest.
func ExampleMeter_TruePeak() {
	m, _ := loudness.NewMeter(48000, 1)
	x := make([]float32, 960)
	for i := range x {
		x[i] = float32(math.Sin(math.Pi/2*float64(i) + math.Pi/4))
	}
	m.WriteFloat32(x)
	fmt.Printf("sample peak %.2f dBFS, true peak %.1f dBTP\n", m.SamplePeak(), m.TruePeak())
	// Output:
	// sample peak -3.01 dBFS, true peak -0.1 dBTP
}
