package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
)

func init() {
	register(&command{
		name:    "info",
		args:    "FILE [--json]",
		summary: "print a file's format, rate, channels, duration, peak and RMS",
		run:     runInfo,
	})
}

// fileInfo is what `info` reports; the JSON field names are part of the
// CLI's interface.
type fileInfo struct {
	File       string  `json:"file"`
	Format     string  `json:"format"`
	SampleRate int     `json:"sample_rate"`
	Channels   int     `json:"channels"`
	Frames     int64   `json:"frames"`
	Duration   float64 `json:"duration_s"`
	PeakDBFS   float64 `json:"peak_dbfs"`
	RMSDBFS    float64 `json:"rms_dbfs"`
}

func runInfo(e *env, args []string) error {
	fs := flag.NewFlagSet("info", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want exactly one FILE")
	}
	a, err := loadAudio(pos[0])
	if err != nil {
		return err
	}
	fi := describe(pos[0], a)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(fi)
	}
	fmt.Fprintf(e.stdout, "File:        %s\n", fi.File)
	fmt.Fprintf(e.stdout, "Format:      %s\n", fi.Format)
	fmt.Fprintf(e.stdout, "Sample rate: %d Hz\n", fi.SampleRate)
	fmt.Fprintf(e.stdout, "Channels:    %d\n", fi.Channels)
	fmt.Fprintf(e.stdout, "Duration:    %.3f s (%d frames)\n", fi.Duration, fi.Frames)
	fmt.Fprintf(e.stdout, "Peak:        %s\n", dbString(fi.PeakDBFS, "dBFS"))
	fmt.Fprintf(e.stdout, "RMS:         %s\n", dbString(fi.RMSDBFS, "dBFS"))
	return nil
}

func describe(name string, a *audio) fileInfo {
	peak, rms := peakRMS(a.pcm)
	frames := int64(0)
	if a.channels > 0 {
		frames = int64(len(a.pcm) / a.channels)
	}
	return fileInfo{
		File:       name,
		Format:     a.format,
		SampleRate: a.rate,
		Channels:   a.channels,
		Frames:     frames,
		Duration:   float64(frames) / float64(a.rate),
		PeakDBFS:   toDB(peak),
		RMSDBFS:    toDB(rms),
	}
}

// peakRMS returns the sample peak and RMS of pcm relative to full scale
// (32768).
func peakRMS(pcm []int16) (peak, rms float64) {
	var p int32
	var sum float64
	for _, s := range pcm {
		v := int32(s)
		if v < 0 {
			v = -v
		}
		if v > p {
			p = v
		}
		sum += float64(s) * float64(s)
	}
	if len(pcm) > 0 {
		rms = math.Sqrt(sum/float64(len(pcm))) / 32768
	}
	return float64(p) / 32768, rms
}

// toDB converts a linear ratio to decibels, rounded to 0.01 dB; silence is
// reported as -200 dB (JSON has no -Inf).
func toDB(x float64) float64 {
	if x <= 0 {
		return -200
	}
	return math.Round(2000*math.Log10(x)) / 100
}

func dbString(v float64, unit string) string {
	if v <= -200 {
		return "-inf " + unit
	}
	return fmt.Sprintf("%.2f %s", v, unit)
}
