package wav

import "github.com/toyvoice/toyvoice/codec/adpcm"

// Format tags (wFormatTag, Microsoft "Multimedia Programming Interface and
// Data Specifications 1.0" and RFC 2361 appendix A).
const (
	FormatPCM        = 0x0001 // integer PCM; 8-bit is unsigned, wider is signed little-endian
	FormatFloat      = 0x0003 // WAVE_FORMAT_IEEE_FLOAT, 32- or 64-bit little-endian
	FormatALaw       = 0x0006 // ITU-T G.711 A-law, 8 bits
	FormatMuLaw      = 0x0007 // ITU-T G.711 µ-law, 8 bits
	FormatIMAADPCM   = 0x0011 // WAVE_FORMAT_DVI_ADPCM (IMA ADPCM blocks), 4 bits
	FormatExtensible = 0xFFFE // WAVE_FORMAT_EXTENSIBLE; the real tag is in the sub-format GUID
)

// Limits. Values outside them are rejected with ErrFormat or
// ErrUnsupported; they bound every buffer the package allocates.
const (
	// MaxChannels is the largest channel count accepted.
	MaxChannels = 256
	// MaxSampleRate is the largest sample rate accepted, in Hz.
	MaxSampleRate = 1 << 24
	// MaxIMABlockAlign is the largest IMA ADPCM block (bytes) accepted.
	MaxIMABlockAlign = 1 << 15
)

// Format describes the audio in a WAV file.
//
// Tag is always the sample encoding (FormatPCM, FormatFloat, FormatALaw,
// FormatMuLaw or FormatIMAADPCM), also for files that wrap it in
// WAVE_FORMAT_EXTENSIBLE; Extensible records the wrapper.
type Format struct {
	Tag           uint16 // sample encoding, one of the Format* constants except FormatExtensible
	Channels      int    // interleaved channels, 1..MaxChannels
	SampleRate    int    // frames per second, 1..MaxSampleRate
	BitsPerSample int    // bits per stored sample: 8/16/24/32 (PCM), 32/64 (float), 8 (G.711), 4 (IMA)
	// BlockAlign is the size in bytes of one frame (PCM, float, G.711) or
	// of one block (IMA ADPCM). NewWriter fills it in when 0.
	BlockAlign int
	// SamplesPerBlock is the number of frames in one IMA ADPCM block (0
	// for other formats). NewWriter picks a default when both it and
	// BlockAlign are 0.
	SamplesPerBlock int
	// Extensible selects (on write) or records (on read) the
	// WAVE_FORMAT_EXTENSIBLE fmt chunk, which also carries ValidBits and
	// ChannelMask. Not available for IMA ADPCM.
	Extensible bool
	// ValidBits is wValidBitsPerSample of an extensible fmt chunk: the
	// significant bits in each sample (0 means BitsPerSample). Samples are
	// left-justified in their container, so conversions ignore it.
	ValidBits int
	// ChannelMask is dwChannelMask of an extensible fmt chunk (speaker
	// positions, SPEAKER_FRONT_LEFT = 1, ...), 0 if unspecified.
	ChannelMask uint32
}

// bytesPerSample returns the container size of one sample for byte formats
// (0 for IMA ADPCM).
func (f *Format) bytesPerSample() int {
	if f.Tag == FormatIMAADPCM {
		return 0
	}
	return (f.BitsPerSample + 7) / 8
}

// check validates f (as read from a file or as completed by NewWriter).
// off is the offset reported in errors.
func (f *Format) check(off int64) error {
	if f.Channels <= 0 {
		return newError(off, ErrFormat, "zero channels")
	}
	if f.Channels > MaxChannels {
		return newError(off, ErrUnsupported, "more than 256 channels")
	}
	if f.SampleRate <= 0 || f.SampleRate > MaxSampleRate {
		return newError(off, ErrFormat, "sample rate out of range")
	}
	if f.BlockAlign <= 0 {
		return newError(off, ErrFormat, "zero block align")
	}
	switch f.Tag {
	case FormatPCM:
		if f.BitsPerSample <= 0 {
			return newError(off, ErrFormat, "zero bits per sample")
		}
		if f.BitsPerSample > 32 {
			return newError(off, ErrUnsupported, "PCM wider than 32 bits")
		}
	case FormatFloat:
		if f.BitsPerSample != 32 && f.BitsPerSample != 64 {
			return newError(off, ErrUnsupported, "float samples not 32 or 64 bits")
		}
	case FormatALaw, FormatMuLaw:
		if f.BitsPerSample != 8 {
			return newError(off, ErrFormat, "G.711 samples not 8 bits")
		}
	case FormatIMAADPCM:
		if f.Extensible {
			return newError(off, ErrUnsupported, "extensible IMA ADPCM")
		}
		if f.BitsPerSample != 4 {
			return newError(off, ErrUnsupported, "IMA ADPCM not 4 bits per sample")
		}
		if f.BlockAlign > MaxIMABlockAlign {
			return newError(off, ErrUnsupported, "IMA ADPCM block align larger than 32 KiB")
		}
		if f.Channels > 2 {
			return newError(off, ErrUnsupported, "IMA ADPCM with more than 2 channels")
		}
		spb, err := adpcm.SamplesPerBlock(f.BlockAlign, f.Channels)
		if err != nil {
			return newError(off, ErrFormat, "IMA ADPCM block align not a multiple of 4 bytes per channel, or smaller than 2 groups")
		}
		if f.SamplesPerBlock != spb {
			return newError(off, ErrFormat, "IMA ADPCM samples per block does not match block align")
		}
		return nil
	default:
		return newError(off, ErrUnsupported, "format tag "+hex16(f.Tag))
	}
	if f.Extensible && f.ValidBits > f.BitsPerSample {
		return newError(off, ErrFormat, "valid bits exceed bits per sample")
	}
	if f.BlockAlign != f.Channels*f.bytesPerSample() {
		return newError(off, ErrFormat, "block align does not match channels and bits per sample")
	}
	return nil
}

func hex16(v uint16) string {
	const digits = "0123456789abcdef"
	return "0x" + string([]byte{digits[v>>12], digits[v>>8&15], digits[v>>4&15], digits[v&15]})
}

// The KSDATAFORMAT_SUBTYPE GUIDs are {0000xxxx-0000-0010-8000-00aa00389b71}
// with the format tag in the first two bytes (little-endian on disk).
var guidSuffix = [14]byte{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71}
