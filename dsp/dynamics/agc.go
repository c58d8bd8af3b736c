package dynamics

import "math"

// AGCOption configures an AGC or FixedAGC.
type AGCOption func(*agcConfig) error

type agcConfig struct {
	target, maxGain, minGain, gate, attack, release float64
}

// WithAGCTarget sets the output level the AGC aims for, as RMS in dBFS
// (−40…−3); default −20 dBFS.
func WithAGCTarget(dbfs float64) AGCOption {
	return func(c *agcConfig) error {
		if !inRange(dbfs, -40, -3) {
			return ErrOption
		}
		c.target = dbfs
		return nil
	}
}

// WithAGCGainRange bounds the gain: minDB (−40…0) to maxDB (0…40);
// default −20 to +30 dB.
func WithAGCGainRange(minDB, maxDB float64) AGCOption {
	return func(c *agcConfig) error {
		if !inRange(minDB, -40, 0) || !inRange(maxDB, 0, 40) {
			return ErrOption
		}
		c.minGain, c.maxGain = minDB, maxDB
		return nil
	}
}

// WithAGCGate sets the input RMS level (dBFS, −90…−20) below which the
// gain is frozen, so silence and room noise are not pumped up; default
// −50 dBFS.
func WithAGCGate(dbfs float64) AGCOption {
	return func(c *agcConfig) error {
		if !inRange(dbfs, -90, -20) {
			return ErrOption
		}
		c.gate = dbfs
		return nil
	}
}

// WithAGCTimes sets the attack (gain going down) and release (gain going
// up) time constants in seconds (0.001…10); default 10 ms and 1 s.
func WithAGCTimes(attack, release float64) AGCOption {
	return func(c *agcConfig) error {
		if !inRange(attack, 0.001, 10) || !inRange(release, 0.001, 10) {
			return ErrOption
		}
		c.attack, c.release = attack, release
		return nil
	}
}

func agcSetup(rate, channels int, opts []AGCOption) (agcConfig, error) {
	c := agcConfig{target: -20, maxGain: 30, minGain: -20, gate: -50, attack: 0.01, release: 1}
	if err := checkFormat(rate, channels); err != nil {
		return c, err
	}
	for _, o := range opts {
		if o == nil {
			return c, ErrOption
		}
		if err := o(&c); err != nil {
			return c, err
		}
	}
	return c, nil
}

// agcBlock is the AGC's control period: the gain is recomputed every
// millisecond and ramped linearly across it.
const agcBlocksPerSecond = 1000

// AGC is an automatic gain control for live microphones. Every 1 ms it
// measures the RMS of the loudest channel with a 10 ms one-pole detector,
// computes the gain that would bring it to the target (clamped to the gain
// range) and moves towards it with the attack time constant when the gain
// must fall and the release time constant when it may rise; each step
// aims at most 12 dB away, so the gain rises by at most 26 dB/s at the
// default 1 s release however far the target. While the detected level
// or the current millisecond's own level is below the gate the gain is
// held, so pauses, silence and room noise are not pumped up. Because the
// detector follows syllables, speech's loud parts sit at the target and
// its long-term RMS 2–4 dB below. The gain ramps linearly within each
// block; channels share it. Follow it with a Limiter when the output
// must respect a ceiling (the attack is not look-ahead). Zero
// allocations; chunking doesn't change the output.
type AGC struct {
	ch, block, pos int
	target, gate   float64
	minG, maxG     float64
	det, atk, rel  float64
	ms             float64 // detector state (mean square)
	acc            float64 // Σ max-channel x² in the current block
	gain, prev     float64
}

// NewAGC returns an AGC for interleaved audio.
func NewAGC(rate, channels int, opts ...AGCOption) (*AGC, error) {
	c, err := agcSetup(rate, channels, opts)
	if err != nil {
		return nil, err
	}
	a := &AGC{ch: channels, block: max(1, rate/agcBlocksPerSecond)}
	a.target = math.Pow(10, c.target/20)
	a.gate = math.Pow(10, c.gate/20)
	a.minG, a.maxG = math.Pow(10, c.minGain/20), math.Pow(10, c.maxGain/20)
	bt := float64(a.block) / float64(rate)
	a.det = 1 - math.Exp(-bt/0.01)
	a.atk = 1 - math.Exp(-bt/c.attack)
	a.rel = 1 - math.Exp(-bt/c.release)
	a.Reset()
	return a, nil
}

// Reset restores unity gain and clears the detector.
func (a *AGC) Reset() { a.ms, a.acc, a.pos, a.gain, a.prev = 0, 0, 0, 1, 1 }

// GainDB returns the current gain.
func (a *AGC) GainDB() float64 { return 20 * math.Log10(a.gain) }

// update closes a block: detector, target gain, smoothing.
func (a *AGC) update() {
	blockMS := a.acc / float64(a.block)
	a.ms += (blockMS - a.ms) * a.det
	a.acc, a.pos = 0, 0
	a.prev = a.gain
	lvl := math.Sqrt(a.ms)
	if lvl < a.gate || blockMS < a.gate*a.gate {
		return
	}
	want := math.Min(a.maxG, math.Max(a.minG, a.target/lvl))
	want = math.Min(4*a.gain, math.Max(0.25*a.gain, want))
	if want < a.gain {
		a.gain += (want - a.gain) * a.atk
	} else {
		a.gain += (want - a.gain) * a.rel
	}
}

