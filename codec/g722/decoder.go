package g722

import "slices"

// Decoder turns a G.722 octet stream into 16 kHz mono 16-bit PCM, two
// samples per octet. It implements [codec.Decoder]. A Decoder is not safe
// for concurrent use.
type Decoder struct {
	lo, hi  band
	xd, xs  delay // receive QMF: rL-rH and rL+rH
	bitrate int
}

// NewDecoder returns a decoder in the mode chosen by [WithBitrate]
// (64 kbit/s by default). Errors match [ErrBitrate] (and
// [codec.ErrOption]).
func NewDecoder(opts ...Option) (*Decoder, error) {
	c, err := buildConfig(opts)
	if err != nil {
		return nil, err
	}
	d := &Decoder{bitrate: c.bitrate}
	d.Reset()
	return d, nil
}

// Bitrate returns the mode's audio bit rate in bit/s.
func (d *Decoder) Bitrate() int { return d.bitrate }

// Reset returns the decoder to its initial state (G.722 section 6.2.1.6)
// without allocating.
func (d *Decoder) Reset() {
	d.lo.reset(detLow)
	d.hi.reset(detHigh)
	d.xd, d.xs = delay{}, delay{}
}

// DecodedLen returns the samples AppendDecode appends for payloadLen
// octets: two per octet.
func (d *Decoder) DecodedLen(payloadLen int) int {
	if payloadLen < 0 {
		return 0
	}
	return 2 * payloadLen
}

// AppendDecode decodes payload and appends two samples per octet to dst.
// Every octet is a valid G.722 codeword, so it never fails; the error is
// for [codec.Decoder]. State carries across calls.
func (d *Decoder) AppendDecode(dst []int16, payload []byte) ([]int16, error) {
	n := 2 * len(payload)
	base := len(dst)
	dst = slices.Grow(dst, n)[:base+n]
	out := dst[base:]
	out = out[:2*len(payload)]
	switch d.bitrate {
	case Bitrate56k:
		for i, c := range payload {
			out[2*i], out[2*i+1] = d.decodeOctet(c, qm5[(c&0x3f)>>1])
		}
	case Bitrate48k:
		for i, c := range payload {
			out[2*i], out[2*i+1] = d.decodeOctet(c, qm4[(c&0x3f)>>2])
		}
	default:
		for i, c := range payload {
			out[2*i], out[2*i+1] = d.decodeOctet(c, qm6[c&0x3f])
		}
	}
	return dst, nil
}

// decodeOctet decodes one octet; q is the mode's inverse-quantiser output
// for the lower-band code (INVQBL, section 6.2.1.3). It returns the two
// output samples, earlier first.
func (d *Decoder) decodeOctet(c byte, q int32) (int16, int16) {
	// Lower band: INVQBL for the output, INVQAL (4 bits) for adaptation.
	lo := &d.lo
	ril := int32(c&0x3f) >> 2
	rl := sat16(lo.s + (lo.det*q)>>15)
	if rl > 16383 {
		rl = 16383
	} else if rl < -16384 {
		rl = -16384
	}
	dl := (lo.det * qm4[ril]) >> 15
	lo.adaptLow(ril)
	lo.update(dl)

	// Higher band: INVQAH, LOGSCH, SCALEH, block 4.
	hi := &d.hi
	ih := int32(c >> 6)
	dh := (hi.det * qm2[ih]) >> 15
	rh := sat16(dh + hi.s)
	if rh > 16383 {
		rh = 16383
	} else if rh < -16384 {
		rh = -16384
	}
	hi.adaptHigh(ih)
	hi.update(dh)

	// Receive QMF (section 6.2.3): xout(j) = 2*sum h(2i) xd(i),
	// xout(j+1) = 2*sum h(2i+1) xs(i), scaled to 16 bits.
	x1 := dot12(&hEven, d.xd.push(rl-rh)) >> 11
	x2 := dot12(&hOdd, d.xs.push(rl+rh)) >> 11
	return int16(sat16(x1)), int16(sat16(x2))
}
