package adpcm

import "slices"

// Encoder turns interleaved 16-bit PCM into IMA ADPCM, either WAV 0x11
// blocks ([WithBlockAlign]) or the raw 4-bit stream (the default). It
// implements [codec.Encoder]. An Encoder is not safe for concurrent use.
type Encoder struct {
	cfg   config
	ch    int
	spb   int      // samples per channel per block (block mode)
	buf   []int16  // block mode: one block of interleaved PCM, fixed at construction
	n     int      // block mode: buffered interleaved samples in buf
	st    [2]state // predictors
	half  uint8    // raw mono: pending first code of a byte
	pend  bool     // raw mono: half holds a code
	mul   bool
	block bool
}

// NewEncoder returns an encoder for channels (1 or 2) interleaved
// channels. In block mode it allocates one block of PCM buffer here, and
// never again. Errors match [ErrChannels] (and [codec.ErrChannels]) or
// the option sentinels (and [codec.ErrOption]).
func NewEncoder(channels int, opts ...Option) (*Encoder, error) {
	c, err := buildConfig(channels, opts)
	if err != nil {
		return nil, err
	}
	e := &Encoder{cfg: c, ch: channels, mul: c.recon == Multiply, block: c.blockAlign != 0}
	if e.block {
		e.spb, _ = SamplesPerBlock(c.blockAlign, channels)
		e.buf = make([]int16, e.spb*channels)
	}
	return e, nil
}

// EncodedLen returns an upper bound on the bytes that AppendEncode of
// samples interleaved int16 values followed by Flush appends, given what
// the encoder already buffers.
func (e *Encoder) EncodedLen(samples int) int {
	if samples < 0 {
		samples = 0
	}
	if e.block {
		frames := (e.n + samples + e.ch - 1) / e.ch
		return (frames + e.spb - 1) / e.spb * e.cfg.blockAlign
	}
	p := 0
	if e.pend {
		p = 1
	}
	return (p + samples + 1) / 2
}

// Reset returns the encoder to its freshly constructed state (predictors
// and step indexes 0, nothing buffered) without allocating.
func (e *Encoder) Reset() {
	e.st = [2]state{}
	e.n = 0
	e.half, e.pend = 0, false
}

// AppendEncode encodes pcm (interleaved, len(pcm) a multiple of the
// channel count, else [ErrFrameSize]) and appends the result to dst.
//
// Block mode: samples are buffered internally until a whole block is
// available, so each call appends zero or more whole blocks; call Flush
// at the end of the stream. How the input is split never changes the
// output.
//
// Raw mode: each sample becomes a 4-bit code; mono packs two samples per
// byte, keeping an odd sample pending until the next call or Flush;
// stereo packs one frame (left code first) per byte.
func (e *Encoder) AppendEncode(dst []byte, pcm []int16) ([]byte, error) {
	if len(pcm)%e.ch != 0 {
		return dst, ErrFrameSize
	}
	if !e.block {
		return e.appendRaw(dst, pcm), nil
	}
	per := len(e.buf)
	ba := e.cfg.blockAlign
	nb := (e.n + len(pcm)) / per
	base := len(dst)
	dst = slices.Grow(dst, nb*ba)[:base+nb*ba]
	out := dst[base:]
	if e.n > 0 {
		k := copy(e.buf[e.n:], pcm)
		e.n += k
		pcm = pcm[k:]
		if e.n < per {
			return dst, nil
		}
		e.encodeBlock(out[:ba], e.buf)
		out = out[ba:]
		e.n = 0
	}
	for len(pcm) >= per {
		e.encodeBlock(out[:ba], pcm[:per])
		out = out[ba:]
		pcm = pcm[per:]
	}
	e.n = copy(e.buf, pcm)
	return dst, nil
}

