package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/codec/g711"
	"github.com/toyvoice/toyvoice/codec/g722"
	"github.com/toyvoice/toyvoice/container/wav"
	"github.com/toyvoice/toyvoice/resample"
)

func init() {
	register(&command{
		name:    "convert",
		args:    "IN OUT [--codec pcm16|ulaw|alaw|ima-adpcm|g722|opus] [--bitrate B] [--rate N [--quality q]]",
		summary: "convert a WAV file to another codec and/or sample rate (streaming)",
		run:     runConvert,
	})
	registerDemoStage(demoStage{order: 20, name: "codecs", run: demoCodecs})
}

// wavCodecs maps --codec names to WAV formats (rate and channels are
// filled in from the input).
var wavCodecs = map[string]wav.Format{
	"pcm16":     {Tag: wav.FormatPCM, BitsPerSample: 16},
	"ulaw":      {Tag: wav.FormatMuLaw, BitsPerSample: 8},
	"alaw":      {Tag: wav.FormatALaw, BitsPerSample: 8},
	"ima-adpcm": {Tag: wav.FormatIMAADPCM, BitsPerSample: 4},
}

// otherCodecs are written to their own containers: Ogg Opus (.opus) and
// raw G.722 (.g722).
var otherCodecs = map[string]bool{"g722": true, "opus": true}

func codecNames() string {
	names := make([]string, 0, len(wavCodecs)+len(otherCodecs))
	for n := range otherCodecs {
		names = append(names, n)
	}
	for n := range wavCodecs {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, "|")
}

func runConvert(e *env, args []string) error {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	codecName := fs.String("codec", "", "output codec: "+codecNames()+" (default: by OUT's extension, else pcm16)")
	bitrateStr := fs.String("bitrate", "", "bitrate for opus (e.g. 24k) and g722 (64k, 56k or 48k)")
	rate := fs.Int("rate", 0, "output sample rate in Hz (default: the input's)")
	qname := fs.String("quality", "medium", "resampling quality: quick|medium|high|veryhigh")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want IN and OUT")
	}
	if *codecName == "" {
		*codecName = "pcm16"
		if k := fileKind(pos[1]); k != "wav" {
			*codecName = k
		}
	}
	of, ok := wavCodecs[*codecName]
	if !ok && !otherCodecs[*codecName] {
		return usagef("unknown codec %q (want %s)", *codecName, codecNames())
	}
	bitrate, err := parseBitrate(*bitrateStr)
	if err != nil {
		return err
	}
	if !ok || fileKind(pos[0]) != "wav" {
		return convertWhole(pos[0], pos[1], *codecName, bitrate, *rate, *qname)
	}
	if bitrate != 0 {
		return usagef("--bitrate applies to opus and g722 only")
	}
	r, closeIn, err := openWAV(pos[0])
	if err != nil {
		return err
	}
	defer closeIn()
	in := r.Format()
	q, ok := parseQuality(*qname)
	if !ok {
		return usagef("unknown quality %q (want quick, medium, high or veryhigh)", *qname)
	}
	of.Channels, of.SampleRate = in.Channels, in.SampleRate
	if *rate != 0 {
		of.SampleRate = *rate
	}
	rs, err := newStreamResampler(in.SampleRate, of.SampleRate, in.Channels, q)
	if err != nil {
		return err
	}
	if of.Tag == wav.FormatIMAADPCM && of.Channels > 2 {
		return fmt.Errorf("ima-adpcm supports 1 or 2 channels, input has %d", of.Channels)
	}
	return writeAtomically(pos[1], func(w io.Writer) error {
		ww, err := wav.NewWriter(w, of)
		if err != nil {
			return err
		}
		buf := make([]int16, 8192*of.Channels)
		for {
			n, rerr := r.ReadInt16(buf)
			if err := ww.WriteInt16(rs.process(buf[:n])); err != nil {
				return err
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				return fmt.Errorf("%s: %w", pos[0], rerr)
			}
		}
		if err := ww.WriteInt16(rs.flush()); err != nil {
			return err
		}
		return ww.Close()
	})
}

