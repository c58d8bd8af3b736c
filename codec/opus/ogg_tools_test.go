//go:build !tinygo && !js && !wasip1

package opus

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/toyvoice/toyvoice/internal/testutil"
	"github.com/toyvoice/toyvoice/internal/testutil/tools"
)

// writeWAV16 writes a 16-bit PCM WAV file.
func writeWAV16(tb testing.TB, path string, pcm []int16, rate, ch int) {
	tb.Helper()
	var b bytes.Buffer
	d := 2 * len(pcm)
	b.WriteString("RIFF")
	binary.Write(&b, binary.LittleEndian, uint32(36+d))
	b.WriteString("WAVEfmt ")
	for _, v := range []any{uint32(16), uint16(1), uint16(ch), uint32(rate), uint32(2 * ch * rate), uint16(2 * ch), uint16(16)} {
		binary.Write(&b, binary.LittleEndian, v)
	}
	b.WriteString("data")
	binary.Write(&b, binary.LittleEndian, uint32(d))
	binary.Write(&b, binary.LittleEndian, pcm)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
}

func readS16LE(tb testing.TB, path string) []int16 {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]int16, len(b)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return out
}

// TestOggFilesPlayInTools writes Ogg Opus files of the demo message and of
// synthetic speech and checks them with opus-tools and ffmpeg: opusinfo
// reports our pre-skip and the exact playback length, ffprobe the exact
// duration, and opusdec and ffmpeg decode them to exactly the input's
// length with the same quality as our own reader.
func TestOggFilesPlayInTools(t *testing.T) {
	tools.Need(t, "opusinfo")
	tools.Need(t, "opusdec")
	tools.Need(t, "ffprobe")
	tools.Need(t, "ffmpeg")
	msg, _, _ := readWAV16(t, messagePath)
	dir := t.TempDir()
	for _, c := range []struct {
		name     string
		pcm      []int16
		rate, ch int
		opts     []Option
	}{
		{"message_24k", msg, 16000, 1, []Option{WithBitrate(24000)}},
		{"message_16k_60ms", msg, 16000, 1, []Option{WithBitrate(16000), WithFrameDuration(60 * time.Millisecond)}},
		{"speech48_stereo", stereoOfMono(testutil.Speech(48000*3/2+17, 48000)), 48000, 2, []Option{WithBitrate(64000), WithApplication(Audio)}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, err := NewEncoder(c.rate, c.ch, c.opts...)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, c.name+".opus")
			if err := os.WriteFile(path, writeOgg(t, e, c.pcm, 4096), 0o644); err != nil {
				t.Fatal(err)
			}
			n := len(c.pcm) / c.ch
			wantSec := float64(n) / float64(c.rate)

			info := string(tools.Run(t, "opusinfo", path))
			preskip := strconv.Itoa(e.Lookahead() * 48000 / c.rate)
			if !strings.Contains(info, "Pre-skip: "+preskip) {
				t.Errorf("opusinfo does not report pre-skip %s:\n%s", preskip, info)
			}
			if m := regexp.MustCompile(`Playback length: (\d+)m:([\d.]+)s`).FindStringSubmatch(info); m == nil {
				t.Errorf("opusinfo: no playback length:\n%s", info)
			} else {
				min, _ := strconv.Atoi(m[1])
				sec, _ := strconv.ParseFloat(m[2], 64)
				if d := float64(min)*60 + sec - wantSec; d > 0.001 || d < -0.001 {
					t.Errorf("opusinfo playback length %sm:%ss, want %.3f s", m[1], m[2], wantSec)
				}
			}
			if strings.Contains(info, "WARNING") || strings.Contains(info, "ERROR") {
				t.Errorf("opusinfo complains:\n%s", info)
			}

			// ffprobe (ffmpeg 5.1) reports the last granule position
			// over 48 kHz, pre-skip included, for every Ogg Opus file
			// (opusenc's too: 1.0065 s for 1 s of audio).
			dur := strings.TrimSpace(string(tools.Run(t, "ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path)))
			wantProbe := wantSec + float64(e.Lookahead())/float64(c.rate)
			if got, err := strconv.ParseFloat(dur, 64); err != nil || got-wantProbe > 0.0005 || got-wantProbe < -0.0005 {
				t.Errorf("ffprobe duration %q, want %.6f s (%.6f s plus the pre-skip)", dur, wantProbe, wantSec)
			}

			// Lengths at the file's own rate: ours, opusdec's, ffmpeg's.
			ours, err := NewOggReader(bytes.NewReader(mustRead(t, path)), c.rate)
			if err != nil {
				t.Fatal(err)
			}
			own, err := ours.ReadAll(nil)
			if err != nil {
				t.Fatal(err)
			}
			wavOut := filepath.Join(dir, c.name+".opusdec.wav")
			tools.Run(t, "opusdec", "--quiet", "--no-dither", "--rate", strconv.Itoa(c.rate), path, wavOut)
			od, _, odCh := readWAV16(t, wavOut)
			raw := filepath.Join(dir, c.name+".ffmpeg.raw")
			tools.Run(t, "ffmpeg", "-v", "error", "-y", "-i", path, "-f", "s16le", "-ar", strconv.Itoa(c.rate), "-ac", strconv.Itoa(c.ch), raw)
			ff := readS16LE(t, raw)
			if len(own) != len(c.pcm) || odCh != c.ch || len(od) != len(c.pcm) {
				t.Errorf("ours %d samples, opusdec %d samples (%d channels); want %d", len(own), len(od), odCh, len(c.pcm))
			}
			if len(ff) != len(c.pcm) {
				t.Errorf("ffmpeg: %d samples, want %d", len(ff), len(c.pcm))
			}
			// ffmpeg has its own Opus decoder, which decodes SILK at the
			// SILK rate and resamples with swresample, so its samples
			// differ from libopus's; compare its quality instead.
			sOwn, sFF := snr(c.pcm, own, 0, c.ch), snr(c.pcm, ff, 0, c.ch)
			if sFF < sOwn-0.5 {
				t.Errorf("ffmpeg's decoding scores %.2f dB, ours %.2f dB", sFF, sOwn)
			}
			// Samples at 48 kHz, where opusdec does not resample:
			// libopus 1.3.1, float output rounded by opusdec.
			r48, _ := NewOggReader(bytes.NewReader(mustRead(t, path)), 48000)
			own48, err := r48.ReadAll(nil)
			if err != nil {
				t.Fatal(err)
			}
			wav48 := filepath.Join(dir, c.name+".opusdec48.wav")
			tools.Run(t, "opusdec", "--quiet", "--no-dither", "--rate", "48000", path, wav48)
			od48, _, _ := readWAV16(t, wav48)
			mdOd, _ := maxDiff(own48, od48)
			sOd := snr(own48, od48, 0, 1)
			t.Logf("%s: SNR vs input: ours %.2f dB (segSNR %.2f), ffmpeg %.2f dB; at 48 kHz vs opusdec: max diff %d, %.1f dB",
				c.name, sOwn, segSNR(c.pcm, own, 0, c.ch, c.rate/50), sFF, mdOd, sOd)
			if len(od48) != len(own48) || mdOd > 1 {
				t.Errorf("opusdec decodes our file differently: %d vs %d samples, max diff %d", len(od48), len(own48), mdOd)
			}
		})
	}
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestReadOggFromTools reads Ogg Opus files written by opusenc and by
// ffmpeg (libopus) and compares our decoding with opusdec's: same length
// (pre-skip and end trimming honoured) and the same samples within the
// measured bound.
func TestReadOggFromTools(t *testing.T) {
	tools.Need(t, "opusenc")
	tools.Need(t, "opusdec")
	tools.Need(t, "ffmpeg")
	msg, _, _ := readWAV16(t, messagePath)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.wav")
	writeWAV16(t, in, msg, 16000, 1)
	in2 := filepath.Join(dir, "in2.wav")
	writeWAV16(t, in2, stereoOfMono(testutil.Speech(48000+555, 48000)), 48000, 2)
	for _, c := range []struct {
		name string
		tool string
		args []string
		rate int
	}{
		{"opusenc_24k", "opusenc", []string{"--quiet", "--bitrate", "24", in}, 48000},
		{"opusenc_16k_60ms", "opusenc", []string{"--quiet", "--bitrate", "16", "--framesize", "60", "--comp", "5", in}, 48000},
		{"opusenc_stereo_64k", "opusenc", []string{"--quiet", "--bitrate", "64", in2}, 48000},
		{"ffmpeg_libopus_24k", "ffmpeg", []string{"-v", "error", "-y", "-i", in, "-c:a", "libopus", "-b:a", "24k", "-application", "voip"}, 48000},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name+".opus")
			tools.Run(t, c.tool, append(c.args, path)...)
			r, err := NewOggReader(bytes.NewReader(mustRead(t, path)), c.rate)
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.ReadAll(nil)
			if err != nil {
				t.Fatal(err)
			}
			wavOut := filepath.Join(dir, c.name+".wav")
			tools.Run(t, "opusdec", "--quiet", "--no-dither", "--rate", strconv.Itoa(c.rate), path, wavOut)
			want, _, ch := readWAV16(t, wavOut)
			if len(got) != len(want) || r.Channels() != ch {
				t.Fatalf("read %d samples (%d ch), opusdec %d (%d ch)", len(got), r.Channels(), len(want), ch)
			}
			md, at := maxDiff(want, got)
			differ := 0
			for i := range want {
				if want[i] != got[i] {
					differ++
				}
			}
			t.Logf("%s: %d samples at %d Hz, pre-skip %d, max diff vs opusdec %d (at %d), %d samples differ, SNR vs opusdec %.1f dB",
				c.name, len(got), c.rate, r.Head().PreSkip, md, at, differ, snr(want, got, 0, 1))
			// opusdec converts libopus's float output to 16 bits
			// itself, without opus_decode's soft clipping: 1 LSB of
			// rounding, more only where the float output exceeds full
			// scale.
			if md > 1 {
				t.Errorf("decoding differs from opusdec beyond rounding")
			}
		})
	}
}
