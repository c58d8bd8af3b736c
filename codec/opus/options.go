package opus

import (
	"time"

	"github.com/toyvoice/toyvoice/codec"
)

// Sentinel errors. Each also matches the codec sentinel named in its
// comment with [errors.Is].
var (
	// ErrSampleRate reports a sample rate other than 8000, 12000, 16000,
	// 24000 or 48000 Hz (matches [codec.ErrSampleRate]).
	ErrSampleRate error = codec.Refine("opus: sample rate must be 8000, 12000, 16000, 24000 or 48000", codec.ErrSampleRate)
	// ErrChannels reports a channel count other than 1 or 2
	// (matches [codec.ErrChannels]).
	ErrChannels error = codec.Refine("opus: channels must be 1 or 2", codec.ErrChannels)
	// ErrFrameSize reports PCM input to [Encoder.AppendEncode] whose length
	// is not exactly one frame, [Encoder.FrameLen] samples
	// (matches [codec.ErrFrameSize]).
	ErrFrameSize error = codec.Refine("opus: input is not exactly one frame", codec.ErrFrameSize)
	// ErrBitrate reports a bitrate outside 6000..510000 bit/s
	// (matches [codec.ErrOption]).
	ErrBitrate error = codec.Refine("opus: bitrate must be 6000..510000 bit/s", codec.ErrOption)
	// ErrBitrateMode reports an unknown [BitrateMode] (matches [codec.ErrOption]).
	ErrBitrateMode error = codec.Refine("opus: unknown bitrate mode", codec.ErrOption)
	// ErrComplexity reports a complexity outside 0..10 (matches [codec.ErrOption]).
	ErrComplexity error = codec.Refine("opus: complexity must be 0..10", codec.ErrOption)
	// ErrFrameDuration reports a frame duration other than 2.5, 5, 10, 20,
	// 40 or 60 ms (matches [codec.ErrOption]).
	ErrFrameDuration error = codec.Refine("opus: frame duration must be 2.5, 5, 10, 20, 40 or 60 ms", codec.ErrOption)
	// ErrPacketLoss reports an expected packet loss outside 1..100 percent
	// for [WithInBandFEC] (matches [codec.ErrOption]).
	ErrPacketLoss error = codec.Refine("opus: in-band FEC packet loss must be 1..100 percent", codec.ErrOption)
	// ErrApplication reports an unknown [Application] (matches [codec.ErrOption]).
	ErrApplication error = codec.Refine("opus: unknown application", codec.ErrOption)
)

// Application tells the encoder what it is coding, as libopus's
// OPUS_APPLICATION_* values do. It selects the mode decisions and the
// lookahead (see [Encoder.Lookahead]).
type Application uint8

const (
	// VoIP favours speech intelligibility (OPUS_APPLICATION_VOIP): SILK
	// and hybrid modes at speech bitrates, high-pass filtering. The
	// default.
	VoIP Application = iota
	// Audio favours fidelity to the input (OPUS_APPLICATION_AUDIO), for
	// music and mixed content.
	Audio
	// LowDelay uses CELT only and drops the 4 ms delay compensation
	// (OPUS_APPLICATION_RESTRICTED_LOWDELAY).
	LowDelay
)

// String returns the libopus name of a.
func (a Application) String() string {
	switch a {
	case VoIP:
		return "voip"
	case Audio:
		return "audio"
	case LowDelay:
		return "lowdelay"
	}
	return "unknown"
}

// BitrateMode selects how the encoder spends its bitrate.
type BitrateMode uint8

const (
	// ConstrainedVBR varies the packet size with the signal but keeps it
	// near the target over a short window (libopus's default: VBR on,
	// VBR constraint on).
	ConstrainedVBR BitrateMode = iota
	// VBR varies the packet size freely around the target (VBR on,
	// constraint off; what opusenc uses).
	VBR
	// CBR makes every packet of a given frame duration the same size
	// (VBR off).
	CBR
)

