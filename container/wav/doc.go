// Package wav reads and writes WAV (RIFF/WAVE) audio streams.
//
// The Reader needs only an io.Reader: it parses the header up to the data
// chunk and then decodes samples as they arrive, so it works on pipes,
// network streams and files alike. The Writer needs only an io.Writer;
// given an io.WriteSeeker it patches the sizes in on Close.
//
// # Formats
//
//   - PCM, 8 (unsigned), 16, 24 and 32 bits (format tag 1)
//   - IEEE float, 32 bits (64 bits for reading and writing too) (tag 3)
//   - ITU-T G.711 A-law (tag 6) and µ-law (tag 7), via package codec/g711
//   - IMA ADPCM blocks (tag 0x11, WAVE_FORMAT_DVI_ADPCM), mono and
//     stereo, via package codec/adpcm; written with a fact chunk
//   - WAVE_FORMAT_EXTENSIBLE (tag 0xFFFE) wrapping PCM, float, A-law or
//     µ-law, with valid bits and channel mask
//   - RF64/BW64 (EBU Tech 3306) for reading
//
// Format.Tag is always the sample encoding; Format.Extensible records or
// selects the extensible wrapper.
//
// # Sample conversion
//
// ReadInt16 and ReadFloat32 convert every format; WriteInt16 and
// WriteFloat32 convert to every format. Integer narrowing (24/32 to 16
// bits, 16 to 8 bits) rounds half up and clips, as sox does, so a 24-bit
// file read with ReadInt16 equals `sox -D in.wav -b 16 out.wav`. Float to
// integer multiplies by 2^(bits-1) (32768 for int16), rounds half up and
// clips to the integer range; NaN becomes 0. Integer to float divides by
// 2^(bits-1), so 16-bit samples map into [-1, 1) exactly. Float data is
// read unchanged by ReadFloat32 (values beyond ±1 are not clipped).
// G.711 and IMA ADPCM decode to 16 bits first.
//
// # Hostile input
//
// The Reader allocates nothing whose size comes from the input beyond
// fixed caps: the fmt chunk is parsed from its first 40 bytes and the rest
// skipped, unknown chunks (LIST, cue, bext, JUNK, ...) are skipped
// through a fixed 1 KiB buffer, pad bytes of odd-sized chunks included,
// and IMA ADPCM block buffers grow only as block bytes actually arrive (at
// most MaxIMABlockAlign). Every declared size is checked against what the
// input really holds: a chunk that claims more bytes than remain gives
// ErrTruncated with the byte offset. The RIFF size is not trusted (it is
// often wrong in streamed and truncated files); a data size of 0 or
// 0xFFFFFFFF means "to the end of the input". Errors are *Error values
// with the byte offset that match ErrNotWAV, ErrFormat, ErrUnsupported,
// ErrTruncated or ErrCorrupt (and codec.ErrCorrupt for malformed input)
// with errors.Is; the Reader never panics on any input (fuzzed).
//
// # Allocation
//
// NewReader, Reset and NewWriter allocate; ReadInt16, ReadFloat32, Read,
// WriteInt16, WriteFloat32 and Write do not (after the first IMA ADPCM
// block, whose buffers are kept).
//
// # References
//
//   - Microsoft/IBM, "Multimedia Programming Interface and Data
//     Specifications 1.0" (1991), section 3, Waveform Audio File Format:
//     https://www.mmsp.ece.mcgill.ca/Documents/AudioFormats/WAVE/Docs/riffmci.pdf
//   - Microsoft, "Multiple Channel Audio Data and WAVE Files"
//     (WAVE_FORMAT_EXTENSIBLE, KSDATAFORMAT_SUBTYPE GUIDs, channel masks):
//     https://learn.microsoft.com/en-us/windows-hardware/drivers/audio/extensible-wave-format-descriptors
//   - Microsoft, "New Multimedia Data Types and Data Techniques" rev. 3.0
//     (1994): fact chunk, IMA ADPCM wave type.
//   - RFC 2361, WAVE and AVI Codec Registries (format tags).
//   - EBU Tech 3306, MBWF/RF64.
package wav
