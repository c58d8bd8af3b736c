// Command benchtab times toyvoice next to the C references (spandsp,
// speexdsp, libsoxr, libsamplerate, libebur128) and Go peers (zaf/g711,
// gopxl/beep, go-audio/wav) and prints one markdown table per area.
//
// Every workload runs each implementation in interleaved rounds (A B C A B
// C …) and reports the median: the machine this runs on is usually shared.
//
//	go run ./cmd/benchtab                     # all areas, full run
//	go run ./cmd/benchtab -short              # one round, tiny inputs (CI)
//	go run ./cmd/benchtab -areas resample     # one area
//	go run ./cmd/benchtab -assemble -notes NOTES.md a.md b.md > RESULTS.md
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/toyvoice/toyvoice/bench/internal/harness"
)

type opts struct {
	short   bool
	seconds float64 // audio per operation for 1-second workloads
	quality bool    // measure resampler quality
	cfg     harness.Config
}

var areas = []struct {
	name  string
	run   func(io.Writer, opts)
	optIn bool // run only when -areas names it
}{
	{"codecs", codecs, false},
	{"resample", resampling, false},
	{"loudness", loudnessArea, false},
	{"vad", vadArea, false},
	{"wav", wavArea, false},
	{"resample-avx2", resamplingAVX2, true}, // under GODEBUG=cpu.avx512f=off (run.sh)
}

func main() {
	short := flag.Bool("short", false, "one round on tiny inputs: proves the harness builds and runs (CI)")
	rounds := flag.Int("rounds", 7, "interleaved rounds per workload")
	minTime := flag.Duration("mintime", 40*time.Millisecond, "time per implementation per round")
	only := flag.String("areas", "", "comma-separated areas to run (default all: codecs,resample,loudness,vad,wav; resample-avx2 only when named)")
	procs := flag.Int("procs", 1, "GOMAXPROCS (1: everything, garbage collection included, on one core)")
	quality := flag.Bool("quality", true, "measure resampler quality (skipped with -short)")
	assemble := flag.Bool("assemble", false, "write RESULTS.md from the table files given as arguments")
	notes := flag.String("notes", "", "with -assemble: markdown whose `## Area` sections are inserted after the matching tables")
	flag.Parse()

	if *assemble {
		if err := assembleResults(os.Stdout, *notes, flag.Args()); err != nil {
			fmt.Fprintln(os.Stderr, "benchtab:", err)
			os.Exit(1)
		}
		return
	}
	runtime.GOMAXPROCS(*procs)
	o := opts{seconds: 1, quality: *quality, cfg: harness.Config{Rounds: *rounds, MinTime: *minTime, Log: os.Stderr}}
	if *short {
		o = opts{short: true, seconds: 0.05, cfg: harness.Config{Rounds: 1, MinTime: 0, Log: os.Stderr}}
	}
	for _, a := range areas {
		if (*only != "" || a.optIn) && !contains(strings.Split(*only, ","), a.name) {
			continue
		}
		fmt.Fprintf(os.Stderr, "benchtab: %s\n", a.name)
		t0 := time.Now()
		a.run(os.Stdout, o)
		fmt.Fprintf(os.Stderr, "benchtab: %s done in %v\n", a.name, time.Since(t0).Round(time.Millisecond))
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if strings.TrimSpace(v) == s {
			return true
		}
	}
	return false
}

// section starts an area: a level-2 heading and a paragraph on the method.
func section(w io.Writer, title, method string) {
	fmt.Fprintf(w, "## %s\n\n%s\n\n", title, method)
}
