package dynamics

import "errors"

// Errors returned by the constructors and their options.
var (
	ErrSampleRate = errors.New("dynamics: sample rate out of range (8000–192000 Hz)")
	ErrChannels   = errors.New("dynamics: channel count out of range (1–8)")
	ErrOption     = errors.New("dynamics: invalid option")
)

// Limits shared by the constructors.
const (
	MinSampleRate = 8000
	MaxSampleRate = 192000
	MaxChannels   = 8
)

// Defaults of the normaliser and limiter options.
const (
	DefaultTarget    = -16.0 // LUFS: a speech target for phones and small speakers
	DefaultTruePeak  = -1.0  // dBTP
	DefaultMaxGain   = 30.0  // dB
	DefaultLookahead = 0.005 // s
	DefaultRelease   = 0.1   // s
)

// Option configures a Limiter, a Normalizer or the Normalize functions.
// Options a type has no use for are accepted and ignored (the limiter has
// no target loudness).
type Option func(*config) error

type config struct {
	target, ceiling, maxGain, lookahead, release float64
}

func defaults() config {
	return config{DefaultTarget, DefaultTruePeak, DefaultMaxGain, DefaultLookahead, DefaultRelease}
}

func (c *config) apply(opts []Option) error {
	for _, o := range opts {
		if o == nil {
			return ErrOption
		}
		if err := o(c); err != nil {
			return err
		}
	}
	return nil
}

func inRange(v, lo, hi float64) bool { return v >= lo && v <= hi } // false for NaN

// WithTarget sets the target integrated loudness, −70 to 0 LUFS.
func WithTarget(lufs float64) Option {
	return func(c *config) error {
		if !inRange(lufs, -70, 0) {
			return ErrOption
		}
		c.target = lufs
		return nil
	}
}

// WithTruePeak sets the true-peak ceiling, −30 to 0 dBTP.
func WithTruePeak(dbtp float64) Option {
	return func(c *config) error {
		if !inRange(dbtp, -30, 0) {
			return ErrOption
		}
		c.ceiling = dbtp
		return nil
	}
}

// WithMaxGain caps the normaliser's gain, 0 to 60 dB.
func WithMaxGain(db float64) Option {
	return func(c *config) error {
		if !inRange(db, 0, 60) {
			return ErrOption
		}
		c.maxGain = db
		return nil
	}
}

// WithLookahead sets the limiter's look-ahead (its attack time), 1 to 50 ms.
func WithLookahead(seconds float64) Option {
	return func(c *config) error {
		if !inRange(seconds, 0.001, 0.05) {
			return ErrOption
		}
		c.lookahead = seconds
		return nil
	}
}

// WithRelease sets the limiter's release time constant, 1 ms to 5 s.
func WithRelease(seconds float64) Option {
	return func(c *config) error {
		if !inRange(seconds, 0.001, 5) {
			return ErrOption
		}
		c.release = seconds
		return nil
	}
}

func checkFormat(rate, channels int) error {
	if rate < MinSampleRate || rate > MaxSampleRate {
		return ErrSampleRate
	}
	if channels < 1 || channels > MaxChannels {
		return ErrChannels
	}
	return nil
}
