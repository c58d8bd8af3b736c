package opus

import (
	"slices"
	"time"

	"github.com/thesyncim/gopus"
)

// Encoder turns interleaved 16-bit PCM into Opus packets, one packet per
// call, with gopus's pure-Go port of the libopus encoder. It implements
// [codec.Encoder]. An Encoder is not safe for concurrent use.
type Encoder struct {
	enc       *gopus.Encoder
	cfg       config
	rate      int
	ch        int
	frame     int // samples per channel per packet
	maxPacket int // bytes: bound on one packet, passed to gopus as the buffer size
	bitrate   int
}

// NewEncoder returns an encoder for sampleRate (8000, 12000, 16000, 24000
// or 48000 Hz) and channels (1 or 2) interleaved channels. All of the
// encoder's memory is allocated here. Errors match [ErrSampleRate],
// [ErrChannels] or an option sentinel, and the [codec] sentinel each
// refines.
func NewEncoder(sampleRate, channels int, opts ...Option) (*Encoder, error) {
	c, err := buildConfig(sampleRate, channels, opts)
	if err != nil {
		return nil, err
	}
	app := gopus.ApplicationVoIP
	switch c.app {
	case Audio:
		app = gopus.ApplicationAudio
	case LowDelay:
		app = gopus.ApplicationLowDelay
	}
	g, err := gopus.NewEncoder(gopus.EncoderConfig{SampleRate: sampleRate, Channels: channels, Application: app})
	if err != nil {
		return nil, err
	}
	e := &Encoder{enc: g, cfg: c, rate: sampleRate, ch: channels}
	e.frame = int(int64(sampleRate) * int64(c.frameDur) / int64(time.Second))
	e.maxPacket = maxPacketFor(c.frameDur)
	e.bitrate = c.bitrate
	if e.bitrate == 0 {
		// libopus's OPUS_AUTO: 60 bit/s per frame per second plus one
		// bit per sample (opus_encoder.c user_bitrate_to_bitrate).
		e.bitrate = 60*sampleRate/e.frame + sampleRate*channels
	}
	if err := e.configure(); err != nil {
		return nil, err
	}
	return e, nil
}

// configure applies the options to the gopus encoder, in the order
// opusenc and the cref tests apply the matching libopus CTLs.
func (e *Encoder) configure() error {
	g, c := e.enc, e.cfg
	if err := g.SetFrameSize(e.frame); err != nil {
		return ErrFrameDuration
	}
	if err := g.SetBitrate(e.bitrate); err != nil {
		return ErrBitrate
	}
	switch c.mode {
	case ConstrainedVBR:
		g.SetVBR(true)
		g.SetVBRConstraint(true)
	case VBR:
		g.SetVBR(true)
		g.SetVBRConstraint(false)
	case CBR:
		g.SetVBR(false)
	}
	if err := g.SetComplexity(c.complexity); err != nil {
		return ErrComplexity
	}
	g.SetDTX(c.dtx)
	if c.fecLoss > 0 {
		if err := g.SetInBandFEC(1); err != nil {
			return ErrPacketLoss
		}
		if err := g.SetPacketLoss(c.fecLoss); err != nil {
			return ErrPacketLoss
		}
	}
	return nil
}

// maxPacketFor bounds the packet size for a frame duration: frames of at
// most 20 ms are coded as one Opus frame of at most 1275 bytes after the
// TOC byte; 40 and 60 ms may be 2 or 3 such frames in a code 3 packet
// with explicit lengths (RFC 6716 sections 3.2.1 and 3.2.5).
func maxPacketFor(d time.Duration) int {
	n := int((d + 20*time.Millisecond - 1) / (20 * time.Millisecond))
	if n <= 1 {
		return 1 + maxFrameBytes
	}
	return 2 + 2*(n-1) + n*maxFrameBytes
}

// SampleRate returns the PCM sample rate in Hz.
func (e *Encoder) SampleRate() int { return e.rate }

// Channels returns the number of interleaved channels.
func (e *Encoder) Channels() int { return e.ch }

// Bitrate returns the target bitrate in bit/s (the automatic one when
// [WithBitrate] was not given).
func (e *Encoder) Bitrate() int { return e.bitrate }

// FrameLen returns the number of int16 values AppendEncode takes per call:
// samples per channel per frame times the channel count (320 for 20 ms of
// 16 kHz mono).
func (e *Encoder) FrameLen() int { return e.frame * e.ch }

// MaxPacketLen returns the largest packet AppendEncode can append: 1276
// bytes for frames of up to 20 ms, 2554 for 40 ms and 3831 for 60 ms.
func (e *Encoder) MaxPacketLen() int { return e.maxPacket }

// EncodedLen returns an upper bound on the bytes appended by encoding
// samples interleaved int16 values, one [Encoder.MaxPacketLen] per frame.
// It is a worst case for preallocation; real packets are about
// Bitrate*duration/8 bytes.
func (e *Encoder) EncodedLen(samples int) int {
	if samples <= 0 {
		return 0
	}
	fl := e.FrameLen()
	return (samples + fl - 1) / fl * e.maxPacket
}

// Lookahead returns the encoder's algorithmic delay in samples per channel
// at the encoder's rate, as libopus's OPUS_GET_LOOKAHEAD: 2.5 ms plus, for
// [VoIP] and [Audio], 4 ms of delay compensation (104 samples at 16 kHz).
// The decoded stream lags the input by this much; an Ogg Opus writer puts
// Lookahead()*48000/SampleRate() into OpusHead's pre-skip (RFC 7845
// section 4.2).
func (e *Encoder) Lookahead() int { return e.enc.Lookahead() }

// Reset starts a new stream, keeping the options, without allocating:
// the next packet is coded as the first of a stream, as after libopus's
// OPUS_RESET_STATE. One deviation, from gopus v0.1.1: its reset keeps the
// input high-pass filter memory and the last VAD and tonality analysis,
// so the first packets after Reset differ slightly from a fresh
// encoder's (the stream is equally valid and of the same quality; a new
// Encoder is the way to get byte-identical output).
func (e *Encoder) Reset() {
	e.enc.Reset()
}

// AppendEncode encodes one frame of pcm (interleaved, exactly
// [Encoder.FrameLen] values, else [ErrFrameSize]) into one Opus packet
// (RFC 6716) and appends it to dst. It allocates only when dst lacks
// MaxPacketLen bytes of spare capacity. With [WithDTX], packets of 1 or 2
// bytes mark silence that need not be sent.
func (e *Encoder) AppendEncode(dst []byte, pcm []int16) ([]byte, error) {
	if len(pcm) != e.frame*e.ch {
		return dst, ErrFrameSize
	}
	base := len(dst)
	dst = slices.Grow(dst, e.maxPacket)
	n, err := e.enc.EncodeInt16(pcm, dst[base:base+e.maxPacket])
	if err != nil {
		return dst[:base], err
	}
	return dst[:base+n], nil
}
