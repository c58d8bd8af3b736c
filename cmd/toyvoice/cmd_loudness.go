package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"path/filepath"

	"github.com/toyvoice/toyvoice/dsp/dynamics"
	"github.com/toyvoice/toyvoice/dsp/loudness"
)

func init() {
	register(&command{
		name:    "loudness",
		args:    "FILE [--json]",
		summary: "measure loudness (EBU R128 / BS.1770-4): integrated, range, true peak",
		run:     runLoudness,
	})
	register(&command{
		name:    "normalize",
		args:    "IN OUT [--target -16] [--true-peak -1] [--max-gain 30]",
		summary: "normalise loudness to a target LUFS under a true-peak ceiling",
		run:     runNormalize,
	})
	registerDemoStage(demoStage{order: 50, name: "normalise", run: demoNormalise})
}

// loudnessInfo is what `loudness --json` prints; the field names are part
// of the CLI's interface. Values that do not exist (integrated loudness of
// silence, peaks of digital silence) are null.
type loudnessInfo struct {
	Integrated   *float64 `json:"integrated_lufs"`
	Range        float64  `json:"range_lu"`
	TruePeak     *float64 `json:"true_peak_dbtp"`
	SamplePeak   *float64 `json:"sample_peak_dbfs"`
	MomentaryMax *float64 `json:"momentary_max_lufs"`
	ShortTermMax *float64 `json:"short_term_max_lufs"`
}

// finite rounds v to 0.01 and returns nil for ±Inf/NaN (JSON has neither).
func finite(v float64) *float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return nil
	}
	r := math.Round(v*100) / 100
	return &r
}

func measureLoudness(pcm []float32, rate, channels int) (*loudness.Meter, error) {
	m, err := loudness.NewMeter(rate, channels)
	if err != nil {
		return nil, err
	}
	m.WriteFloat32(pcm)
	return m, nil
}

func runLoudness(e *env, args []string) error {
	fs := flag.NewFlagSet("loudness", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want exactly one FILE")
	}
	pcm, rate, ch, err := loadAudioFloat32(pos[0])
	if err != nil {
		return err
	}
	if len(pcm) == 0 {
		return fmt.Errorf("%s: %w", pos[0], errNoAudio)
	}
	m, err := measureLoudness(pcm, rate, ch)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	li := loudnessInfo{
		Integrated:   finite(m.Integrated()),
		Range:        math.Round(m.Range()*100) / 100,
		TruePeak:     finite(m.TruePeak()),
		SamplePeak:   finite(m.SamplePeak()),
		MomentaryMax: finite(m.MomentaryMax()),
		ShortTermMax: finite(m.ShortTermMax()),
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(li)
	}
	show := func(v *float64, unit string) string {
		if v == nil {
			return "-inf " + unit
		}
		return fmt.Sprintf("%.2f %s", *v, unit)
	}
	fmt.Fprintf(e.stdout, "Integrated:     %s\n", show(li.Integrated, "LUFS"))
	fmt.Fprintf(e.stdout, "Loudness range: %.2f LU\n", li.Range)
	fmt.Fprintf(e.stdout, "True peak:      %s\n", show(li.TruePeak, "dBTP"))
	fmt.Fprintf(e.stdout, "Sample peak:    %s\n", show(li.SamplePeak, "dBFS"))
	fmt.Fprintf(e.stdout, "Momentary max:  %s\n", show(li.MomentaryMax, "LUFS"))
	fmt.Fprintf(e.stdout, "Short-term max: %s\n", show(li.ShortTermMax, "LUFS"))
	return nil
}

func runNormalize(e *env, args []string) error {
	fs := flag.NewFlagSet("normalize", flag.ContinueOnError)
	target := fs.Float64("target", dynamics.DefaultTarget, "target integrated loudness, LUFS (-70…0)")
	ceiling := fs.Float64("true-peak", dynamics.DefaultTruePeak, "true-peak ceiling, dBTP (-30…0)")
	maxGain := fs.Float64("max-gain", dynamics.DefaultMaxGain, "largest gain applied, dB (0…60)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want IN and OUT")
	}
	opts := []dynamics.Option{dynamics.WithTarget(*target), dynamics.WithTruePeak(*ceiling), dynamics.WithMaxGain(*maxGain)}
	if _, err := dynamics.NewNormalizer(16000, 1, opts...); errors.Is(err, dynamics.ErrOption) {
		return usagef("--target must be -70…0 LUFS, --true-peak -30…0 dBTP, --max-gain 0…60 dB")
	}
	a, err := loadAudio(pos[0])
	if err != nil {
		return err
	}
	if len(a.pcm) == 0 {
		return fmt.Errorf("%s: %w", pos[0], errNoAudio)
	}
	out, r, err := dynamics.NormalizeInt16(make([]int16, 0, len(a.pcm)), a.pcm, a.rate, a.channels, opts...)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	if err := saveWAV(pos[1], out, a.rate, a.channels); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, normaliseSummary(r))
	return nil
}

// normaliseSummary is one line describing a normalisation.
func normaliseSummary(r dynamics.Report) string {
	if r.Skipped {
		return "input below the -70 LUFS gate (silence): left unchanged"
	}
	s := fmt.Sprintf("%.2f LUFS, %.2f dBTP -> gain %+.2f dB -> %.2f LUFS, %.2f dBTP",
		r.InputLUFS, r.InputTruePeak, r.GainDB, r.OutputLUFS, r.OutputTruePeak)
	if r.Limited {
		s += " (true-peak limited)"
	}
	return s
}

// demoNormalise measures the message, normalises it to −16 LUFS under
// −1 dBTP and reports loudness before and after.
func demoNormalise(st *demoState) error {
	m, err := loudness.NewMeter(st.rate, st.channels)
	if err != nil {
		return err
	}
	m.WriteInt16(st.pcm)
	fmt.Fprintf(st.report, "loudness   before: %s, range %.1f LU, true peak %s\n",
		dbString(orFloor(m.Integrated()), "LUFS"), m.Range(), dbString(orFloor(m.TruePeak()), "dBTP"))
	out, r, err := dynamics.NormalizeInt16(make([]int16, 0, len(st.pcm)), st.pcm, st.rate, st.channels)
	if err != nil {
		return err
	}
	m.Reset()
	m.WriteInt16(out)
	fmt.Fprintf(st.report, "normalise  after:  %s, range %.1f LU, true peak %s (gain %+.1f dB%s)\n",
		dbString(orFloor(m.Integrated()), "LUFS"), m.Range(), dbString(orFloor(m.TruePeak()), "dBTP"), r.GainDB,
		map[bool]string{true: ", limited", false: ""}[r.Limited])
	st.pcm = out
	if st.outDir != "" {
		return saveWAV(filepath.Join(st.outDir, "50-normalised.wav"), out, st.rate, st.channels)
	}
	return nil
}

// orFloor maps −Inf to dbString's silence value.
func orFloor(v float64) float64 {
	if math.IsInf(v, -1) || math.IsNaN(v) {
		return -200
	}
	return v
}
