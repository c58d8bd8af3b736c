// Package resample converts audio between sample rates: a streaming,
// allocation-free polyphase resampler with measured quality presets, in
// float (float32, or float64 for VeryHigh) and in fixed point for
// microcontrollers without an FPU.
//
// # Usage
//
//	r, err := resample.New(48000, 16000, 1, resample.Medium)
//	out := make([]int16, 0, r.OutLen(len(in))+r.FlushLen())
//	out = r.AppendInt16(out, in) // call as often as input arrives
//	out = r.FlushInt16(out)      // end of stream: drain the filter
//
// Output frame n is the band-limited input evaluated at input time
// (n − Latency())·inRate/outRate, so the stream is delayed by exactly
// [Resampler.Latency] output frames; drop that many frames from the start
// to align output with input. After Flush a stream of N input frames has
// produced ceil(N·outRate/inRate) + 2·Latency() output frames: nothing of
// the filter's response to the last samples is lost.
//
// # Algorithm
//
// The rates are reduced to an exact ratio l/m = outRate/inRate (divided by
// their greatest common divisor). Output frame n needs the input at time
// τ = (n−K)·m/l = i + p/l with integer i and phase p in 0…l−1; it is the
// dot product of the taps input samples around i with row p of a polyphase
// bank: the prototype low-pass h sampled at t = p/l + taps/2 − 1 − j,
// j = 0…taps−1. The position advances by m/l per output using integers only,
// so the ratio is exact and never drifts. Each row is normalised to unit DC
// gain (in fixed point the integer row sums to exactly 2^15 or 2^31).
//
// The prototype is a Kaiser-windowed sinc (J. F. Kaiser, "Nonrecursive
// digital filter design using the I0-sinh window function", Proc. IEEE
// ISCAS 1974; A. V. Oppenheim, R. W. Schafer, Discrete-Time Signal
// Processing, 3rd ed., section 7.6.1):
//
//	h(t) = sinc(c·t) · I0(β·√(1 − (t/H)²)) / I0(β),  |t| ≤ H = taps/2
//	c    = (pass + stop)/2 · min(inRate, outRate)/inRate   (cutoff, in input Nyquists)
//	β    = 0.1102·(A − 8.7)                                 (A > 50 dB)
//	taps = ⌈(A − 8)/(2.285·Δω)⌉, rounded up to even,  Δω = π·(stop − pass)·min(l, m)/m
//
// where pass and stop are the preset's band edges as fractions of the lower
// Nyquist frequency min(inRate, outRate)/2 and A its design attenuation.
// The latency is K = ⌈(taps/2)·l/m⌉ output frames.
//
// # Cascades
//
// High and VeryHigh stop at Nyquist, so their filters are long (a narrow
// transition band at high attenuation). When the ratio allows and a cost
// estimate says it saves at least a quarter, New splits the conversion:
//
//   - Downsampling by more than 2 (48→16, 44.1→16, 48→8 …): half-band
//     decimators by 2 first, then the polyphase stage at the reduced rate,
//     whose filter is then half as long in input samples. A half-band
//     stage from rate F keeps everything the final filter keeps (its pass
//     band reaches the final stopband edge fs) and rejects, with the
//     preset's attenuation, everything from F/2 − fs — exactly what would
//     alias onto 0…fs. Its transition band is wide, so it is short, and
//     every other tap of a half-band filter is zero: y[n] = x[τ]/2 +
//     Σ g[i]·x[τ−2J+1+2i]. The input is kept in two planes (even and odd
//     samples) so that the 2J taps meet contiguous samples.
//   - Upsampling by more than 2 where it pays (16→44.1, 8→48, VeryHigh
//     16→48): the polyphase stage to half the output rate, then half-band
//     interpolators by 2 (every other output is a copy).
//
// Each stage is time-aligned on the previous one (its first output sits
// at the previous stage's delay), so the cascade has the same contract as
// one stage: output n is the band-limited input at (n − Latency())·
// inRate/outRate, chunking does not change the output, and Flush drains
// everything. Its Latency is a few frames more than the single stage's.
// Intermediate values are float32 (float64 for VeryHigh). TestCascadeMatchesSingle
// checks that a cascade and the single stage it replaces agree on pass-band
// signals to within −125 dB (float32) and −160 dB (float64) after aligning
// their latencies; TestPlan pins which ratios cascade. Taps reports a
// cascade's multiply-adds per output frame summed over its stages.
//
// When the exact bank would exceed 2^18 coefficients with more than 256
// phases (rates with a small common divisor, such as 8000→176410), the bank
// holds 256 phases and each output interpolates four neighbouring rows with
// four-point Lagrange weights; the time base stays exact.
//
// The filter design uses only +, −, ×, ÷ on float64, each product rounded
// explicitly (no FMA fusion), with a Taylor sine after exact integer
// argument reduction and the power series of I0: IEEE 754 makes these
// correctly rounded, so the coefficient tables — and the fixed-point output
// — are bit-identical on every platform.
//
// # Presets
//
// Edges are fractions of the lower Nyquist frequency.
//
//	preset    pass   stop   A (dB)  float path  fixed path
//	Quick     0.75   1.25    75     float32     Q15 coefficients, int32 accumulators
//	Medium    0.85   1.15   110     float32     Q31 coefficients, int64 accumulators
//	High      0.91   1.00   140     float32     Q31, int64
//	VeryHigh  0.95   1.00   180     float64     Q31, int64
//
// Quick and Medium place the transition band symmetrically around Nyquist:
// whatever aliases lands above the passband (in pass…1.0 × Nyquist), never
// in it, and the filter is half as long as one that stops at Nyquist. They
// are meant for speech. High and VeryHigh stop at Nyquist: nothing aliases.
// With a cutoff exactly at the input Nyquist (Quick and Medium upsampling
// by an integer), every l-th output is a copy of an input sample; the bank
// detects such unit rows and copies instead of filtering (half of the
// outputs at 1:2, a third at 1:3).
//
// # Quality
//
// Measured by TestQualityTable, which produced this table (go test -run
// TestQualityTable -update) and fails if a preset drifts from it. Columns:
// taps per output sample (multiply-adds per output and channel: the cost;
// summed over the stages of a cascade),
// latency in output frames and milliseconds, passband ripple (peak to peak,
// 16 tones up to the pass edge), the level of a full-scale tone at 0.9 ×
// the lower Nyquist, the stopband (worst alias of 24 tones from the
// stopband edge to the input Nyquist when downsampling, worst image above
// the stopband edge of 16 tones when upsampling; full-scale float64 tones,
// single-bin DFT over 0.1 s), the SNR of a −6 dBFS 1 kHz sine against the
// analytic sine through the float path, THD+N of that sine through the
// int16 path, and its SNR through the fixed-point path.
//
//	ratio            preset    taps  latency  ripple  at0.9fn  stopband  SNR     THD+N   SNR
//	                                    frames   dB p-p  dB       dB        float   int16   fixed
//	48000→16000      quick       60    10  0.62ms 0.0026    -1.12     -74.8    83.0   -94.2   95.1
//	48000→16000      medium     144    24  1.50ms 0.0000    -0.07    -112.8   118.9  -101.9   95.1
//	48000→16000      high       353   113  7.06ms 0.0000     0.00    -142.6   139.9  -101.9   95.1
//	48000→16000      veryhigh   777   253 15.81ms 0.0000    -0.00    -187.4   196.7  -101.9   95.1
//	16000→48000      quick       22    33  0.69ms 0.0017    -0.90     -79.0    82.5   -84.9   83.2
//	16000→48000      medium      48    72  1.50ms 0.0000    -0.07    -116.4   117.4   -91.7   90.2
//	16000→48000      high       206   309  6.44ms 0.0000     0.00    -149.8   141.8   -91.7   90.2
//	16000→48000      veryhigh   276   756 15.75ms 0.0000    -0.00    -194.3   181.6   -91.7   90.2
//	44100→16000      quick       54    10  0.62ms 0.0022    -1.17     -74.3    95.6   -90.0   81.3
//	44100→16000      medium     132    24  1.50ms 0.0000    -0.07    -112.4   119.7   -98.7   94.4
//	44100→16000      high       332   116  7.25ms 0.0000    -0.00    -144.2   139.7   -98.7   94.4
//	44100→16000      veryhigh   726   257 16.06ms 0.0000     0.00    -187.0   206.7   -98.7   94.4
//	16000→8000       quick       40    10  1.25ms 0.0028    -1.12     -74.4    83.1   -93.7   95.9
//	16000→8000       medium      96    24  3.00ms 0.0000    -0.07    -112.6   136.3  -102.0   95.9
//	16000→8000       high       410   103 12.88ms 0.0000     0.00    -142.0   146.7  -102.0   95.9
//	16000→8000       veryhigh   960   240 30.00ms 0.0000     0.00    -187.2   229.8  -102.0   95.9
//	8000→16000       quick       22    22  1.38ms 0.0017    -0.90     -78.5    78.5   -80.4   78.1
//	8000→16000       medium      48    48  3.00ms 0.0000    -0.07    -115.7   143.4  -101.9   95.1
//	8000→16000       high       206   206 12.88ms 0.0000     0.00    -151.8   137.9  -101.9   95.1
//	8000→16000       veryhigh   480   480 30.00ms 0.0000     0.00    -195.7   227.3  -101.9   95.1
//	8000→176410      quick       22   243  1.38ms 0.0015    -0.90     -79.4    77.9   -84.0   78.4
//	8000→176410      medium      48   530  3.00ms 0.0000    -0.07    -115.9   140.6   -91.7   89.3
//	8000→176410      high       115  2284 12.95ms 0.0000     0.00    -152.4   142.0   -91.7   89.3
//	8000→176410      veryhigh   254  5308 30.09ms 0.0000    -0.00    -197.8   190.1   -91.7   89.3
//
// With float32 input and output the measurable floor is about −165 dB.
// The C references measured with the same tones (TestReferenceQuality,
// build tag cref), stopband in dB with the edge at Nyquist / 1.15 ×
// Nyquist, 48000→16000: libsoxr HQ −130.7 / −137.5, libsoxr VHQ (float64
// I/O) −179.5, speexdsp quality 2 −63.8 / −69.3 (−72.7 at 1.25), 3 −83.0 /
// −88.5, 5 −101.4 / −107.0, 8 −101.8 / −108.9, 10 −120.7 / −130.4,
// libsamplerate best −145.4.
//
// # Fixed point
//
// [Fixed] computes with int16 samples, integer coefficients and integer
// accumulators only; output samples are rounded (half up) and saturated.
// Its output is bit-identical on every platform (golden checksums in
// TestFixedGolden run on amd64, arm64, GOARM=5, mips, wasm and TinyGo).
//
// # Speed
//
// The float path computes four outputs per kernel call. Output n+l lies
// exactly m input frames after output n and uses the same coefficient
// row, so outputs are taken in phase groups of 4·l: for each phase, one
// call computes four outputs m frames apart with one shared row (at 3:1
// that is a decimator computing only every third sample: taps/3
// multiply-adds per input sample, with five vector loads per four FMAs
// instead of eight). Decimators with one or two phases (2:1, 3:1, the
// 3:2 stage of a 48→16 cascade) and rows of 96 taps or more go further:
// outputs 2i and 2i+1 share one window, the second's row stored shifted
// by the distance between their windows, so each input vector loaded
// serves both (eight outputs per call, six loads per eight FMAs, with the
// per-lane arithmetic of the four-output kernel, which a test checks bit
// for bit). Integer upsamplers (1:2, 1:3) load each input vector once for
// all their rows. Half-band stages compute 32 consecutive outputs per call
// (a broadcast coefficient times eight-wide input vectors). Outputs left
// over at the end of an Append go through a kernel with the same per-lane
// arithmetic, so the output does not depend on chunking. Rows are padded
// with leading zeros to a multiple of 8 taps (no scalar tails).
//
// Where the CPU has AVX-512 (F and DQ) the kernels use 16-lane vectors.
// The four-output, pair-mode and half-band kernels then give the AVX2
// kernels' results bit for bit (a 16-tap block's two halves are the AVX2
// kernels' two 8-tap chains; a last 8-tap block goes in under a lane
// mask), which tests check. The 1:2 and 1:3 kernels sum differently, so
// mono 1:2 and 1:3 upsamplers whose rows are all computed (High) send
// every output, the last few of an Append included, through that one
// kernel (its unused lanes read slack at the end of the history); with
// AVX-512's 32 registers these kernels compute eight input positions (16
// or 24 outputs) per call, 1.6× the AVX2 kernel's speed for 1:2. Both
// store their outputs interleaved, in the stream's order, straight into
// the stage's output.
//
// The CPU features come from golang.org/x/sys/cpu, so GODEBUG turns
// kernels off the Go way: GODEBUG=cpu.avx512f=off runs the AVX2 kernels
// on an AVX-512 machine (bench/ measures both), cpu.avx2=off the portable
// loops.
//
// The kernels use AVX2+FMA on amd64; build tag purego or a CPU without
// them selects the portable Go loops (used on every other platform),
// which sum each output as a pairwise tree per block of 8 taps and which
// tests cross-check lane by lane. The two round float32 sums differently,
// which moves the table's values at the float32 floor (stopband below
// −135 dB, SNR above 135 dB) by a few dB; the table test allows for that
// and passes with either (checked on amd64, amd64 purego and arm64). See
// the package benchmarks (BenchmarkCascade times each cascade against the
// single stage it replaces) and bench/ for numbers next to libsoxr,
// speexdsp and libsamplerate.
package resample
