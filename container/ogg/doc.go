// Package ogg reads and writes the Ogg container (RFC 3533) and its Opus
// mapping (RFC 7845), in pure Go, for streams of hostile origin.
//
// # Specifications
//
//   - RFC 3533, "The Ogg Encapsulation Format Version 0":
//     https://www.rfc-editor.org/rfc/rfc3533. Section 4 (logical streams,
//     grouping by serial number, chaining after EOS), section 5 (packets
//     cut into 255-byte segments, lacing values, packets continued across
//     pages) and section 6 (the page header: capture pattern "OggS",
//     version 0, header_type flags continued/BOS/EOS, granule_position,
//     bitstream_serial_number, page_sequence_number, CRC_checksum,
//     page_segments and the segment table).
//   - RFC 7845, "Ogg Encapsulation for the Opus Audio Codec":
//     https://www.rfc-editor.org/rfc/rfc7845. Section 3 (header packets
//     alone on their pages), section 4 (48 kHz granule positions, 4.2
//     pre-skip, 4.5 end trimming), section 5.1 (OpusHead, 5.1.1 channel
//     mapping families 0, 1, 255) and 5.2 (OpusTags).
//   - RFC 6716 section 3.1, the Opus TOC byte, from which packet
//     durations are computed ([OpusPacketSamples]).
//
// # Pages and packets
//
// [Reader] checks every page (capture pattern, version, reserved flags,
// CRC-32 with polynomial 0x04c11db7, BOS on the first page only, page
// sequence numbers without gaps, continuation flags that match the
// previous page) and joins segments into packets, appending each to a
// caller buffer. A packet's granule position is reported on the last
// packet ending on a page, -1 on the others (RFC 3533 section 6). The
// Reader follows the first logical stream, skips multiplexed ones, and
// continues with the next chain link after an EOS page.
//
// [Writer] laces packets into pages, ending a page after a packet once
// its body holds [DefaultPageFill] bytes (see [Writer.SetPageFill]), when
// it has 255 segments (a longer packet continues on the next page, whose
// granule position is -1 if no packet ends on it), at EOS, or on
// [Writer.Flush].
//
// # Ogg Opus
//
// [NewOpusReader] parses OpusHead (version, channels, pre-skip, input
// rate, output gain, mapping family 0, 1 or other with its table) and
// OpusTags (vendor and comments), then [OpusReader.NextPacket] returns
// the audio packets with their end granule positions, durations and, on
// the last packet, how many samples to trim from its end.
// [OpusReader.Duration] is the last granule position minus the pre-skip:
// the playable length in 48 kHz samples that opusinfo reports. (ffprobe
// 5.1's format duration is the last granule over 48 kHz, pre-skip
// included.)
//
// [NewOpusWriter] writes OpusHead and OpusTags on pages of their own;
// [OpusWriter.WritePacket] takes raw Opus packets and derives granule
// positions from their TOC bytes; [OpusWriter.Close] marks the last
// packet EOS and sets its granule position to pre-skip plus the true
// length, trimming the end. Files written so by remuxing opusenc's and
// ffmpeg's packets pass opusinfo and decode in opusdec and ffmpeg to the
// same samples as the originals (see ogg_tools_test.go).
//
// # Hostile input
//
// Reading never panics and never allocates more than one page body
// ([MaxPageBody], grown once) plus what the caller's packet buffer
// needs; packets are capped by [WithMaxPacketSize] (default
// [DefaultMaxPacketSize]). Errors are *[Error] values with the byte
// offset of the page at fault; they match a sentinel prefixed "ogg:" and
// [codec.ErrCorrupt] with [errors.Is], and are sticky. After the first
// page, neither reading nor writing a packet allocates.
package ogg
