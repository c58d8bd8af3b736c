// Package opus codes Opus (RFC 6716) in pure Go behind toyvoice's codec
// contract, with github.com/thesyncim/gopus v0.1.1 (a Go port of libopus)
// doing the signal processing, and reads and writes Ogg Opus files
// (RFC 7845) over package container/ogg.
//
// It is its own module, github.com/toyvoice/toyvoice/codec/opus, because
// gopus needs Go 1.25 while the toyvoice root module stays at Go 1.23 (and
// TinyGo 0.33); gopus is too large for the microcontroller targets anyway.
//
// # Specifications
//
//   - RFC 6716, "Definition of the Opus Audio Codec": section 2 (modes,
//     bandwidths, the 6-510 kbit/s range), section 3 (packet framing, the
//     TOC byte, frame-count codes 0-3 and the rules R1-R7 of section 3.4
//     that [ParsePacket] checks), section 4.2.4 (LBRR frames: in-band FEC)
//     and section 4.4 (packet loss concealment).
//   - RFC 7845, "Ogg Encapsulation for the Opus Audio Codec": OpusHead and
//     pre-skip (section 4.2, 5.1), 48 kHz granule positions (section 4),
//     end trimming (section 4.5).
//   - RFC 8251, "Updates to the Opus Audio Codec" (gopus implements it).
//
// # Encoding and decoding
//
// An [Encoder] takes exactly one frame of interleaved int16 PCM per call,
// [Encoder.FrameLen] values (20 ms by default, [WithFrameDuration] for 2.5,
// 5, 10, 40 or 60 ms), and appends one Opus packet of at most
// [Encoder.MaxPacketLen] bytes. Sample rates are 8, 12, 16, 24 and 48 kHz,
// mono or stereo. Options set the bitrate ([WithBitrate], default
// libopus's automatic 60*frames/s + rate*channels), [VBR], [ConstrainedVBR]
// (the default, as in libopus) or [CBR], the complexity (default 9), DTX,
// in-band FEC for an expected loss rate, and the [Application] (VoIP by
// default). Bad values are errors from [NewEncoder] matching
// [codec.ErrOption].
//
// A [Decoder] decodes any Opus packet at any of the five rates and either
// channel count. A nil packet asks for concealment of a lost packet, as long
// as the previous one; [Decoder.AppendDecodeFEC] recovers a lost packet from
// the LBRR data in the next one. Each packet is checked against RFC 6716
// section 3.4 by this package before gopus sees it; violations are
// *[codec.CorruptError] values with the byte offset and the rule broken.
//
// # Conformance with libopus
//
// Measured against Debian's libopus 1.3.1 (float build) by the cref tests
// (go test -tags cref; the cgo wrapper is internal/cref):
//
//   - Decoding libopus-encoded SILK streams (8-48 kHz output, narrow- to
//     wideband, 10-60 ms, mono and stereo, with and without LBRR) is
//     bit-exact with opus_decode.
//   - Hybrid and CELT streams: one hybrid stream (24 kHz, 24 kbit/s) is
//     bit-exact; the others differ by at most 1 LSB in 0.008-0.044% of the
//     samples (SNR against libopus 110-119 dB): float rounding in CELT.
//   - Concealment differs: gopus follows libopus 1.6.1, whose SILK
//     concealment of a lost frame differs from 1.3.1's; SILK output is
//     bit-exact again from the third packet after a loss. CELT concealment
//     matches to 1 LSB, but the next packets differ (up to ~200) for a
//     while.
//   - opusdec (libopus 1.3.1) decodes our Ogg Opus files to the same
//     samples as this package (SILK bit-exact; CELT within 1 LSB), and
//     reads back files written by opusenc and by ffmpeg's libopus encoder
//     identically (within 1 LSB).
//
// Encoder quality against libopus 1.3.1 at the same settings (VBR
// constrained, complexity 9; both decoded by libopus; SNR and segmental SNR
// in dB against the input, aligned by the lookahead; ours / libopus):
//
//	signal       rate   app    frame  target   bit/s (ours/libopus)  SNR            segSNR
//	message.wav  16000  voip   20ms   16000    15154 / 15113         10.24 / 10.17   7.59 / 7.54
//	message.wav  16000  voip   20ms   24000    23371 / 23347         11.32 / 11.33   8.63 / 8.65
//	message.wav  16000  voip   60ms   16000    15022 / 14449         10.44 / 10.29   7.81 / 7.68
//	message.wav  16000  audio  20ms   24000    23385 / 23369         18.56 / 18.51  16.58 / 16.52
//	speech       16000  voip   20ms   16000    13976 / 13396          4.84 /  4.92   4.61 /  4.65
//	speech       16000  voip   20ms   24000    23264 / 22576          4.68 /  4.85   4.87 /  4.96
//	speech       16000  audio  20ms   24000    23580 / 23032         22.47 / 20.12  18.39 / 17.64
//	speech       24000  voip   20ms   24000    19132 / 22488          3.95 /  4.00   3.64 /  3.73
//	speech       48000  voip   20ms   32000    31384 / 30812          3.99 /  4.08   3.51 /  3.57
//	speech        8000  voip   20ms   12000    10344 / 10308          4.75 /  4.75   4.68 /  4.66
//
// ("speech" is internal/testutil.Speech; message.wav is the CLI's demo
// recording.) The VoIP application's high-pass filter shifts the phase of
// low harmonics, which keeps waveform SNR low for both encoders; the test
// requires ours to be within 0.5 dB of libopus on both measures.
//
// # Allocations
//
// AppendEncode and AppendDecode allocate nothing per frame once dst has
// room, in every mode (TestZeroAllocs). Three paths allocate inside gopus,
// which has no buffer-reusing API for them: SILK and hybrid concealment
// (3 allocations per 20 ms concealed), LBRR encoding when in-band FEC is
// active (4-8 per frame) and AppendDecodeFEC (1 plus the concealment's).
// gopus also sizes some scratch lazily, so the first frames after
// NewEncoder allocate.
//
// # Reset
//
// Decoder.Reset is exact. Encoder.Reset is gopus's port of
// OPUS_RESET_STATE, which in v0.1.1 keeps the input high-pass filter memory
// and the last VAD and tonality analysis results: the first packets after a
// Reset differ from a fresh encoder's (the stream is equally valid). Use a
// new Encoder for byte-identical output.
//
// # Ogg Opus
//
// [OggWriter] writes RFC 7845 files: pre-skip is the encoder's lookahead
// ([Encoder.Lookahead], 6.5 ms for VoIP and Audio), granule positions count
// 48 kHz samples, and Close pads and trims the end so that players output
// exactly the samples written (checked with opusinfo, opusdec, ffmpeg and
// ffprobe; note that ffprobe 5.1 reports the last granule position over
// 48 kHz as the duration, pre-skip included, for every Ogg Opus file).
// [OggReader] decodes files from any encoder honouring pre-skip, end
// trimming and output gain; only channel mapping family 0 (mono, stereo).
package opus