// parseBitrate reads "24k", "64000" or "" (0: the codec's default).
func parseBitrate(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	mul := 1
	if t := strings.TrimSuffix(strings.ToLower(s), "k"); t != strings.ToLower(s) {
		s, mul = t, 1000
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f <= 0 || f > 1e6 {
		return 0, usagef("bad --bitrate %q (want e.g. 24k or 24000)", s)
	}
	return int(f * float64(mul)), nil
}

// convertWhole converts files that are not streamed WAV to WAV: it decodes
// the whole input (WAV, Ogg Opus or raw G.722), changes the rate if asked
// (G.722 is always 16 kHz, so it is resampled to that), and encodes.
func convertWhole(in, out, codecName string, bitrate, rate int, qname string) error {
	q, ok := parseQuality(qname)
	if !ok {
		return usagef("unknown quality %q (want quick, medium, high or veryhigh)", qname)
	}
	a, err := loadAudio(in)
	if err != nil {
		return err
	}
	if codecName == "g722" && rate == 0 {
		rate = g722.SampleRate
	}
	if codecName == "g722" && rate != g722.SampleRate {
		return usagef("g722 is 16000 Hz only")
	}
	if rate != 0 && rate != a.rate {
		if a.pcm, _, err = resampleAligned(a.pcm, a.rate, rate, a.channels, q, false); err != nil {
			return err
		}
		a.rate = rate
	}
	switch codecName {
	case "g722":
		return encodeG722File(out, a.pcm, a.rate, a.channels, bitrate)
	case "opus":
		return encodeOpusFile(out, a.pcm, a.rate, a.channels, bitrate)
	}
	if bitrate != 0 {
		return usagef("--bitrate applies to opus and g722 only")
	}
	f := wavCodecs[codecName]
	f.SampleRate, f.Channels = a.rate, a.channels
	return saveWAVFormat(out, a.pcm, f)
}

// streamResampler converts a stream's rate chunk by chunk and removes the
// filter delay, so the output is aligned with the input and has exactly
// ceil(frames·to/from) frames — the same as resampleAligned on the whole
// file. With equal rates it passes samples through.
type streamResampler struct {
	r        *resample.Resampler
	ch       int
	skip     int   // output samples of filter delay still to drop
	inFrames int64 // input frames seen
	outSent  int64 // output frames returned
	from, to int64
	out      []int16
}

func newStreamResampler(from, to, ch int, q resample.Quality) (*streamResampler, error) {
	s := &streamResampler{ch: ch, from: int64(from), to: int64(to)}
	if from == to {
		return s, nil
	}
	r, err := resample.New(from, to, ch, q)
	if err != nil {
		return nil, err
	}
	s.r, s.skip = r, r.Latency()*ch
	return s, nil
}

func (s *streamResampler) process(in []int16) []int16 {
	if s.r == nil {
		return in
	}
	s.inFrames += int64(len(in) / s.ch)
	s.out = s.r.AppendInt16(s.out[:0], in)
	return s.emit(s.out)
}

func (s *streamResampler) flush() []int16 {
	if s.r == nil {
		return nil
	}
	s.out = s.r.FlushInt16(s.out[:0])
	return s.emit(s.out)
}

// emit drops the remaining delay and caps the total at the expected length.
func (s *streamResampler) emit(out []int16) []int16 {
	d := min(s.skip, len(out))
	s.skip -= d
	out = out[d:]
	want := (s.inFrames*s.to + s.from - 1) / s.from
	if n := want - s.outSent; int64(len(out)/s.ch) > n {
		out = out[:max(n, 0)*int64(s.ch)]
	}
	s.outSent += int64(len(out) / s.ch)
	return out
}

// demoCodecs encodes the message with each toy codec, decodes it again and
// reports the size and the signal-to-noise ratio of the round trip.
func demoCodecs(st *demoState) error {
	type result struct {
		name  string
		bytes int
		snr   float64
	}
	var res []result
	for _, law := range []g711.Law{g711.MuLaw, g711.ALaw} {
		enc, err := g711.NewEncoder(law)
		if err != nil {
			return err
		}
		dec, _ := g711.NewDecoder(law)
		b, err := enc.AppendEncode(make([]byte, 0, enc.EncodedLen(len(st.pcm))), st.pcm)
		if err != nil {
			return err
		}
		out, err := dec.AppendDecode(nil, b)
		if err != nil {
			return err
		}
		res = append(res, result{"G.711 " + law.String(), len(b), snrDB(st.pcm, out)})
	}
	enc, err := adpcm.NewEncoder(st.channels)
	if err != nil {
		return err
	}
	dec, _ := adpcm.NewDecoder(st.channels)
	b, err := enc.AppendEncode(nil, st.pcm)
	if err != nil {
		return err
	}
	b = enc.Flush(b)
	out, err := dec.AppendDecode(nil, b)
	if err != nil {
		return err
	}
	res = append(res, result{"IMA ADPCM", len(b), snrDB(st.pcm, out[:min(len(out), len(st.pcm))])})
	raw := 2 * len(st.pcm)
	for _, r := range res {
		fmt.Fprintf(st.report, "codec      %-14s %7d bytes (%4.1f%% of PCM16), round-trip SNR %.1f dB\n",
			r.name, r.bytes, 100*float64(r.bytes)/float64(raw), r.snr)
	}
	return nil
}

// snrDB is the signal-to-noise ratio of got against ref, in dB.
func snrDB(ref, got []int16) float64 {
	var sig, noise float64
	n := min(len(ref), len(got))
	for i := 0; i < n; i++ {
		d := float64(ref[i]) - float64(got[i])
		sig += float64(ref[i]) * float64(ref[i])
		noise += d * d
	}
	if noise == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(sig/noise)
}
