package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"

	"github.com/toyvoice/toyvoice/container/wav"
)

// message.wav is the bundled demo recording (make_message.sh regenerates
// it): a grandparent's good-night message, espeak-ng speech with a little
// room reverb, pink noise and mains hum, 16 kHz mono.
//
//go:embed message.wav
var bundledMessage []byte

func loadDemoInput(st *demoState, path string) error {
	var a *audio
	if path != "" {
		var err error
		if a, err = loadAudio(path); err != nil {
			return err
		}
	} else {
		r, err := wav.NewReader(bytes.NewReader(bundledMessage))
		if err != nil {
			return fmt.Errorf("bundled recording: %w", err)
		}
		f := r.Format()
		a = &audio{rate: f.SampleRate, channels: f.Channels, format: formatName(f)}
		buf := make([]int16, 4096)
		for {
			n, err := r.ReadInt16(buf)
			a.pcm = append(a.pcm, buf[:n]...)
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("bundled recording: %w", err)
			}
		}
		path = "bundled message.wav"
	}
	if len(a.pcm) == 0 {
		return fmt.Errorf("%s: %w", path, errNoAudio)
	}
	st.pcm, st.rate, st.channels = a.pcm, a.rate, a.channels
	fi := describe(path, a)
	fmt.Fprintf(st.report, "input      %s: %s, %d Hz, %d ch, %.2f s, peak %s, RMS %s\n",
		path, a.format, a.rate, a.channels, fi.Duration, dbString(fi.PeakDBFS, "dBFS"), dbString(fi.RMSDBFS, "dBFS"))
	return nil
}
