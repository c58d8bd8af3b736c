package filter_test

import (
	"fmt"

	"github.com/toyvoice/toyvoice/dsp/filter"
)

// The capture high-pass at 80 Hz: DC and rumble go, speech stays.
func ExampleNewHighPass() {
	hp, err := filter.NewHighPass(16000, 1, 80)
	if err != nil {
		panic(err)
	}
	c := hp.Coeffs()
	for _, f := range []float64{20, 80, 300, 3000} {
		fmt.Printf("%.0f Hz: %.2f dB\n", f, c.Response(f, 16000))
	}
	x := []int16{1000, 1000, 1000, 1000} // a DC step
	hp.ProcessInt16(x)
	fmt.Println(x)
	// Output:
	// 20 Hz: -24.10 dB
	// 80 Hz: -3.01 dB
	// 300 Hz: -0.02 dB
	// 3000 Hz: -0.00 dB
	// [978 935 892 851]
}

// Fixed-point high-pass for an MCU without an FPU.
func ExampleNewFixedHighPass() {
	hp, _ := filter.NewFixedHighPass(8000, 1, 100)
	x := []int16{1000, 1000, 1000, 1000}
	hp.ProcessInt16(x)
	fmt.Println(x)
	// Output:
	// [946 841 742 649]
}

// A presence boost for a small toy speaker.
func ExampleDesign() {
	c, _ := filter.Design(filter.Peak, 16000, 3000, 1, 6)
	fmt.Printf("%.1f dB at 3 kHz\n", c.Response(3000, 16000))
	// Output:
	// 6.0 dB at 3 kHz
}
