//go:build !tinygo && !js && !wasip1

package wav

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil/tools"
)

func s16le(b []byte) []int16 {
	out := make([]int16, len(b)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(b[2*i:]))
	}
	return out
}

func s32le(b []byte) []int32 {
	out := make([]int32, len(b)/4)
	for i := range out {
		out[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

func f64le(b []byte) []float64 {
	out := make([]float64, len(b)/8)
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return out
}

func readFile16(t *testing.T, path string) ([]int16, *Reader) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, r, err := readAll16(t, data, 4096)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return got, r
}

// soxS16 decodes a file with sox, without dither, to 16-bit samples.
func soxS16(t *testing.T, path string, extra ...string) []int16 {
	args := append(append([]string{"-D"}, extra...), path, "-t", "raw", "-e", "signed-integer", "-b", "16", "-L", "-")
	return s16le(tools.Run(t, "sox", args...))
}

func soxiSamples(t *testing.T, path string) int64 {
	out := strings.TrimSpace(string(tools.Run(t, "soxi", "-s", path)))
	n, err := strconv.ParseInt(out, 10, 64)
	if err != nil {
		t.Fatalf("soxi -s: %q", out)
	}
	return n
}

// TestSoxFiles reads files sox writes in every encoding and compares the
// samples with sox's own decoding (bit-exact, including the 24/32-bit and
// float rounding and IMA ADPCM).
func TestSoxFiles(t *testing.T) {
	tools.Need(t, "sox")
	dir := t.TempDir()
	cases := []struct {
		name string
		args []string
		tag  uint16
		ext  bool
	}{
		{"u8", []string{"-c", "2", "-b", "8"}, FormatPCM, false},
		{"s16", []string{"-c", "2", "-b", "16"}, FormatPCM, false},
		{"s24", []string{"-c", "2", "-b", "24"}, FormatPCM, true}, // sox: extensible above 16 bits
		{"s32", []string{"-c", "1", "-b", "32"}, FormatPCM, true},
		{"s24-3ch", []string{"-c", "3", "-b", "24"}, FormatPCM, true},
		{"f32", []string{"-c", "2", "-e", "floating-point", "-b", "32"}, FormatFloat, false},
		{"f64", []string{"-c", "1", "-e", "floating-point", "-b", "64"}, FormatFloat, false},
		{"ulaw", []string{"-c", "2", "-e", "u-law"}, FormatMuLaw, false},
		{"alaw", []string{"-c", "1", "-e", "a-law"}, FormatALaw, false},
		{"ima-mono", []string{"-c", "1", "-e", "ima-adpcm"}, FormatIMAADPCM, false},
		{"ima-stereo", []string{"-c", "2", "-e", "ima-adpcm"}, FormatIMAADPCM, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name+".wav")
			args := append([]string{"-n", "-r", "16000"}, c.args...)
			args = append(args, path, "synth", "0.5", "sine", "440", "sine", "660", "sine", "1000", "gain", "-0.5")
			tools.Run(t, "sox", args...)
			got, r := readFile16(t, path)
			f := r.Format()
			if f.Tag != c.tag || f.Extensible != c.ext || f.SampleRate != 16000 {
				t.Errorf("format %+v", f)
			}
			want := soxS16(t, path)
			if soxi := soxiSamples(t, path); c.tag == FormatIMAADPCM {
				// sox ignores the fact chunk and decodes the padding of
				// the last block; we stop at the fact count, 0.5 s.
				if r.Frames() != 8000 || soxi < 8000 || len(want) < len(got) {
					t.Errorf("Frames() = %d, soxi says %d, want 8000", r.Frames(), soxi)
				}
				want = want[:len(got)]
			} else if r.Frames() != soxi {
				t.Errorf("Frames() = %d, soxi says %d", r.Frames(), soxi)
			}
			if !equal16(got, want) {
				t.Errorf("ReadInt16 vs sox: %s", diff16(got, want))
			}
			if c.tag == FormatFloat || c.args[len(c.args)-1] == "24" || c.args[len(c.args)-1] == "32" {
				data, _ := os.ReadFile(path)
				gotF, err := readAllF32(t, data, 1000)
				if err != nil {
					t.Fatal(err)
				}
				// sox's own f32 writer is coarse (it rounds to about 25
				// bits); its f64 output is exact, so compare with that.
				wantF := f64le(tools.Run(t, "sox", "-D", path, "-t", "f64", "-"))
				if len(gotF) != len(wantF) {
					t.Fatalf("ReadFloat32: %d samples, sox %d", len(gotF), len(wantF))
				}
				for i := range gotF {
					if math.Abs(float64(gotF[i])-wantF[i]) > math.Abs(wantF[i])*0x1p-24+0x1p-31 { // float32 rounding; sox holds int32
						t.Fatalf("ReadFloat32 sample %d: %v, sox %v", i, gotF[i], wantF[i])
					}
				}
			}
		})
	}
}

