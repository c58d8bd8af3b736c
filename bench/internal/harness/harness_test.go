package harness

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		x    []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {[]float64{7}, 7}} {
		if got := median(c.x); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.x, got, c.want)
		}
	}
}

func TestClockAdvances(t *testing.T) {
	t0 := now()
	x := 0
	for i := 0; i < 10_000_000; i++ {
		x += i
	}
	sink = x
	if d := now() - t0; d <= 0 {
		t.Errorf("%s did not advance over a busy loop: %v", Clock, d)
	}
}

var sink int

// Measure runs every implementation in every round, counts allocations,
// and the table puts the ratio on toyvoice rows only.
func TestMeasureAndTable(t *testing.T) {
	var calls [3]int
	busy := func(n int) {
		x := 0
		for i := 0; i < n; i++ {
			x += i
		}
		sink = x
	}
	w := &Workload{Name: "w", Samples: 1000, Seconds: 1, Impls: []*Impl{
		{Name: "ours", Kind: Toyvoice, Op: func() { calls[0]++; busy(20000) }},
		{Name: "ref", Kind: C, Op: func() { calls[1]++; busy(40000) }},
		{Name: "peer", Kind: Go, Op: func() { calls[2]++; sinkBuf = make([]byte, 64) }},
		{Name: "not timed", Kind: Note},
	}}
	Measure(w, Config{Rounds: 3, MinTime: time.Millisecond})
	for i, im := range w.Impls[:3] {
		if len(im.Rounds) != 3 || calls[i] < 3+2 {
			t.Errorf("%s: %d rounds, %d calls", im.Name, len(im.Rounds), calls[i])
		}
	}
	if w.Impls[2].Allocs != 1 || w.Impls[0].Allocs != 0 {
		t.Errorf("allocs: ours %v, peer %v", w.Impls[0].Allocs, w.Impls[2].Allocs)
	}
	tab := NewTable("extra")
	tab.AddWorkload(w)
	var b bytes.Buffer
	tab.Markdown(&b)
	out := b.String()
	if !strings.Contains(out, "| w | **ours** |") || !strings.Contains(out, "(ref) |") || !strings.Contains(out, "| not timed | — |") {
		t.Errorf("table:\n%s", out)
	}
	if strings.Count(out, "(ref)") != 1 {
		t.Errorf("ratio should appear on the toyvoice row only:\n%s", out)
	}
}

var sinkBuf []byte
