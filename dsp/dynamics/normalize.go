package dynamics

import (
	"math"

	"github.com/toyvoice/toyvoice/dsp/loudness"
)

// Report describes what a normalisation did.
type Report struct {
	InputLUFS      float64 // integrated loudness of the input (−Inf if nothing passed the gates)
	InputTruePeak  float64 // dBTP
	GainDB         float64 // gain applied before limiting
	OutputLUFS     float64
	OutputTruePeak float64 // dBTP, never above the ceiling
	Limited        bool    // the limiter was needed
	Skipped        bool    // quiet input (below the −70 LUFS absolute gate): left unchanged
}

func measure(m *loudness.Meter, f32 []float32, i16 []int16) (integrated, tp float64) {
	m.Reset()
	if f32 != nil {
		m.WriteFloat32(f32)
	} else {
		m.WriteInt16(i16)
	}
	return m.Integrated(), m.TruePeak()
}

// plan decides the gain: target − input loudness, capped at the maximum
// gain; quiet input gets none.
func plan(cfg *config, in float64) (gainDB float64, skip bool) {
	if math.IsInf(in, -1) || math.IsNaN(in) {
		return 0, true
	}
	return math.Min(cfg.target-in, cfg.maxGain), false
}

// NormalizeFloat32 is the two-pass normaliser for a whole message: it
// measures src's integrated loudness (BS.1770-4), applies the gain that
// brings it to the target (default −16 LUFS, at most WithMaxGain), and
// runs the true-peak limiter when the result would exceed the ceiling
// (default −1 dBTP). Limiting lowers the loudness, so the gain is then
// raised by the shortfall and the message rendered again (at most five
// more passes, never more than 6 dB of make-up and never beyond the
// maximum gain: a message whose peaks are too high for the target under
// the ceiling comes out quieter than the target rather than squashed). The output, appended to
// dst, has the same length as src and a true peak at or below the ceiling
// as measured by loudness.Meter; if a final measurement ever found it
// above, the limiter is rerun with a lower ceiling. Input whose loudness
// is below the absolute gate (−70 LUFS, silence) is copied unchanged.
func NormalizeFloat32(dst, src []float32, rate, channels int, opts ...Option) ([]float32, Report, error) {
	cfg := defaults()
	if err := checkFormat(rate, channels); err != nil {
		return dst, Report{}, err
	}
	if err := cfg.apply(opts); err != nil {
		return dst, Report{}, err
	}
	start := len(dst)
	m, _ := loudness.NewMeter(rate, channels, loudness.WithRange(false))
	inI, inTP := measure(m, src, nil)
	buf := make([]float32, 0, 256*channels)
	var lim *Limiter
	var limCeil float64
	r, err := twoPass(&cfg, inI, inTP, func(gainDB, ceiling float64, limit bool) (float64, float64, error) {
		dst = dst[:start]
		gl := float32(math.Pow(10, gainDB/20))
		if !limit {
			for _, v := range src {
				dst = append(dst, v*gl)
			}
		} else {
			if err := limiterFor(&lim, &limCeil, rate, channels, ceiling, &cfg); err != nil {
				return 0, 0, err
			}
			for i := 0; i < len(src); i += len(buf) {
				buf = buf[:min(cap(buf), len(src)-i)]
				for j := range buf {
					buf[j] = src[i+j] * gl
				}
				dst = lim.AppendFloat32(dst, buf)
			}
			dst = lim.FlushFloat32(dst)
		}
		i, tp := measure(m, dst[start:], nil)
		return i, tp, nil
	})
	if r.Skipped {
		dst = append(dst[:start], src...)
	}
	return dst, r, err
}

