package main

import (
	"flag"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/toyvoice/toyvoice/resample"
)

func init() {
	register(&command{
		name:    "resample",
		args:    "IN OUT --rate N [--quality quick|medium|high|veryhigh] [--fixed]",
		summary: "convert a WAV file's sample rate (output aligned with the input)",
		run:     runResample,
	})
	registerDemoStage(demoStage{order: 30, name: "resample", run: demoResample})
}

func parseQuality(s string) (resample.Quality, bool) {
	for q := resample.Quick; q <= resample.VeryHigh; q++ {
		if strings.EqualFold(s, q.String()) {
			return q, true
		}
	}
	return 0, false
}

func runResample(e *env, args []string) error {
	fs := flag.NewFlagSet("resample", flag.ContinueOnError)
	rate := fs.Int("rate", 0, "output sample rate in Hz (8000…192000)")
	quality := fs.String("quality", "medium", "quick, medium, high or veryhigh")
	fixed := fs.Bool("fixed", false, "use the fixed-point (integer-only) path")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want IN and OUT")
	}
	if *rate < resample.MinRate || *rate > resample.MaxRate {
		return usagef("--rate must be %d…%d Hz", resample.MinRate, resample.MaxRate)
	}
	q, ok := parseQuality(*quality)
	if !ok {
		return usagef("unknown --quality %q (quick, medium, high, veryhigh)", *quality)
	}
	a, err := loadAudio(pos[0])
	if err != nil {
		return err
	}
	out, lat, err := resampleAligned(a.pcm, a.rate, *rate, a.channels, q, *fixed)
	if err != nil {
		return err
	}
	if err := saveWAV(pos[1], out, *rate, a.channels); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s: %d Hz -> %d Hz, %s%s, %d channel(s), %d frames, filter delay %d frames (compensated)\n",
		pos[1], a.rate, *rate, q, map[bool]string{true: " fixed-point", false: ""}[*fixed], a.channels, len(out)/a.channels, lat)
	return nil
}

// resampleAligned resamples interleaved pcm and removes the filter delay:
// the result has exactly ceil(frames·to/from) frames aligned with the input.
func resampleAligned(pcm []int16, from, to, ch int, q resample.Quality, fixed bool) ([]int16, int, error) {
	if from == to {
		return append([]int16(nil), pcm...), 0, nil
	}
	type rs interface {
		AppendInt16(dst, in []int16) []int16
		FlushInt16(dst []int16) []int16
		OutLen(int) int
		Latency() int
	}
	var r rs
	var err error
	if fixed {
		r, err = resample.NewFixed(from, to, ch, q)
	} else {
		r, err = resample.New(from, to, ch, q)
	}
	if err != nil {
		return nil, 0, err
	}
	lat := r.Latency()
	out := make([]int16, 0, r.OutLen(len(pcm))+(2*lat+2)*ch)
	out = r.AppendInt16(out, pcm)
	out = r.FlushInt16(out)
	frames := (int64(len(pcm)/ch)*int64(to) + int64(from) - 1) / int64(from)
	return out[lat*ch : (lat+int(frames))*ch], lat, nil
}

// demoResample sends the message to 8 kHz (a narrowband toy) and back, and
// through 48 kHz (a phone) and back, and reports the round trips' SNR.
func demoResample(st *demoState) error {
	if st.rate < resample.MinRate || st.rate > resample.MaxRate {
		fmt.Fprintf(st.report, "resample   skipped: %d Hz\n", st.rate)
		return nil
	}
	trip := func(mid int) (snr float64, lat int, midPCM []int16, err error) {
		down, l1, err := resampleAligned(st.pcm, st.rate, mid, st.channels, resample.Medium, false)
		if err != nil {
			return 0, 0, nil, err
		}
		back, l2, err := resampleAligned(down, mid, st.rate, st.channels, resample.Medium, false)
		if err != nil {
			return 0, 0, nil, err
		}
		var sig, noise float64
		for i := range st.pcm {
			if i >= len(back) {
				break
			}
			d := float64(back[i]) - float64(st.pcm[i])
			sig += float64(st.pcm[i]) * float64(st.pcm[i])
			noise += d * d
		}
		lat = l1*st.rate/mid + l2 // input-rate frames, approximately
		return 10 * math.Log10(sig/math.Max(noise, 1e-9)), lat, down, nil
	}
	snr8, lat8, pcm8, err := trip(8000)
	if err != nil {
		return err
	}
	snr48, lat48, _, err := trip(48000)
	if err != nil {
		return err
	}
	ms := func(frames int) float64 { return 1000 * float64(frames) / float64(st.rate) }
	// Medium's passband ends at 0.85 × the lower Nyquist frequency: what
	// lies above is removed, which bounds the round trip's SNR.
	fmt.Fprintf(st.report, "resample   %d->8000->%d Hz (medium, passband to 3.4 kHz): SNR %.1f dB, filter delay %.1f ms\n",
		st.rate, st.rate, snr8, ms(lat8))
	fmt.Fprintf(st.report, "resample   %d->48000->%d Hz (medium, passband to %.1f kHz): SNR %.1f dB, filter delay %.1f ms\n",
		st.rate, st.rate, 0.85*float64(st.rate)/2000, snr48, ms(lat48))
	if st.outDir != "" {
		return saveWAV(filepath.Join(st.outDir, "30-8k.wav"), pcm8, 8000, st.channels)
	}
	return nil
}
