// Command vadeval builds a labelled, seeded speech-in-noise corpus with
// espeak-ng and compares toyvoice's VAD with the WebRTC VAD (libfvad built
// to WebAssembly, run under node) on it. See README.md; run ./run.sh.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/toyvoice/toyvoice/vad"
)

var (
	seed     = flag.Int64("seed", 1, "corpus seed")
	nUtt     = flag.Int("utts", 24, "target utterances per track")
	workDir  = flag.String("work", filepath.Join(os.TempDir(), "toyvoice-vad-eval"), "scratch directory")
	noWebRTC = flag.Bool("nowebrtc", false, "skip the WebRTC VAD (for quick tuning runs)")
	reuse    = flag.Bool("reuse", false, "reuse WebRTC decisions from a previous run with the same seed")
	outMD    = flag.String("o", "", "also write the report as Markdown to this file")
	brief    = flag.Bool("brief", false, "print only the summary")
	cached   = flag.Bool("cached", false, "reuse the corpus (audio and labels) written by a previous run with the same seed instead of synthesising it (fast tuning; implies -reuse)")
)

var noises = []string{"clean", "white", "pink", "brown", "babble", "music", "toy"}
var snrs = []float64{20, 10, 5, 0}
var rates = []int{8000, 16000}

type cond struct {
	rate  int
	noise string
	snr   float64
	pcm   []int16
	lab   []bool
	file  string
}

func (c *cond) name() string {
	if c.noise == "clean" {
		return fmt.Sprintf("%2dk clean", c.rate/1000)
	}
	return fmt.Sprintf("%2dk %s %g dB", c.rate/1000, c.noise, c.snr)
}

// score counts frame outcomes.
type score struct{ tp, fn, fp, tn int }

func (s *score) add(dec, lab bool) {
	switch {
	case dec && lab:
		s.tp++
	case !dec && lab:
		s.fn++
	case dec && !lab:
		s.fp++
	default:
		s.tn++
	}
}
func (s score) acc() float64    { return 100 * float64(s.tp+s.tn) / float64(s.tp+s.tn+s.fp+s.fn) }
func (s score) recall() float64 { return 100 * float64(s.tp) / float64(s.tp+s.fn) }
func (s score) fa() float64     { return 100 * float64(s.fp) / float64(s.fp+s.tn) }

func main() {
	flag.Parse()
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "vadeval:", err)
		os.Exit(1)
	}
}

func run() error {
	t0 := time.Now()
	dir := filepath.Join(*workDir, fmt.Sprintf("seed%d", *seed))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if *cached {
		*reuse = true
		if conds, err := loadCorpus(dir); err == nil {
			return evaluate(t0, dir, conds)
		} else {
			fmt.Fprintf(os.Stderr, "no cached corpus (%v): building it\n", err)
		}
	}
	rng := rand.New(rand.NewSource(*seed))
	targets, err := synth(rng, targetVoices, sentences, *nUtt, rates)
	if err != nil {
		return err
	}
	others, err := synth(rng, babbleVoices, babbleSentences, 16, rates)
	if err != nil {
		return err
	}
	var conds []*cond
	for _, rate := range rates {
		tr := buildTrack(rand.New(rand.NewSource(*seed*1000+int64(rate))), targets, rate)
		var loops [][]float64
		for v := 0; v < 4; v++ {
			var l []float64
			for i := v; i < len(others); i += 4 {
				l = append(l, others[i].x[rate]...)
			}
			loops = append(loops, l)
		}
		for ni, nz := range noises {
			for si, snr := range snrs {
				if nz == "clean" && si > 0 {
					break
				}
				c := &cond{rate: rate, noise: nz, snr: snr, lab: tr.labels}
				nrng := rand.New(rand.NewSource(*seed*7919 + int64(rate)*31 + int64(ni)*101 + int64(si)))
				c.pcm = mix(tr, nz, snr, nrng, loops)
				c.file = filepath.Join(dir, strings.ReplaceAll(strings.TrimSpace(c.name()), " ", "_")+".raw")
				conds = append(conds, c)
			}
		}
		lb := make([]byte, len(tr.labels))
		for i, l := range tr.labels {
			if l {
				lb[i] = 1
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("labels_%d.bin", rate)), lb, 0o644); err != nil {
			return err
		}
	}
	for _, c := range conds {
		if err := writePCM(c); err != nil {
			return err
		}
	}
	return evaluate(t0, dir, conds)
}

