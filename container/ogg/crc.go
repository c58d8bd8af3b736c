package ogg

// crcTable is the table of the Ogg CRC-32 (RFC 3533 section 6, field
// CRC_checksum): generator polynomial 0x04c11db7, most significant bit
// first (not reflected), initial value 0, no final XOR, computed over the
// whole page with the checksum field set to zero.
var crcTable = func() (t [256]uint32) {
	for i := range t {
		r := uint32(i) << 24
		for k := 0; k < 8; k++ {
			if r&0x80000000 != 0 {
				r = r<<1 ^ 0x04c11db7
			} else {
				r <<= 1
			}
		}
		t[i] = r
	}
	return t
}()

// crcUpdate continues the Ogg CRC-32 crc over p.
func crcUpdate(crc uint32, p []byte) uint32 {
	for _, b := range p {
		crc = crc<<8 ^ crcTable[byte(crc>>24)^b]
	}
	return crc
}
