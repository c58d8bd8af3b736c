package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/toyvoice/toyvoice/resample"
	"github.com/toyvoice/toyvoice/vad"
)

func init() {
	register(&command{
		name:    "vad",
		args:    "FILE [--mode 0-3] [--frame 10|20|30] [--json] [--frames]",
		summary: "find speech: print speech segments (seconds) or per-frame decisions",
		run:     runVAD,
	})
	registerDemoStage(demoStage{order: 40, name: "vad", run: demoVAD})
}

// vadReport is what `vad --json` prints; the field names are part of the
// CLI's interface.
type vadReport struct {
	File       string       `json:"file"`
	SampleRate int          `json:"sample_rate"`
	Mode       int          `json:"mode"`
	FrameMs    int          `json:"frame_ms"`
	Duration   float64      `json:"duration_s"`
	Speech     float64      `json:"speech_s"`
	Segments   []vadSegment `json:"segments"`
}

type vadSegment struct {
	Start float64 `json:"start_s"`
	End   float64 `json:"end_s"`
}

func runVAD(e *env, args []string) error {
	fs := flag.NewFlagSet("vad", flag.ContinueOnError)
	mode := fs.Int("mode", vad.DefaultAggressiveness, "aggressiveness 0-3 (3 rejects most non-speech)")
	frame := fs.Int("frame", 10, "frame length in ms: 10, 20 or 30")
	asJSON := fs.Bool("json", false, "print JSON")
	frames := fs.Bool("frames", false, "print per-frame decisions as CSV (start_ms,end_ms,speech)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want exactly one FILE")
	}
	if *mode < 0 || *mode > 3 {
		return usagef("--mode must be 0, 1, 2 or 3")
	}
	if *frame != 10 && *frame != 20 && *frame != 30 {
		return usagef("--frame must be 10, 20 or 30")
	}
	if *frames && *asJSON {
		return usagef("--frames and --json exclude each other")
	}
	a, err := loadAudio(pos[0])
	if err != nil {
		return err
	}
	mono := downmix(a.pcm, a.channels)
	rate := a.rate
	if _, err := vad.New(rate); errors.Is(err, vad.ErrSampleRate) {
		// The detector runs at 8, 16, 32 or 48 kHz: bring other rates
		// to 16 kHz first (delay-compensated, so times stay exact).
		if mono, _, err = resampleAligned(mono, rate, 16000, 1, resample.Medium, false); err != nil {
			return err
		}
		rate = 16000
	}
	d, err := newDetector(rate, vad.WithAggressiveness(*mode), vad.WithFrame(*frame))
	if err != nil {
		return err
	}
	if *frames {
		n := d.FrameLen()
		fmt.Fprintln(e.stdout, "start_ms,end_ms,speech")
		for i := 0; i+n <= len(mono); i += n {
			v, err := d.Process(mono[i : i+n])
			if err != nil {
				return err
			}
			b := 0
			if v {
				b = 1
			}
			k := i / n
			fmt.Fprintf(e.stdout, "%d,%d,%d\n", k**frame, (k+1)**frame, b)
		}
		return nil
	}
	segs := segments(d, mono)
	r := vadReport{File: pos[0], SampleRate: a.rate, Mode: *mode, FrameMs: *frame,
		Duration: float64(len(mono)) / float64(rate), Segments: []vadSegment{}}
	for _, s := range segs {
		sg := vadSegment{float64(s[0]) / float64(rate), float64(s[1]) / float64(rate)}
		r.Segments = append(r.Segments, sg)
		r.Speech += sg.End - sg.Start
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	for _, s := range r.Segments {
		fmt.Fprintf(e.stdout, "%.3f %.3f\n", s.Start, s.End)
	}
	return nil
}

// newDetector explains unsupported rates.
func newDetector(rate int, opts ...vad.Option) (*vad.Detector, error) {
	d, err := vad.New(rate, opts...)
	if errors.Is(err, vad.ErrSampleRate) {
		return nil, fmt.Errorf("sample rate %d Hz not supported by the VAD (8000, 16000, 32000 or 48000 Hz): resample the file first", rate)
	}
	return d, err
}

// downmix averages interleaved channels to mono.
func downmix(pcm []int16, ch int) []int16 {
	if ch <= 1 {
		return pcm
	}
	out := make([]int16, len(pcm)/ch)
	for i := range out {
		var s int32
		for c := 0; c < ch; c++ {
			s += int32(pcm[i*ch+c])
		}
		out[i] = int16(s / int32(ch))
	}
	return out
}

// segments runs the default segmenter over a whole file and returns
// [start, end) sample pairs.
func segments(d *vad.Detector, mono []int16) [][2]int64 {
	s, err := vad.NewSegmenter(d)
	if err != nil {
		panic(err) // default options are valid
	}
	ev := s.Flush(s.AppendEvents(nil, mono))
	var out [][2]int64
	for i := 0; i+1 < len(ev); i += 2 {
		out = append(out, [2]int64{ev[i].Sample, ev[i+1].Sample})
	}
	return out
}

// demoVAD trims leading and trailing silence (keeping the segmenter's
// pre-roll and hangover) and reports how much went.
func demoVAD(st *demoState) error {
	d, err := newDetector(st.rate)
	if err != nil {
		fmt.Fprintf(st.report, "vad        skipped: %v\n", err)
		return nil
	}
	mono := downmix(st.pcm, st.channels)
	segs := segments(d, mono)
	total := float64(len(mono)) / float64(st.rate)
	if len(segs) == 0 {
		fmt.Fprintf(st.report, "vad        no speech found in %.2f s; nothing trimmed\n", total)
		return nil
	}
	var speech float64
	for _, s := range segs {
		speech += float64(s[1]-s[0]) / float64(st.rate)
	}
	a, b := segs[0][0], segs[len(segs)-1][1]
	trimmed := total - float64(b-a)/float64(st.rate)
	fmt.Fprintf(st.report, "vad        %d speech segment(s), %.2f s of speech in %.2f s (mode %d)\n", len(segs), speech, total, vad.DefaultAggressiveness)
	fmt.Fprintf(st.report, "trim       kept %.2f-%.2f s, removed %.2f s of silence (%.0f%%)\n",
		float64(a)/float64(st.rate), float64(b)/float64(st.rate), trimmed, 100*trimmed/total)
	st.pcm = st.pcm[int(a)*st.channels : int(b)*st.channels]
	if st.outDir != "" {
		return saveWAV(filepath.Join(st.outDir, "40-trimmed.wav"), st.pcm, st.rate, st.channels)
	}
	return nil
}
