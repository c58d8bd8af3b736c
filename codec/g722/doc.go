// Package g722 implements ITU-T G.722, 7 kHz wideband audio coding within
// 64 kbit/s: sub-band ADPCM on 16 kHz PCM, one octet per two samples, in
// its three modes (64, 56 and 48 kbit/s of audio).
//
// # Specification
//
//   - ITU-T Recommendation G.722 (11/1988, and its later editions with
//     the same algorithm), "7 kHz audio-coding within 64 kbit/s":
//     https://www.itu.int/rec/T-REC-G.722. Section 6 is the bit-exact
//     fixed-point description this package follows: 6.1 the transmit
//     QMF (Table 11 coefficients), 6.2.1 the lower sub-band encoder
//     (QUANTL 6-bit quantiser, INVQAL, LOGSCL, SCALEL and block 4:
//     RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ,
//     PREDIC), 6.2.2 the higher sub-band (2-bit QUANTH, INVQAH, LOGSCH,
//     SCALEH), 6.3 the decoders (INVQBL with the 6-, 5- or 4-bit
//     inverse quantiser for modes 1, 2, 3) and the receive QMF.
//   - RFC 3551 section 4.5.2 (G722 in RTP): the octet format and the
//     16 kHz sampling rate, carried with an 8 kHz RTP clock.
//
// # Octets
//
// Each octet carries one lower-band code IL (6 bits) and one higher-band
// code IH (2 bits) as IH<<6 | IL, the first transmitted bit (IH1) in the
// most significant place: the layout of `ffmpeg -f g722`, of spandsp at
// 64 kbit/s, and of RTP payload type 9. The encoder is the same in every
// mode (section 1.4); in modes 2 and 3 the 1 or 2 least significant bits
// of IL belong to the auxiliary data channel. This package's encoder
// clears them in those modes, and its decoder ignores them, as ffmpeg's
// decoder with -bits_per_codeword 7 or 6 does. spandsp in unpacked mode
// (its option G722_PACKED off) instead stores the 7- or 6-bit codeword
// right-aligned, i.e. our octet >> 1 or >> 2; the cref tests convert.
//
// # Samples
//
// Input and output are 16 kHz mono 16-bit PCM. The QMF takes the 16-bit
// samples directly (the Recommendation's 14-bit words shifted left by 2),
// as spandsp and ffmpeg do, and the decoder's output is saturated to 16
// bits, as ffmpeg does (spandsp wraps instead; only overdriven or random
// streams reach that limit). The two QMFs delay the signal by 22 samples
// end to end.
//
// An octet needs two samples. The encoder holds a trailing odd sample
// until the next AppendEncode call, so chunking never changes the output;
// [Encoder.Flush] ends the stream by pairing it with a copy of itself, as
// ffmpeg's encoder does. Every octet is valid, so decoding never fails.
//
// # Conformance
//
// The tests check encoder and decoder bit for bit against spandsp 0.0.6
// (cgo, build tag cref; all three modes, speech, overdriven speech, full
// scale squares and noise, random octets) and against ffmpeg's g722
// encoder and decoder (all three decoder modes), and keep golden CRCs in
// code. Both codecs reuse their state across calls and allocate nothing
// after construction.
package g722
