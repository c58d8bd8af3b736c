package adpcm

import "github.com/toyvoice/toyvoice/codec"

// Sentinel errors. Each also matches the codec sentinel named in its
// comment with [errors.Is].
var (
	// ErrChannels reports a channel count other than 1 or 2
	// (matches [codec.ErrChannels]).
	ErrChannels error = codec.Refine("adpcm: channels must be 1 or 2", codec.ErrChannels)
	// ErrBlockAlign reports a block align that is not a valid IMA ADPCM
	// WAV block size for the channel count (matches [codec.ErrOption]).
	ErrBlockAlign error = codec.Refine("adpcm: invalid block align", codec.ErrOption)
	// ErrSamplesPerBlock reports a samples-per-block count that no valid
	// block align produces (matches [codec.ErrOption]).
	ErrSamplesPerBlock error = codec.Refine("adpcm: invalid samples per block", codec.ErrOption)
	// ErrNibbleOrder reports WithNibbleOrder combined with WithBlockAlign:
	// the WAV block format fixes the low nibble first
	// (matches [codec.ErrOption]).
	ErrNibbleOrder error = codec.Refine("adpcm: nibble order applies to the raw stream only", codec.ErrOption)
	// ErrReconstruction reports an unknown [Reconstruction]
	// (matches [codec.ErrOption]).
	ErrReconstruction error = codec.Refine("adpcm: unknown reconstruction", codec.ErrOption)
	// ErrFrameSize reports PCM input whose length is not a multiple of the
	// channel count (matches [codec.ErrFrameSize]).
	ErrFrameSize error = codec.Refine("adpcm: sample count is not a multiple of the channel count", codec.ErrFrameSize)
)

// Reasons carried by *codec.CorruptError.
const (
	reasonStepIndex  = "adpcm: block header step index > 88"
	reasonShortBlock = "adpcm: short block smaller than its headers"
)

// Reconstruction selects how a decoder turns a 4-bit code into a
// difference. Encoder and decoder must agree.
type Reconstruction uint8

const (
	// ShiftAdd is the IMA 1992 reference reconstruction, used by
	// Microsoft's WAVE format 0x11 and by sox's WAV reader:
	//
	//	diff = step>>3; if b&4 { diff += step }; if b&2 { diff += step>>1 }; if b&1 { diff += step>>2 }
	//
	// It is the default.
	ShiftAdd Reconstruction = iota
	// Multiply is the arithmetic form diff = ((2*(b&7)+1)*step)>>3, which
	// differs from ShiftAdd in the low bits. sox's raw ".ima" type
	// (`sox -t ima`) decodes and encodes with it; use it with the raw
	// stream to be bit-exact with such files.
	Multiply
)

// config collects option values; NewEncoder and NewDecoder validate the
// combination.
type config struct {
	blockAlign int // 0: raw stream
	highFirst  bool
	nibbleSet  bool
	recon      Reconstruction
}

func defaultConfig() config {
	return config{highFirst: true}
}

// Option configures an Encoder or Decoder. Options report invalid values
// as errors from NewEncoder and NewDecoder; they are never ignored.
type Option func(*config) error

// WithBlockAlign selects the WAV block format (WAVE_FORMAT_DVI_ADPCM,
// format tag 0x11) with blocks of n bytes, the WAV nBlockAlign. n must be
// a multiple of 4*channels, at least 8*channels (a header and one 4-byte
// group per channel) and at most 65535 (the WAV field is 16 bits).
// Without this option the codec uses the raw 4-bit stream.
func WithBlockAlign(n int) Option {
	return func(c *config) error {
		if n <= 0 || n > 65535 {
			return ErrBlockAlign
		}
		c.blockAlign = n
		return nil
	}
}

// WithNibbleOrder chooses the nibble order of the raw stream: highFirst
// puts the earlier sample in the high four bits of each byte (the
// default, as DVI4 in RFC 3551 section 4.5.1 and sox's `.ima` type);
// false puts it in the low four bits (as inside WAV 0x11 blocks). It is
// an error to combine it with [WithBlockAlign].
func WithNibbleOrder(highFirst bool) Option {
	return func(c *config) error {
		c.highFirst = highFirst
		c.nibbleSet = true
		return nil
	}
}

// WithReconstruction selects the difference arithmetic (default
// [ShiftAdd]). Use [Multiply] only to match a stream produced that way,
// such as sox's raw `.ima`; WAV 0x11 files are defined with ShiftAdd.
func WithReconstruction(r Reconstruction) Option {
	return func(c *config) error {
		if r > Multiply {
			return ErrReconstruction
		}
		c.recon = r
		return nil
	}
}

func buildConfig(channels int, opts []Option) (config, error) {
	c := defaultConfig()
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
	if c.blockAlign != 0 {
		if c.nibbleSet {
			return c, ErrNibbleOrder
		}
		if _, err := SamplesPerBlock(c.blockAlign, channels); err != nil {
			return c, err
		}
	}
	return c, nil
}

// SamplesPerBlock returns the samples per channel held by one WAV 0x11
// block of blockAlign bytes: the header sample plus eight per 4-byte group,
//
//	samplesPerBlock = (blockAlign - 4*channels)*8/(4*channels) + 1
//
// (Microsoft, "New Multimedia Data Types and Data Techniques" rev. 3.0,
// IMA ADPCM wave type). It reports ErrBlockAlign (or ErrChannels) when
// blockAlign is not a valid block size: see [WithBlockAlign].
func SamplesPerBlock(blockAlign, channels int) (int, error) {
	if channels != 1 && channels != 2 {
		return 0, ErrChannels
	}
	g := 4 * channels
	if blockAlign < 2*g || blockAlign > 65535 || blockAlign%g != 0 {
		return 0, ErrBlockAlign
	}
	return (blockAlign-g)*8/g + 1, nil
}

// BlockAlignFor is the inverse of [SamplesPerBlock], for writers that
// choose the samples per block: it returns the block align whose blocks
// hold exactly samplesPerBlock samples per channel, or ErrSamplesPerBlock
// when samplesPerBlock-1 is not a positive multiple of 8 or the block
// would exceed 65535 bytes.
func BlockAlignFor(samplesPerBlock, channels int) (int, error) {
	if channels != 1 && channels != 2 {
		return 0, ErrChannels
	}
	if samplesPerBlock < 9 || (samplesPerBlock-1)%8 != 0 {
		return 0, ErrSamplesPerBlock
	}
	groups := (samplesPerBlock - 1) / 8
	if groups > 65535 {
		return 0, ErrSamplesPerBlock
	}
	n := 4 * channels * (groups + 1)
	if n > 65535 {
		return 0, ErrSamplesPerBlock
	}
	return n, nil
}

// errCorrupt builds the error for malformed input at byte offset off.
func errCorrupt(off int64, reason string) error {
	return &codec.CorruptError{Offset: off, Reason: reason}
}
