package envelope

import (
	"encoding/binary"
	"time"
)

// Wire format version 1 (docs/envelope-format.md has the full
// specification). All integers are big-endian.
//
//	offset      size   field
//	0           4      magic "TVEN"
//	4           1      version (1)
//	5           1      chunk_log2: payload chunk size C = 1<<chunk_log2, 8..16
//	6           2      kem_id 0x0020
//	8           2      kdf_id 0x0001
//	10          2      aead_id 0x0003
//	12          8      sender key id
//	20          8      payload length L (plaintext bytes)
//	28          1      recipient count n, 1..MaxRecipients
//	29          88*n   stanzas: recipient key id (8) ‖ enc (32) ‖ wrapped content key (48)
//	29+88n      80     metadata: 64 bytes sealed with ChaCha20-Poly1305
//	109+88n     64     header signature (Ed25519)
//	173+88n     ...    payload: N chunks of min(C, rest)+16 bytes
//	end-64      64     final signature (Ed25519)
const (
	// Version is the wire format version this package writes and reads.
	Version = 1

	// MinChunkSize and MaxChunkSize bound the payload chunk size, a power
	// of two. DefaultChunkSize suits a toy: one 1 KiB buffer, 1.6 %
	// overhead.
	MinChunkSize     = 1 << 8
	MaxChunkSize     = 1 << 16
	DefaultChunkSize = 1 << 10

	// MaxRecipients bounds the stanzas in one message.
	MaxRecipients = 32
	// MaxPayloadLen bounds the declared payload length (1 TiB).
	MaxPayloadLen = 1 << 40

	// Overhead is the per-chunk authentication tag.
	Overhead = 16

	// MessageIDSize is the size of a message id.
	MessageIDSize = 16
	// MaxCodecLen bounds Metadata.Codec.
	MaxCodecLen = 16

	fixedLen      = 29
	stanzaLen     = KeyIDSize + hpkeNenc + contentKeyLen + hpkeNt // 88
	metaPlain     = 64
	metaLen       = metaPlain + Overhead // 80
	sigLen        = 64
	contentKeyLen = 32
)

var magic = [4]byte{'T', 'V', 'E', 'N'}

// Labels (ASCII, no terminator) that separate the uses of keys and hashes.
const (
	hpkeInfo       = "toyvoice envelope v1"                  // HPKE info for every stanza
	labelMetaKey   = "toyvoice envelope v1 metadata key"     // HKDF-Expand info
	labelChunkKey  = "toyvoice envelope v1 payload key"      // HKDF-Expand info
	labelHeaderSig = "toyvoice envelope v1 header signature" // Ed25519 message prefix
	labelFinalSig  = "toyvoice envelope v1 final signature"  // Ed25519 message prefix
)

// HeaderLen returns the length of the header (everything before the
// payload, including the header signature) for n recipients.
func HeaderLen(n int) int { return fixedLen + n*stanzaLen + metaLen + sigLen }

// chunkCount is N: ceil(L/C), and 1 for an empty payload.
func chunkCount(payloadLen int64, chunkSize int) int64 {
	if payloadLen == 0 {
		return 1
	}
	return (payloadLen + int64(chunkSize) - 1) / int64(chunkSize)
}

// SealedLen returns the exact length of a sealed message with a payload
// of payloadLen bytes, n recipients and the given chunk size.
func SealedLen(payloadLen int64, n, chunkSize int) int64 {
	return int64(HeaderLen(n)) + payloadLen + Overhead*chunkCount(payloadLen, chunkSize) + sigLen
}

// MessageID identifies a message for replay protection. Seal draws a
// random one unless the caller sets it.
type MessageID [MessageIDSize]byte

// IsZero reports whether id is all zeros (unset).
func (id MessageID) IsZero() bool { return id == MessageID{} }

// Metadata describes the sealed audio. It travels inside the ciphertext:
// a relay sees none of it.
type Metadata struct {
	MessageID  MessageID
	Created    time.Time     // stored as Unix milliseconds
	Duration   time.Duration // stored in microseconds
	SampleRate int           // Hz, 0 if unknown; < 2^32
	Channels   int           // 0 if unknown; < 256
	Codec      string        // e.g. CodecIMAADPCM, CodecOpus; ≤ 16 bytes of [a-z0-9._-]
}

// Names for Metadata.Codec that the CLI, the example firmware and app
// write and read. Other names are allowed (any ≤ 16 bytes of [a-z0-9._-]).
const (
	CodecIMAADPCM = "adpcm-ima" // raw IMA ADPCM (DVI4), high nibble first
	CodecULaw     = "g711-ulaw" // G.711 µ-law, one byte per sample
	CodecALaw     = "g711-alaw" // G.711 A-law, one byte per sample
	CodecG722     = "g722"      // G.722 at 64 kbit/s
	CodecOpus     = "opus"      // Ogg Opus (RFC 7845)
	CodecPCM16    = "pcm-s16le" // 16-bit little-endian PCM
	CodecWAV      = "wav"       // a WAV file
)

