package g722

import "github.com/toyvoice/toyvoice/codec"

// ErrBitrate reports a bit rate other than 64000, 56000 or 48000
// (matches [codec.ErrOption]).
var ErrBitrate error = codec.Refine("g722: bit rate must be 64000, 56000 or 48000", codec.ErrOption)

// The three G.722 modes (G.722 section 1.2, Table 1): the bit rate left
// for audio in the 64 kbit/s channel.
const (
	Bitrate64k = 64000 // mode 1: 6 lower-band bits per octet
	Bitrate56k = 56000 // mode 2: 5 lower-band bits, 1 auxiliary data bit
	Bitrate48k = 48000 // mode 3: 4 lower-band bits, 2 auxiliary data bits
)

// SampleRate is the PCM rate G.722 codes: 16 kHz, one octet per two samples.
const SampleRate = 16000

type config struct {
	bitrate int
}

// Option configures an Encoder or Decoder. Invalid values are reported
// by NewEncoder and NewDecoder, never ignored.
type Option func(*config) error

// WithBitrate selects the mode: [Bitrate64k] (the default), [Bitrate56k]
// or [Bitrate48k]; anything else is [ErrBitrate].
//
// For the decoder this chooses the lower-band inverse quantiser used for
// the output (6-, 5- or 4-bit, G.722 section 6.2.1.3 INVQBL); the bits it
// does not use may carry anything. For the encoder, whose algorithm is the
// same in every mode (G.722 section 1.4), it clears the 1 or 2 least
// significant lower-band bits of each octet, where the auxiliary data
// channel would go.
func WithBitrate(bps int) Option {
	return func(c *config) error {
		switch bps {
		case Bitrate64k, Bitrate56k, Bitrate48k:
			c.bitrate = bps
			return nil
		}
		return ErrBitrate
	}
}

func buildConfig(opts []Option) (config, error) {
	c := config{bitrate: Bitrate64k}
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
