package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/gopxl/beep/v2"

	"github.com/toyvoice/toyvoice/bench/internal/cref"
	"github.com/toyvoice/toyvoice/bench/internal/harness"
	"github.com/toyvoice/toyvoice/bench/internal/signal"
	"github.com/toyvoice/toyvoice/resample"
)

var (
	sinkF32 []float32
	sinkI16 []int16
)

// rsImpl is one resampler: a benchmark operation on the workload and a
// processor for the quality tones (float32 in and out, fresh state).
type rsImpl struct {
	im   *harness.Impl
	proc func(in []float32) []float32
	q    *rsQuality
}

type rsQuality struct {
	alias1, alias115, at09, snr float64
}

func resampling(out io.Writer, o opts) {
	section(out, "Resampling", "1 s of speech at the input rate, mono, per operation (ns per *input* sample; × realtime is audio seconds per CPU second). "+
		"toyvoice float presets use AppendFloat32, the fixed-point ones (`NewFixed`, for FPU-less chips) AppendInt16; the C references run float32 through their streaming APIs, state reset (not re-created) per operation and not flushed; "+
		"beep has no reset, so its Resampler is built per operation, and it always computes two channels (the mono input is duplicated).\n\n"+
		"Quality is measured the way resample/quality_test.go does, for every implementation alike, through its float32 (fixed: int16) I/O: full-scale tones on a 10 Hz grid, single-bin DFT over the last 0.1 s of steady-state output. "+
		"*alias ≥ fn*: the worst alias (downsampling: tones from the lower Nyquist fn up to the input Nyquist) or image (upsampling: images above fn of tones up to fn) in dB; *≥ 1.15 fn*: the same for tones/images beyond 1.15 fn (toyvoice quick and medium put their transition band around fn, speech-style); "+
		"*at 0.9 fn*: the level of a tone at 0.9 × fn (dB); *SNR 1k*: a −6 dBFS 1 kHz sine against its best-fitting sinusoid (noise + distortion, dB). "+
		"*÷ fastest C at ≥ quality*: toyvoice's time over the fastest C reference whose two alias figures are no more than 1 dB worse and whose level at 0.9 fn is no more than 0.5 dB lower. "+
		"*÷ soxr by name*: a float preset's time over libsoxr's preset of the same name (quick/QQ, medium/MQ, high/HQ, veryhigh/VHQ), whatever their quality: the issue's speed goal for High is stated against soxr HQ.")
	resampleTable(out, o, true)
}

// resamplingAVX2 times toyvoice's float presets against libsoxr's on a
// CPU with AVX-512 but with the resampler's AVX-512 kernels turned off
// (run.sh starts benchtab with GODEBUG=cpu.avx512f=off for this area), so
// that the table shows what a CPU with AVX2 alone gets, in its own run.
func resamplingAVX2(out io.Writer, o opts) {
	if !strings.Contains(os.Getenv("GODEBUG"), "cpu.avx512f=off") {
		fmt.Fprintln(os.Stderr, "benchtab: resample-avx2 needs GODEBUG=cpu.avx512f=off; skipped")
		return
	}
	section(out, "Resampling on AVX2 alone", "The same workloads as *Resampling*, in a separate run of benchtab started with "+
		"GODEBUG=cpu.avx512f=off, which turns toyvoice's AVX-512 kernels off (golang.org/x/sys/cpu honours it), so that the resampler runs "+
		"the AVX2 kernels a CPU without AVX-512 gets; libsoxr is unaffected. Float presets and libsoxr's recipes only (quality as in *Resampling*); "+
		"*÷ soxr by name* is a preset's time over libsoxr's preset of the same name in this run.")
	resampleTable(out, o, false)
}

// soxrByName names libsoxr's preset of the same name as each toyvoice
// float preset.
var soxrByName = map[string]string{"quick": "soxr QQ", "medium": "soxr MQ", "high": "soxr HQ", "veryhigh": "soxr VHQ"}

