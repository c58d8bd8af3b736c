//go:build !tinygo && !js && !wasip1

package main

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil/tools"
)

// TestConvertDecodesInSoxAndFFmpeg checks the promise: files that
// `toyvoice convert` writes decode in sox and ffmpeg to the samples our own
// reader returns — exactly for sox (G.711 and IMA ADPCM with the 1992
// shift-and-add reconstruction), and for ffmpeg exactly for G.711 and
// within 35 dB SNR for IMA ADPCM (40.4 dB measured on the
// bundled message) (ffmpeg reconstructs with a multiply,
// (2n+1)·step/8, which differs from the shift-and-add in the last bits).
func TestConvertDecodesInSoxAndFFmpeg(t *testing.T) {
	tools.Need(t, "sox")
	tools.Need(t, "ffmpeg")
	dir := t.TempDir()
	in := filepath.Join(dir, "message.wav")
	if err := os.WriteFile(in, bundledMessage, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, codec := range []string{"pcm16", "ulaw", "alaw", "ima-adpcm"} {
		t.Run(codec, func(t *testing.T) {
			out := filepath.Join(dir, codec+".wav")
			var stderr bytes.Buffer
			if st := run(&env{nil, io.Discard, &stderr}, []string{"convert", in, out, "--codec", codec}); st != 0 {
				t.Fatalf("convert exit %d: %s", st, stderr.String())
			}
			a, err := loadAudio(out)
			if err != nil {
				t.Fatal(err)
			}
			soxPCM := s16(tools.Run(t, "sox", out, "-t", "s16", "-e", "signed", "-L", "-"))
			ffPCM := s16(tools.Run(t, "ffmpeg", "-v", "error", "-i", out, "-f", "s16le", "-"))
			// sox ignores the fact chunk and decodes the whole last
			// ADPCM block; compare the frames the file declares.
			if len(soxPCM) < len(a.pcm) || len(ffPCM) < len(a.pcm) {
				t.Fatalf("sox gave %d samples, ffmpeg %d, we %d", len(soxPCM), len(ffPCM), len(a.pcm))
			}
			if i := firstDiff(a.pcm, soxPCM[:len(a.pcm)]); i >= 0 {
				t.Errorf("sox differs at sample %d: sox %d, ours %d", i, soxPCM[i], a.pcm[i])
			}
			if codec == "ima-adpcm" {
				if snr := snrDB(a.pcm, ffPCM[:len(a.pcm)]); snr < 35 {
					t.Errorf("ffmpeg decode SNR vs ours %.1f dB, want >= 35", snr)
				} else {
					t.Logf("ffmpeg vs ours: %.1f dB SNR", snr)
				}
			} else if i := firstDiff(a.pcm, ffPCM[:len(a.pcm)]); i >= 0 {
				t.Errorf("ffmpeg differs at sample %d: ffmpeg %d, ours %d", i, ffPCM[i], a.pcm[i])
			}
			if codec != "ima-adpcm" && len(ffPCM) != len(a.pcm) {
				t.Errorf("ffmpeg decoded %d samples, want %d", len(ffPCM), len(a.pcm))
			}
			d := tools.Run(t, "soxi", "-s", out)
			if n, _ := strconv.Atoi(string(bytes.TrimSpace(d))); codec != "ima-adpcm" && n != len(a.pcm) {
				t.Errorf("soxi -s = %d, want %d", n, len(a.pcm))
			}
		})
	}
}

func s16(b []byte) []int16 {
	out := make([]int16, len(b)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return out
}

func firstDiff(a, b []int16) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}
