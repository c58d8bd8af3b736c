package dynamics

import (
	"math"

	"github.com/toyvoice/toyvoice/dsp/internal/oversample"
)

// limiterMargin is how far below the ceiling the limiter aims, in dB. It
// absorbs the tiny overshoot a time-varying gain can add between samples
// and the rounding to 16 bits; the tests show the worst case on hard
// material well inside it.
const limiterMargin = 0.05

// Limiter is a look-ahead true-peak limiter. It measures peaks with the
// loudness meter's own BS.1770-4 Annex 2 interpolator, so its output never
// reads above the ceiling on loudness.Meter.TruePeak.
//
// Gain computation, per frame m (all channels linked):
//
//	P[m]   = max over channels of |x[m]| and the interpolated values just after it
//	r[m]   = min(1, ceiling / P[m])
//	h[k]   = min r[k−S … k+S+A−1]         (S = half the interpolator, A = look-ahead)
//	g[k]   = mean h[k−A+1 … k]            (a linear attack over A frames)
//	out[k] = x[k] · min(g[k], release-smoothed g)
//
// so every gain within S frames of a peak is at most that peak's r, and
// the gain never jumps. Delay: A + S + 5 frames (≈ 5.3 ms by default).
// Zero allocations per call once dst has capacity.
type Limiter struct {
	ch       int
	ceil     float32
	ip       *oversample.Interp
	a, s, d0 int
	delay    int
	relCoef  float32
	n        int64     // frames pushed
	ring     []float32 // per channel 2·Taps interpolation ring
	line     []float32 // delay line, (delay+1) frames
	dqIdx    []int64   // sliding-minimum deque (ring)
	dqVal    []float32
	dqHead   int
	dqLen    int
	ma       []float32 // last A values of h
	maSum    float64
	maPos    int
	gRel     float32
	out      [MaxChannels]float32
}

// NewLimiter returns a limiter with the given ceiling in dBTP (−30…0).
// Options: WithLookahead, WithRelease.
func NewLimiter(rate, channels int, ceilingDB float64, opts ...Option) (*Limiter, error) {
	if err := checkFormat(rate, channels); err != nil {
		return nil, err
	}
	cfg := defaults()
	if err := cfg.apply(append([]Option{WithTruePeak(ceilingDB)}, opts...)); err != nil {
		return nil, err
	}
	l := &Limiter{ch: channels, ip: oversample.New(rate)}
	l.ceil = float32(math.Pow(10, (cfg.ceiling-limiterMargin)/20))
	l.a = max(1, int(cfg.lookahead*float64(rate)+0.5))
	l.s = oversample.Taps/2 + 2
	l.d0 = int(math.Ceil(l.ip.Delay()))
	l.delay = l.d0 + l.s + l.a - 1
	l.relCoef = float32(1 - math.Exp(-1/(cfg.release*float64(rate))))
	l.ring = make([]float32, channels*2*oversample.Taps)
	l.line = make([]float32, channels*(l.delay+1))
	w := l.a + 2*l.s
	l.dqIdx = make([]int64, w+1)
	l.dqVal = make([]float32, w+1)
	l.ma = make([]float32, l.a)
	l.Reset()
	return l, nil
}

// Delay returns the limiter's latency in frames.
func (l *Limiter) Delay() int { return l.delay }

// Reset returns the limiter to its initial state without allocating.
func (l *Limiter) Reset() {
	l.n = 0
	clear(l.ring)
	clear(l.line)
	l.dqHead, l.dqLen = 0, 0
	for i := range l.ma {
		l.ma[i] = 1
	}
	l.maSum = float64(l.a)
	l.maPos = 0
	l.gRel = 1
}

