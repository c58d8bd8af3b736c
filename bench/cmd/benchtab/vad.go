package main

import (
	"fmt"
	"io"

	"github.com/toyvoice/toyvoice/bench/internal/harness"
	"github.com/toyvoice/toyvoice/bench/internal/signal"
	"github.com/toyvoice/toyvoice/vad"
)

var sinkBool bool

func vadArea(out io.Writer, o opts) {
	section(out, "VAD", "1 s of speech per operation, classified frame by frame with Detector.Process (default aggressiveness), Reset per operation; ns per input sample. "+
		"There is no C reference here: the WebRTC VAD (libfvad) is only available to this project as WebAssembly run by node in eval/vad, which measures accuracy, not speed, and a wasm-in-node timing would not be a fair C figure.")
	t := harness.NewTable("frames/op", "ns/frame")
	for _, c := range []struct{ rate, ms int }{{16000, 10}, {16000, 20}, {16000, 30}, {8000, 20}, {48000, 20}} {
		n := int(o.seconds * float64(c.rate))
		pcm := signal.Speech(n, c.rate)
		d := must(vad.New(c.rate, vad.WithFrame(c.ms)))
		fl := d.FrameLen()
		frames := n / fl
		w := &harness.Workload{
			Name:    fmt.Sprintf("%g kHz, %d ms frames", float64(c.rate)/1000, c.ms),
			Samples: frames * fl, Seconds: float64(frames*fl) / float64(c.rate),
			Impls: []*harness.Impl{
				{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() {
					d.Reset()
					for i := 0; i+fl <= len(pcm); i += fl {
						sinkBool = must(d.Process(pcm[i : i+fl]))
					}
				}},
				{Name: "WebRTC VAD: wasm in node only (eval/vad)", Kind: harness.Note},
			},
		}
		harness.Measure(w, o.cfg)
		w.Impls[0].Extra = []string{fmt.Sprint(frames), fmt.Sprintf("%.0f", w.Impls[0].NsPerOp/float64(max(frames, 1)))}
		t.AddWorkload(w)
	}
	t.Markdown(out)
}
