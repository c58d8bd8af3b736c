package main

import "errors"

// audio is a decoded file: interleaved samples plus format.
type audio struct {
	pcm      []int16
	rate     int
	channels int
	format   string // human-readable source format, e.g. "PCM 16-bit", "µ-law"
}

// loadAudio reads a WAV file (any format container/wav supports) as
// interleaved int16. Implemented over container/wav; see audioio.go.
func loadAudio(path string) (*audio, error) {
	return nil, errors.New("loadAudio: not yet implemented")
}

// loadAudioFloat32 reads a WAV file as interleaved float32 in [-1, 1).
func loadAudioFloat32(path string) (pcm []float32, rate, channels int, err error) {
	return nil, 0, 0, errors.New("loadAudioFloat32: not yet implemented")
}

// saveWAV writes interleaved int16 as a 16-bit PCM WAV file.
func saveWAV(path string, pcm []int16, rate, channels int) error {
	return errors.New("saveWAV: not yet implemented")
}