// TestFFmpegFiles reads files ffmpeg writes (WAVE_FORMAT_EXTENSIBLE for
// more than two channels) and compares with ffmpeg's decoding to 32 bits.
func TestFFmpegFiles(t *testing.T) {
	tools.Need(t, "ffmpeg")
	dir := t.TempDir()
	cases := []struct {
		codec string
		ch    int
		tag   uint16
		ext   bool
	}{
		{"pcm_u8", 1, FormatPCM, false},
		{"pcm_s16le", 2, FormatPCM, false},
		{"pcm_s16le", 4, FormatPCM, true},
		{"pcm_s24le", 3, FormatPCM, true},
		{"pcm_s24le", 1, FormatPCM, true}, // ffmpeg: extensible above 16 bits
		{"pcm_s32le", 6, FormatPCM, true},
		{"pcm_f32le", 2, FormatFloat, true},
		{"pcm_f32le", 3, FormatFloat, true},
		{"pcm_f64le", 1, FormatFloat, true},
		{"pcm_mulaw", 2, FormatMuLaw, false},
		{"pcm_alaw", 1, FormatALaw, false},
		{"adpcm_ima_wav", 1, FormatIMAADPCM, false},
		{"adpcm_ima_wav", 2, FormatIMAADPCM, false},
	}
	for _, c := range cases {
		name := c.codec + "-" + strconv.Itoa(c.ch) + "ch"
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".wav")
			tools.Run(t, "ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
				"sine=frequency=440:sample_rate=16000:duration=0.5", "-af", "volume=0.9",
				"-ac", strconv.Itoa(c.ch), "-c:a", c.codec, "-rf64", "never", path)
			got, r := readFile16(t, path)
			f := r.Format()
			if f.Tag != c.tag || f.Extensible != c.ext || f.Channels != c.ch || f.SampleRate != 16000 {
				t.Errorf("format %+v", f)
			}
			if c.ext && f.ChannelMask == 0 {
				t.Errorf("no channel mask read from extensible file")
			}
			switch c.tag {
			case FormatIMAADPCM:
				// ffmpeg decodes IMA with the multiply form; sox, like
				// us, with the 1992 shift-and-add: bit-exact with sox,
				// close to ffmpeg.
				want := soxS16(t, path)
				if !equal16(got, want) {
					t.Errorf("IMA vs sox: %s", diff16(got, want))
				}
				ff := s16le(tools.Run(t, "ffmpeg", "-v", "error", "-i", path, "-f", "s16le", "-"))
				if len(ff) < len(got) {
					t.Fatalf("ffmpeg decoded %d samples, we %d", len(ff), len(got))
				}
				if snr := snrDB(ff[:len(got)], got); snr < 30 {
					t.Errorf("IMA vs ffmpeg: SNR %.1f dB", snr)
				}
			case FormatMuLaw, FormatALaw:
				want := s16le(tools.Run(t, "ffmpeg", "-v", "error", "-i", path, "-f", "s16le", "-"))
				if !equal16(got, want) {
					t.Errorf("vs ffmpeg: %s", diff16(got, want))
				}
			default:
				w32 := s32le(tools.Run(t, "ffmpeg", "-v", "error", "-i", path, "-f", "s32le", "-c:a", "pcm_s32le", "-"))
				want := make([]int16, len(w32))
				for i, v := range w32 {
					want[i] = narrow32(v)
				}
				if !equal16(got, want) {
					t.Errorf("vs ffmpeg: %s", diff16(got, want))
				}
				if r.Frames()*int64(c.ch) != int64(len(want)) {
					t.Errorf("Frames() = %d, ffmpeg decoded %d frames", r.Frames(), len(want)/c.ch)
				}
			}
		})
	}
}

