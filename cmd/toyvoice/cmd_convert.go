package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/codec/g711"
	"github.com/toyvoice/toyvoice/container/wav"
)

func init() {
	register(&command{
		name:    "convert",
		args:    "IN OUT [--codec pcm16|ulaw|alaw|ima-adpcm]",
		summary: "convert a WAV file to another codec (streaming)",
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

func codecNames() string {
	names := make([]string, 0, len(wavCodecs))
	for n := range wavCodecs {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, "|")
}

func runConvert(e *env, args []string) error {
	fs := flag.NewFlagSet("convert", flag.ContinueOnError)
	codecName := fs.String("codec", "pcm16", "output codec: "+codecNames())
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("want IN and OUT")
	}
	of, ok := wavCodecs[*codecName]
	if !ok {
		return usagef("unknown codec %q (want %s)", *codecName, codecNames())
	}
	r, closeIn, err := openWAV(pos[0])
	if err != nil {
		return err
	}
	defer closeIn()
	in := r.Format()
	of.Channels, of.SampleRate = in.Channels, in.SampleRate
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
			if err := ww.WriteInt16(buf[:n]); err != nil {
				return err
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				return fmt.Errorf("%s: %w", pos[0], rerr)
			}
		}
		return ww.Close()
	})
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
