//go:build !tinygo && !js && !wasip1

package g711

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil/tools"
)

// Cross-checks against sox and ffmpeg (run as programs).
//
// Decoding: both tools expand every code of both laws to exactly our
// values, so any difference fails.
//
// Encoding: neither tool implements the G.711/G.191 rule, and both are
// characterised here exactly, so a change on either side fails the test:
//
//   - sox 14.4 first rounds the 16-bit sample to nearest at 14 bits (µ-law)
//     or 13 bits (A-law), adding half an LSB. For µ-law it then takes the
//     two's-complement magnitude of negative values, for A-law the one's
//     complement (as G.191 does). It differs from us on 510 µ-law and 1,020
//     A-law inputs.
//   - ffmpeg 5.1 truncates to 14 bits for both laws (s>>2), takes the
//     two's-complement magnitude, and picks the nearest output level
//     (decision thresholds at the rounded midpoints between adjacent levels)
//     instead of the G.711 decision values. It differs from us on 964 inputs
//     for each law.
//
// All differences are between neighbouring output levels (one quantisation
// step), except that sox codes -2 and -1 as µ-law's positive zero 0xFF
// where G.191 gives the negative zero 0x7F (both decode to 0).
//
// We follow the ITU-T reference instead (G.191 ulaw_compress and
// alaw_compress: truncation, one's complement), bit for bit; see
// g711_cref_test.go for spandsp, which matches our A-law on every input.

// allInputs returns every 16-bit sample, -32768..32767, as s16le bytes.
func allInputs() []byte {
	b := make([]byte, 2*65536)
	for i := 0; i < 65536; i++ {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(int16(i-32768)))
	}
	return b
}