// ProcessFloat32 applies the AGC to interleaved samples in place.
func (a *AGC) ProcessFloat32(x []float32) {
	ch := a.ch
	for i := 0; i+ch <= len(x); i += ch {
		var p float64
		for _, v := range x[i : i+ch] {
			p = math.Max(p, float64(v)*float64(v))
		}
		a.acc += p
		a.pos++
		g := float32(a.prev + (a.gain-a.prev)*float64(a.pos)/float64(a.block))
		for c := i; c < i+ch; c++ {
			x[c] *= g
		}
		if a.pos == a.block {
			a.update()
		}
	}
}

// ProcessInt16 applies the AGC to interleaved 16-bit samples in place
// (rounded, saturated).
func (a *AGC) ProcessInt16(x []int16) {
	ch := a.ch
	for i := 0; i+ch <= len(x); i += ch {
		var p float64
		for _, v := range x[i : i+ch] {
			f := float64(v) * (1.0 / 32768)
			p = math.Max(p, f*f)
		}
		a.acc += p
		a.pos++
		g := a.prev + (a.gain-a.prev)*float64(a.pos)/float64(a.block)
		for c := i; c < i+ch; c++ {
			v := math.Round(float64(x[c]) * g)
			x[c] = int16(math.Max(-32768, math.Min(32767, v)))
		}
		if a.pos == a.block {
			a.update()
		}
	}
}

// FixedAGC is the AGC in integer arithmetic for MCUs without an FPU: the
// same block structure and gate, with the gain in Q16 (65536 = 0 dB), the
// detector in 32-bit mean-square units, an integer square root and one
// integer division per 1 ms block. The smoothing constants are powers of
// two (the nearest to the configured times), so its time behaviour is
// within a factor √2 of AGC's; levels match to a fraction of a dB
// (checked by a test). Options are converted once, at construction.
type FixedAGC struct {
	ch, block, pos      int
	target, gate        uint32 // RMS, in LSB
	minG, maxG          int64  // Q16
	detSh, atkSh, relSh uint
	ms                  uint64 // Q8 mean square (LSB²·256)
	acc                 uint64
	gain, prev          int64 // Q16
}

// NewFixedAGC returns an integer-only AGC for 16-bit interleaved audio.
func NewFixedAGC(rate, channels int, opts ...AGCOption) (*FixedAGC, error) {
	c, err := agcSetup(rate, channels, opts)
	if err != nil {
		return nil, err
	}
	a := &FixedAGC{ch: channels, block: max(1, rate/agcBlocksPerSecond)}
	a.target = uint32(32768 * math.Pow(10, c.target/20))
	a.gate = uint32(math.Max(1, 32768*math.Pow(10, c.gate/20)))
	a.minG = int64(65536 * math.Pow(10, c.minGain/20))
	a.maxG = int64(65536 * math.Pow(10, c.maxGain/20))
	bt := float64(a.block) / float64(rate)
	sh := func(tau float64) uint {
		s := math.Round(math.Log2(tau / bt))
		return uint(math.Max(0, math.Min(20, s)))
	}
	a.detSh, a.atkSh, a.relSh = sh(0.01), sh(c.attack), sh(c.release)
	a.Reset()
	return a, nil
}

// Reset restores unity gain and clears the detector.
func (a *FixedAGC) Reset() { a.ms, a.acc, a.pos, a.gain, a.prev = 0, 0, 0, 65536, 65536 }

// GainQ16 returns the current gain in Q16 (65536 = 0 dB).
func (a *FixedAGC) GainQ16() int64 { return a.gain }

func (a *FixedAGC) update() {
	m := a.acc << 8 / uint64(a.block)
	if m >= a.ms {
		a.ms += (m - a.ms) >> a.detSh
	} else {
		a.ms -= (a.ms - m) >> a.detSh
	}
	a.acc, a.pos = 0, 0
	a.prev = a.gain
	lvl := isqrt(a.ms) >> 4 // √(Q8) = Q4
	g2 := uint64(a.gate) * uint64(a.gate) << 8
	if lvl < uint64(a.gate) || lvl == 0 || m < g2 {
		return
	}
	want := int64(uint64(a.target)<<16) / int64(lvl)
	want = min(a.maxG, max(a.minG, want))
	want = min(4*a.gain, max(a.gain>>2, want))
	if want < a.gain {
		a.gain -= (a.gain - want + (1<<a.atkSh - 1)) >> a.atkSh
	} else {
		a.gain += (want - a.gain) >> a.relSh
	}
}

// ProcessInt16 applies the AGC in place with integer arithmetic only.
func (a *FixedAGC) ProcessInt16(x []int16) {
	ch := a.ch
	for i := 0; i+ch <= len(x); i += ch {
		var p uint32
		for _, v := range x[i : i+ch] {
			s := uint32(int32(v) * int32(v))
			p = max(p, s)
		}
		a.acc += uint64(p)
		a.pos++
		g := a.prev + (a.gain-a.prev)*int64(a.pos)/int64(a.block)
		for c := i; c < i+ch; c++ {
			v := (int64(x[c])*g + 1<<15) >> 16
			x[c] = int16(max(-32768, min(32767, v)))
		}
		if a.pos == a.block {
			a.update()
		}
	}
}

// isqrt returns ⌊√v⌋ by the bitwise method (no multiplications).
func isqrt(v uint64) uint64 {
	var r uint64
	b := uint64(1) << 62
	for b > v {
		b >>= 2
	}
	for b != 0 {
		if v >= r+b {
			v -= r + b
			r = r>>1 + b
		} else {
			r >>= 1
		}
		b >>= 2
	}
	return r
}