func validCodec(s string) bool {
	if len(s) > MaxCodecLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func (m *Metadata) valid() bool {
	return validCodec(m.Codec) && m.SampleRate >= 0 && int64(m.SampleRate) <= 0xffffffff &&
		m.Channels >= 0 && m.Channels <= 255 && m.Duration >= 0
}

// encode writes the 64-byte metadata plaintext.
//
//	0  16 message id
//	16  8 created, int64 Unix milliseconds
//	24  8 duration, uint64 microseconds
//	32  4 sample rate, Hz
//	36  1 channels
//	37  1 codec length k ≤ 16
//	38 16 codec, k bytes then zeros
//	54 10 reserved, zero
func (m *Metadata) encode(b *[metaPlain]byte) {
	*b = [metaPlain]byte{}
	copy(b[0:16], m.MessageID[:])
	binary.BigEndian.PutUint64(b[16:], uint64(m.Created.UnixMilli()))
	binary.BigEndian.PutUint64(b[24:], uint64(m.Duration/time.Microsecond))
	binary.BigEndian.PutUint32(b[32:], uint32(m.SampleRate))
	b[36] = byte(m.Channels)
	b[37] = byte(len(m.Codec))
	copy(b[38:54], m.Codec)
}

func (m *Metadata) decode(b *[metaPlain]byte) bool {
	k := int(b[37])
	if k > MaxCodecLen {
		return false
	}
	for _, v := range b[38+k:] {
		if v != 0 {
			return false
		}
	}
	d := binary.BigEndian.Uint64(b[24:])
	if d > uint64(1<<63-1)/uint64(time.Microsecond) {
		return false
	}
	codec := b[38 : 38+k]
	if !validCodec(string(codec)) {
		return false
	}
	copy(m.MessageID[:], b[0:16])
	m.Created = time.UnixMilli(int64(binary.BigEndian.Uint64(b[16:])))
	m.Duration = time.Duration(d) * time.Microsecond
	m.SampleRate = int(binary.BigEndian.Uint32(b[32:]))
	m.Channels = int(b[36])
	if m.Codec != string(codec) { // keep the old string (no allocation) when unchanged
		m.Codec = string(codec)
	}
	return true
}

// Info is what a relay can read without any key: the routing fields of
// the header.
type Info struct {
	Version    int
	ChunkSize  int
	Sender     KeyID   // the sender's key id (Ed25519 key)
	Recipients []KeyID // one per stanza (X25519 keys)
	PayloadLen int64   // plaintext bytes
	Size       int64   // total length of the sealed message
}

// fixedHeader is the parsed fixed part of the header.
type fixedHeader struct {
	chunkLog2  uint8
	sender     KeyID
	payloadLen int64
	n          int
}

func (h *fixedHeader) chunkSize() int { return 1 << h.chunkLog2 }
func (h *fixedHeader) headerLen() int { return HeaderLen(h.n) }
func (h *fixedHeader) size() int64 {
	return SealedLen(h.payloadLen, h.n, h.chunkSize())
}

// parseFixed checks and parses the 29-byte fixed header.
func parseFixed(h *fixedHeader, b []byte) error {
	if [4]byte(b[0:4]) != magic {
		return newError(ErrMalformed, 0, "bad magic")
	}
	if b[4] != Version {
		return newError(ErrUnsupported, 4, "unknown version")
	}
	if b[5] < 8 || b[5] > 16 {
		return newError(ErrUnsupported, 5, "chunk size out of range")
	}
	if binary.BigEndian.Uint16(b[6:]) != KEMID || binary.BigEndian.Uint16(b[8:]) != KDFID ||
		binary.BigEndian.Uint16(b[10:]) != AEADID {
		return newError(ErrUnsupported, 6, "unknown HPKE suite")
	}
	l := binary.BigEndian.Uint64(b[20:])
	if l > MaxPayloadLen {
		return newError(ErrMalformed, 20, "payload length too large")
	}
	n := int(b[28])
	if n < 1 || n > MaxRecipients {
		return newError(ErrMalformed, 28, "bad recipient count")
	}
	h.chunkLog2 = b[5]
	copy(h.sender[:], b[12:20])
	h.payloadLen = int64(l)
	h.n = n
	return nil
}

func appendFixed(dst []byte, chunkLog2 uint8, sender KeyID, payloadLen int64, n int) []byte {
	dst = append(dst, magic[:]...)
	dst = append(dst, Version, chunkLog2)
	dst = binary.BigEndian.AppendUint16(dst, KEMID)
	dst = binary.BigEndian.AppendUint16(dst, KDFID)
	dst = binary.BigEndian.AppendUint16(dst, AEADID)
	dst = append(dst, sender[:]...)
	dst = binary.BigEndian.AppendUint64(dst, uint64(payloadLen))
	return append(dst, byte(n))
}

// Inspect reads the routing fields from the start of a sealed message
// without any key and without checking signatures (Verify does that). msg
// may be a prefix, as long as it holds the stanzas: 29 + 88·n bytes.
func Inspect(msg []byte) (*Info, error) {
	var h fixedHeader
	if len(msg) < fixedLen {
		return nil, newError(ErrTruncated, int64(len(msg)), "header cut short")
	}
	if err := parseFixed(&h, msg); err != nil {
		return nil, err
	}
	if len(msg) < fixedLen+h.n*stanzaLen {
		return nil, newError(ErrTruncated, int64(len(msg)), "header cut short")
	}
	info := &Info{
		Version:    Version,
		ChunkSize:  h.chunkSize(),
		Sender:     h.sender,
		Recipients: make([]KeyID, h.n),
		PayloadLen: h.payloadLen,
		Size:       h.size(),
	}
	for i := range info.Recipients {
		copy(info.Recipients[i][:], msg[fixedLen+i*stanzaLen:])
	}
	return info, nil
}

// chunkNonce is the STREAM nonce of chunk i: the 11-byte big-endian
// counter followed by the final-chunk flag (1 for the last chunk).
func chunkNonce(n *[12]byte, i uint64, final bool) {
	*n = [12]byte{}
	binary.BigEndian.PutUint64(n[3:11], i)
	if final {
		n[11] = 1
	}
}