// config collects the encoder's option values.
type config struct {
	bitrate    int // 0: automatic, see defaultBitrate
	mode       BitrateMode
	complexity int
	frameDur   time.Duration
	dtx        bool
	fecLoss    int // 0: in-band FEC off
	app        Application
}

func defaultConfig() config {
	return config{complexity: 9, frameDur: 20 * time.Millisecond}
}

// Option configures an [Encoder]. Options report invalid values as errors
// from [NewEncoder]; they are never ignored.
type Option func(*config) error

// WithBitrate sets the target bitrate in bit/s, 6000..510000 (the range of
// RFC 6716 section 2). The default is libopus's automatic bitrate,
// 60*framesPerSecond + sampleRate*channels (19 kbit/s for 16 kHz mono in
// 20 ms frames).
func WithBitrate(bps int) Option {
	return func(c *config) error {
		if bps < 6000 || bps > 510000 {
			return ErrBitrate
		}
		c.bitrate = bps
		return nil
	}
}

// WithBitrateMode selects [ConstrainedVBR] (the default), [VBR] or [CBR].
func WithBitrateMode(m BitrateMode) Option {
	return func(c *config) error {
		if m > CBR {
			return ErrBitrateMode
		}
		c.mode = m
		return nil
	}
}

// WithComplexity sets the encoder's computational complexity, 0 (fastest)
// to 10 (best). The default is 9, as in libopus.
func WithComplexity(n int) Option {
	return func(c *config) error {
		if n < 0 || n > 10 {
			return ErrComplexity
		}
		c.complexity = n
		return nil
	}
}

// WithFrameDuration sets the duration of the audio in each packet: 2.5,
// 5, 10, 20 (the default), 40 or 60 ms, the Opus frame sizes of RFC 6716
// section 2.1.4. SILK and hybrid modes need at least 10 ms; at 2.5 and 5
// ms the encoder uses CELT only.
func WithFrameDuration(d time.Duration) Option {
	return func(c *config) error {
		switch d {
		case 2500 * time.Microsecond, 5 * time.Millisecond, 10 * time.Millisecond,
			20 * time.Millisecond, 40 * time.Millisecond, 60 * time.Millisecond:
			c.frameDur = d
			return nil
		}
		return ErrFrameDuration
	}
}

// WithDTX turns discontinuous transmission on or off (default off). With
// DTX on, the encoder sends 1-byte packets (a TOC byte and no frame data)
// for most of a silence and a comfort-noise update every 400 ms; as with
// libopus, a packet of 2 bytes or less need not be transmitted, and the
// receiver decodes its absence with concealment.
func WithDTX(on bool) Option {
	return func(c *config) error {
		c.dtx = on
		return nil
	}
}

// WithInBandFEC turns on in-band forward error correction (SILK LBRR
// frames, RFC 6716 section 4.2.4) tuned for an expected packet loss of
// lossPercent (1..100): each packet then carries a low-bitrate copy of the
// previous frame, which [Decoder.AppendDecodeFEC] recovers when that
// frame's packet is lost. It only has an effect in SILK and hybrid modes,
// and it costs bitrate that the encoder takes from the main frames. The
// default is off.
func WithInBandFEC(lossPercent int) Option {
	return func(c *config) error {
		if lossPercent < 1 || lossPercent > 100 {
			return ErrPacketLoss
		}
		c.fecLoss = lossPercent
		return nil
	}
}

// WithApplication selects [VoIP] (the default), [Audio] or [LowDelay].
func WithApplication(a Application) Option {
	return func(c *config) error {
		if a > LowDelay {
			return ErrApplication
		}
		c.app = a
		return nil
	}
}

// validRate reports whether rate is one of the Opus API sample rates
// (RFC 6716 section 2).
func validRate(rate int) bool {
	switch rate {
	case 8000, 12000, 16000, 24000, 48000:
		return true
	}
	return false
}

func buildConfig(rate, channels int, opts []Option) (config, error) {
	c := defaultConfig()
	if !validRate(rate) {
		return c, ErrSampleRate
	}
	if channels != 1 && channels != 2 {
		return c, ErrChannels
	}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&c); err != nil {
			return c, err
		}
	}
	return c, nil
}