// resampleTable times the resampling workloads: with all, every
// implementation with its measured quality; without, toyvoice's float
// presets and libsoxr's recipes with the ÷ soxr by name column only.
func resampleTable(out io.Writer, o opts, all bool) {
	t := harness.NewTable("÷ soxr by name")
	if all {
		t = harness.NewTable("alias ≥ fn", "≥ 1.15 fn", "at 0.9 fn", "SNR 1k", "÷ fastest C at ≥ quality", "÷ soxr by name")
	}
	for _, rr := range [][2]int{{48000, 16000}, {16000, 48000}, {44100, 16000}, {8000, 16000}} {
		in, outRate := rr[0], rr[1]
		n := int(o.seconds * float64(in))
		x16 := signal.Speech(n, in)
		x := signal.Float32(x16)
		outCap := n*outRate/in + 4096
		dst := make([]float32, 0, outCap)
		dst16 := make([]int16, 0, outCap)
		var impls []*rsImpl
		add := func(name string, kind harness.Kind, op func(), proc func([]float32) []float32) {
			impls = append(impls, &rsImpl{im: &harness.Impl{Name: name, Kind: kind, Op: op}, proc: proc})
		}
		for q := resample.Quick; q <= resample.VeryHigh; q++ {
			r := must(resample.New(in, outRate, 1, q))
			add(q.String(), harness.Toyvoice,
				func() { r.Reset(); sinkF32 = r.AppendFloat32(dst[:0], x) },
				func(xs []float32) []float32 { r.Reset(); return r.AppendFloat32(nil, xs) })
		}
		for q := resample.Quick; all && q <= resample.VeryHigh; q++ {
			f := must(resample.NewFixed(in, outRate, 1, q))
			add(q.String()+" fixed", harness.Toyvoice,
				func() { f.Reset(); sinkI16 = f.AppendInt16(dst16[:0], x16) },
				func(xs []float32) []float32 {
					f.Reset()
					s := make([]int16, len(xs))
					for i, v := range xs {
						s[i] = int16(max(-32768, min(32767, math.Round(float64(v)*32767))))
					}
					y := f.AppendInt16(nil, s)
					return signal.Float32(y)
				})
		}
		for q := 0; all && q <= 10; q++ {
			s := must(cref.NewSpeex(in, outRate, 1, q))
			add(fmt.Sprintf("speexdsp q%d", q), harness.C,
				func() { s.Reset(); sinkInt = s.Process(dst[:outCap], x) },
				func(xs []float32) []float32 {
					s.Reset()
					y := make([]float32, len(xs)*outRate/in+4096)
					return y[:s.Process(y, xs)]
				})
		}
		for _, rc := range []struct {
			name   string
			recipe int
		}{{"QQ", cref.SoxrQQ}, {"LQ", cref.SoxrLQ}, {"MQ", cref.SoxrMQ}, {"HQ", cref.SoxrHQ}, {"VHQ", cref.SoxrVHQ}} {
			s := must(cref.NewSoxr(in, outRate, 1, rc.recipe))
			add("soxr "+rc.name, harness.C,
				func() { s.Reset(); sinkInt = s.Process(dst[:outCap], x) },
				func(xs []float32) []float32 {
					s.Reset()
					y := make([]float32, len(xs)*outRate/in+4096)
					return y[:s.Process(y, xs)]
				})
		}
		if all {
			for _, c := range []struct {
				name string
				typ  int
			}{{"fastest", cref.SRCSincFast}, {"medium", cref.SRCSincMedium}, {"best", cref.SRCSincBest}} {
				s := must(cref.NewSRC(in, outRate, 1, c.typ))
				add("libsamplerate "+c.name, harness.C,
					func() { s.Reset(); sinkInt = s.Process(dst[:outCap], x) },
					func(xs []float32) []float32 {
						s.Reset()
						y := make([]float32, len(xs)*outRate/in+4096)
						return y[:s.Process(y, xs)]
					})
			}
			bout := make([][2]float64, outCap)
			for _, q := range []int{1, 4, 16} {
				q := q
				add(fmt.Sprintf("beep q%d", q), harness.Go,
					func() { sinkInt = beepRun(q, in, outRate, x, bout) },
					func(xs []float32) []float32 {
						y := make([][2]float64, len(xs)*outRate/in+4096)
						k := beepRun(q, in, outRate, xs, y)
						f := make([]float32, k)
						for i := range f {
							f[i] = float32(y[i][0])
						}
						return f
					})
			}
		}
		w := &harness.Workload{Name: fmt.Sprintf("%g→%g kHz", float64(in)/1000, float64(outRate)/1000), Samples: n, Seconds: o.seconds}
		for _, ri := range impls {
			w.Impls = append(w.Impls, ri.im)
		}
		harness.Measure(w, o.cfg)
		if !all {
			for _, ri := range impls {
				if ri.im.Kind == harness.Toyvoice {
					ri.im.Extra = []string{soxrRatio(ri.im, w.Impls)}
				}
			}
		}
		if all && o.quality && !o.short {
			for _, ri := range impls {
				q := measureQuality(in, outRate, ri.proc)
				ri.q = &q
				ri.im.Extra = []string{dbs(q.alias1), dbs(q.alias115), fmt.Sprintf("%.2f", q.at09), fmt.Sprintf("%.1f", q.snr)}
			}
			for _, ri := range impls {
				if ri.im.Kind != harness.Toyvoice {
					continue
				}
				mine := ri.q
				ref := w.FastestC(func(c *harness.Impl) bool {
					for _, rj := range impls {
						if rj.im == c {
							q := rj.q
							return q.alias1 <= mine.alias1+1 && q.alias115 <= mine.alias115+1 && q.at09 >= mine.at09-0.5
						}
					}
					return false
				})
				cell := "no C reference as good"
				if ref != nil {
					cell = harness.Ratio(ri.im, ref)
				}
				ri.im.Extra = append(ri.im.Extra, cell, soxrRatio(ri.im, w.Impls))
			}
		}
		t.AddWorkload(w)
	}
	t.Markdown(out)
}