// corpusConds lists the conditions in report order, without audio.
func corpusConds(dir string) []*cond {
	var conds []*cond
	for _, rate := range rates {
		for _, nz := range noises {
			for si, snr := range snrs {
				if nz == "clean" && si > 0 {
					break
				}
				c := &cond{rate: rate, noise: nz, snr: snr}
				c.file = filepath.Join(dir, strings.ReplaceAll(strings.TrimSpace(c.name()), " ", "_")+".raw")
				conds = append(conds, c)
			}
		}
	}
	return conds
}

// loadCorpus reads the audio and labels a previous run wrote to dir.
func loadCorpus(dir string) ([]*cond, error) {
	conds := corpusConds(dir)
	labs := map[int][]bool{}
	for _, rate := range rates {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("labels_%d.bin", rate)))
		if err != nil {
			return nil, err
		}
		l := make([]bool, len(b))
		for i, v := range b {
			l[i] = v == 1
		}
		labs[rate] = l
	}
	for _, c := range conds {
		b, err := os.ReadFile(c.file)
		if err != nil {
			return nil, err
		}
		c.pcm = make([]int16, len(b)/2)
		for i := range c.pcm {
			c.pcm[i] = int16(uint16(b[2*i]) | uint16(b[2*i+1])<<8)
		}
		c.lab = labs[c.rate]
		if len(c.pcm) < len(c.lab)*c.rate/100 {
			return nil, fmt.Errorf("%s: shorter than its labels", c.file)
		}
	}
	return conds, nil
}

// writePCM writes a condition's audio as raw little-endian 16-bit PCM.
func writePCM(c *cond) error {
	b := make([]byte, 2*len(c.pcm))
	for i, v := range c.pcm {
		b[2*i], b[2*i+1] = byte(v), byte(uint16(v)>>8)
	}
	return os.WriteFile(c.file, b, 0o644)
}

// evaluate runs both VADs on the corpus and writes the report.
func evaluate(t0 time.Time, dir string, conds []*cond) error {
	var err error
	speechSec := 0.0
	for _, c := range conds {
		speechSec += float64(len(c.pcm)) / float64(c.rate)
	}
	fmt.Fprintf(os.Stderr, "corpus: %d conditions, %.0f s of audio, built in %.1fs\n", len(conds), speechSec, time.Since(t0).Seconds())

	// WebRTC VAD in a node process, concurrently with toyvoice.
	var wrErr error
	var wrInfo struct {
		Audio float64 `json:"audio_s"`
		Wall  float64 `json:"wall_s"`
	}
	var wg sync.WaitGroup
	if !*noWebRTC {
		wg.Add(1)
		go func() {
			defer wg.Done()
			wrErr = runWebRTC(dir, conds, &wrInfo)
		}()
	}
	tv := make([][4]score, len(conds))
	var tvWall time.Duration
	var mu sync.Mutex
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg2 sync.WaitGroup
	for i, c := range conds {
		wg2.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg2.Done()
			defer func() { <-sem }()
			for m := 0; m < 4; m++ {
				st := time.Now()
				dec, err := runToyvoice(c, m)
				el := time.Since(st)
				if err != nil {
					panic(err)
				}
				for f, l := range c.lab {
					tv[i][m].add(dec[f], l)
				}
				mu.Lock()
				tvWall += el
				mu.Unlock()
			}
		}()
	}
	wg2.Wait()
	wg.Wait()
	if wrErr != nil {
		return wrErr
	}
	wr := make([][4]score, len(conds))
	if !*noWebRTC {
		for i, c := range conds {
			b, err := os.ReadFile(c.file + ".webrtc")
			if err != nil {
				return err
			}
			nf := len(b) / 4
			for m := 0; m < 4; m++ {
				for f, l := range c.lab {
					dec := f < nf && b[m*nf+f] == 1
					wr[i][m].add(dec, l)
				}
			}
		}
	}
	var out io.Writer = os.Stdout
	var md *os.File
	if *outMD != "" {
		md, err = os.Create(*outMD)
		if err != nil {
			return err
		}
		defer md.Close()
		out = io.MultiWriter(os.Stdout, md)
	}
	tvRT := 4 * speechSec / tvWall.Seconds()
	report(out, conds, tv, wr, tvRT, wrInfo.Audio/math.Max(wrInfo.Wall, 1e-9))
	fmt.Fprintf(os.Stderr, "total %.1fs\n", time.Since(t0).Seconds())
	return nil
}

