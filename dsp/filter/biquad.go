package filter

import (
	"errors"
	"math"
)

// Errors returned by Design and the constructors.
var (
	ErrSampleRate = errors.New("filter: sample rate out of range (8000–192000 Hz)")
	ErrChannels   = errors.New("filter: channel count out of range (1–8)")
	ErrParameter  = errors.New("filter: frequency, Q or gain out of range")
	ErrRange      = errors.New("filter: coefficients do not fit the fixed-point format")
)

// Limits of the constructors.
const (
	MinSampleRate = 8000
	MaxSampleRate = 192000
	MaxChannels   = 8
)

// Kind selects a response from the RBJ Audio EQ Cookbook.
type Kind uint8

// The cookbook responses.
const (
	LowPass   Kind = iota // 12 dB/octave low-pass
	HighPass              // 12 dB/octave high-pass (Q = 1/√2: Butterworth)
	BandPass              // constant 0 dB peak gain band-pass
	Notch                 // band-stop
	Peak                  // peaking EQ, gainDB at freq
	LowShelf              // shelf below freq, gainDB
	HighShelf             // shelf above freq, gainDB
	AllPass               // phase only
)

// Coeffs are biquad coefficients with a0 normalised to 1:
//
//	H(z) = (B0 + B1 z⁻¹ + B2 z⁻²) / (1 + A1 z⁻¹ + A2 z⁻²)
type Coeffs struct{ B0, B1, B2, A1, A2 float64 }

// Design returns the cookbook biquad of the given kind for any rate:
// the bilinear transform with the corner prewarped to freq (R. Bristow-
// Johnson, "Cookbook formulae for audio EQ biquad filter coefficients",
// W3C Audio EQ Cookbook). freq must lie strictly between 0 and Nyquist,
// q in (0, 100], gainDB in [−48, 48] (used by Peak and the shelves; for
// the shelves q is the cookbook's Q, 1/√2 giving the steepest monotonic
// slope).
func Design(k Kind, rate int, freq, q, gainDB float64) (Coeffs, error) {
	if rate < MinSampleRate || rate > MaxSampleRate {
		return Coeffs{}, ErrSampleRate
	}
	if !(freq > 0 && freq < float64(rate)/2) || !(q > 0 && q <= 100) || !(gainDB >= -48 && gainDB <= 48) || k > AllPass {
		return Coeffs{}, ErrParameter
	}
	w0 := 2 * math.Pi * freq / float64(rate)
	cw, sw := math.Cos(w0), math.Sin(w0)
	alpha := sw / (2 * q)
	A := math.Pow(10, gainDB/40)
	var b0, b1, b2, a0, a1, a2 float64
	switch k {
	case LowPass:
		b0, b1, b2 = (1-cw)/2, 1-cw, (1-cw)/2
		a0, a1, a2 = 1+alpha, -2*cw, 1-alpha
	case HighPass:
		b0, b1, b2 = (1+cw)/2, -(1 + cw), (1+cw)/2
		a0, a1, a2 = 1+alpha, -2*cw, 1-alpha
	case BandPass:
		b0, b1, b2 = alpha, 0, -alpha
		a0, a1, a2 = 1+alpha, -2*cw, 1-alpha
	case Notch:
		b0, b1, b2 = 1, -2*cw, 1
		a0, a1, a2 = 1+alpha, -2*cw, 1-alpha
	case Peak:
		b0, b1, b2 = 1+alpha*A, -2*cw, 1-alpha*A
		a0, a1, a2 = 1+alpha/A, -2*cw, 1-alpha/A
	case LowShelf:
		s := 2 * math.Sqrt(A) * alpha
		b0 = A * ((A + 1) - (A-1)*cw + s)
		b1 = 2 * A * ((A - 1) - (A+1)*cw)
		b2 = A * ((A + 1) - (A-1)*cw - s)
		a0 = (A + 1) + (A-1)*cw + s
		a1 = -2 * ((A - 1) + (A+1)*cw)
		a2 = (A + 1) + (A-1)*cw - s
	case HighShelf:
		s := 2 * math.Sqrt(A) * alpha
		b0 = A * ((A + 1) + (A-1)*cw + s)
		b1 = -2 * A * ((A - 1) + (A+1)*cw)
		b2 = A * ((A + 1) + (A-1)*cw - s)
		a0 = (A + 1) - (A-1)*cw + s
		a1 = 2 * ((A - 1) - (A+1)*cw)
		a2 = (A + 1) - (A-1)*cw - s
	case AllPass:
		b0, b1, b2 = 1-alpha, -2*cw, 1+alpha
		a0, a1, a2 = 1+alpha, -2*cw, 1-alpha
	}
	return Coeffs{b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0}, nil
}

