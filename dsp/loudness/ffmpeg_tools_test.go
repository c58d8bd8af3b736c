//go:build !tinygo && !js && !wasip1

package loudness

import (
	"bufio"
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/toyvoice/toyvoice/container/wav"
	"github.com/toyvoice/toyvoice/internal/testutil"
	"github.com/toyvoice/toyvoice/internal/testutil/tools"
)

// TestCrossCheckFFmpeg compares with ffmpeg's ebur128 filter (an
// independent implementation of the same standards), reading its
// full-precision per-frame metadata: integrated within 0.05 LU, range
// within 0.1 LU, true peak within 0.1 dB (ffmpeg prints linear peaks to
// 3 decimals, ±0.006 dB at this level).
func TestCrossCheckFFmpeg(t *testing.T) {
	if testing.Short() {
		t.Skip("long cross-check")
	}
	ff := tools.Need(t, "ffmpeg")
	for _, rate := range []int{8000, 16000, 44100, 48000} {
		n := rate * 12
		sp := testutil.Speech(n, rate)
		pcm := make([]int16, 2*n)
		for i, v := range sp {
			g := 1.0
			if i >= 4*rate && i < 8*rate {
				g = 0.355
			}
			pcm[2*i] = int16(float64(v) * g)
			pcm[2*i+1] = int16(float64(v) * g * 0.8)
		}
		path := filepath.Join(t.TempDir(), "x.wav")
		var buf bytes.Buffer
		w, err := wav.NewWriter(&buf, wav.Format{Tag: wav.FormatPCM, Channels: 2, SampleRate: rate, BitsPerSample: 16})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteInt16(pcm); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(ff, "-hide_banner", "-nostats", "-i", path,
			"-af", "ebur128=metadata=1:peak=true,ametadata=mode=print:file=-", "-f", "null", "-").Output()
		if err != nil {
			t.Fatalf("ffmpeg: %v", err)
		}
		last := map[string]float64{}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), "="); ok && strings.HasPrefix(k, "lavfi.r128.") {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					last[strings.TrimPrefix(k, "lavfi.r128.")] = f
				}
			}
		}
		m, _ := NewMeter(rate, 2)
		m.WriteInt16(pcm)
		dI := m.Integrated() - last["I"]
		dR := m.Range() - last["LRA"]
		dTP := m.TruePeak() - 20*math.Log10(last["true_peak"])
		t.Logf("%5d Hz: I %.3f (ffmpeg %.3f, Δ%+.3f)  LRA %.3f (ffmpeg %.3f, Δ%+.3f)  TP %.3f (Δ%+.3f dB)",
			rate, m.Integrated(), last["I"], dI, m.Range(), last["LRA"], dR, m.TruePeak(), dTP)
		if math.Abs(dI) > 0.05 || math.Abs(dR) > 0.1 || math.Abs(dTP) > 0.1 {
			t.Errorf("%d Hz: beyond 0.05 LU / 0.1 LU / 0.1 dB", rate)
		}
	}
}
