package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/toyvoice/toyvoice/container/wav"
)

// audio is a decoded file: interleaved samples plus format.
type audio struct {
	pcm      []int16
	rate     int
	channels int
	format   string // human-readable source format, e.g. "PCM 16-bit"
}

// formatName describes a WAV format for people.
func formatName(f wav.Format) string {
	var s string
	switch f.Tag {
	case wav.FormatPCM:
		s = fmt.Sprintf("PCM %d-bit", f.BitsPerSample)
	case wav.FormatFloat:
		s = fmt.Sprintf("float %d-bit", f.BitsPerSample)
	case wav.FormatMuLaw:
		s = "G.711 µ-law"
	case wav.FormatALaw:
		s = "G.711 A-law"
	case wav.FormatIMAADPCM:
		s = fmt.Sprintf("IMA ADPCM (block %d bytes, %d frames)", f.BlockAlign, f.SamplesPerBlock)
	default:
		s = fmt.Sprintf("format 0x%04x", f.Tag)
	}
	if f.Extensible {
		s += " (extensible)"
	}
	return "WAV " + s
}

// openWAV opens path ("-" is standard input) as a WAV reader.
func openWAV(path string) (*wav.Reader, func() error, error) {
	var f *os.File
	if path == "-" {
		f = os.Stdin
	} else {
		var err error
		if f, err = os.Open(path); err != nil {
			return nil, nil, err
		}
	}
	r, err := wav.NewReader(bufio.NewReaderSize(f, 64<<10))
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, f.Close, nil
}

// loadAudio reads a WAV file (any format container/wav supports) as
// interleaved int16. Memory grows with the samples actually read, never
// with sizes a header claims.
//
// Files named *.opus (Ogg Opus) and *.g722 (raw G.722 at 16 kHz) are
// decoded with those codecs instead.
func loadAudio(path string) (*audio, error) {
	switch fileKind(path) {
	case "opus":
		return decodeOpusFile(path)
	case "g722":
		return decodeG722File(path)
	}
	r, closeFn, err := openWAV(path)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	f := r.Format()
	a := &audio{rate: f.SampleRate, channels: f.Channels, format: formatName(f)}
	buf := make([]int16, 16<<10)
	for {
		n, err := r.ReadInt16(buf)
		a.pcm = append(a.pcm, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return a, nil
}

// loadAudioFloat32 reads a WAV file as interleaved float32 in [-1, 1).
func loadAudioFloat32(path string) (pcm []float32, rate, channels int, err error) {
	if fileKind(path) != "wav" {
		a, err := loadAudio(path)
		if err != nil {
			return nil, 0, 0, err
		}
		pcm = make([]float32, len(a.pcm))
		for i, s := range a.pcm {
			pcm[i] = float32(s) / 32768
		}
		return pcm, a.rate, a.channels, nil
	}
	r, closeFn, err := openWAV(path)
	if err != nil {
		return nil, 0, 0, err
	}
	defer closeFn()
	f := r.Format()
	buf := make([]float32, 16<<10)
	for {
		n, err := r.ReadFloat32(buf)
		pcm = append(pcm, buf[:n]...)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, 0, fmt.Errorf("%s: %w", path, err)
		}
	}
	return pcm, f.SampleRate, f.Channels, nil
}

// saveWAV writes interleaved int16 as a 16-bit PCM WAV file.
func saveWAV(path string, pcm []int16, rate, channels int) error {
	return saveWAVFormat(path, pcm, wav.Format{Tag: wav.FormatPCM, Channels: channels, SampleRate: rate, BitsPerSample: 16})
}

// saveWAVFormat writes interleaved int16 in the given WAV format. The file
// appears only when complete: it is written to a temporary file beside path
// and renamed. "-" writes to standard output (with an unknown-length
// header).
func saveWAVFormat(path string, pcm []int16, f wav.Format) error {
	return writeAtomically(path, func(w io.Writer) error {
		ww, err := wav.NewWriter(w, f)
		if err != nil {
			return err
		}
		if err := ww.WriteInt16(pcm); err != nil {
			return err
		}
		return ww.Close()
	})
}

// writeAtomically runs write on a temporary file in path's directory and
// renames it to path on success, so a failure leaves nothing behind.
func writeAtomically(path string, write func(w io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriter(os.Stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(name)
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return err
	}
	ok = true
	return nil
}

var errNoAudio = errors.New("no audio")

// fileKind names a file's container by its extension: "opus" (Ogg Opus),
// "g722" (raw G.722) or "wav" (everything else, including "-").
func fileKind(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".opus", ".ogg", ".oga":
		return "opus"
	case ".g722":
		return "g722"
	}
	return "wav"
}
