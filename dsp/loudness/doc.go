// Package loudness measures loudness as specified by ITU-R BS.1770-4 and
// EBU R 128: momentary, short-term and integrated loudness, loudness range,
// true peak and sample peak, streaming, in fixed memory and without
// allocating per write.
//
// Specifications:
//   - ITU-R BS.1770-4, "Algorithms to measure audio programme loudness and
//     true-peak audio level": https://www.itu.int/rec/R-REC-BS.1770
//   - EBU R 128: https://tech.ebu.ch/publications/r128
//   - EBU Tech 3341, "Loudness Metering: 'EBU Mode' metering":
//     https://tech.ebu.ch/publications/tech3341
//   - EBU Tech 3342, "Loudness Range": https://tech.ebu.ch/publications/tech3342
//
// # Usage
//
//	m, err := loudness.NewMeter(16000, 1)
//	...
//	m.WriteInt16(pcm) // any number of times, any chunk size
//	fmt.Println(m.Integrated(), m.Range(), m.TruePeak())
//
// Write methods never fail, like hash.Hash.Write; readings are available
// at any time. Reset starts a new measurement without allocating.
//
// # Measurements
//
//	Momentary     400 ms window (BS.1770-4 §2.8; Tech 3341 §2.1), every 10 ms
//	ShortTerm     3 s window (Tech 3341 §2.1), every 10 ms
//	Integrated    400 ms blocks every 100 ms; −70 LUFS absolute, −10 LU relative gate (BS.1770-4 §2.8)
//	Range         short-term values every 100 ms; −70 LUFS, −20 LU gates; 95th − 10th percentile (Tech 3342 §3)
//	TruePeak      BS.1770-4 Annex 2 oversampling; max over channels, never below the sample peak
//	SamplePeak    largest |sample|
//	*Max          largest Momentary / ShortTerm so far
//
// Channel weights (BS.1770-4 Table 3): 1.0 for front channels; 5 channels
// are L R C Ls Rs with surrounds 1.41; 6 channels are 5.1 (L R C LFE Ls
// Rs) with the LFE excluded; WithChannelWeights overrides them.
//
// The meter keeps K-weighted energy per 10 ms sub-block (boundaries at
// ⌊k·rate/100⌋ frames, so every window is exact at every rate) and builds
// all windows from those sums; sums run sample by sample so chunking
// cannot change a result.
//
// # K-weighting at any rate
//
// BS.1770-4 gives the two K-weighting stages only as 48 kHz coefficients.
// KWeighting inverts the prewarped bilinear transform to recover the analog
// prototypes (shelf: f0 1681.97 Hz, Q 0.7072, Vh, Vb; RLB high-pass: f0
// 38.135 Hz, Q 0.5003) and transforms them back at the wanted rate
// (8–192 kHz). At 48 kHz this reproduces the Recommendation's coefficients
// to < 1e-8. As in libebur128 and ffmpeg, the RLB numerator stays 1, −2, 1
// at every rate, which together with frequency warping shifts the curve at
// low rates; deviation from the 48 kHz response (dB):
//
//	rate     20–100 Hz   1 kHz   2 kHz   3 kHz
//	8000     +0.22       +0.01   +0.42   +0.42
//	16000    +0.09       +0.04   +0.13   +0.15
//	44100    +0.00       +0.00   +0.01   +0.01
//	96000    −0.02       −0.02   −0.03   −0.03
//
// # Gating histograms: resolution and error bound
//
// Integrated loudness and loudness range come from fixed-size histograms
// (12.8 KB together; the whole meter is about 17 KB plus 0.6 KB per
// channel), not from lists of blocks, so memory does not grow with the
// duration:
//
//	gating     0.2 LU bins, −70…+10 LUFS: count, energy sum, extreme levels (to 3e-6 LU)
//	range      0.1 LU bins, −70…+10 LUFS: count, extreme levels; plus one running energy sum
//
// The absolute gate is applied exactly (on entry) and the energy sums are
// exact, so Integrated equals the block-list result of BS.1770-4 unless
// blocks share the 0.2 LU bin of the relative threshold; those are modelled
// as evenly spread between the bin's extremes and included above the
// threshold. n such blocks out of N gated ones bound the error by
// 10·log10(1 + n/N) LU (≤ 0.04 LU when n ≤ 1 % of N); on speech the
// measured difference is < 0.00001 LU. Range percentiles are exact when
// they fall in a bin holding one level (as with every Tech 3342 signal)
// and otherwise lie within that bin (< 0.1 LU); on speech the measured
// difference from exact percentiles is ≤ 0.016 LU.
//
// # True peak
//
// BS.1770-4 Annex 2: the signal is oversampled by a polyphase Kaiser-
// windowed sinc (12 taps per phase, 48 at 4×, each phase normalised to
// unity gain) and the largest absolute interpolated value is taken. The
// factor keeps the oversampled rate at or above 192 kHz and is at least 4:
//
//	rate    8000  11025  16000  22050  32000  44100  48000  ≥ 48000
//	factor    24     18     12      9      6      5      4        4
//
// Blocks whose samples cannot raise the running peak (|x|·Σ|h| ≤ peak) are
// skipped, which does not change the result. Worst-case under-reading for
// a sine at a quarter of the rate is 0.19 dB (Tech 3341 case 16); the
// interpolator's passband is flat to ±0.003 dB up to 0.5·Nyquist.
//
// # Conformance
//
// Test signals are generated in the tests from the documents' own
// definitions (1 kHz sines at the stated dBFS peak level in both channels;
// the true-peak sines at fs/4, fs/6, fs/8 with the stated phases, faded in
// and out over 20 ms so the onset's Gibbs overshoot is not measured).
// Worst deviation over 8, 16, 32, 44.1 and 48 kHz (true peak: 44.1, 48,
// 96, 192 kHz; cases 20–23, which the EBU ships only as files, replaced by
// isolated band-limited peaks at 0 dBTP with crests 0–3 quarter samples
// off the sample grid, at 8, 16, 44.1, 48 kHz):
//
//	Tech 3341 case                 reading         tolerance    worst
//	1  −23 dBFS                    M, S, I −23     ±0.1         +0.05
//	2  −33 dBFS                    M, S, I −33     ±0.1         +0.05
//	3  −36/−23/−36                 I −23           ±0.1         +0.03
//	4  −72/−36/−23/−36/−72         I −23           ±0.1         +0.03
//	5  −26/−20/−26                 I −23           ±0.1         +0.06
//	6  5.0 and 5.1                 I −23           ±0.1         +0.02
//	9  S alternating −20/−30       S −23 after 3 s ±0.1         +0.05
//	10 3 s bursts (20 offsets)     max S −23       ±0.1         pass
//	11 −38…−19 bursts              max S = level   ±0.1         pass
//	12 M alternating −20/−30       M −23 after 1 s ±0.1         +0.08
//	13 0.4 s bursts (20 offsets)   max M −23       ±0.1         pass
//	14 −38…−19 bursts              max M = level   ±0.1         pass
//	15 fs/4 0.5 0°                 −6 dBTP         +0.2/−0.4    −0.02
//	16 fs/4 0.5 45°                −6 dBTP         +0.2/−0.4    −0.19
//	17 fs/6 0.5 60°                −6 dBTP         +0.2/−0.4    −0.09
//	18 fs/8 0.5 67.5°              −6 dBTP         +0.2/−0.4    −0.06
//	19 fs/4 1.41 45°               +3 dBTP         +0.2/−0.4    −0.19
//	20–23 analogues                0 dBTP          +0.2/−0.4    −0.10
//
//	Tech 3342 case                 LRA             tolerance    worst
//	1  −20/−30 dBFS                10 LU           ±0.1 (spec ±1)  0.000
//	2  −20/−15 dBFS                5 LU            ±0.1            0.000
//	3  −40/−20 dBFS                20 LU           ±0.1            0.000
//	4  −50/−35/−20/−35/−50 dBFS    15 LU           ±0.1            0.000
//
// Tech 3342 cases 5 and 6 (and Tech 3341 cases 7 and 8) are recordings of
// real programmes, not synthetic signals, and are not reproduced here.
//
// Against libebur128 1.2.6 (tests tagged cref) on 12 s of speech plus
// noise with a 9 dB level step, mono and stereo, at 8, 16, 44.1 and
// 48 kHz: integrated identical to 0.0001 LU, loudness range within
// 0.033 LU (libebur128 takes a short-term value every 1 s, Tech 3342 and
// this meter every 0.1 s), true peak within 0.025 dB (libebur128
// oversamples 4× at every rate below 96 kHz), sample peak identical.
//
// # Speed
//
// Integrated + range + true peak over 10 s of speech (int16 input), the
// two benchmarks interleaved in one run (go test -tags cref -bench .
// -count 8), medians on a 2-core amd64 machine shared with other work:
//
//	                 this package           libebur128 1.2.6    ratio
//	48 kHz stereo    16.9 ms (114 MB/s)     35.7 ms (54 MB/s)   0.47
//	16 kHz mono      6.6 ms (49 MB/s)       7.2 ms (44 MB/s)    0.91
//
// (At 16 kHz this meter oversamples 12× for true peak, libebur128 4×.)
//
// Zero allocations per write; TinyGo (cortex-m-qemu, wasip1) supported.
package loudness
