// Package toyvoice is a pure-Go audio library for the voice pipeline of
// connected toys: codecs, containers, resampling, voice-activity detection,
// loudness normalisation and sealed voice messages.
//
// The root package holds no code; the work is done by these packages:
//
//	codec           the Encoder/Decoder contract, sentinel errors and CorruptError
//	codec/g711      ITU-T G.711 µ-law and A-law
//	codec/adpcm     IMA ADPCM: WAV blocks (format 0x11) and raw 4-bit (DVI4) streams
//	container/wav   a streaming WAV reader and writer for hostile input
//	goaudio         conversion to and from github.com/go-audio/audio buffers
//	resample        a streaming polyphase resampler (float and fixed point)
//	vad             voice-activity detection and a segmenter
//	dsp/...         loudness (ITU-R BS.1770-4 / EBU R128), limiter, AGC, filters
//	envelope        sealed, signed voice messages (HPKE RFC 9180 + Ed25519)
//
// Core packages work on plain slices with caller-owned buffers, allocate
// nothing in their hot loops, use no cgo, and build under TinyGo.
//
// Separate modules, tied together by go.work, keep heavy or newer
// dependencies out of the library: cmd/toyvoice (the CLI), bench (side by
// side with the C references, cgo allowed) and examples/*.
package toyvoice