// Response returns the magnitude response in dB at freq for rate.
func (c Coeffs) Response(freq float64, rate int) float64 {
	w := 2 * math.Pi * freq / float64(rate)
	c1, s1, c2, s2 := math.Cos(w), math.Sin(w), math.Cos(2*w), math.Sin(2*w)
	nr, ni := c.B0+c.B1*c1+c.B2*c2, -c.B1*s1-c.B2*s2
	dr, di := 1+c.A1*c1+c.A2*c2, -c.A1*s1-c.A2*s2
	return 10 * math.Log10((nr*nr+ni*ni)/(dr*dr+di*di))
}

// Biquad filters interleaved audio in place with one second-order section
// per channel (transposed direct form II, float64 state). Zero
// allocations; chunking doesn't change the output.
type Biquad struct {
	c  Coeffs
	ch int
	z  [MaxChannels][2]float64
}

// NewBiquad returns a filter for channels interleaved channels.
func NewBiquad(c Coeffs, channels int) (*Biquad, error) {
	if channels < 1 || channels > MaxChannels {
		return nil, ErrChannels
	}
	return &Biquad{c: c, ch: channels}, nil
}

// NewHighPass returns the capture-side DC and rumble filter: a
// second-order Butterworth high-pass at cutoff Hz (typically 60–120 Hz
// for voice), valid at any rate.
func NewHighPass(rate, channels int, cutoff float64) (*Biquad, error) {
	c, err := Design(HighPass, rate, cutoff, math.Sqrt2/2, 0)
	if err != nil {
		return nil, err
	}
	return NewBiquad(c, channels)
}

// Coeffs returns the filter's coefficients.
func (b *Biquad) Coeffs() Coeffs { return b.c }

// Reset clears the filter state.
func (b *Biquad) Reset() { b.z = [MaxChannels][2]float64{} }

// ProcessFloat32 filters interleaved samples in place.
func (b *Biquad) ProcessFloat32(x []float32) {
	c := b.c
	for ch := 0; ch < b.ch; ch++ {
		z1, z2 := b.z[ch][0], b.z[ch][1]
		for i := ch; i < len(x); i += b.ch {
			in := float64(x[i])
			y := c.B0*in + z1
			z1 = c.B1*in - c.A1*y + z2
			z2 = c.B2*in - c.A2*y
			x[i] = float32(y)
		}
		b.z[ch][0], b.z[ch][1] = flush(z1), flush(z2)
	}
}

// ProcessInt16 filters interleaved 16-bit samples in place (rounded,
// saturated).
func (b *Biquad) ProcessInt16(x []int16) {
	c := b.c
	for ch := 0; ch < b.ch; ch++ {
		z1, z2 := b.z[ch][0], b.z[ch][1]
		for i := ch; i < len(x); i += b.ch {
			in := float64(x[i])
			y := c.B0*in + z1
			z1 = c.B1*in - c.A1*y + z2
			z2 = c.B2*in - c.A2*y
			x[i] = sat16(math.Round(y))
		}
		b.z[ch][0], b.z[ch][1] = flush(z1), flush(z2)
	}
}

func flush(v float64) float64 {
	if v > -1e-30 && v < 1e-30 {
		return 0
	}
	return v
}

func sat16(v float64) int16 {
	if v > 32767 {
		return 32767
	}
	if v < -32768 {
		return -32768
	}
	return int16(v)
}
