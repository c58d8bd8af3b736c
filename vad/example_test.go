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

// A live recorder keeps the recent audio in a History: a Start event lies
// in the past (pre-roll and minimum speech), so the segment's beginning
// comes from the History and the rest from the audio heard after it.
func ExampleHistory() {
	d, _ := vad.New(8000)
	seg, _ := vad.NewSegmenter(d, vad.WithPreRoll(100*time.Millisecond), vad.WithMinSilence(300*time.Millisecond))
	const chunk = 333 // samples per microphone read
	h := vad.NewHistory(make([]int16, seg.Lookback(chunk)))
	fmt.Println("history:", h.Cap(), "samples")

	// The microphone hears 1 s of silence, 1 s of voice, 1 s of silence.
	voice := buzz(40) // one period
	heard := func(i int64) int16 {
		if i >= 8000 && i < 16000 {
			return voice[i%40]
		}
		return 0
	}
	var (
		in     [chunk]int16
		rec    []int16 // the recording
		events []vad.Event
		start  int64 = -1 // the open segment's first sample
	)
	for pos := int64(0); pos < 24000; pos += chunk {
		mic := in[:min(chunk, 24000-pos)]
		for k := range mic {
			mic[k] = heard(pos + int64(k))
		}
		h.Write(mic)
		events = seg.AppendEvents(events[:0], mic)
		if start >= 0 {
			rec = append(rec, mic...)
		}
		for _, e := range events {
			if e.Kind == vad.Start {
				start = e.Sample
				rec, _ = h.AppendFrom(rec[:0], start)
				fmt.Printf("start at %.3f s: %d samples from history\n", float64(start)/8000, len(rec))
				continue
			}
			rec = rec[:e.Sample-start]
			same := true
			for k, v := range rec {
				same = same && v == heard(start+int64(k))
			}
			fmt.Printf("end at %.3f s: recorded %d samples, as heard: %v\n", float64(e.Sample)/8000, len(rec), same)
			start = -1
		}
	}
	// Output:
	// history: 1932 samples
	// start at 0.900 s: 1791 samples from history
	// end at 2.280 s: recorded 11040 samples, as heard: true
}
