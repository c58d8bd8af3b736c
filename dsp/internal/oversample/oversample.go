// Package oversample holds the polyphase interpolator behind toyvoice's
// true-peak measurement (ITU-R BS.1770-4 Annex 2). The loudness meter and the
// true-peak limiter share it, so the limiter's idea of a true peak is exactly
// the meter's.
//
// The filter is a Kaiser-windowed sinc (β = 6) cut off at the input Nyquist
// frequency, with Taps coefficients per phase (48 taps at 4×, the length of
// the Annex 2 example filter); each phase is normalised to unity DC gain.
// The oversampling factor is chosen so that the effective rate is at least
// 192 kHz and the factor at least 4 (so a sine at a quarter of the sample
// rate reads within 0.17 dB at any rate): 8 kHz → 24×, 16 kHz → 12×,
// 44.1 kHz → 5×, 48 kHz and above → 4×.
package oversample

import "math"

// Taps is the number of filter coefficients per phase.
const Taps = 12

// MinEffectiveRate is the lowest oversampled rate the factor choice allows.
const MinEffectiveRate = 192000

// Factor returns the oversampling factor used at rate.
func Factor(rate int) int {
	l := (MinEffectiveRate + rate - 1) / rate
	if l < 4 {
		l = 4
	}
	return l
}

// Interp is a polyphase interpolator. Its methods read a caller-owned
// buffer holding Taps-1 samples of history followed by new samples.
type Interp struct {
	L    int       // oversampling factor
	h    []float32 // L phases × Taps, each phase time-reversed for a forward dot product
	Gain float32   // max over phases of Σ|h|: |output| ≤ Gain·max|input window|
}

// New designs the interpolator for rate. It allocates once.
func New(rate int) *Interp {
	l := Factor(rate)
	n := l * Taps
	proto := make([]float64, n)
	c := float64(n-1) / 2
	const beta = 6.0
	i0b := bessel0(beta)
	for k := 0; k < n; k++ {
		t := (float64(k) - c) / float64(l) // in input samples
		s := 1.0
		if t != 0 {
			s = math.Sin(math.Pi*t) / (math.Pi * t)
		}
		r := (float64(k) - c) / (c + 0.5)
		w := bessel0(beta*math.Sqrt(math.Max(0, 1-r*r))) / i0b
		proto[k] = s * w
	}
	f := &Interp{L: l, h: make([]float32, n)}
	for p := 0; p < l; p++ {
		sum := 0.0
		for j := 0; j < Taps; j++ {
			sum += proto[p+j*l]
		}
		abs := 0.0
		for j := 0; j < Taps; j++ {
			v := proto[p+j*l] / sum
			// Output phase p at input position i uses x[i-j]·h[p+j·L];
			// store reversed so the window x[i-Taps+1..i] is read forward.
			f.h[p*Taps+Taps-1-j] = float32(v)
			abs += math.Abs(v)
		}
		if float32(abs) > f.Gain {
			f.Gain = float32(abs)
		}
	}
	return f
}

// Delay is the interpolator's group delay in input samples.
func (f *Interp) Delay() float64 { return float64(f.L*Taps-1) / float64(2*f.L) }

// PeakAt returns the largest absolute interpolated value of the L phases
// computed from the window buf[i-Taps+1 : i+1]; i ≥ Taps-1.
func (f *Interp) PeakAt(buf []float32, i int) float32 {
	w := buf[i-Taps+1 : i+1]
	w = w[:Taps]
	var m float32
	h := f.h
	for p := 0; p+Taps <= len(h); p += Taps {
		c := h[p : p+Taps : p+Taps]
		y := c[0]*w[0] + c[1]*w[1] + c[2]*w[2] + c[3]*w[3] +
			c[4]*w[4] + c[5]*w[5] + c[6]*w[6] + c[7]*w[7] +
			c[8]*w[8] + c[9]*w[9] + c[10]*w[10] + c[11]*w[11]
		if y < 0 {
			y = -y
		}
		if y > m {
			m = y
		}
	}
	return m
}

// PeakBlock returns max(cur, the largest absolute interpolated value over
// the windows ending at buf[Taps-1:], ...). buf holds Taps-1 history samples
// and then the new ones. Windows that cannot raise cur (Gain·max|x| ≤ cur)
// are skipped, which leaves the result unchanged.
func (f *Interp) PeakBlock(buf []float32, cur float32) float32 {
	const seg = 16
	for start := Taps - 1; start < len(buf); start += seg {
		end := start + seg
		if end > len(buf) {
			end = len(buf)
		}
		var mx float32
		for _, v := range buf[start-Taps+1 : end] {
			if v < 0 {
				v = -v
			}
			if v > mx {
				mx = v
			}
		}
		if mx*f.Gain <= cur {
			continue
		}
		for i := start; i < end; i++ {
			// the same bound per sample, on its own window
			var wm float32
			for _, v := range buf[i-Taps+1 : i+1] {
				if v < 0 {
					v = -v
				}
				if v > wm {
					wm = v
				}
			}
			if wm*f.Gain <= cur {
				continue
			}
			if p := f.PeakAt(buf, i); p > cur {
				cur = p
			}
		}
	}
	return cur
}

// bessel0 is the modified Bessel function of the first kind, order 0.
func bessel0(x float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; k < 50; k++ {
		term *= (x / (2 * float64(k))) * (x / (2 * float64(k)))
		sum += term
		if term < 1e-17*sum {
			break
		}
	}
	return sum
}
