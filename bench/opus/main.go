// Command opus times Opus encoding and decoding: toyvoice's codec/opus
// (gopus, pure Go) next to libopus (C, through cgo) and pion/opus (Go,
// decoder only). It is its own module because codec/opus needs Go 1.25 and
// bench/ stays on the library's Go 1.23.
//
//	cd bench/opus && GOWORK=off go run . [-short]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	pion "github.com/pion/opus"

	"github.com/toyvoice/toyvoice/bench/internal/harness"
	"github.com/toyvoice/toyvoice/bench/internal/signal"
	"github.com/toyvoice/toyvoice/codec/opus"
)

var (
	sinkBytes []byte
	sinkPCM   []int16
	sinkInt   int
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

type config struct {
	name              string
	rate, ch, bitrate int
	app               opus.Application
	capp              int
}

var configs = []config{
	{"16 kHz mono VoIP 16 kbit/s", 16000, 1, 16000, opus.VoIP, appVoIP},
	{"48 kHz mono audio 64 kbit/s", 48000, 1, 64000, opus.Audio, appAudio},
}

const complexity = 9 // libopus's and toyvoice's default

func main() {
	short := flag.Bool("short", false, "one round on tiny inputs (CI)")
	rounds := flag.Int("rounds", 7, "interleaved rounds per workload")
	minTime := flag.Duration("mintime", 40*time.Millisecond, "time per implementation per round")
	flag.Parse()
	runtime.GOMAXPROCS(1)
	cfg := harness.Config{Rounds: *rounds, MinTime: *minTime, Log: os.Stderr}
	seconds := 1.0
	if *short {
		cfg = harness.Config{Rounds: 1, Log: os.Stderr}
		seconds = 0.1
	}
	run(os.Stdout, cfg, seconds)
}

func run(out io.Writer, cfg harness.Config, seconds float64) {
	fmt.Fprintf(out, "## Opus\n\n")
	fmt.Fprintf(out, "1 s of speech per operation in 20 ms frames, constrained VBR, complexity %d; ns per sample. toyvoice's codec/opus wraps gopus (a pure-Go port of libopus); %s is Debian's build; pion/opus decodes only. "+
		"Decoders all decode the same packets, made by libopus. Encoders and decoders are reset (not re-created) per operation, except pion/opus, whose Decoder has no reset and is re-created. "+
		"Measured by bench/opus, a separate module because codec/opus needs Go 1.25.\n\n", complexity, libopusVersion())
	t := harness.NewTable("bytes/op")
	for _, c := range configs {
		n := int(seconds*float64(c.rate)) / (c.rate / 50) * (c.rate / 50) * c.ch
		pcm := signal.Speech(n, c.rate)
		fl := c.rate / 50 * c.ch

		te := must(opus.NewEncoder(c.rate, c.ch, opus.WithApplication(c.app), opus.WithBitrate(c.bitrate), opus.WithComplexity(complexity)))
		le := must(newLibopusEncoder(c.rate, c.ch, c.capp, c.bitrate, complexity))
		buf := make([]byte, 0, 4000)
		var tBytes, lBytes int
		enc := &harness.Workload{Name: c.name + " encode", Samples: n, Seconds: seconds, Impls: []*harness.Impl{
			{Name: "toyvoice (gopus)", Kind: harness.Toyvoice, Op: func() {
				te.Reset()
				tBytes = 0
				for i := 0; i+fl <= len(pcm); i += fl {
					sinkBytes = must(te.AppendEncode(buf[:0], pcm[i:i+fl]))
					tBytes += len(sinkBytes)
				}
			}},
			{Name: "libopus", Kind: harness.C, Op: func() {
				le.reset()
				lBytes = 0
				for i := 0; i+fl <= len(pcm); i += fl {
					lBytes += le.encode(buf[:4000], pcm[i:i+fl])
				}
			}},
		}}
		harness.Measure(enc, cfg)
		enc.Impls[0].Extra = []string{fmt.Sprint(tBytes)}
		enc.Impls[1].Extra = []string{fmt.Sprint(lBytes)}
		t.AddWorkload(enc)

		// Packets from libopus for every decoder.
		le.reset()
		var pkts [][]byte
		for i := 0; i+fl <= len(pcm); i += fl {
			k := le.encode(buf[:4000], pcm[i:i+fl])
			pkts = append(pkts, append([]byte(nil), buf[:k]...))
		}
		le.close()
		td := must(opus.NewDecoder(c.rate, c.ch))
		ld := must(newLibopusDecoder(c.rate, c.ch))
		out16 := make([]int16, 0, 5760*c.ch)
		dec := &harness.Workload{Name: c.name + " decode", Samples: n, Seconds: seconds, Impls: []*harness.Impl{
			{Name: "toyvoice (gopus)", Kind: harness.Toyvoice, Op: func() {
				td.Reset()
				for _, p := range pkts {
					sinkPCM = must(td.AppendDecode(out16[:0], p))
				}
			}},
			{Name: "libopus", Kind: harness.C, Op: func() {
				ld.reset()
				for _, p := range pkts {
					sinkInt = ld.decode(out16[:cap(out16)], p)
				}
			}},
			{Name: "pion/opus", Kind: harness.Go, Op: func() {
				pd, err := pion.NewDecoderWithOutput(c.rate, c.ch)
				if err != nil {
					panic(err)
				}
				for _, p := range pkts {
					sinkInt = must(pd.DecodeToInt16(p, out16[:cap(out16)]))
				}
			}},
		}}
		harness.Measure(dec, cfg)
		t.AddWorkload(dec)
		ld.close()
	}
	t.Markdown(out)
}
