package opus

// Packet structure, RFC 6716 section 3. The decoder checks every packet
// with parsePacket before handing it to gopus, so malformed framing is
// reported here with an offset and a reason, and the output length is
// known (and reserved in dst) before decoding starts.

// Reasons carried by *codec.CorruptError.
const (
	reasonEmptyFrames  = "opus: code 3 packet with zero frames (RFC 6716 R5)"
	reasonTooLong      = "opus: packet longer than 120 ms (RFC 6716 R5)"
	reasonFrameLen     = "opus: frame longer than 1275 bytes (RFC 6716 R2)"
	reasonCode1Odd     = "opus: code 1 packet with unequal frames (RFC 6716 R3)"
	reasonShortLen     = "opus: frame length runs past the packet (RFC 6716 R4/R7)"
	reasonPadding      = "opus: padding runs past the packet (RFC 6716 R6)"
	reasonCBRSplit     = "opus: code 3 CBR payload not divisible into frames (RFC 6716 R6)"
	reasonTruncated    = "opus: packet truncated in its header"
	reasonPacketTooBig = "opus: packet longer than 65536 bytes"
	reasonRejected     = "opus: frame data rejected by the decoder"
)

// maxFrameBytes is the longest compressed frame (RFC 6716 section 3.2.1).
const maxFrameBytes = 1275

// maxPacketBytes is the longest packet the decoder accepts. Without
// padding a packet is at most 2 + 47*2 + 48*1275 = 61296 bytes (48 frames
// of 2.5 ms); longer ones are mostly padding.
const maxPacketBytes = 1 << 16

// PacketInfo describes an Opus packet's TOC byte and framing
// (RFC 6716 section 3.1).
type PacketInfo struct {
	Config    int  // TOC configuration number 0..31 (RFC 6716 table 2)
	Stereo    bool // the s bit
	Code      int  // frame count code 0..3
	Frames    int  // number of frames, 1..48
	FrameLen  int  // samples per frame at 48 kHz: 120..2880
	Samples48 int  // Frames*FrameLen: the packet's duration at 48 kHz
}

// Mode returns "SILK", "hybrid" or "CELT" for the packet's configuration
// (RFC 6716 section 3.1, table 2).
func (p PacketInfo) Mode() string {
	switch {
	case p.Config < 12:
		return "SILK"
	case p.Config < 16:
		return "hybrid"
	}
	return "CELT"
}

// Bandwidth returns the audio bandwidth in Hz coded by the packet's
// configuration: 4000 (NB), 6000 (MB), 8000 (WB), 12000 (SWB) or
// 20000 (FB), RFC 6716 section 2 table 1.
func (p PacketInfo) Bandwidth() int {
	c := p.Config
	switch {
	case c < 12:
		return [3]int{4000, 6000, 8000}[c/4]
	case c < 16:
		return [2]int{12000, 20000}[(c-12)/2]
	}
	return [4]int{4000, 8000, 12000, 20000}[(c-16)/4]
}

// frameLen48 returns the samples per frame at 48 kHz for a TOC
// configuration (RFC 6716 table 2).
func frameLen48(config int) int {
	switch {
	case config < 12: // SILK: 10, 20, 40, 60 ms
		return [4]int{480, 960, 1920, 2880}[config&3]
	case config < 16: // hybrid: 10, 20 ms
		return [2]int{480, 960}[config&1]
	}
	return [4]int{120, 240, 480, 960}[config&3] // CELT: 2.5, 5, 10, 20 ms
}

// frameLength decodes a frame length of one or two bytes at p[off]
// (RFC 6716 section 3.2.1). It returns the length and the number of bytes
// used, or n == 0 when the bytes run out.
func frameLength(p []byte, off int) (length, n int) {
	if off >= len(p) {
		return 0, 0
	}
	b0 := int(p[off])
	if b0 < 252 {
		return b0, 1
	}
	if off+1 >= len(p) {
		return 0, 0
	}
	return 4*int(p[off+1]) + b0, 2
}

// ParsePacket checks p against the framing rules R1-R7 of RFC 6716
// section 3.4 and returns its TOC fields. On malformed input it returns
// the byte offset of the problem and a non-empty reason. It never
// allocates.
func ParsePacket(p []byte) (info PacketInfo, off int, reason string) {
	n := len(p)
	if n == 0 { // R1
		return info, 0, reasonTruncated
	}
	if n > maxPacketBytes {
		return info, 0, reasonPacketTooBig
	}
	toc := p[0]
	info.Config = int(toc >> 3)
	info.Stereo = toc&4 != 0
	info.Code = int(toc & 3)
	info.FrameLen = frameLen48(info.Config)
	switch info.Code {
	case 0: // one frame, section 3.2.2
		if n-1 > maxFrameBytes { // R2
			return info, 1, reasonFrameLen
		}
		info.Frames = 1
	case 1: // two frames of equal size, section 3.2.3
		if (n-1)%2 != 0 { // R3
			return info, 1, reasonCode1Odd
		}
		if (n-1)/2 > maxFrameBytes { // R2
			return info, 1, reasonFrameLen
		}
		info.Frames = 2
	case 2: // two frames, the first with an explicit length, section 3.2.4
		l1, k := frameLength(p, 1)
		if k == 0 { // R4
			return info, 1, reasonTruncated
		}
		if l1 > n-1-k { // R4
			return info, 1, reasonShortLen
		}
		if l1 > maxFrameBytes || n-1-k-l1 > maxFrameBytes { // R2
			return info, 1, reasonFrameLen
		}
		info.Frames = 2
	case 3: // arbitrary frames, section 3.2.5
		if n < 2 {
			return info, 1, reasonTruncated
		}
		fc := p[1]
		m := int(fc & 0x3f)
		if m == 0 { // R5
			return info, 1, reasonEmptyFrames
		}
		if m*info.FrameLen > 5760 { // R5: at most 120 ms
			return info, 1, reasonTooLong
		}
		info.Frames = m
		pos := 2
		pad := 0
		if fc&0x40 != 0 { // padding length bytes
			for {
				if pos >= n {
					return info, pos, reasonTruncated
				}
				b := int(p[pos])
				pos++
				if b == 255 {
					pad += 254
				} else {
					pad += b
					break
				}
			}
		}
		if pos+pad > n { // R6
			return info, pos, reasonPadding
		}
		avail := n - pos - pad // frame lengths and frame data
		if fc&0x80 == 0 {      // CBR: R6
			if avail%m != 0 {
				return info, pos, reasonCBRSplit
			}
			if avail/m > maxFrameBytes {
				return info, pos, reasonFrameLen
			}
		} else { // VBR: M-1 explicit lengths, R7
			sum := 0
			for i := 0; i < m-1; i++ {
				l, k := frameLength(p[:n-pad], pos)
				if k == 0 {
					return info, pos, reasonTruncated
				}
				if l > maxFrameBytes {
					return info, pos, reasonFrameLen
				}
				pos += k
				sum += l
			}
			rest := n - pad - pos - sum
			if rest < 0 {
				return info, pos, reasonShortLen
			}
			if rest > maxFrameBytes {
				return info, pos, reasonFrameLen
			}
		}
	}
	info.Samples48 = info.Frames * info.FrameLen
	if info.Samples48 > 5760 {
		return info, 0, reasonTooLong
	}
	return info, 0, ""
}
