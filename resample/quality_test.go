//go:build !tinygo

package resample

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the quality table in doc.go")

// tableRatios are the rate pairs of the quality table; the last one has
// coprime-ish rates (l = 17641 phases) and uses the interpolated bank.
var tableRatios = [][2]int{
	{48000, 16000}, {16000, 48000}, {44100, 16000}, {16000, 8000}, {8000, 16000}, {8000, 176410},
}

// refStop is the stopband of the C references measured by
// TestReferenceQuality (float64 I/O for soxr) at the same rate pairs, dB:
// High must beat soxr HQ and VeryHigh soxr VHQ.
var refStop = map[[2]int][2]float64{
	{48000, 16000}: {-130.7, -179.5},
	{16000, 48000}: {-137.8, -188.0},
	{44100, 16000}: {-136.4, -183.0},
}

const tableHeader = "ratio            preset    taps  latency  ripple  at0.9fn  stopband  SNR     THD+N   SNR"

// floorTol is the tolerance of values at the float32 arithmetic floor:
// the float32 presets' stopband below −135 dB and SNR above 135 dB are
// set by float32 rounding (of the coefficients, and of the sums, whose
// order differs between the SIMD and the portable kernels and between
// CPUs that fuse multiply-adds and those that don't), not by the filter;
// they move by a few dB with the summation order.
const floorTol = 8

// floor32 reports whether column j of a row of the float32 preset named
// preset holds value v at the float32 floor.
func floor32(preset string, j int, v float64) bool {
	if preset == VeryHigh.String() {
		return false
	}
	return (j == 7 && v < -135) || (j == 8 && v > 135)
}

func formatRow(m measurement) string {
	ms := float64(m.latency) * 1000 / float64(m.outRate)
	return fmt.Sprintf("%-16s %-9v %4d  %4d %5.2fms %6.4f  %7.2f  %8.1f  %6.1f  %6.1f  %5.1f",
		fmt.Sprintf("%d→%d", m.inRate, m.outRate), m.q, m.taps, m.latency, ms, m.ripple, m.at09, m.stop, m.snr, m.thdn, m.snrFixed)
}

// TestQualityTable measures every preset at the table's rate pairs and
// compares the result with the table in doc.go (go test -run
// TestQualityTable -update rewrites it). It fails if a preset drifts.
func TestQualityTable(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: measures every preset")
	}
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "arm64" {
		t.Skip("too slow under emulation; the table is measured natively")
	}
	var rows []string
	for _, rr := range tableRatios {
		for q := Quick; q < numQualities; q++ {
			m := measure(rr[0], rr[1], q, 1)
			rows = append(rows, formatRow(m))
			spec := presets[q]
			if want := -spec.atten + 1.5; m.stop > want {
				t.Errorf("%v %v: stopband %.1f dB, design %.0f dB", rr, q, m.stop, -spec.atten)
			}
			if ref, ok := refStop[rr]; ok {
				if q == High && m.stop > ref[0] {
					t.Errorf("%v High: stopband %.1f dB, soxr HQ %.1f dB", rr, m.stop, ref[0])
				}
				if q == VeryHigh && m.stop > ref[1] {
					t.Errorf("%v VeryHigh: stopband %.1f dB, soxr VHQ %.1f dB", rr, m.stop, ref[1])
				}
			}
		}
	}
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(src), "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "//\t"+tableHeader[:10]) {
			start = i + 1
		}
	}
	if start < 0 {
		t.Fatal("doc.go: quality table header not found")
	}
	end := start
	for end < len(lines) && strings.HasPrefix(lines[end], "//\t") {
		end++
	}
	if *update {
		var b bytes.Buffer
		for _, l := range lines[:start-1] {
			b.WriteString(l + "\n")
		}
		b.WriteString("//\t" + tableHeader + "\n")
		b.WriteString("//\t                                    frames   dB p-p  dB       dB        float   int16   fixed\n")
		for _, r := range rows {
			b.WriteString("//\t" + r + "\n")
		}
		b.WriteString(strings.Join(lines[end:], "\n"))
		if err := os.WriteFile("doc.go", b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	doc := lines[start+1 : end] // skip the units line
	if len(doc) != len(rows) {
		t.Fatalf("doc.go has %d table rows, measured %d (run with -update)", len(doc), len(rows))
	}
	// Tolerances: taps and latency exact; levels within measurement and
	// platform rounding. THD+N through int16 is set by the rounding of a
	// periodic tone to int16, which a float rounding difference between
	// kernels (SIMD or portable, FMA or not) can flip for a few samples:
	// 1.5 dB.
	tol := []float64{0, 0, 0, 0, 0, 0.002, 0.05, 1.5, 2, 1.5, 1}
	for i, r := range rows {
		got, want := strings.Fields(r), strings.Fields(strings.TrimPrefix(doc[i], "//\t"))
		if len(got) != len(want) {
			t.Errorf("row %d: doc %q, measured %q", i, doc[i], r)
			continue
		}
		for j := range got {
			if got[j] == want[j] {
				continue
			}
			g, err1 := strconv.ParseFloat(strings.TrimSuffix(got[j], "ms"), 64)
			w, err2 := strconv.ParseFloat(strings.TrimSuffix(want[j], "ms"), 64)
			tj := 0.0
			if j < len(tol) {
				tj = tol[j]
			}
			if floor32(got[1], j, g) && floor32(got[1], j, w) {
				tj = floorTol
			}
			if err1 != nil || err2 != nil || j >= len(tol) || g-w > tj || w-g > tj {
				t.Errorf("quality drifted (run with -update if intended):\n doc      %s\n measured %s", strings.TrimPrefix(doc[i], "//\t"), r)
				break
			}
		}
	}
}
