package g722

import "slices"

// Encoder turns 16 kHz mono 16-bit PCM into a G.722 octet stream, one
// octet per two samples. It implements [codec.Encoder]. An Encoder is not
// safe for concurrent use.
type Encoder struct {
	lo, hi  band
	xa, xb  delay // transmit QMF: second and first sample of each pair
	mask    uint8 // clears the auxiliary-data bits in modes 2 and 3
	pend    bool  // an odd sample waits for its pair
	held    int16
	bitrate int
}

// NewEncoder returns an encoder in the mode chosen by [WithBitrate]
// (64 kbit/s by default). Errors match [ErrBitrate] (and
// [codec.ErrOption]).
func NewEncoder(opts ...Option) (*Encoder, error) {
	c, err := buildConfig(opts)
	if err != nil {
		return nil, err
	}
	e := &Encoder{bitrate: c.bitrate}
	e.mask = modeMask(c.bitrate)
	e.Reset()
	return e, nil
}

func modeMask(bitrate int) uint8 {
	switch bitrate {
	case Bitrate56k:
		return 0xfe
	case Bitrate48k:
		return 0xfc
	}
	return 0xff
}

// Bitrate returns the mode's audio bit rate in bit/s.
func (e *Encoder) Bitrate() int { return e.bitrate }

// Reset returns the encoder to its initial state (G.722 section 6.2.1.6:
// all state zero, DETL = 32, DETH = 8) and drops a pending odd sample,
// without allocating.
func (e *Encoder) Reset() {
	e.lo.reset(detLow)
	e.hi.reset(detHigh)
	e.xa, e.xb = delay{}, delay{}
	e.pend, e.held = false, 0
}

// EncodedLen returns the bytes that AppendEncode of samples samples
// followed by Flush appends, given what the encoder holds.
func (e *Encoder) EncodedLen(samples int) int {
	if samples < 0 {
		samples = 0
	}
	if e.pend {
		samples++
	}
	return (samples + 1) / 2
}

// AppendEncode encodes pcm and appends one octet per pair of samples to
// dst. An odd sample left over is held in the encoder and paired with the
// first sample of the next call (or padded by Flush), so how the input is
// split never changes the output. It never fails; the error is for
// [codec.Encoder].
func (e *Encoder) AppendEncode(dst []byte, pcm []int16) ([]byte, error) {
	if e.pend && len(pcm) > 0 {
		dst = append(dst, e.encodePair(int32(e.held), int32(pcm[0])))
		e.pend = false
		pcm = pcm[1:]
	}
	n := len(pcm) / 2
	base := len(dst)
	dst = slices.Grow(dst, n)[:base+n]
	out := dst[base:]
	pcm2 := pcm[:2*n]
	for i := range out {
		out[i] = e.encodePair(int32(pcm2[2*i]), int32(pcm2[2*i+1]))
	}
	if len(pcm)&1 != 0 {
		e.held = pcm[len(pcm)-1]
		e.pend = true
	}
	return dst, nil
}

// Flush ends the stream: a pending odd sample is paired with a copy of
// itself and its octet appended, as ffmpeg's encoder does, so a decoder
// yields one sample more than was encoded. The encoder state advances as for any other
// octet, so encoding may continue. Nothing is appended when no sample is
// pending.
func (e *Encoder) Flush(dst []byte) []byte {
	if !e.pend {
		return dst
	}
	e.pend = false
	return append(dst, e.encodePair(int32(e.held), int32(e.held)))
}

// encodePair runs the transmit QMF on samples x1, x2 (x2 the later) and
// both sub-band ADPCM encoders, and returns the octet IH<<6 | IL.
func (e *Encoder) encodePair(x1, x2 int32) byte {
	// Transmit QMF (section 6.1): xA = sum h(2i) x(j-2i),
	// xB = sum h(2i+1) x(j-2i-1), xL = (xA+xB), xH = (xA-xB), scaled from
	// the 16-bit input to the 15-bit band signals.
	xa := dot12(&hEven, e.xa.push(x2))
	xb := dot12(&hOdd, e.xb.push(x1))
	xl := (xa + xb) >> 14
	xh := (xa - xb) >> 14

	// Lower band: SUBTRA, QUANTL, INVQAL, then LOGSCL, SCALEL, block 4.
	lo := &e.lo
	el := sat16(xl - lo.s)
	wd := el
	if el < 0 {
		wd = -(el + 1)
	}
	i := 1
	det := lo.det
	for ; i < 30; i++ {
		if wd < (q6[i]*det)>>12 {
			break
		}
	}
	var il int32
	if el < 0 {
		il = int32(iln[i])
	} else {
		il = int32(ilp[i])
	}
	ril := il >> 2
	dl := (det * qm4[ril]) >> 15
	lo.adaptLow(ril)
	lo.update(dl)

	// Higher band: SUBTRA, QUANTH, INVQAH, then LOGSCH, SCALEH, block 4.
	hi := &e.hi
	eh := sat16(xh - hi.s)
	wd = eh
	if eh < 0 {
		wd = -(eh + 1)
	}
	var ih int32
	big := wd >= (564*hi.det)>>12
	switch {
	case eh < 0 && big:
		ih = 0
	case eh < 0:
		ih = 1
	case big:
		ih = 2
	default:
		ih = 3
	}
	dh := (hi.det * qm2[ih]) >> 15
	hi.adaptHigh(ih)
	hi.update(dh)

	return byte(ih<<6|il) & e.mask
}
