package main

import (
	"fmt"
	"io"

	"github.com/toyvoice/toyvoice/bench/internal/cref"
	"github.com/toyvoice/toyvoice/bench/internal/harness"
	"github.com/toyvoice/toyvoice/bench/internal/signal"
	"github.com/toyvoice/toyvoice/dsp/loudness"
)

var sinkF64 float64

func loudnessArea(out io.Writer, o opts) {
	section(out, "Loudness", "10 s of speech per operation (stereo: the right channel a delayed −4 dB copy), float32 input; one operation writes everything and then reads integrated loudness, loudness range and true peak. "+
		"ns per sample counts every channel's samples. toyvoice's Meter is Reset per operation (it allocates nothing after NewMeter); libebur128 (modes I | LRA | TRUE_PEAK) has no reset, so it is destroyed and re-created per operation (a few mallocs, invisible to the allocs column). "+
		"The last columns show what each measured, to show they agree.")
	seconds := 10 * o.seconds
	t := harness.NewTable("integrated LUFS", "range LU", "true peak dBTP")
	for _, c := range []struct{ rate, ch int }{{48000, 2}, {16000, 1}} {
		frames := int(seconds * float64(c.rate))
		var pcm []int16
		if c.ch == 2 {
			pcm = signal.Stereo(frames, c.rate)
		} else {
			pcm = signal.Speech(frames, c.rate)
		}
		x := signal.Float32(pcm)
		m := must(loudness.NewMeter(c.rate, c.ch))
		e := must(cref.NewEbur128(c.rate, c.ch))
		var mv, ev [3]float64
		w := &harness.Workload{
			Name:    fmt.Sprintf("%g s %g kHz %s", seconds, float64(c.rate)/1000, map[int]string{1: "mono", 2: "stereo"}[c.ch]),
			Samples: len(x), Seconds: seconds,
			Impls: []*harness.Impl{
				{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() {
					m.Reset()
					m.WriteFloat32(x)
					mv = [3]float64{m.Integrated(), m.Range(), m.TruePeak()}
					sinkF64 = mv[0]
				}},
				{Name: "libebur128", Kind: harness.C, Op: func() {
					e.Reset()
					e.AddFloat32(x)
					ev = [3]float64{e.Integrated(), e.Range(), e.TruePeak()}
					sinkF64 = ev[0]
				}},
			},
		}
		harness.Measure(w, o.cfg)
		for i, v := range [][3]float64{mv, ev} {
			w.Impls[i].Extra = []string{fmt.Sprintf("%.2f", v[0]), fmt.Sprintf("%.2f", v[1]), fmt.Sprintf("%.2f", v[2])}
		}
		t.AddWorkload(w)
		e.Close()
	}
	t.Markdown(out)
}