func lawFuncs(l Law) (enc func(int16) byte, dec func(byte) int16, soxType, ffFormat string) {
	if l == ALaw {
		return EncodeALaw, DecodeALaw, "al", "alaw"
	}
	return EncodeMuLaw, DecodeMuLaw, "ul", "mulaw"
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestToolsDecodeAllCodes(t *testing.T) {
	codes := make([]byte, 256)
	for i := range codes {
		codes[i] = byte(i)
	}
	for _, l := range []Law{MuLaw, ALaw} {
		_, dec, soxType, ffFormat := lawFuncs(l)
		in := writeTemp(t, "codes."+soxType, codes)
		dir := t.TempDir()
		soxOut := filepath.Join(dir, "sox.raw")
		ffOut := filepath.Join(dir, "ffmpeg.raw")
		tools.Run(t, "sox", "-t", soxType, "-r", "8000", "-c", "1", in, "-t", "s16", "-e", "signed", "-L", soxOut)
		tools.Run(t, "ffmpeg", "-nostdin", "-loglevel", "error", "-f", ffFormat, "-ar", "8000", "-ac", "1", "-i", in, "-f", "s16le", ffOut)
		for tool, p := range map[string]string{"sox": soxOut, "ffmpeg": ffOut} {
			out := readFile(t, p)
			if len(out) != 512 {
				t.Fatalf("%v: %s wrote %d bytes, want 512", l, tool, len(out))
			}
			for c := 0; c < 256; c++ {
				want := int16(binary.LittleEndian.Uint16(out[2*c:]))
				if got := dec(byte(c)); got != want {
					t.Errorf("%v code %#02x: we decode %d, %s %d", l, c, got, tool, want)
				}
			}
		}
	}
}

// Models of the two tools' encoders, used to prove the characterisation
// above holds for every input.

// soxModel: round to nearest at 14 (µ) or 13 (A) bits, then µ-law with the
// two's-complement magnitude, A-law with the one's complement.
func soxModel(l Law, s int16) byte {
	if l == ALaw {
		return EncodeALaw(int16(min(int32(s)+4, 32767)))
	}
	r := min((int32(s)+2)>>2, 8191) // 14-bit, rounded
	mag, mask := r, byte(0xFF)
	if r < 0 {
		mag, mask = -r, 0x7F
	}
	// Recode the magnitude through our encoder: 4·mag is a non-negative
	// 16-bit input with the same 14-bit value.
	return (EncodeMuLaw(int16(min(mag, 8191)*4)) ^ 0xFF) ^ mask
}

// ffmpegModel: 14-bit truncation, two's-complement magnitude, nearest level.
func ffmpegModel(l Law, s int16) byte {
	_, dec, _, _ := lawFuncs(l)
	pos := byte(0xFF) // XOR turning level index i into the positive code
	if l == ALaw {
		pos = 0xD5
	}
	n := max(int32(s)>>2, -8191)
	mag := n
	if n < 0 {
		mag = -n
	}
	level := func(i int) int32 { return int32(dec(byte(i) ^ pos)) }
	i := 0
	for i < 127 && mag >= (level(i)+level(i+1)+4)>>3 {
		i++
	}
	if n < 0 {
		return byte(i) ^ pos ^ 0x80
	}
	return byte(i) ^ pos
}

// rank returns the position of v among the law's sorted output levels.
func rank(l Law, v int16) int {
	_, dec, _, _ := lawFuncs(l)
	r := 0
	seen := map[int16]bool{}
	for c := 0; c < 256; c++ {
		w := dec(byte(c))
		if w < v && !seen[w] {
			seen[w] = true
			r++
		}
	}
	return r
}

func TestToolsEncodeAllInputs(t *testing.T) {
	in := writeTemp(t, "all.raw", allInputs())
	type want struct{ total, negative int }
	expect := map[string]want{
		"sox µ-law":    {510, 256},
		"sox A-law":    {1020, 512},
		"ffmpeg µ-law": {964, 708},
		"ffmpeg A-law": {964, 712},
	}
	for _, l := range []Law{MuLaw, ALaw} {
		enc, dec, soxType, ffFormat := lawFuncs(l)
		dir := t.TempDir()
		soxOut := filepath.Join(dir, "sox."+soxType)
		ffOut := filepath.Join(dir, "ffmpeg."+soxType)
		// -D: no dither (sox would otherwise add dither when reducing
		// 16-bit input to the law's 13/14 bits).
		tools.Run(t, "sox", "-D", "-t", "s16", "-e", "signed", "-L", "-r", "8000", "-c", "1", in, "-t", soxType, soxOut)
		tools.Run(t, "ffmpeg", "-nostdin", "-loglevel", "error", "-f", "s16le", "-ar", "8000", "-ac", "1", "-i", in, "-f", ffFormat, ffOut)
		for _, tool := range []struct {
			name  string
			path  string
			model func(Law, int16) byte
		}{{"sox", soxOut, soxModel}, {"ffmpeg", ffOut, ffmpegModel}} {
			key := tool.name + " " + l.String()
			out := readFile(t, tool.path)
			if len(out) != 65536 {
				t.Fatalf("%s wrote %d bytes, want 65536", key, len(out))
			}
			var got want
			modelMiss := 0
			for i, c := range out {
				s := int16(i - 32768)
				if m := tool.model(l, s); c != m && modelMiss < 5 {
					modelMiss++
					t.Errorf("%s: input %d gives %#02x, its model %#02x", key, s, c, m)
				}
				ours := enc(s)
				if c == ours {
					continue
				}
				got.total++
				if s < 0 {
					got.negative++
				}
				if d := rank(l, dec(c)) - rank(l, dec(ours)); d != 1 && d != -1 && dec(c) != dec(ours) {
					t.Errorf("%s: input %d gives %#02x (%d), ours %#02x (%d): not neighbouring levels",
						key, s, c, dec(c), ours, dec(ours))
				}
			}
			t.Logf("%s: differs from G.711/G.191 on %d of 65536 inputs (%d negative)", key, got.total, got.negative)
			if got != expect[key] {
				t.Errorf("%s: differs on %d inputs (%d negative), want %d (%d)",
					key, got.total, got.negative, expect[key].total, expect[key].negative)
			}
		}
	}
}