// mix adds noise of the given kind to the clean track at snr dB, where
// the speech power is measured over the speech-labelled frames and the noise
// power over the whole track.
func mix(tr track, kind string, snr float64, rng *rand.Rand, loops [][]float64) []int16 {
	n := len(tr.x)
	var nz []float64
	switch kind {
	case "white":
		nz = whiteNoise(rng, n)
	case "pink":
		nz = pinkNoise(rng, n)
	case "brown":
		nz = brownNoise(rng, n, tr.rate)
	case "babble":
		nz = babble(rng, loops, n)
	case "music":
		nz = music(rng, n, tr.rate)
	case "toy":
		nz = toyNoise(rng, n, tr.rate)
	}
	y := append([]float64(nil), tr.x...)
	if nz != nil {
		fl := tr.rate / 100
		var ps float64
		var cs int
		for f, l := range tr.labels {
			if l {
				for _, v := range tr.x[f*fl : (f+1)*fl] {
					ps += v * v
					cs++
				}
			}
		}
		ps /= float64(cs)
		var pn float64
		for _, v := range nz {
			pn += v * v
		}
		pn /= float64(n)
		g := math.Sqrt(ps / pn / math.Pow(10, snr/10))
		for i := range y {
			y[i] += g * nz[i]
		}
	}
	pcm := make([]int16, n)
	for i, v := range y {
		s := math.Round(v * 32768)
		pcm[i] = int16(math.Max(-32768, math.Min(32767, s)))
	}
	return pcm
}

func runToyvoice(c *cond, mode int) ([]bool, error) {
	d, err := vad.New(c.rate, vad.WithAggressiveness(mode))
	if err != nil {
		return nil, err
	}
	fl := d.FrameLen()
	dec := make([]bool, len(c.lab))
	for f := range dec {
		dec[f], err = d.Process(c.pcm[f*fl : (f+1)*fl])
		if err != nil {
			return nil, err
		}
	}
	return dec, nil
}

func runWebRTC(dir string, conds []*cond, info any) error {
	type job struct {
		In   string `json:"in"`
		Rate int    `json:"rate"`
		Out  string `json:"out"`
	}
	var jobs []job
	for _, c := range conds {
		if *reuse {
			if _, err := os.Stat(c.file + ".webrtc"); err == nil {
				continue
			}
		}
		jobs = append(jobs, job{c.file, c.rate, c.file + ".webrtc"})
	}
	if len(jobs) == 0 {
		return nil
	}
	jf := filepath.Join(dir, "jobs.json")
	jb, _ := json.Marshal(jobs)
	if err := os.WriteFile(jf, jb, 0o644); err != nil {
		return err
	}
	here, err := os.Getwd()
	if err != nil {
		return err
	}
	cmd := exec.Command("node", filepath.Join(here, "webrtc.mjs"), jf)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("node webrtc.mjs: %v (did you run npm ci in eval/vad?)", err)
	}
	return json.Unmarshal(out, info)
}