func snrDB(ref, x []int16) float64 {
	var s, n float64
	for i := range ref {
		d := float64(ref[i]) - float64(x[i])
		s += float64(ref[i]) * float64(ref[i])
		n += d * d
	}
	if n == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(s/n)
}

// TestOurFilesInTools writes every format, to a seekable file and as a
// stream (unknown-length header), and checks that sox and ffmpeg read
// the right format, length and samples.
func TestOurFilesInTools(t *testing.T) {
	tools.Need(t, "sox")
	tools.Need(t, "ffprobe")
	dir := t.TempDir()
	short := map[string]bool{"pcm16": true, "float32": true, "ulaw": true, "ima-stereo": true, "ext-pcm24-3ch": true}
	for _, tc := range testFormats {
		if testing.Short() && !short[tc.name] {
			continue // -short (the qemu matrix): one format per family
		}
		for _, seekable := range []bool{true, false} {
			name := tc.name + "-stream"
			if seekable {
				name = tc.name + "-file"
			}
			t.Run(name, func(t *testing.T) {
				const frames = 5001 // 5001 is not a whole number of IMA blocks
				pcm := signal(frames, tc.f.Channels)
				path := filepath.Join(dir, name+".wav")
				if seekable {
					fh, err := os.Create(path)
					if err != nil {
						t.Fatal(err)
					}
					w, err := NewWriter(fh, tc.f)
					if err != nil {
						t.Fatal(err)
					}
					if err := w.WriteInt16(pcm); err != nil {
						t.Fatal(err)
					}
					if err := w.Close(); err != nil {
						t.Fatal(err)
					}
					fh.Close()
				} else if err := os.WriteFile(path, encodeFile(t, tc.f, pcm, false), 0o644); err != nil {
					t.Fatal(err)
				}
				ours, r := readFile16(t, path)
				if len(ours) < frames*tc.f.Channels {
					t.Fatalf("our reader: %d samples", len(ours))
				}
				ours = ours[:frames*tc.f.Channels] // streamed IMA includes the padded block
				wf := r.Format()

				// sox: sample count and samples (bit-exact for every
				// format, IMA included). sox does not support valid bits
				// below the container size ("padded samples").
				if wf.ValidBits != 0 && wf.ValidBits != wf.BitsPerSample {
					t.Log("sox: skipped, padded samples unsupported")
				} else {
					checkSox(t, path, seekable, wf, frames, ours)
				}
				if want := expect16(t, wf, pcm, frames); !equal16(ours, want) {
					t.Errorf("our reader vs written: %s", diff16(ours, want))
				}
				probeFFmpeg(t, path, seekable, wf, frames, ours)
			})
		}
	}
}

