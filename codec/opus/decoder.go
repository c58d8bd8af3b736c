package opus

import (
	"math"
	"slices"

	"github.com/thesyncim/gopus"
	"github.com/toyvoice/toyvoice/codec"
)

// maxSamples is the longest packet in samples per channel at 48 kHz:
// 120 ms (RFC 6716 section 3.2.5, R5).
const maxSamples48 = 5760

// Decoder turns Opus packets into interleaved 16-bit PCM with gopus's
// pure-Go port of the libopus decoder. It implements [codec.Decoder]. A
// Decoder is not safe for concurrent use.
type Decoder struct {
	dec  *gopus.Decoder
	rate int
	ch   int
	last int       // samples per channel of the last packet: the concealment length
	off  int64     // bytes of packets seen since construction or Reset
	fec  []float32 // scratch for AppendDecodeFEC: 120 ms, allocated at construction
}

// NewDecoder returns a decoder producing sampleRate (8000, 12000, 16000,
// 24000 or 48000 Hz) PCM with channels (1 or 2) interleaved channels. Any
// Opus packet decodes at any of these rates and channel counts (RFC 6716
// section 2). All of the decoder's memory is allocated here. Errors match
// [ErrSampleRate] or [ErrChannels] and the [codec] sentinel each refines.
func NewDecoder(sampleRate, channels int) (*Decoder, error) {
	if !validRate(sampleRate) {
		return nil, ErrSampleRate
	}
	if channels != 1 && channels != 2 {
		return nil, ErrChannels
	}
	g, err := gopus.NewDecoder(gopus.DecoderConfig{
		SampleRate:       sampleRate,
		Channels:         channels,
		MaxPacketSamples: maxSamples48 * sampleRate / 48000,
		MaxPacketBytes:   maxPacketBytes,
	})
	if err != nil {
		return nil, err
	}
	d := &Decoder{dec: g, rate: sampleRate, ch: channels}
	d.fec = make([]float32, maxSamples48*sampleRate/48000*channels)
	d.Reset()
	return d, nil
}

// SampleRate returns the output sample rate in Hz.
func (d *Decoder) SampleRate() int { return d.rate }

// Channels returns the number of interleaved output channels.
func (d *Decoder) Channels() int { return d.ch }

// DecodedLen returns an upper bound on the int16 values one AppendDecode
// or AppendDecodeFEC call appends: 120 ms of audio, the longest packet
// (RFC 6716 section 3.2.5), whatever packetLen is. Use [ParsePacket] and
// [Decoder.PacketLen] for a packet's exact length.
func (d *Decoder) DecodedLen(packetLen int) int {
	return maxSamples48 * d.rate / 48000 * d.ch
}

// PacketLen returns the number of int16 values AppendDecode appends for a
// packet described by info.
func (d *Decoder) PacketLen(info PacketInfo) int {
	return info.Samples48 * d.rate / 48000 * d.ch
}

// Reset returns the decoder to its freshly constructed state without
// allocating. Concealment before the first packet produces 20 ms of
// silence.
func (d *Decoder) Reset() {
	d.dec.Reset()
	d.last = d.rate / 50
	d.off = 0
}

// AppendDecode decodes one Opus packet and appends its samples, interleaved,
// to dst. It allocates only when dst lacks room for the packet's samples.
//
// A nil or empty packet means the packet was lost: the decoder conceals it
// (RFC 6716 section 4.4) with as many samples as the previous packet had,
// as libopus's opus_decode with data == NULL does.
//
// Packets breaking the framing rules of RFC 6716 section 3.4 are refused
// before decoding with a *[codec.CorruptError] whose Offset counts packet
// bytes since construction or Reset; dst is then returned unchanged.
func (d *Decoder) AppendDecode(dst []int16, packet []byte) ([]int16, error) {
	if len(packet) == 0 {
		return d.conceal(dst, d.last)
	}
	info, off, reason := ParsePacket(packet)
	if reason != "" {
		err := &codec.CorruptError{Offset: d.off + int64(off), Reason: reason}
		d.off += int64(len(packet))
		return dst, err
	}
	n := info.Samples48 * d.rate / 48000
	base := len(dst)
	dst = slices.Grow(dst, n*d.ch)
	k, err := d.dec.DecodeInt16(packet, dst[base:base+n*d.ch])
	if err != nil {
		cerr := &codec.CorruptError{Offset: d.off, Reason: reasonRejected}
		d.off += int64(len(packet))
		return dst[:base], cerr
	}
	d.off += int64(len(packet))
	d.last = k
	return dst[:base+k*d.ch], nil
}

// conceal appends n samples per channel of packet loss concealment.
func (d *Decoder) conceal(dst []int16, n int) ([]int16, error) {
	base := len(dst)
	dst = slices.Grow(dst, n*d.ch)
	k, err := d.dec.DecodeInt16(nil, dst[base:base+n*d.ch])
	if err != nil {
		// Unreachable: n is a multiple of 2.5 ms of at most 120 ms.
		return dst[:base], err
	}
	return dst[:base+k*d.ch], nil
}

// AppendDecodeFEC recovers the packet lost just before packet from the
// in-band FEC (LBRR) data packet carries (RFC 6716 section 4.2.4) and
// appends as many samples as the packet before the loss had; packet itself
// is not decoded, so call AppendDecode with it next. When packet carries
// no FEC data (CELT mode, or an encoder without [WithInBandFEC]) the lost
// audio is concealed instead, as libopus's opus_decode with decode_fec=1
// does. Errors are as for AppendDecode.
func (d *Decoder) AppendDecodeFEC(dst []int16, packet []byte) ([]int16, error) {
	if len(packet) == 0 {
		return d.conceal(dst, d.last)
	}
	if _, off, reason := ParsePacket(packet); reason != "" {
		return dst, &codec.CorruptError{Offset: d.off + int64(off), Reason: reason}
	}
	n := d.last
	buf := d.fec[:n*d.ch]
	k, err := d.dec.DecodeWithFEC(packet, buf, true)
	if err != nil {
		return dst, &codec.CorruptError{Offset: d.off, Reason: reasonRejected}
	}
	base := len(dst)
	dst = slices.Grow(dst, k*d.ch)
	out := dst[base : base+k*d.ch]
	// libopus returns concealed and FEC audio without soft clipping:
	// FLOAT2INT16 rounds x*32768 to nearest, ties to even, and saturates.
	for i, x := range buf[:k*d.ch] {
		v := float64(x) * 32768
		if v > 32767 {
			v = 32767
		} else if v < -32768 {
			v = -32768
		}
		out[i] = int16(math.RoundToEven(v))
	}
	return dst[:base+k*d.ch], nil
}