func cell(s score) string {
	return fmt.Sprintf("%5.1f %5.1f %5.1f", s.acc(), s.recall(), s.fa())
}

func report(w io.Writer, conds []*cond, tv, wr [][4]score, tvRT, wrRT float64) {
	def := vad.DefaultAggressiveness
	fmt.Fprintf(w, "## Goal: toyvoice mode %d vs the WebRTC VAD's most accurate mode\n\n", def)
	fmt.Fprintf(w, "Cells: frame accuracy, speech recall, false-alarm rate (%%), 10 ms frames. Met: higher accuracy at an equal or lower false-alarm rate.\n\n")
	fmt.Fprintf(w, "| condition | WebRTC best mode | acc rec FA | toyvoice %d acc rec FA | Δacc | met |\n|---|---|---|---|---|---|\n", def)
	met := 0
	var fails []string
	for i, c := range conds {
		b := 0
		for m := 1; m < 4; m++ {
			if wr[i][m].acc() > wr[i][b].acc() {
				b = m
			}
		}
		t := tv[i][def]
		ok := t.acc() > wr[i][b].acc() && t.fa() <= wr[i][b].fa()
		mark := "yes"
		if ok {
			met++
		} else {
			mark = "**no**"
			fails = append(fails, strings.TrimSpace(c.name()))
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s | %+.1f | %s |\n", c.name(), b, cell(wr[i][b]), cell(t), t.acc()-wr[i][b].acc(), mark)
	}
	fmt.Fprintf(w, "\nGoal met on %d of %d conditions.", met, len(conds))
	if len(fails) > 0 {
		fmt.Fprintf(w, " Not met: %s.", strings.Join(fails, ", "))
	}
	fmt.Fprintf(w, "\n\n")
	// averages
	fmt.Fprintf(w, "## Means over all conditions\n\n| VAD | acc | recall | FA |\n|---|---|---|---|\n")
	for _, v := range []struct {
		name string
		s    [][4]score
	}{{"WebRTC", wr}, {"toyvoice", tv}} {
		for m := 0; m < 4; m++ {
			var a, r, f float64
			for i := range conds {
				a += v.s[i][m].acc()
				r += v.s[i][m].recall()
				f += v.s[i][m].fa()
			}
			n := float64(len(conds))
			fmt.Fprintf(w, "| %s mode %d | %.1f | %.1f | %.1f |\n", v.name, m, a/n, r/n, f/n)
		}
	}
	wrNote := fmt.Sprintf("WebRTC %.0f× realtime (WebAssembly under node)", wrRT)
	if wrRT == 0 {
		wrNote = "WebRTC not timed (its decisions were reused from an earlier run, -reuse)"
	}
	fmt.Fprintf(w, "\nThroughput in this run, wall clock while sharing the machine with each other (indicative only; see the Go benchmark for speed): toyvoice %.0f× realtime (Go, per goroutine), %s.\n\n", tvRT, wrNote)
	if *brief {
		return
	}
	fmt.Fprintf(w, "## All modes\n\nCells: accuracy recall FA (%%).\n\n| condition | WebRTC 0 | WebRTC 1 | WebRTC 2 | WebRTC 3 | toyvoice 0 | toyvoice 1 | toyvoice 2 | toyvoice 3 |\n|---|---|---|---|---|---|---|---|---|\n")
	for i, c := range conds {
		fmt.Fprintf(w, "| %s |", c.name())
		for m := 0; m < 4; m++ {
			fmt.Fprintf(w, " %s |", cell(wr[i][m]))
		}
		for m := 0; m < 4; m++ {
			fmt.Fprintf(w, " %s |", cell(tv[i][m]))
		}
		fmt.Fprintln(w)
	}
	_ = sort.Ints
}
