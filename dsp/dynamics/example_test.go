package dynamics_test

import (
	"fmt"
	"math"

	"github.com/toyvoice/toyvoice/dsp/dynamics"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

// Normalise a quiet message to the default −16 LUFS under −1 dBTP.
func ExampleNormalizeInt16() {
	pcm := testutil.Speech(8000/2, 8000) // 0.5 s at 8 kHz
	for i := range pcm {
		pcm[i] /= 16
	}
	out, rep, err := dynamics.NormalizeInt16(make([]int16, 0, len(pcm)), pcm, 8000, 1)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d samples, %.1f LUFS -> %.1f LUFS, true peak <= -1 dBTP: %v\n",
		len(out), rep.InputLUFS, rep.OutputLUFS, rep.OutputTruePeak <= -1)
	// Output:
	// 4000 samples, -36.5 LUFS -> -16.0 LUFS, true peak <= -1 dBTP: true
}

// The limiter delays the signal by Delay frames and keeps its true peak
// under the ceiling.
func ExampleLimiter() {
	l, _ := dynamics.NewLimiter(8000, 1, -1)
	in := make([]float32, 800)
	for i := range in {
		in[i] = float32(4 * math.Sin(2*math.Pi*440*float64(i)/8000)) // +12 dBFS
	}
	out := l.AppendFloat32(make([]float32, 0, len(in)), in)
	out = l.FlushFloat32(out)
	var peak float32
	for _, v := range out {
		peak = max(peak, v, -v)
	}
	fmt.Printf("delay %d frames, %d samples out, sample peak %.2f dBFS\n", l.Delay(), len(out), 20*math.Log10(float64(peak)))
	// Output:
	// delay 53 frames, 800 samples out, sample peak -1.05 dBFS
}

// An AGC for a microphone: loud speech is brought down towards the target.
func ExampleAGC() {
	a, _ := dynamics.NewAGC(8000, 1, dynamics.WithAGCTarget(-20))
	pcm := testutil.Speech(8000, 8000) // loud speech
	a.ProcessInt16(pcm)
	fmt.Printf("gain after 1 s: %.0f dB\n", a.GainDB())
	// Output:
	// gain after 1 s: -9 dB
}
