package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"time"
)

// demoState is what the demo pipeline passes from stage to stage: the
// current audio (interleaved int16), its format, and where to report.
type demoState struct {
	pcm      []int16
	rate     int
	channels int
	outDir   string // where stages may write files ("" = nowhere)
	report   io.Writer
}

// demoStage is one step of `toyvoice demo`. Areas of the library add their
// stage from an init function; stages run in ascending order.
type demoStage struct {
	order int
	name  string
	run   func(s *demoState) error
}

var demoStages []demoStage

func registerDemoStage(st demoStage) { demoStages = append(demoStages, st) }

func init() {
	register(&command{
		name:    "demo",
		args:    "[--in FILE.wav] [--out DIR]",
		summary: "run the voice pipeline on the bundled recording and print a report",
		run:     runDemo,
	})
}

func runDemo(e *env, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	in := fs.String("in", "", "WAV file to use instead of the bundled recording")
	out := fs.String("out", "", "directory to write each stage's output to")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usagef("unexpected argument %q", pos[0])
	}
	st := &demoState{outDir: *out, report: e.stdout}
	if err := loadDemoInput(st, *in); err != nil {
		return err
	}
	stages := append([]demoStage(nil), demoStages...)
	sort.SliceStable(stages, func(i, j int) bool { return stages[i].order < stages[j].order })
	for _, stg := range stages {
		t0 := time.Now()
		if err := stg.run(st); err != nil {
			return fmt.Errorf("demo stage %s: %w", stg.name, err)
		}
		_ = t0
	}
	return nil
}
