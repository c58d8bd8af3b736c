//go:build !tinygo && !js && !wasip1

package ogg

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
	"github.com/toyvoice/toyvoice/internal/testutil/tools"
)

// Cross-checks with opusenc/opusdec/opusinfo (opus-tools) and ffmpeg:
// files they write read back with the packets and duration they report;
// files we write by remuxing those packets pass opusinfo, decode in
// opusdec to exactly the original's samples, and have the right
// duration in ffprobe.

// speechWAV writes a 16-bit mono WAV of test speech.
func speechWAV(t *testing.T, path string, n, rate int) {
	t.Helper()
	pcm := testutil.Speech(n, rate)
	var b bytes.Buffer
	le := binary.LittleEndian
	b.WriteString("RIFF")
	b.Write(le.AppendUint32(nil, uint32(36+2*n)))
	b.WriteString("WAVEfmt ")
	b.Write(le.AppendUint32(nil, 16))
	b.Write(le.AppendUint16(nil, 1))
	b.Write(le.AppendUint16(nil, 1))
	b.Write(le.AppendUint32(nil, uint32(rate)))
	b.Write(le.AppendUint32(nil, uint32(2*rate)))
	b.Write(le.AppendUint16(nil, 2))
	b.Write(le.AppendUint16(nil, 16))
	b.WriteString("data")
	b.Write(le.AppendUint32(nil, uint32(2*n)))
	for _, v := range pcm {
		b.Write(le.AppendUint16(nil, uint16(v)))
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

type opusFile struct {
	name string
	path string
}

// makeOpusFiles encodes test speech with opusenc and ffmpeg in a few
// configurations (frame sizes, mono/stereo, lengths that need trimming).
func makeOpusFiles(t *testing.T, dir string) []opusFile {
	t.Helper()
	tools.Need(t, "opusenc")
	tools.Need(t, "ffmpeg")
	wav := filepath.Join(dir, "in.wav")
	speechWAV(t, wav, 16000*3+123, 16000)
	var files []opusFile
	for _, fr := range []string{"20", "60", "2.5"} {
		p := filepath.Join(dir, "opusenc"+fr+".opus")
		tools.Run(t, "opusenc", "--quiet", "--bitrate", "24", "--framesize", fr, wav, p)
		files = append(files, opusFile{"opusenc framesize " + fr, p})
	}
	p := filepath.Join(dir, "opusenc-comments.opus")
	tools.Run(t, "opusenc", "--quiet", "--bitrate", "16", "--title", "Hallo", "--artist", "Oma", "--comment", "X=1", wav, p)
	files = append(files, opusFile{"opusenc comments", p})
	for _, ac := range []string{"1", "2"} {
		p := filepath.Join(dir, "ffmpeg"+ac+".opus")
		tools.Run(t, "ffmpeg", "-loglevel", "error", "-y", "-i", wav, "-ac", ac, "-c:a", "libopus", "-b:a", "32k", p)
		files = append(files, opusFile{"ffmpeg libopus ac=" + ac, p})
	}
	return files
}

// ffprobeDuration returns the format duration ffprobe reports, seconds.
func ffprobeDuration(t *testing.T, path string) float64 {
	t.Helper()
	out := tools.Run(t, "ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", path)
	d, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil {
		t.Fatalf("ffprobe duration %q: %v", out, err)
	}
	return d
}

// ffprobeSizes returns the sizes of the audio packets, as ffprobe sees them.
func ffprobeSizes(t *testing.T, path string) []int {
	t.Helper()
	out := tools.Run(t, "ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "packet=size", "-of", "csv=p=0", path)
	var sizes []int
	for _, f := range strings.Fields(string(out)) {
		n, err := strconv.Atoi(strings.Trim(f, ","))
		if err != nil {
			t.Fatalf("ffprobe size %q", f)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

type readBack struct {
	head    OpusHead
	tags    *OpusTags
	packets [][]byte
	infos   []OpusPacket
	dur     int64
}

func readOpusFile(t *testing.T, path string) readBack {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	or, err := NewOpusReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	rb := readBack{head: *or.Head(), tags: or.Tags()}
	for {
		p, info, err := or.NextPacket(nil)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: packet %d: %v", path, len(rb.packets), err)
		}
		rb.packets = append(rb.packets, p)
		rb.infos = append(rb.infos, info)
	}
	rb.dur = or.Duration()
	return rb
}

func TestReadOpusFiles(t *testing.T) {
	tools.Need(t, "ffprobe")
	dir := t.TempDir()
	for _, f := range makeOpusFiles(t, dir) {
		rb := readOpusFile(t, f.path)
		sizes := ffprobeSizes(t, f.path)
		if len(sizes) != len(rb.packets) {
			t.Errorf("%s: %d packets, ffprobe %d", f.name, len(rb.packets), len(sizes))
		} else {
			for i := range sizes {
				if sizes[i] != len(rb.packets[i]) {
					t.Errorf("%s: packet %d: %d bytes, ffprobe %d", f.name, i, len(rb.packets[i]), sizes[i])
					break
				}
			}
		}
		// ffprobe (ffmpeg 5.1) reports the last granule position over
		// 48 kHz, pre-skip included; opusinfo reports the playback
		// length, last granule minus pre-skip, as Duration does.
		want := ffprobeDuration(t, f.path)
		got := float64(rb.dur) / 48000
		if ff := float64(rb.dur+int64(rb.head.PreSkip)) / 48000; math.Abs(ff-want) > 0.0005 {
			t.Errorf("%s: duration+pre-skip %.4f s, ffprobe %.4f s", f.name, ff, want)
		}
		if oi := opusinfoLength(t, f.path); math.Abs(got-oi) > 0.0011 {
			t.Errorf("%s: duration %.4f s, opusinfo %.3f s", f.name, got, oi)
		}
		if rb.head.InputSampleRate != 16000 || rb.head.Version != 1 || rb.head.PreSkip == 0 {
			t.Errorf("%s: head %+v", f.name, rb.head)
		}
		last := rb.infos[len(rb.infos)-1]
		t.Logf("%s: ch=%d preskip=%d packets=%d duration %.4f s (ffprobe %.4f), last packet trim %d, vendor %q, comments %q",
			f.name, rb.head.Channels, rb.head.PreSkip, len(rb.packets), got, want, last.Trim, rb.tags.Vendor, rb.tags.Comments)
	}
}

// TestRemuxOpusFiles: rewrite each file's packets with OpusWriter (same
// head, tags and final length); opusinfo must accept it, opusdec must
// decode it to exactly the original's samples and ffprobe must report
// the same duration.
func TestRemuxOpusFiles(t *testing.T) {
	tools.Need(t, "opusdec")
	tools.Need(t, "opusinfo")
	tools.Need(t, "ffprobe")
	dir := t.TempDir()
	for i, f := range makeOpusFiles(t, dir) {
		rb := readOpusFile(t, f.path)
		out := filepath.Join(dir, "remux"+strconv.Itoa(i)+".opus")
		var buf bytes.Buffer
		ow, err := NewOpusWriter(&buf, 0x70790000+uint32(i), &rb.head, rb.tags)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range rb.packets {
			if err := ow.WritePacket(p); err != nil {
				t.Fatal(err)
			}
		}
		if err := ow.Close(rb.dur); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		info := string(tools.Run(t, "opusinfo", out))
		if strings.Contains(strings.ToLower(info), "warning") || strings.Contains(strings.ToLower(info), "error") {
			t.Errorf("%s: opusinfo complains:\n%s", f.name, info)
		}
		orig := tools.Run(t, "opusdec", "--quiet", "--rate", "48000", f.path, "-")
		ours := tools.Run(t, "opusdec", "--quiet", "--rate", "48000", out, "-")
		if !bytes.Equal(orig, ours) {
			t.Errorf("%s: opusdec output differs after remux (%d vs %d bytes)", f.name, len(ours), len(orig))
		}
		want := ffprobeDuration(t, f.path)
		got := ffprobeDuration(t, out)
		if math.Abs(got-want) > 0.0005 {
			t.Errorf("%s: remuxed duration %.4f s in ffprobe, original %.4f s", f.name, got, want)
		}
		ff := tools.Run(t, "ffmpeg", "-loglevel", "error", "-i", out, "-f", "s16le", "-")
		ffo := tools.Run(t, "ffmpeg", "-loglevel", "error", "-i", f.path, "-f", "s16le", "-")
		if !bytes.Equal(ff, ffo) {
			t.Errorf("%s: ffmpeg decodes the remux differently (%d vs %d bytes)", f.name, len(ff), len(ffo))
		}
		rb2 := readOpusFile(t, out)
		if rb2.dur != rb.dur || len(rb2.packets) != len(rb.packets) {
			t.Errorf("%s: remux reads back %d packets, duration %d; want %d, %d", f.name, len(rb2.packets), rb2.dur, len(rb.packets), rb.dur)
		}
		t.Logf("%s: remux %d bytes (original %d): opusinfo clean, opusdec %d bytes identical, ffprobe %.4f s", f.name, buf.Len(), fileSize(f.path), len(ours), got)
	}
}

// opusinfoLength parses opusinfo's "Playback length: 0m:03.007s".
func opusinfoLength(t *testing.T, path string) float64 {
	t.Helper()
	out := string(tools.Run(t, "opusinfo", path))
	i := strings.Index(out, "Playback length: ")
	if i < 0 {
		t.Fatalf("opusinfo: no playback length in\n%s", out)
	}
	f := strings.Fields(out[i+len("Playback length: "):])[0]
	m, sec, ok := strings.Cut(strings.TrimSuffix(f, "s"), "m:")
	mv, err1 := strconv.ParseFloat(m, 64)
	sv, err2 := strconv.ParseFloat(sec, 64)
	if !ok || err1 != nil || err2 != nil {
		t.Fatalf("opusinfo length %q", f)
	}
	return 60*mv + sv
}

func fileSize(p string) int64 {
	st, err := os.Stat(p)
	if err != nil {
		return -1
	}
	return st.Size()
}
