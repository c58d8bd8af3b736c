package filter

import "math"

// Fixed-point format of FixedBiquad: coefficients in Q3.28 (range ±8,
// resolution 3.7e-9), output state with 8 fraction bits, 64-bit
// accumulators.
const (
	coefBits  = 28
	stateBits = 8
)

// FixedBiquad is an integer-only biquad for MCUs without an FPU
// (Cortex-M0/M3): direct form I with Q3.28 coefficients, a 64-bit
// accumulator and first-order error feedback, so the quantisation noise
// is shaped away from the low frequencies where a DC/rumble high-pass has
// its poles. Its output stays within ±1 LSB of the float Biquad on speech
// (checked by a test). Coefficients are converted once, at construction.
type FixedBiquad struct {
	b0, b1, b2, a1, a2 int64
	ch                 int
	st                 [MaxChannels]fixedState
}

type fixedState struct {
	x1, x2 int32 // inputs
	y1, y2 int32 // outputs, Q.8
	e      int64 // error feedback
}

// NewFixedBiquad converts c to fixed point; ErrRange when a coefficient
// is outside ±8.
func NewFixedBiquad(c Coeffs, channels int) (*FixedBiquad, error) {
	if channels < 1 || channels > MaxChannels {
		return nil, ErrChannels
	}
	q := func(v float64) (int64, bool) {
		s := v * (1 << coefBits)
		if !(math.Abs(s) < 8*(1<<coefBits)) {
			return 0, false
		}
		return int64(math.Round(s)), true
	}
	f := &FixedBiquad{ch: channels}
	var ok [5]bool
	f.b0, ok[0] = q(c.B0)
	f.b1, ok[1] = q(c.B1)
	f.b2, ok[2] = q(c.B2)
	f.a1, ok[3] = q(c.A1)
	f.a2, ok[4] = q(c.A2)
	for _, o := range ok {
		if !o {
			return nil, ErrRange
		}
	}
	return f, nil
}

// NewFixedHighPass is NewHighPass in fixed point.
func NewFixedHighPass(rate, channels int, cutoff float64) (*FixedBiquad, error) {
	c, err := Design(HighPass, rate, cutoff, math.Sqrt2/2, 0)
	if err != nil {
		return nil, err
	}
	return NewFixedBiquad(c, channels)
}

// Reset clears the filter state.
func (f *FixedBiquad) Reset() { f.st = [MaxChannels]fixedState{} }

// ProcessInt16 filters interleaved 16-bit samples in place using integer
// arithmetic only.
func (f *FixedBiquad) ProcessInt16(x []int16) {
	const mask = 1<<coefBits - 1
	for ch := 0; ch < f.ch; ch++ {
		s := f.st[ch]
		for i := ch; i < len(x); i += f.ch {
			x0 := int32(x[i])
			acc := (f.b0*int64(x0)+f.b1*int64(s.x1)+f.b2*int64(s.x2))<<stateBits -
				f.a1*int64(s.y1) - f.a2*int64(s.y2) + s.e
			y := acc >> coefBits // Q.8
			s.e = acc & mask
			if y > 1<<28 {
				y = 1 << 28
			} else if y < -(1 << 28) {
				y = -(1 << 28)
			}
			s.x2, s.x1 = s.x1, x0
			s.y2, s.y1 = s.y1, int32(y)
			o := (y + 1<<(stateBits-1)) >> stateBits
			if o > 32767 {
				o = 32767
			} else if o < -32768 {
				o = -32768
			}
			x[i] = int16(o)
		}
		f.st[ch] = s
	}
}
