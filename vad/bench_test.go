//go:build !tinygo

// TinyGo's testing.B has neither Elapsed nor ReportMetric.

package vad

import (
	"fmt"
	"testing"
)

// BenchmarkProcess measures one frame's classification over the integer
// speech-in-noise test signal. SetBytes counts the input (2 bytes per
// sample); "x_realtime" is audio duration / processing time.
func BenchmarkProcess(b *testing.B) {
	for _, r := range []int{8000, 16000, 32000, 48000} {
		for _, ms := range []int{10, 30} {
			b.Run(fmt.Sprintf("%dk/%dms", r/1000, ms), func(b *testing.B) {
				d, _ := New(r, WithFrame(ms))
				n := d.FrameLen()
				g := newSig(r, defaultPlan)
				frames := make([]int16, g.total()/n*n)
				g.fill(frames)
				nf := len(frames) / n
				b.SetBytes(int64(2 * n))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					f := i % nf
					if f == 0 {
						d.Reset()
					}
					boolSink, _ = d.Process(frames[f*n : f*n+n])
				}
				if b.Elapsed() > 0 {
					audio := float64(b.N) * float64(ms) / 1000
					b.ReportMetric(audio/b.Elapsed().Seconds(), "x_realtime")
				}
			})
		}
	}
}

func BenchmarkSegmenter(b *testing.B) {
	pcm := make([]int16, newSig(16000, defaultPlan).total())
	newSig(16000, defaultPlan).fill(pcm)
	d, _ := New(16000)
	s, _ := NewSegmenter(d)
	dst := make([]Event, 0, 16)
	b.SetBytes(int64(2 * len(pcm)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		s.Reset()
		dst = s.Flush(s.AppendEvents(dst[:0], pcm))
	}
	eventSink = dst
}
