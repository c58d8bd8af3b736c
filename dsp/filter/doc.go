// Package filter provides the capture-side biquad filters: the RBJ Audio
// EQ Cookbook set (low-pass, high-pass, band-pass, notch, peaking EQ,
// shelves, all-pass) designed for any rate from 8 to 192 kHz, a
// second-order Butterworth high-pass for DC and handling rumble, and an
// integer-only variant for MCUs without an FPU.
//
// Specification: R. Bristow-Johnson, "Cookbook formulae for audio
// equalizer biquad filter coefficients", W3C Audio EQ Cookbook,
// https://www.w3.org/TR/audio-eq-cookbook/ — the bilinear transform with
// the corner frequency prewarped, so corners land exactly at any rate.
//
// # Filters
//
//	Biquad        float32/int16 in place, float64 state, transposed direct form II
//	FixedBiquad   int16 in place, Q3.28 coefficients, 64-bit accumulator, direct form I with
//	              first-order error feedback (noise shaped away from the low-frequency poles)
//
// # Properties (measured by the tests)
//
//	response     −3.01 dB at the corner (LP/HP, Q 1/√2), stated gain at the peak and shelves (±0.1 dB), notch < −60 dB
//	DC removal   +3000 LSB offset → residual < 60 LSB after 62 ms at 80 Hz / 8 kHz, float and fixed
//	fixed point  within ±1 LSB of the float filter on speech (80 Hz high-pass, 8 kHz)
//	chunking     any split of the input gives identical output; zero allocations
//
// Multichannel audio is interleaved; each channel has its own state.
package filter
