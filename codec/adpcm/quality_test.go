//go:build !tinygo

package adpcm

import "testing"

// TestQuality1s: encode→decode SNR of 1 s of 16 kHz test speech
// (testutil.Speech; stereo adds a delayed copy at -2.5 dB), every mode.
// The measured values are in the table; each bound is the measured value
// less 0.3 dB, so a change to the encoder's choices shows up here.
func TestQuality1s(t *testing.T) {
	for _, tc := range []struct {
		name string
		ch   int
		ba   int
		opts []Option
		min  float64 // dB
	}{
		{"raw mono", 1, 0, nil, 28.5}, // measured 28.81
		{"raw mono multiply", 1, 0, []Option{WithReconstruction(Multiply)}, 28.5}, // measured 28.88
		{"raw stereo", 2, 0, nil, 29.3},                                           // measured 29.64
		{"block mono 256", 1, 256, nil, 30.2},                                     // measured 30.57
		{"block mono 1024", 1, 1024, nil, 30.3},                                   // measured 30.60
		{"block stereo 512", 2, 512, nil, 30.7},                                   // measured 31.06
		{"block stereo 2048", 2, 2048, nil, 30.8},                                 // measured 31.11
	} {
		pcm := testSignal(16000, tc.ch)
		dec := decodeAll(t, tc.ch, tc.ba, encodeAll(t, tc.ch, tc.ba, pcm, tc.opts...), tc.opts...)
		snr := snrDB(pcm, dec[:len(pcm)])
		t.Logf("%-20s SNR %.2f dB", tc.name, snr)
		if snr < tc.min {
			t.Errorf("%s: SNR %.2f dB, want > %.2f", tc.name, snr, tc.min)
		}
	}
}
