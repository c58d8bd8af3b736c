package main

// Opus glue for the CLI: Ogg Opus files (.opus) through codec/opus, the
// gopus-based nested module. The lead wires `convert` and `info` to
// encodeOpusFile and decodeOpusFile; this file adds the demo stage.

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/toyvoice/toyvoice/codec/opus"
	"github.com/toyvoice/toyvoice/resample"
)

func init() {
	registerDemoStage(demoStage{order: 60, name: "opus", run: demoOpus})
}

// opusRate returns rate if Opus codes it natively (8, 12, 16, 24 or
// 48 kHz), else the rate to resample to: 48 kHz, Opus's full rate.
func opusRate(rate int) int {
	switch rate {
	case 8000, 12000, 16000, 24000, 48000:
		return rate
	}
	return 48000
}

// encodeOpusWriter encodes interleaved pcm to an Ogg Opus stream on w:
// VoIP application (speech), 20 ms frames, bitrate in bit/s (0: Opus's
// automatic choice). Rates Opus does not code natively are resampled to
// 48 kHz first; OpusHead keeps the original rate for players.
func encodeOpusWriter(w io.Writer, pcm []int16, rate, channels, bitrate int) error {
	if channels != 1 && channels != 2 {
		return fmt.Errorf("Opus files here are mono or stereo, not %d channels", channels)
	}
	in := pcm
	r := opusRate(rate)
	if r != rate {
		if rate < resample.MinRate || rate > resample.MaxRate {
			return fmt.Errorf("cannot resample %d Hz for Opus", rate)
		}
		var err error
		if in, _, err = resampleAligned(pcm, rate, r, channels, resample.High, false); err != nil {
			return err
		}
	}
	opts := []opus.Option{opus.WithApplication(opus.VoIP)}
	if bitrate != 0 {
		opts = append(opts, opus.WithBitrate(bitrate))
	}
	enc, err := opus.NewEncoder(r, channels, opts...)
	if err != nil {
		return err
	}
	ow, err := opus.NewOggWriter(w, enc, opus.OggConfig{Serial: 0x746f7976, InputSampleRate: rate})
	if err != nil {
		return err
	}
	if err := ow.Write(in); err != nil {
		return err
	}
	return ow.Close()
}

// encodeOpusFile writes pcm (interleaved) as an Ogg Opus file at path ("-"
// is standard output), replacing it atomically. See encodeOpusWriter.
func encodeOpusFile(path string, pcm []int16, rate, channels, bitrate int) error {
	return writeAtomically(path, func(w io.Writer) error {
		return encodeOpusWriter(w, pcm, rate, channels, bitrate)
	})
}

// decodeOpusFile reads an Ogg Opus file ("-" is standard input) and
// decodes it at the header's input rate when Opus codes that rate
// natively, else at 48 kHz, honouring pre-skip, end trimming and output
// gain (RFC 7845). The format string names the coding.
func decodeOpusFile(path string) (*audio, error) {
	var f *os.File
	if path == "-" {
		f = os.Stdin
	} else {
		var err error
		if f, err = os.Open(path); err != nil {
			return nil, err
		}
		defer f.Close()
	}
	cr := &countingReader{r: bufio.NewReaderSize(f, 64<<10)}
	a, err := decodeOpusReader(cr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return a, nil
}

func decodeOpusReader(cr *countingReader) (*audio, error) {
	r, err := opus.NewOggReader(cr, 0)
	if err != nil {
		return nil, err
	}
	pcm, err := r.ReadAll(nil)
	if err != nil {
		return nil, err
	}
	h := r.Head()
	a := &audio{pcm: pcm, rate: r.SampleRate(), channels: r.Channels()}
	sec := float64(r.Duration()) / 48000
	a.format = fmt.Sprintf("Ogg Opus (pre-skip %d, original rate %d Hz", h.PreSkip, h.InputSampleRate)
	if sec > 0 {
		a.format += fmt.Sprintf(", %.1f kbit/s", float64(8*cr.n)/sec/1000)
	}
	a.format += ")"
	return a, nil
}

// countingReader counts the bytes read, for the average bitrate.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// demoOpus encodes the message as Ogg Opus at 24 and 16 kbit/s, reports the
// sizes and bitrates, and decodes the 24 kbit/s file back.
func demoOpus(st *demoState) error {
	if len(st.pcm) == 0 {
		return nil
	}
	sec := float64(len(st.pcm)/st.channels) / float64(st.rate)
	raw := 2 * len(st.pcm)
	var keep []byte
	for _, br := range []int{24000, 16000} {
		var buf bytes.Buffer
		if err := encodeOpusWriter(&buf, st.pcm, st.rate, st.channels, br); err != nil {
			return err
		}
		fmt.Fprintf(st.report, "opus       %2d kbit/s VoIP  %7d bytes (%4.1f%% of PCM16), %.1f kbit/s with Ogg framing\n",
			br/1000, buf.Len(), 100*float64(buf.Len())/float64(raw), float64(8*buf.Len())/sec/1000)
		if keep == nil {
			keep = buf.Bytes()
		}
	}
	a, err := decodeOpusReader(&countingReader{r: bytes.NewReader(keep)})
	if err != nil {
		return err
	}
	fmt.Fprintf(st.report, "opus       decoded %d Hz, %d samples (input %d), SNR %.1f dB\n",
		a.rate, len(a.pcm), len(st.pcm), snrDB(st.pcm, a.pcm))
	if st.outDir != "" {
		if err := os.WriteFile(filepath.Join(st.outDir, "message.opus"), keep, 0o644); err != nil {
			return err
		}
	}
	return nil
}
