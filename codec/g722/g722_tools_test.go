//go:build !tinygo && !js && !wasip1

package g722

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
	"github.com/toyvoice/toyvoice/internal/testutil/tools"
)

// Cross-checks against ffmpeg's g722 encoder and decoder on the raw
// bitstream (`-f g722`, one octet per codeword, IH in the top two bits).
// ffmpeg's decoder option -bits_per_codeword 7 or 6 is G.722 mode 2 or 3:
// it reads the same octets and ignores the 1 or 2 auxiliary-data bits, so
// our 56 and 48 kbit/s decoders are checked against it directly.

func s16le(b []byte) []int16 {
	out := make([]int16, len(b)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return out
}

func writeS16(t *testing.T, path string, pcm []int16) {
	t.Helper()
	b := make([]byte, 0, 2*len(pcm))
	for _, v := range pcm {
		b = binary.LittleEndian.AppendUint16(b, uint16(v))
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func toolSignals() map[string][]int16 {
	speech := testutil.Speech(48000, 16000)
	loud := make([]int16, len(speech))
	for i, v := range speech {
		loud[i] = int16(sat16(int32(v) * 6))
	}
	noise := make([]int16, 16000)
	x := uint32(3)
	for i := range noise {
		x = x*1664525 + 1013904223
		noise[i] = int16(x >> 16)
	}
	return map[string][]int16{"golden": goldenInput(2000), "odd": goldenInput(2001), "speech": speech, "loud": loud, "noise": noise}
}

// TestFFmpegEncode: ffmpeg's encoder and ours produce the same bytes.
func TestFFmpegEncode(t *testing.T) {
	tools.Need(t, "ffmpeg")
	dir := t.TempDir()
	for name, pcm := range toolSignals() {
		in := filepath.Join(dir, name+".s16")
		writeS16(t, in, pcm)
		want := tools.Run(t, "ffmpeg", "-loglevel", "error", "-f", "s16le", "-ar", "16000", "-ac", "1", "-i", in,
			"-c:a", "g722", "-f", "g722", "-")
		e, _ := NewEncoder()
		got, _ := e.AppendEncode(nil, pcm)
		got = e.Flush(got)
		if !bytes.Equal(got, want) {
			n := 0
			for n < len(got) && n < len(want) && got[n] == want[n] {
				n++
			}
			t.Errorf("%s: differs from ffmpeg at byte %d (len %d vs %d)", name, n, len(got), len(want))
			continue
		}
		t.Logf("%s: %d bytes bit-exact with ffmpeg's encoder", name, len(got))
	}
}

// TestFFmpegDecode: ffmpeg decodes our streams (and random bytes) to the
// same samples as our decoder, in all three modes.
func TestFFmpegDecode(t *testing.T) {
	tools.Need(t, "ffmpeg")
	dir := t.TempDir()
	streams := map[string][]byte{}
	for name, pcm := range toolSignals() {
		e, _ := NewEncoder()
		streams[name], _ = e.AppendEncode(nil, pcm)
	}
	rnd := make([]byte, 8000)
	x := uint32(11)
	for i := range rnd {
		x = x*1664525 + 1013904223
		rnd[i] = byte(x >> 24)
	}
	streams["random"] = rnd
	for name, data := range streams {
		path := filepath.Join(dir, name+".g722")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, rate := range []int{Bitrate64k, Bitrate56k, Bitrate48k} {
			bits := strconv.Itoa(rate / 8000)
			want := s16le(tools.Run(t, "ffmpeg", "-loglevel", "error", "-bits_per_codeword", bits, "-f", "g722", "-i", path,
				"-f", "s16le", "-"))
			d, _ := NewDecoder(WithBitrate(rate))
			got, _ := d.AppendDecode(nil, data)
			if equalPCM(t, name+" rate="+strconv.Itoa(rate), got, want) {
				t.Logf("%s rate=%d: %d samples bit-exact with ffmpeg's decoder", name, rate, len(got))
			}
		}
	}
}