// Flush ends the stream and appends what is pending.
//
// Block mode: a partially filled block is completed by repeating each
// channel's last sample and emitted as a full block, as sox does, so
// every block in the stream has the configured size (readers and small
// decoders need not handle short blocks). The decoder returns the padding
// samples too; a WAV writer records the true length in the fact chunk.
// Nothing is appended when no samples are buffered.
//
// Raw mode: a pending odd mono sample is completed with code 0 (the
// smallest positive step) and the byte appended; the encoder state
// advances past that code, as the decoder's will, so the stream may
// continue. A decoder yields one extra sample for it.
func (e *Encoder) Flush(dst []byte) []byte {
	if !e.block {
		if !e.pend {
			return dst
		}
		e.st[0].decode(0, e.mul)
		e.pend = false
		b := e.half << 4
		if !e.cfg.highFirst {
			b = e.half
		}
		return append(dst, b)
	}
	if e.n == 0 {
		return dst
	}
	ch := e.ch
	for i := e.n; i < len(e.buf); i++ {
		e.buf[i] = e.buf[i-ch]
	}
	ba := e.cfg.blockAlign
	base := len(dst)
	dst = slices.Grow(dst, ba)[:base+ba]
	e.encodeBlock(dst[base:], e.buf)
	e.n = 0
	return dst
}

// encodeBlock encodes one block of spb interleaved frames into out
// (blockAlign bytes), in the WAV 0x11 layout described at decodeBlock.
// The header carries the block's first sample exactly and the step index
// carried over from the previous block; the predictor restarts at that
// sample, so the first sample costs no code.
func (e *Encoder) encodeBlock(out []byte, pcm []int16) {
	ch := e.ch
	g := 4 * ch
	groups := (e.spb - 1) / 8
	mul := e.mul
	for c := 0; c < ch; c++ {
		st := &e.st[c]
		x := pcm[c]
		st.pred = int32(x)
		h := out[4*c : 4*c+4]
		h[0] = byte(uint16(x))
		h[1] = byte(uint16(x) >> 8)
		h[2] = byte(st.idx)
		h[3] = 0
		s := *st
		in := pcm[ch+c:]
		for gi := 0; gi < groups; gi++ {
			p := out[g*(gi+1)+4*c:]
			p = p[:4]
			q := in[gi*8*ch:]
			q = q[:7*ch+1]
			for k := range p {
				lo := s.encode(q[2*k*ch], mul)
				hi := s.encode(q[(2*k+1)*ch], mul)
				p[k] = lo | hi<<4
			}
		}
		*st = s
	}
}

// appendRaw encodes the raw 4-bit stream.
func (e *Encoder) appendRaw(dst []byte, pcm []int16) []byte {
	mul := e.mul
	var sh0, sh1 uint8 = 4, 0
	if !e.cfg.highFirst {
		sh0, sh1 = 0, 4
	}
	if e.ch == 2 {
		n := len(pcm) / 2
		base := len(dst)
		dst = slices.Grow(dst, n)[:base+n]
		out := dst[base:]
		l, r := e.st[0], e.st[1]
		for i := range out {
			a := l.encode(pcm[2*i], mul)
			b := r.encode(pcm[2*i+1], mul)
			out[i] = a<<sh0 | b<<sh1
		}
		e.st[0], e.st[1] = l, r
		return dst
	}
	s := e.st[0]
	if e.pend && len(pcm) > 0 {
		b := s.encode(pcm[0], mul)
		dst = append(dst, e.half<<sh0|b<<sh1)
		pcm = pcm[1:]
		e.pend = false
	}
	n := len(pcm) / 2
	base := len(dst)
	dst = slices.Grow(dst, n)[:base+n]
	out := dst[base:]
	for i := range out {
		a := s.encode(pcm[2*i], mul)
		b := s.encode(pcm[2*i+1], mul)
		out[i] = a<<sh0 | b<<sh1
	}
	if len(pcm)%2 == 1 {
		e.half = s.encode(pcm[len(pcm)-1], mul)
		e.pend = true
	}
	e.st[0] = s
	return dst
}
