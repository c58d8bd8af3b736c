// Package harness times implementations of one workload side by side:
// every round runs each implementation once (A B C A B C …, the starting
// implementation rotating each round), and a result is the median over the
// rounds, so drift in machine load hits every implementation alike.
package harness

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"testing"
	"time"
)

// Kind says whose code an implementation is.
type Kind uint8

const (
	Toyvoice Kind = iota // this library
	C                    // a C reference through cgo
	Go                   // another Go package
	Note                 // a row without timing (something not benchmarked here)
)

func (k Kind) String() string {
	switch k {
	case Toyvoice:
		return "toyvoice"
	case C:
		return "C"
	case Go:
		return "Go"
	}
	return ""
}

// Impl is one implementation of a workload.
type Impl struct {
	Name string
	Kind Kind
	// Op runs the workload once. It must reset any state it keeps, so
	// that every call does the same work.
	Op func()
	// Extra holds area-specific columns (quality, measured values).
	Extra []string

	// Filled in by Measure.
	NsPerOp float64   // median over rounds
	Rounds  []float64 // ns/op per round
	Allocs  float64   // heap allocations per op (Go heap only)
}

// Workload is a task every implementation does the same way.
type Workload struct {
	Name    string
	Samples int     // samples (all channels) one Op processes
	Seconds float64 // audio duration one Op processes
	Impls   []*Impl
}

// Clock names the clock Measure uses: process CPU time on Linux, so that
// time the core spends on other processes of a shared machine is not
// charged to the implementation being timed.
const Clock = clockName

// Config sets how long to measure.
type Config struct {
	Rounds  int           // interleaved rounds
	MinTime time.Duration // CPU time per implementation per round
	Log     io.Writer     // progress, or nil
}

// Measure times every implementation of w, interleaved.
func Measure(w *Workload, cfg Config) {
	var timed []*Impl
	for _, im := range w.Impls {
		if im.Op != nil {
			timed = append(timed, im)
		}
	}
	iters := make([]int, len(timed))
	for i, im := range timed {
		im.Op() // warm up: first-use allocations, page faults, caches
		t0 := now()
		im.Op()
		d := now() - t0
		n := 1
		if d > 0 && d < cfg.MinTime {
			n = int(math.Ceil(float64(cfg.MinTime) / float64(d)))
		}
		iters[i] = n
		runs := 3
		if cfg.Rounds <= 1 {
			runs = 1
		}
		im.Allocs = testing.AllocsPerRun(runs, im.Op)
		im.Rounds = im.Rounds[:0]
	}
	for r := 0; r < cfg.Rounds; r++ {
		for k := range timed {
			i := (k + r) % len(timed)
			im := timed[i]
			t0 := now()
			for j := 0; j < iters[i]; j++ {
				im.Op()
			}
			im.Rounds = append(im.Rounds, float64((now()-t0).Nanoseconds())/float64(iters[i]))
		}
	}
	for _, im := range timed {
		im.NsPerOp = median(im.Rounds)
	}
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "  %s: %d implementations\n", w.Name, len(timed))
	}
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return math.NaN()
	}
	s := append([]float64(nil), x...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Spread is (max − min)/median over the rounds: how noisy the figure is.
func (im *Impl) Spread() float64 {
	if len(im.Rounds) < 2 || im.NsPerOp == 0 {
		return 0
	}
	lo, hi := im.Rounds[0], im.Rounds[0]
	for _, v := range im.Rounds {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return (hi - lo) / im.NsPerOp
}

// FastestC returns the fastest C implementation of w that accept allows
// (nil accepts all), or nil.
func (w *Workload) FastestC(accept func(*Impl) bool) *Impl {
	var best *Impl
	for _, im := range w.Impls {
		if im.Kind != C || im.Op == nil || (accept != nil && !accept(im)) {
			continue
		}
		if best == nil || im.NsPerOp < best.NsPerOp {
			best = im
		}
	}
	return best
}

// Table is a markdown table.
type Table struct {
	Header []string
	Align  []bool // true: right-aligned
	Rows   [][]string
}

// Std are the standard columns, before area-specific ones.
var Std = []string{"workload", "implementation", "ns/sample", "× realtime", "allocs/op", "spread", "toyvoice ÷ fastest C"}

// NewTable returns a table with the standard columns plus extra.
func NewTable(extra ...string) *Table {
	t := &Table{Header: append(append([]string(nil), Std...), extra...)}
	t.Align = make([]bool, len(t.Header))
	for i := 2; i < len(t.Align); i++ {
		t.Align[i] = true
	}
	return t
}

// AddWorkload appends the rows of a measured workload: each
// implementation with the standard columns and its Extra.
func (t *Table) AddWorkload(w *Workload) {
	fc := w.FastestC(nil)
	for i, im := range w.Impls {
		name := w.Name
		if i > 0 {
			name = ""
		}
		row := []string{name, ImplName(im)}
		if im.Op == nil {
			row = append(row, "—", "—", "—", "—", "—")
		} else {
			row = append(row, StdCols(w, im)...)
			row = append(row, Ratio(im, fc))
		}
		row = append(row, im.Extra...)
		t.Rows = append(t.Rows, row)
	}
}

// ImplName is the implementation column: name and kind.
func ImplName(im *Impl) string {
	switch im.Kind {
	case Toyvoice:
		return "**" + im.Name + "**"
	case C:
		return im.Name + " (C)"
	case Go:
		return im.Name + " (Go)"
	}
	return im.Name
}

// StdCols returns ns/sample, × realtime, allocs/op and spread.
func StdCols(w *Workload, im *Impl) []string {
	ns := im.NsPerOp / float64(w.Samples)
	rt := w.Seconds / (im.NsPerOp * 1e-9)
	return []string{fmtSig(ns), fmtSig(rt) + "×", fmt.Sprintf("%.0f", im.Allocs), fmt.Sprintf("%.0f%%", 100*im.Spread())}
}

// Ratio is im's time over ref's, for toyvoice rows ("" otherwise).
func Ratio(im, ref *Impl) string {
	if im.Kind != Toyvoice || ref == nil || im.Op == nil {
		return ""
	}
	return fmt.Sprintf("%.2f (%s)", im.NsPerOp/ref.NsPerOp, ref.Name)
}

// fmtSig prints x with three significant digits (no exponent).
func fmtSig(x float64) string {
	switch {
	case x >= 100:
		return fmt.Sprintf("%.0f", x)
	case x >= 10:
		return fmt.Sprintf("%.1f", x)
	case x >= 1:
		return fmt.Sprintf("%.2f", x)
	default:
		return fmt.Sprintf("%.3f", x)
	}
}

// Markdown writes the table.
func (t *Table) Markdown(w io.Writer) {
	line := func(cells []string) {
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	line(t.Header)
	sep := make([]string, len(t.Header))
	for i := range sep {
		sep[i] = "---"
		if t.Align[i] {
			sep[i] = "---:"
		}
	}
	line(sep)
	for _, r := range t.Rows {
		for len(r) < len(t.Header) {
			r = append(r, "")
		}
		line(r)
	}
	fmt.Fprintln(w)
}
