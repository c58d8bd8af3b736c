package resample_test

import (
	"fmt"

	"github.com/toyvoice/toyvoice/resample"
)

// Resample a 48 kHz phone recording to 16 kHz for a speech API, in chunks
// as they arrive, then flush and drop the filter delay to align the output
// with the input.
func Example() {
	r, err := resample.New(48000, 16000, 1, resample.Medium)
	if err != nil {
		panic(err)
	}
	in := make([]int16, 48000) // one second of input
	for i := range in {
		in[i] = int16((i%48)*1000 - 24000) // a 1 kHz sawtooth
	}
	out := make([]int16, 0, r.OutLen(len(in))+r.FlushLen())
	for len(in) > 0 {
		n := min(960, len(in)) // 20 ms chunks
		out = r.AppendInt16(out, in[:n])
		in = in[n:]
	}
	out = r.FlushInt16(out)
	aligned := out[r.Latency() : r.Latency()+16000]
	fmt.Println("latency (frames at 16 kHz):", r.Latency())
	fmt.Println("output frames:", len(out), "aligned:", len(aligned))
	// Output:
	// latency (frames at 16 kHz): 24
	// output frames: 16048 aligned: 16000
}

// The fixed-point path needs no FPU and gives the same samples on every
// platform.
func ExampleNewFixed() {
	f, err := resample.NewFixed(8000, 16000, 1, resample.Quick)
	if err != nil {
		panic(err)
	}
	in := []int16{0, 1000, 2000, 3000, 4000, 3000, 2000, 1000, 0, -1000}
	out := f.AppendInt16(nil, in)
	out = f.FlushInt16(out)
	fmt.Println(f.Latency(), len(out))
	fmt.Println(out[f.Latency() : f.Latency()+8])
	// Output:
	// 22 64
	// [0 378 1000 1595 2000 2383 3000 3708]
}

// Interleaved stereo float32, 32 kHz to 48 kHz.
func ExampleResampler_AppendFloat32() {
	r, err := resample.New(32000, 48000, 2, resample.High)
	if err != nil {
		panic(err)
	}
	in := make([]float32, 2*3200) // 100 ms, left and right interleaved
	out := r.AppendFloat32(nil, in)
	out = r.FlushFloat32(out)
	fmt.Println(len(out)/2-2*r.Latency(), "frames after removing the delay")
	// Output:
	// 4800 frames after removing the delay
}

// High and VeryHigh stop at Nyquist, so their filters are long; where it
// is cheaper New builds a cascade of half-band stages and one sharp
// polyphase stage. The stream contract is the same either way.
func ExampleResampler_Stages() {
	for _, rates := range [][2]int{{48000, 16000}, {48000, 8000}, {16000, 8000}} {
		r, err := resample.New(rates[0], rates[1], 1, resample.High)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%d→%d: %d stage(s), %d multiply-adds per output, latency %d frames\n",
			rates[0], rates[1], r.Stages(), r.Taps(), r.Latency())
	}
	// Output:
	// 48000→16000: 2 stage(s), 353 multiply-adds per output, latency 113 frames
	// 48000→8000: 3 stage(s), 401 multiply-adds per output, latency 116 frames
	// 16000→8000: 1 stage(s), 410 multiply-adds per output, latency 103 frames
}
