package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/toyvoice/toyvoice/bench/internal/harness"
)

// assembleResults writes RESULTS.md: the machine, the tables in files (as
// printed by benchtab and bench/opus), and after each area's table the
// matching `## Area` section of the notes file.
func assembleResults(w io.Writer, notesFile string, files []string) error {
	notes := map[string]string{}
	if notesFile != "" {
		b, err := os.ReadFile(notesFile)
		if err != nil {
			return err
		}
		notes = splitSections(string(b))
	}
	fmt.Fprintf(w, "# toyvoice benchmarks\n\n")
	fmt.Fprintf(w, "Made by `bench/run.sh` (tables by `bench/cmd/benchtab` and `bench/opus`; the notes after each table come from `bench/NOTES.md`). Do not edit by hand: rerun the script.\n\n")
	machine(w)
	if n, ok := notes["Summary"]; ok {
		fmt.Fprintf(w, "## Summary\n\n%s\n\n", strings.Trim(n, "\n"))
	}
	type sec struct{ title, body string }
	var secs []sec
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		for title, body := range orderedSections(string(b)) {
			secs = append(secs, sec{title, body})
		}
	}
	// A variant of an area ("Resampling on AVX2 alone", from its own run)
	// follows the area's own section.
	for i := 0; i < len(secs); i++ {
		base, _, ok := strings.Cut(secs[i].title, " on ")
		if !ok {
			continue
		}
		for j := 0; j < i; j++ {
			if secs[j].title == base {
				s := secs[i]
				copy(secs[j+2:i+1], secs[j+1:i])
				secs[j+1] = s
				break
			}
		}
	}
	for _, s := range secs {
		fmt.Fprintf(w, "## %s\n\n%s", s.title, strings.TrimLeft(s.body, "\n"))
		if n, ok := notes[s.title]; ok {
			fmt.Fprintf(w, "### Where toyvoice stands\n\n%s\n\n", strings.Trim(n, "\n"))
		}
	}
	return nil
}

// machine describes where the run happened.
func machine(w io.Writer) {
	cpu := "unknown"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	load := "unknown"
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	fmt.Fprintf(w, "## Machine\n\n")
	fmt.Fprintf(w, "- CPU: %s, %d logical cores (%s/%s)\n", cpu, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	if env := os.Getenv("BENCH_LOAD"); env != "" {
		load = env
	}
	fmt.Fprintf(w, "- Load average (1/5/15 min) during the run: %s — the machine is shared, so only ratios from the same run mean much\n", load)
	fmt.Fprintf(w, "- Go: %s, GOMAXPROCS=1 while timing (garbage collection on the same core)\n", runtime.Version())
	fmt.Fprintf(w, "- Clock: %s; interleaved rounds, medians\n", harness.Clock)
	var libs []string
	for _, p := range []string{"spandsp", "speexdsp", "soxr", "samplerate", "libebur128", "opus"} {
		if out, err := exec.Command("pkg-config", "--modversion", p).Output(); err == nil {
			libs = append(libs, p+" "+strings.TrimSpace(string(out)))
		}
	}
	if len(libs) > 0 {
		fmt.Fprintf(w, "- C references (Debian packages): %s\n", strings.Join(libs, ", "))
	}
	if out, err := exec.Command("cc", "--version").Output(); err == nil {
		fmt.Fprintf(w, "- C compiler (cgo glue only; the libraries are Debian's builds): %s\n", strings.SplitN(string(out), "\n", 2)[0])
	}
	date := time.Now().UTC().Format("2006-01-02 15:04 MST")
	if env := os.Getenv("BENCH_DATE"); env != "" {
		date = env
	}
	fmt.Fprintf(w, "- Date: %s\n\n", date)
}

// splitSections maps each `## Title` of md to its body.
func splitSections(md string) map[string]string {
	m := map[string]string{}
	for title, body := range orderedSections(md) {
		m[title] = body
	}
	return m
}

// orderedSections yields the `## Title` sections of md in order.
func orderedSections(md string) func(yield func(string, string) bool) {
	return func(yield func(string, string) bool) {
		var title string
		var body strings.Builder
		have := false
		for _, line := range strings.SplitAfter(md, "\n") {
			if strings.HasPrefix(line, "## ") {
				if have && !yield(title, body.String()) {
					return
				}
				title, have = strings.TrimSpace(line[3:]), true
				body.Reset()
				continue
			}
			if have {
				body.WriteString(line)
			}
		}
		if have {
			yield(title, body.String())
		}
	}
}
