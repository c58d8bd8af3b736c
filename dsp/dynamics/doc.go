// Package dynamics holds toyvoice's gain processors: a loudness
// normaliser (two-pass for whole messages, one-pass streaming for live
// audio) built on a look-ahead true-peak limiter, and the capture-side
// automatic gain control (float and fixed point) and noise gate.
//
// Loudness and true peak are those of package loudness (ITU-R BS.1770-4,
// EBU R 128: https://www.itu.int/rec/R-REC-BS.1770,
// https://tech.ebu.ch/publications/r128); the limiter measures peaks with
// the meter's own Annex 2 interpolator, so its ceiling holds on the meter.
//
// # Normalising a message
//
//	out, rep, err := dynamics.NormalizeInt16(dst, pcm, 16000, 1) // −16 LUFS, −1 dBTP
//
// measures the message, applies target − loudness (at most WithMaxGain,
// default 30 dB), limits true peaks when needed and, because limiting
// lowers the loudness, re-renders with up to 6 dB of make-up gain until
// the target is met within 0.05 LU. Messages below the −70 LUFS absolute
// gate (silence, a toy's idle hiss) are returned unchanged. The output
// never reads above the ceiling on loudness.Meter.TruePeak: it is measured
// and, should it ever be above, rendered again with a lower limiter
// ceiling.
//
// # Live audio
//
// Normalizer follows the integrated loudness as it accumulates and glides
// the gain (≤ 10 dB/s) towards the target, behind the same limiter; its
// delay is the limiter's look-ahead (≈ 5 ms). Limiter can be used alone.
//
// # Properties (measured by the tests)
//
//	limiter ceiling      clipped squares at 0.11·fs, 1 kHz, 0.37·fs (up to +40 dB drive) and speech +30 dB,
//	                     8/16/44.1/48 kHz, ceilings 0/−1/−3 dBTP: output true peak = ceiling − 0.050 dB
//	                     (float and 16-bit), never above
//	limiter below ceiling bit-exact delay (Delay = look-ahead + 13 frames)
//	two-pass normaliser  speech at −43/−25/−13 LUFS → −16.00 LUFS; forced limiting (target −8) ≤ ceiling
//	streaming normaliser quiet speech → −16.1 LUFS after the glide; silence in, silence out, gain 0 dB
//	AGC (float / fixed)  speech at −45, −30, −8 dBFS RMS → −23…−25 dBFS RMS (loud syllables at the −20 target);
//	                     gain frozen through silence and sub-gate noise; fixed within 0.4 dB of float
//	gate                 speech unchanged (< 0.5 dB), −67 dBFS hiss attenuated ≥ 39 dB (40 dB range)
//
// Every Append/Process method allocates nothing once dst has capacity, and
// splitting the input into chunks never changes the output.
//
// # Fixed point
//
// FixedAGC uses integers only in its hot path (Q16 gain, integer square
// root, one division per millisecond) for MCUs without an FPU; pair it
// with filter.FixedBiquad for the DC/rumble high-pass.
package dynamics