// NormalizeInt16 is NormalizeFloat32 for 16-bit PCM; the true-peak
// ceiling holds for the rounded 16-bit output.
func NormalizeInt16(dst, src []int16, rate, channels int, opts ...Option) ([]int16, Report, error) {
	cfg := defaults()
	if err := checkFormat(rate, channels); err != nil {
		return dst, Report{}, err
	}
	if err := cfg.apply(opts); err != nil {
		return dst, Report{}, err
	}
	start := len(dst)
	m, _ := loudness.NewMeter(rate, channels, loudness.WithRange(false))
	inI, inTP := measure(m, nil, src)
	buf := make([]float32, 256*channels)
	var lim *Limiter
	var limCeil float64
	r, err := twoPass(&cfg, inI, inTP, func(gainDB, ceiling float64, limit bool) (float64, float64, error) {
		dst = dst[:start]
		gl := float32(math.Pow(10, gainDB/20))
		if limit {
			if err := limiterFor(&lim, &limCeil, rate, channels, ceiling, &cfg); err != nil {
				return 0, 0, err
			}
		}
		for i := 0; i < len(src); i += len(buf) {
			b := buf[:min(len(buf), len(src)-i)]
			for j := range b {
				b[j] = float32(src[i+j]) * (1.0 / 32768) * gl
			}
			if limit {
				dst = lim.appendFloatToInt16(dst, b) // rounds once, at the output
			} else {
				dst = appendInt16(dst, b)
			}
		}
		if limit {
			dst = lim.FlushInt16(dst)
		}
		i, tp := measure(m, nil, dst[start:])
		return i, tp, nil
	})
	if r.Skipped {
		dst = append(dst[:start], src...)
	}
	return dst, r, err
}

// limiterFor reuses *lim across passes (Flush leaves it reset) unless the
// ceiling changed.
func limiterFor(lim **Limiter, limCeil *float64, rate, channels int, ceiling float64, cfg *config) error {
	if *lim != nil && *limCeil == ceiling {
		return nil
	}
	l, err := NewLimiter(rate, channels, ceiling, WithLookahead(cfg.lookahead), WithRelease(cfg.release))
	if err != nil {
		return err
	}
	*lim, *limCeil = l, ceiling
	return nil
}

// maxMakeup bounds how much gain the two-pass normaliser adds to make up
// for the loudness the limiter takes away: beyond it the limiter would be
// squashing the message rather than catching its peaks.
const maxMakeup = 6.0

// twoPass drives render(gain, limiter ceiling, limit?) until the output
// sits at the target (within 0.05 LU, or at the maximum gain) under the
// ceiling.
func twoPass(cfg *config, inI, inTP float64, render func(gainDB, ceiling float64, limit bool) (float64, float64, error)) (Report, error) {
	r := Report{InputLUFS: inI, InputTruePeak: inTP}
	g, skip := plan(cfg, inI)
	if skip {
		r.Skipped = true
		r.OutputLUFS, r.OutputTruePeak = inI, inTP
		return r, nil
	}
	ceiling := cfg.ceiling
	maxG := math.Min(cfg.maxGain, g+maxMakeup)
	for pass := 0; pass < 10; pass++ {
		limit := inTP+g > cfg.ceiling-limiterMargin
		outI, outTP, err := render(g, ceiling, limit)
		if err != nil {
			return r, err
		}
		r.GainDB, r.Limited, r.OutputLUFS, r.OutputTruePeak = g, limit, outI, outTP
		if outTP > cfg.ceiling {
			ceiling -= outTP - cfg.ceiling + 0.01
			continue
		}
		short := cfg.target - outI
		if !limit || short < 0.05 || g >= maxG || pass >= 5 {
			break
		}
		g = math.Min(maxG, g+short)
	}
	return r, nil
}

// appendFloatToInt16 limits float input and appends 16-bit output.
func (l *Limiter) appendFloatToInt16(dst []int16, src []float32) []int16 {
	ch := l.ch
	var in [MaxChannels]float32
	for ; len(src) >= ch; src = src[ch:] {
		copy(in[:ch], src)
		if l.push(&in) {
			dst = appendInt16(dst, l.out[:ch])
		}
	}
	return dst
}

// Normalizer is the one-pass streaming normaliser for live audio: a
// loudness meter follows the input's integrated loudness, the gain glides
// (at most 10 dB/s, capped by WithMaxGain) towards target − measured, and
// the true-peak limiter keeps the output under the ceiling. The delay is
// the limiter's look-ahead only (Delay frames, ≈ 5 ms). Until the first
// 400 ms block passes the −70 LUFS gate the gain stays at 0 dB, so
// silence and room noise below the gate are never amplified.
type Normalizer struct {
	cfg      config
	ch, rate int
	meter    *loudness.Meter
	lim      *Limiter
	gain     float64 // current gain, dB
	want     float64 // target gain, dB
	slew     float64 // dB per frame
	chunk    int     // frames per gain update (10 ms)
	sinceUpd int     // chunks since the integrated loudness was read
	left     int     // frames left in the current chunk
	pos      int     // frames done in it
	a0, step float32 // its linear gain ramp
	scratch  []float32
}

const normSlewDBPerSecond = 10

