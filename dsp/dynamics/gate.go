package dynamics

import "math"

// GateOption configures a Gate.
type GateOption func(*Gate) error

// WithGateThreshold sets the level (dBFS peak, −90…0) above which the
// gate opens; default −45 dBFS.
func WithGateThreshold(dbfs float64) GateOption {
	return func(g *Gate) error {
		if !inRange(dbfs, -90, 0) {
			return ErrOption
		}
		g.openDB = dbfs
		return nil
	}
}

// WithGateHysteresis sets how far below the threshold the level must fall
// before the gate closes (0…30 dB); default 6 dB.
func WithGateHysteresis(db float64) GateOption {
	return func(g *Gate) error {
		if !inRange(db, 0, 30) {
			return ErrOption
		}
		g.hystDB = db
		return nil
	}
}

// WithGateRange sets the attenuation applied while closed (0…120 dB;
// 120 means fully muted); default 40 dB.
func WithGateRange(db float64) GateOption {
	return func(g *Gate) error {
		if !inRange(db, 0, 120) {
			return ErrOption
		}
		g.rangeDB = db
		return nil
	}
}

// WithGateTimes sets attack (opening ramp), hold (time the gate stays open
// after the level drops) and release (closing ramp), in seconds
// (0.0001…5 each); defaults 2 ms, 100 ms, 150 ms.
func WithGateTimes(attack, hold, release float64) GateOption {
	return func(g *Gate) error {
		if !inRange(attack, 0.0001, 5) || !inRange(hold, 0, 5) || !inRange(release, 0.0001, 5) {
			return ErrOption
		}
		g.attackS, g.holdS, g.releaseS = attack, hold, release
		return nil
	}
}

// Gate is a noise gate for capture: a peak detector (instant attack,
// 20 ms decay) on the loudest channel opens the gate above the threshold
// and closes it after the hold time once the level is hysteresis dB below;
// the gain ramps with one-pole attack and release so it never clicks.
// All channels share one gain. Zero allocations; chunking doesn't change
// the output.
type Gate struct {
	openDB, hystDB, rangeDB  float64
	attackS, holdS, releaseS float64
	ch                       int
	open, close, floor       float32
	envDecay, atk, rel       float32
	holdN                    int
	env, gain                float32
	held                     int
	isOpen                   bool
}

// NewGate returns a gate for interleaved audio.
func NewGate(rate, channels int, opts ...GateOption) (*Gate, error) {
	if err := checkFormat(rate, channels); err != nil {
		return nil, err
	}
	g := &Gate{openDB: -45, hystDB: 6, rangeDB: 40, attackS: 0.002, holdS: 0.1, releaseS: 0.15, ch: channels}
	for _, o := range opts {
		if o == nil {
			return nil, ErrOption
		}
		if err := o(g); err != nil {
			return nil, err
		}
	}
	fs := float64(rate)
	g.open = float32(math.Pow(10, g.openDB/20))
	g.close = float32(math.Pow(10, (g.openDB-g.hystDB)/20))
	if g.rangeDB < 120 {
		g.floor = float32(math.Pow(10, -g.rangeDB/20))
	}
	g.envDecay = float32(math.Exp(-1 / (0.02 * fs)))
	g.atk = float32(1 - math.Exp(-1/(g.attackS*fs)))
	g.rel = float32(1 - math.Exp(-1/(g.releaseS*fs)))
	g.holdN = int(g.holdS * fs)
	g.Reset()
	return g, nil
}

// Reset closes the gate and clears the detector.
func (g *Gate) Reset() { g.env, g.gain, g.held, g.isOpen = 0, g.floor, 0, false }

// Open reports whether the gate is currently open.
func (g *Gate) Open() bool { return g.isOpen }

// frameGain advances the detector by one frame whose peak is a.
func (g *Gate) frameGain(a float32) float32 {
	if a > g.env {
		g.env = a
	} else {
		g.env *= g.envDecay
	}
	switch {
	case g.env >= g.open:
		g.isOpen, g.held = true, 0
	case g.isOpen && g.env < g.close:
		g.held++
		if g.held > g.holdN {
			g.isOpen = false
		}
	case g.isOpen:
		g.held = 0
	}
	if g.isOpen {
		g.gain += (1 - g.gain) * g.atk
	} else {
		g.gain += (g.floor - g.gain) * g.rel
	}
	return g.gain
}

// ProcessFloat32 gates interleaved samples in place.
func (g *Gate) ProcessFloat32(x []float32) {
	ch := g.ch
	for i := 0; i+ch <= len(x); i += ch {
		var a float32
		for _, v := range x[i : i+ch] {
			a = max(a, v, -v)
		}
		k := g.frameGain(a)
		for c := i; c < i+ch; c++ {
			x[c] *= k
		}
	}
}

// ProcessInt16 gates interleaved 16-bit samples in place.
func (g *Gate) ProcessInt16(x []int16) {
	ch := g.ch
	for i := 0; i+ch <= len(x); i += ch {
		var a int32
		for _, v := range x[i : i+ch] {
			a = max(a, int32(v), -int32(v))
		}
		k := g.frameGain(float32(a) * (1.0 / 32768))
		for c := i; c < i+ch; c++ {
			x[c] = int16(float32(x[c]) * k)
		}
	}
}
