package vad_test

import (
	"fmt"
	"time"

	"github.com/toyvoice/toyvoice/vad"
)

// tone returns n samples of a 200 Hz square-ish buzz (harmonic-rich, like
// a voiced sound) at 8 kHz.
func buzz(n int) []int16 {
	pcm := make([]int16, n)
	for i := range pcm {
		if i/20%2 == 0 {
			pcm[i] = 3000
		} else {
			pcm[i] = -3000
		}
	}
	return pcm
}

func Example() {
	d, err := vad.New(8000, vad.WithFrame(20), vad.WithAggressiveness(2))
	if err != nil {
		panic(err)
	}
	silence := make([]int16, d.FrameLen())
	voice := buzz(d.FrameLen())
	for i := 0; i < 10; i++ {
		d.Process(silence)
	}
	s1, _ := d.Process(silence)
	s2, _ := d.Process(voice)
	fmt.Println(d.FrameLen(), s1, s2)
	// Output: 160 false true
}

func ExampleSegmenter() {
	d, _ := vad.New(8000)
	seg, _ := vad.NewSegmenter(d, vad.WithPreRoll(100*time.Millisecond), vad.WithMinSilence(300*time.Millisecond))
	// 1 s silence, 1 s voice, 1 s silence, fed in odd-sized chunks as a
	// live source would deliver them.
	pcm := append(append(make([]int16, 8000), buzz(8000)...), make([]int16, 8000)...)
	var events []vad.Event
	for i := 0; i < len(pcm); i += 333 {
		events = seg.AppendEvents(events, pcm[i:min(i+333, len(pcm))])
	}
	events = seg.Flush(events)
	for _, e := range events {
		fmt.Printf("%s at %.2f s\n", e.Kind, float64(e.Sample)/8000)
	}
	// Output:
	// start at 0.90 s
	// end at 2.28 s
}