// soxrRatio is im's time over libsoxr's preset of the same name among
// impls, or "" if there is none.
func soxrRatio(im *harness.Impl, impls []*harness.Impl) string {
	for _, c := range impls {
		if c.Name == soxrByName[im.Name] {
			return fmt.Sprintf("%.2f", im.NsPerOp/c.NsPerOp)
		}
	}
	return ""
}

func dbs(v float64) string {
	if v < -300 {
		return "< −300"
	}
	return fmt.Sprintf("%.1f", v)
}

// beepRun resamples mono x through beep (stereo, x on both channels) into
// out and returns the frames written.
func beepRun(q, inRate, outRate int, x []float32, out [][2]float64) int {
	src := &monoStreamer{x: x}
	r := beep.Resample(q, beep.SampleRate(inRate), beep.SampleRate(outRate), src)
	total := 0
	for total < len(out) {
		n, ok := r.Stream(out[total:])
		total += n
		if !ok || n == 0 {
			break
		}
	}
	return total
}

type monoStreamer struct {
	x   []float32
	pos int
}

func (s *monoStreamer) Stream(samples [][2]float64) (int, bool) {
	if s.pos >= len(s.x) {
		return 0, false
	}
	n := min(len(samples), len(s.x)-s.pos)
	for i := 0; i < n; i++ {
		v := float64(s.x[s.pos+i])
		samples[i] = [2]float64{v, v}
	}
	s.pos += n
	return n, true
}

func (s *monoStreamer) Err() error { return nil }

// newToyvoiceHigh returns the float High preset as a quality processor.
func newToyvoiceHigh(in, out int) (func([]float32) []float32, error) {
	r, err := resample.New(in, out, 1, resample.High)
	if err != nil {
		return nil, err
	}
	return func(xs []float32) []float32 { r.Reset(); return r.AppendFloat32(nil, xs) }, nil
}