// checkSox compares sox's decoding of one of our files with our reader
// (bit-exact for every format, IMA ADPCM included). sox ignores the fact
// chunk, so for IMA ADPCM it also decodes the padding of the last block.
func checkSox(t *testing.T, path string, seekable bool, wf Format, frames int, ours []int16) {
	t.Helper()
	if seekable && wf.Tag != FormatIMAADPCM {
		if n := soxiSamples(t, path); n != int64(frames) {
			t.Errorf("soxi -s = %d, want %d", n, frames)
		}
	}
	sx := soxS16(t, path)
	if len(sx) < len(ours) {
		t.Fatalf("sox decoded %d samples, want %d", len(sx), len(ours))
	}
	if seekable && wf.Tag != FormatIMAADPCM && len(sx) != len(ours) {
		t.Errorf("sox decoded %d samples, want %d", len(sx), len(ours))
	}
	if !equal16(sx[:len(ours)], ours) {
		t.Errorf("sox vs our reader: %s", diff16(sx[:len(ours)], ours))
	}
}

// probeFFmpeg checks ffprobe's codec, rate, channels and duration and
// ffmpeg's decoding of one of our files.
func probeFFmpeg(t *testing.T, path string, seekable bool, wf Format, frames int, ours []int16) {
	t.Helper()
	ffCodec := map[uint16]string{FormatMuLaw: "pcm_mulaw", FormatALaw: "pcm_alaw", FormatIMAADPCM: "adpcm_ima_wav"}
	probe := string(tools.Run(t, "ffprobe", "-v", "error", "-show_entries",
		"stream=codec_name,sample_rate,channels,duration_ts", "-of", "default=nw=1", path))
	wantCodec := ffCodec[wf.Tag]
	if wantCodec == "" {
		kind := "s"
		if wf.Tag == FormatFloat {
			kind = "f"
		} else if wf.BitsPerSample == 8 {
			kind = "u"
		}
		wantCodec = "pcm_" + kind + strconv.Itoa(wf.BitsPerSample)
		if wf.BitsPerSample > 8 {
			wantCodec += "le"
		}
	}
	for _, kv := range []string{"codec_name=" + wantCodec, "sample_rate=" + strconv.Itoa(wf.SampleRate), "channels=" + strconv.Itoa(wf.Channels)} {
		if !strings.Contains(probe, kv+"\n") {
			t.Errorf("ffprobe: want %s in\n%s", kv, probe)
		}
	}
	if seekable && !strings.Contains(probe, "duration_ts="+strconv.Itoa(frames)+"\n") {
		t.Errorf("ffprobe: want duration_ts=%d in\n%s", frames, probe)
	}
	w32 := s32le(tools.Run(t, "ffmpeg", "-v", "error", "-i", path, "-f", "s32le", "-c:a", "pcm_s32le", "-"))
	if len(w32) < len(ours) || seekable && wf.Tag != FormatIMAADPCM && len(w32) != len(ours) {
		t.Fatalf("ffmpeg decoded %d samples, want %d", len(w32), len(ours))
	}
	ff := make([]int16, len(ours))
	for i := range ff {
		ff[i] = narrow32(w32[i])
	}
	if wf.Tag == FormatIMAADPCM {
		if snr := snrDB(ours, ff); snr < 30 {
			t.Errorf("IMA: ffmpeg vs our decoding SNR %.1f dB", snr)
		}
	} else if !equal16(ff, ours) {
		t.Errorf("ffmpeg vs our reader: %s", diff16(ff, ours))
	}
}

// TestStreamThroughPipe feeds a streamed file to sox on standard input,
// and reads sox's streamed output (written to a pipe) with our Reader.
func TestStreamThroughPipe(t *testing.T) {
	sox := tools.Need(t, "sox")
	f := Format{Tag: FormatPCM, Channels: 1, SampleRate: 16000, BitsPerSample: 16}
	pcm := signal(3000, 1)
	data := encodeFile(t, f, pcm, false)
	cmd := exec.Command(sox, "-t", "wav", "-", "-t", "wav", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sox: %v", err)
	}
	r, err := NewReader(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	got := make([]int16, len(pcm)+10)
	n, _ := r.ReadInt16(got)
	if !equal16(got[:n], pcm) {
		t.Errorf("through sox pipe: %s", diff16(got[:n], pcm))
	}
}
