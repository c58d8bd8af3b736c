package ogg

import "encoding/binary"

// Page layout (RFC 3533 section 6).
const (
	headerSize = 27
	// MaxPageSize is the largest possible Ogg page: a 27-byte header,
	// 255 lacing values and 255 segments of 255 bytes.
	MaxPageSize = headerSize + 255 + 255*255 // 65307
	// MaxPageBody is the largest page body: 255 segments of 255 bytes.
	MaxPageBody = 255 * 255

	flagContinued = 0x01
	flagBOS       = 0x02
	flagEOS       = 0x04
)

// Page is one Ogg page as read by [Reader.NextPage]. Lacing and Body
// alias the Reader's buffers and stay valid until its next call.
type Page struct {
	Continued bool   // header_type 0x01: the first packet continues one from the previous page
	BOS       bool   // header_type 0x02: first page of a logical stream
	EOS       bool   // header_type 0x04: last page of a logical stream
	Granule   int64  // granule_position; -1 when no packet ends on this page
	Serial    uint32 // bitstream_serial_number
	Sequence  uint32 // page_sequence_number
	Lacing    []byte // segment_table: one lacing value per segment
	Body      []byte // the segments, concatenated
	Offset    int64  // byte offset of the page in the input
}

// putHeader fills the 27-byte page header h (checksum zero).
func putHeader(h []byte, flags byte, granule int64, serial, seq uint32, nseg int) {
	h = h[:headerSize]
	copy(h, "OggS")
	h[4] = 0
	h[5] = flags
	binary.LittleEndian.PutUint64(h[6:], uint64(granule))
	binary.LittleEndian.PutUint32(h[14:], serial)
	binary.LittleEndian.PutUint32(h[18:], seq)
	binary.LittleEndian.PutUint32(h[22:], 0)
	h[26] = byte(nseg)
}
