package adpcm

import "slices"

// Decoder turns IMA ADPCM into interleaved 16-bit PCM, either WAV 0x11
// blocks ([WithBlockAlign]) or the raw 4-bit stream (the default). It
// implements [codec.Decoder]. A Decoder is not safe for concurrent use.
type Decoder struct {
	cfg   config
	ch    int
	spb   int      // samples per channel per block (block mode)
	st    [2]state // raw mode predictors
	off   int64    // bytes consumed since construction or Reset
	mul   bool
	block bool
}

// NewDecoder returns a decoder for channels (1 or 2) interleaved
// channels. Errors match [ErrChannels] (and [codec.ErrChannels]) or the
// option sentinels (and [codec.ErrOption]).
func NewDecoder(channels int, opts ...Option) (*Decoder, error) {
	c, err := buildConfig(channels, opts)
	if err != nil {
		return nil, err
	}
	d := &Decoder{cfg: c, ch: channels, mul: c.recon == Multiply, block: c.blockAlign != 0}
	if d.block {
		d.spb, _ = SamplesPerBlock(c.blockAlign, channels)
	}
	return d, nil
}

// DecodedLen returns an upper bound on the number of int16 samples (all
// channels) that AppendDecode appends for a payload of payloadLen bytes.
func (d *Decoder) DecodedLen(payloadLen int) int {
	if payloadLen <= 0 {
		return 0
	}
	if d.block {
		ba := d.cfg.blockAlign
		return (payloadLen + ba - 1) / ba * d.spb * d.ch
	}
	return 2 * payloadLen
}

// Reset returns the decoder to its freshly constructed state (raw
// predictors at 0, step index 0, byte offset 0) without allocating.
func (d *Decoder) Reset() {
	d.st = [2]state{}
	d.off = 0
}

// AppendDecode decodes payload and appends the interleaved samples to dst.
//
// Block mode: payload holds whole blocks of the configured block align;
// the last may be short, as at the end of a WAV data chunk. A short block
// yields its header sample and eight samples per complete 4-byte group
// per channel; trailing bytes that do not complete a group are ignored,
// as sox and ffmpeg do. Each block is independent (its header restarts
// the predictor), so calls may split the stream at any block boundary.
// A block header with a step index above 88, or a short block smaller
// than its headers, is reported as a *[codec.CorruptError] with the byte
// offset in the stream; dst then holds the blocks decoded before it.
//
// Raw mode: payload is any number of bytes; each byte holds two 4-bit
// codes in the configured nibble order; mono yields two samples per
// byte, stereo one frame (left code first). The predictor state carries
// across calls, so any split of the stream decodes identically. Raw
// decoding cannot fail.
func (d *Decoder) AppendDecode(dst []int16, payload []byte) ([]int16, error) {
	if !d.block {
		return d.appendRaw(dst, payload), nil
	}
	ch := d.ch
	ba := d.cfg.blockAlign
	g := 4 * ch
	full := len(payload) / ba
	rem := len(payload) % ba
	remSpb := 0
	if rem >= g {
		remSpb = 1 + 8*((rem-g)/g)
	}
	perBlock := d.spb * ch
	n := full*perBlock + remSpb*ch
	base := len(dst)
	dst = slices.Grow(dst, n)[:base+n]
	out := dst[base:]
	off := d.off
	d.off += int64(len(payload))
	groups := (d.spb - 1) / 8
	for b := 0; b < full; b++ {
		if err := decodeBlock(out[b*perBlock:(b+1)*perBlock], payload[b*ba:(b+1)*ba], groups, ch, d.mul, off+int64(b*ba)); err != nil {
			return dst[:base+b*perBlock], err
		}
	}
	if rem == 0 {
		return dst, nil
	}
	boff := off + int64(full*ba)
	if rem < g {
		return dst[:base+full*perBlock], errCorrupt(boff, reasonShortBlock)
	}
	if err := decodeBlock(out[full*perBlock:], payload[full*ba:], (remSpb-1)/8, ch, d.mul, boff); err != nil {
		return dst[:base+full*perBlock], err
	}
	return dst, nil
}

// decodeBlock decodes one WAV 0x11 block (Microsoft, IMA ADPCM wave type,
// "Block" layout): per channel a 4-byte header (int16 little-endian
// sample, uint8 step index, reserved byte), then groups of 4 bytes per
// channel in turn, 8 codes each, low nibble first. out holds
// (1+8*groups)*ch samples; blk at least 4*ch*(groups+1) bytes. The
// reserved header byte is not checked (sox and ffmpeg ignore it too).
func decodeBlock(out []int16, blk []byte, groups, ch int, mul bool, off int64) error {
	g := 4 * ch
	for c := 0; c < ch; c++ {
		h := blk[4*c : 4*c+4]
		if h[2] > maxIndex {
			return errCorrupt(off+int64(4*c+2), reasonStepIndex)
		}
		st := state{pred: int32(int16(uint16(h[0]) | uint16(h[1])<<8)), idx: int32(h[2])}
		out[c] = int16(st.pred)
		if ch == 1 {
			// Mono: the groups are contiguous, codes and samples alike.
			st.decodeBytes(out[1:], 1, blk[4:4+4*groups], 0, 4, mul)
			continue
		}
		for gi := 0; gi < groups; gi++ {
			st.decodeBytes(out[(1+gi*8)*ch+c:], ch, blk[g*(gi+1)+4*c:g*(gi+1)+4*c+4], 0, 4, mul)
		}
	}
	return nil
}

// appendRaw decodes the raw 4-bit stream (IMA 1992 reference decoder with
// state carried across calls).
func (d *Decoder) appendRaw(dst []int16, payload []byte) []int16 {
	n := 2 * len(payload)
	base := len(dst)
	dst = slices.Grow(dst, n)[:base+n]
	out := dst[base:]
	d.off += int64(len(payload))
	var sh0, sh1 uint8 = 4, 0 // high nibble first
	if !d.cfg.highFirst {
		sh0, sh1 = 0, 4
	}
	if d.ch == 1 {
		d.st[0].decodeBytes(out, 1, payload, sh0, sh1, d.mul)
		return dst
	}
	if len(payload) == 0 {
		return dst
	}
	// Stereo: each byte holds a left and a right code; the channels are
	// independent, so each runs through the stream on its own.
	d.st[0].decodeNibbles(out, 2, payload, sh0, d.mul)
	d.st[1].decodeNibbles(out[1:], 2, payload, sh1, d.mul)
	return dst
}