// push takes one frame (in[:ch]); it returns true when a delayed output
// frame is ready in l.out.
func (l *Limiter) push(in *[MaxChannels]float32) bool {
	const T = oversample.Taps
	ch := l.ch
	i := l.n
	l.n++
	w := int(i % T)
	lineLen := l.delay + 1
	slot := int(i % int64(lineLen))
	for c := 0; c < ch; c++ {
		r := l.ring[c*2*T : (c+1)*2*T]
		r[w], r[w+T] = in[c], in[c]
		l.line[slot*ch+c] = in[c]
	}
	// Peak around frame m = i − d0.
	m := i - int64(l.d0)
	var p float32
	if m >= 0 {
		ms := int(m % int64(lineLen))
		for c := 0; c < ch; c++ {
			v := l.line[ms*ch+c]
			if v < 0 {
				v = -v
			}
			if v > p {
				p = v
			}
			r := l.ring[c*2*T : (c+1)*2*T]
			var wm float32
			for _, x := range r[w+1 : w+1+T] {
				if x < 0 {
					x = -x
				}
				if x > wm {
					wm = x
				}
			}
			if wm*l.ip.Gain > l.ceil {
				if q := l.ip.PeakAt(r, w+T); q > p {
					p = q
				}
			}
		}
	}
	req := float32(1)
	if p > l.ceil {
		req = l.ceil / p
	}
	// Sliding minimum over the last A+2S requirements.
	win := int64(l.a + 2*l.s)
	dqCap := len(l.dqIdx)
	for l.dqLen > 0 {
		b := (l.dqHead + l.dqLen - 1) % dqCap
		if l.dqVal[b] < req {
			break
		}
		l.dqLen--
	}
	b := (l.dqHead + l.dqLen) % dqCap
	l.dqIdx[b], l.dqVal[b] = m, req
	l.dqLen++
	for l.dqIdx[l.dqHead] <= m-win {
		l.dqHead = (l.dqHead + 1) % dqCap
		l.dqLen--
	}
	h := l.dqVal[l.dqHead]
	// Moving average over A (exact re-sum once per A frames).
	l.maSum += float64(h) - float64(l.ma[l.maPos])
	l.ma[l.maPos] = h
	l.maPos++
	if l.maPos == l.a {
		l.maPos = 0
		var s float64
		for _, v := range l.ma {
			s += float64(v)
		}
		l.maSum = s
	}
	g := float32(l.maSum / float64(l.a))
	if g > 1 {
		g = 1
	}
	if g < l.gRel {
		l.gRel = g
	} else {
		l.gRel += (g - l.gRel) * l.relCoef
	}
	k := i - int64(l.delay)
	if k < 0 {
		return false
	}
	ks := int(k % int64(lineLen))
	gr := l.gRel
	for c := 0; c < ch; c++ {
		l.out[c] = l.line[ks*ch+c] * gr
	}
	return true
}

// AppendFloat32 limits interleaved samples and appends the output, which
// lags the input by Delay frames, to dst.
func (l *Limiter) AppendFloat32(dst, src []float32) []float32 {
	ch := l.ch
	var in [MaxChannels]float32
	for ; len(src) >= ch; src = src[ch:] {
		copy(in[:ch], src)
		if l.push(&in) {
			dst = append(dst, l.out[:ch]...)
		}
	}
	return dst
}

// AppendInt16 is AppendFloat32 for 16-bit samples (rounded, saturated).
func (l *Limiter) AppendInt16(dst, src []int16) []int16 {
	ch := l.ch
	var in [MaxChannels]float32
	for ; len(src) >= ch; src = src[ch:] {
		for c := 0; c < ch; c++ {
			in[c] = float32(src[c]) * (1.0 / 32768)
		}
		if l.push(&in) {
			dst = appendInt16(dst, l.out[:ch])
		}
	}
	return dst
}

// FlushFloat32 appends the Delay frames still inside the limiter and
// resets it for a new stream.
func (l *Limiter) FlushFloat32(dst []float32) []float32 {
	var zero [MaxChannels]float32
	pending := min(int64(l.delay), l.n)
	for i := int64(0); i < pending; i++ {
		if l.push(&zero) {
			dst = append(dst, l.out[:l.ch]...)
		}
	}
	l.Reset()
	return dst
}

// FlushInt16 is FlushFloat32 for 16-bit output.
func (l *Limiter) FlushInt16(dst []int16) []int16 {
	var zero [MaxChannels]float32
	pending := min(int64(l.delay), l.n)
	for i := int64(0); i < pending; i++ {
		if l.push(&zero) {
			dst = appendInt16(dst, l.out[:l.ch])
		}
	}
	l.Reset()
	return dst
}

func appendInt16(dst []int16, f []float32) []int16 {
	for _, v := range f {
		x := v * 32768
		if x >= 0 {
			x += 0.5
		} else {
			x -= 0.5
		}
		if x > 32767 {
			x = 32767
		} else if x < -32768 {
			x = -32768
		}
		dst = append(dst, int16(x))
	}
	return dst
}