// NewNormalizer returns a streaming normaliser. Options: WithTarget,
// WithTruePeak, WithMaxGain, WithLookahead, WithRelease.
func NewNormalizer(rate, channels int, opts ...Option) (*Normalizer, error) {
	if err := checkFormat(rate, channels); err != nil {
		return nil, err
	}
	cfg := defaults()
	if err := cfg.apply(opts); err != nil {
		return nil, err
	}
	m, err := loudness.NewMeter(rate, channels, loudness.WithTruePeak(false), loudness.WithRange(false))
	if err != nil {
		return nil, err
	}
	lim, err := NewLimiter(rate, channels, cfg.ceiling, WithLookahead(cfg.lookahead), WithRelease(cfg.release))
	if err != nil {
		return nil, err
	}
	n := &Normalizer{cfg: cfg, ch: channels, rate: rate, meter: m, lim: lim}
	n.chunk = max(1, rate/100)
	n.slew = normSlewDBPerSecond / float64(rate)
	n.scratch = make([]float32, n.chunk*channels)
	return n, nil
}

// Delay returns the latency in frames.
func (n *Normalizer) Delay() int { return n.lim.Delay() }

// GainDB returns the gain currently applied before the limiter.
func (n *Normalizer) GainDB() float64 { return n.gain }

// Reset starts a new stream without allocating.
func (n *Normalizer) Reset() {
	n.meter.Reset()
	n.lim.Reset()
	n.gain, n.want, n.sinceUpd, n.left, n.pos = 0, 0, 0, 0, 0
}

// startChunk decides the gain ramp of the next 10 ms chunk from what the
// meter has seen so far (re-reading the integrated loudness every 100 ms),
// so the output does not depend on how the input is split into calls.
func (n *Normalizer) startChunk() {
	n.sinceUpd++
	if n.sinceUpd >= 10 {
		n.sinceUpd = 0
		if g, skip := plan(&n.cfg, n.meter.Integrated()); !skip {
			n.want = g
		}
	}
	g0 := n.gain
	d, lim := n.want-n.gain, n.slew*float64(n.chunk)
	if d > lim {
		d = lim
	} else if d < -lim {
		d = -lim
	}
	n.gain += d
	n.a0 = float32(math.Pow(10, g0/20))
	n.step = (float32(math.Pow(10, n.gain/20)) - n.a0) / float32(n.chunk)
	n.pos, n.left = 0, n.chunk
}

// gainFrames applies the current ramp to scratch[:frames*ch] in place.
func (n *Normalizer) gainFrames(frames int) []float32 {
	buf := n.scratch[:frames*n.ch]
	for i := 0; i < frames; i++ {
		n.pos++
		a := n.a0 + n.step*float32(n.pos)
		for c := 0; c < n.ch; c++ {
			buf[i*n.ch+c] *= a
		}
	}
	n.left -= frames
	return buf
}

// AppendFloat32 normalises interleaved samples and appends the output
// (Delay frames behind the input) to dst.
func (n *Normalizer) AppendFloat32(dst, src []float32) []float32 {
	for len(src) >= n.ch {
		if n.left == 0 {
			n.startChunk()
		}
		frames := min(n.left, len(src)/n.ch)
		in := src[:frames*n.ch]
		n.meter.WriteFloat32(in)
		copy(n.scratch, in)
		dst = n.lim.AppendFloat32(dst, n.gainFrames(frames))
		src = src[frames*n.ch:]
	}
	return dst
}

// AppendInt16 is AppendFloat32 for 16-bit samples.
func (n *Normalizer) AppendInt16(dst, src []int16) []int16 {
	for len(src) >= n.ch {
		if n.left == 0 {
			n.startChunk()
		}
		frames := min(n.left, len(src)/n.ch)
		in := src[:frames*n.ch]
		n.meter.WriteInt16(in)
		for i, v := range in {
			n.scratch[i] = float32(v) * (1.0 / 32768)
		}
		dst = n.lim.appendFloatToInt16(dst, n.gainFrames(frames))
		src = src[frames*n.ch:]
	}
	return dst
}

// FlushFloat32 appends the frames still in the limiter and resets the
// normaliser for a new stream.
func (n *Normalizer) FlushFloat32(dst []float32) []float32 {
	dst = n.lim.FlushFloat32(dst)
	n.Reset()
	return dst
}

// FlushInt16 is FlushFloat32 for 16-bit output.
func (n *Normalizer) FlushInt16(dst []int16) []int16 {
	dst = n.lim.FlushInt16(dst)
	n.Reset()
	return dst
}
