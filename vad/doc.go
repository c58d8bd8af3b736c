// Package vad detects voice activity in 16-bit mono PCM at 8, 16, 32 and
// 48 kHz, and turns the decisions into speech segments.
//
// It is built for toys and backends alike: integer arithmetic only (it runs
// on FPU-less microcontrollers and under TinyGo, and gives bit-identical
// decisions on every platform), about 3.4 KB of state, no allocation after
// construction, and several thousand times realtime on one desktop core.
//
// # Detector
//
// [New] makes a [Detector] for one sample rate; [Detector.Process]
// classifies frames of 10, 20 or 30 ms ([WithFrame]). Four aggressiveness
// modes ([WithAggressiveness]) trade missed speech for false alarms, like
// the WebRTC VAD's modes.
//
// The analysis runs every 10 ms on the signal low-passed and decimated to
// 8 kHz (Kaiser-windowed FIR, 3.8 kHz cut-off):
//
//   - a 256-point (32 ms) fixed-point FFT gives 20 sub-band log2 energies
//     between 94 Hz and 4 kHz (roughly mel-spaced, Q8); its window rises
//     over 29 ms and falls over the last 3 ms, so the analysis weighs the
//     newest samples most and the decision lags the frame little;
//   - each band has an adaptive Gaussian noise model: a mean and a mean
//     absolute deviation of its log energy, learnt on hops that the
//     detector did not take for speech and whose score is clearly below
//     speech level, and never below the band's minimum statistic (the
//     smallest level of the last 1.3–1.6 s, which follows noise that gets
//     louder without depending on the decisions, so a wrong decision cannot
//     lock the model for longer than that). Leaving out the hops taken
//     for speech matters at low SNR: weak speech scores just above the
//     threshold, and learning on it lifted the noise model and the
//     threshold and hid the next weak syllables;
//   - the score is the mean over bands of the one-sided z-score
//     (level - mean)/deviation minus one, clipped to [0, 8]: bands where
//     the noise is itself unsteady (music, babble) weigh less than bands
//     where it is steady;
//   - the score's own distribution on the same hops (mean and deviation)
//     sets an adaptive threshold, mean + k·deviation + offset, with
//     hysteresis; k and the offset grow with the mode;
//   - a spectral-shape-change ("flux") gate: unless the score is very
//     high, a hop counts as speech only if the band levels of the bands
//     above the noise changed shape over the last 30 ms (overall level
//     change removed; smoothed over ~80 ms, each hop's change clipped
//     first so that one large change — a note's onset — cannot hold the
//     smoothed value up while the note then decays unchanged), or changed
//     a lot at once (an onset). Speech moves its formants and alternates voiced and
//     unvoiced sounds; held or decaying music chords, motor hum and
//     whistles keep their shape, so they no longer read as speech;
//   - a hangover keeps "speech" after a run of speech hops (only after
//     runs of 3–5 hops, so that clicks do not earn one); its length follows
//     how far speech stands out of the noise: 20–40 ms when speech stands
//     out, up to 130–240 ms when it barely does and the quiet ends of words
//     drown in the noise, but at most 140 ms after a run of more than
//     150 ms (a long run is a word whose end the detector mostly follows
//     itself, or the last word before a pause, while a short run is the
//     loud core of a syllable whose weaker rest the noise hides), and at
//     least 70 ms after half a second of continuous speech (bridging a
//     comma). The speech level is an
//     upper-quantile tracker of the score on speech hops (up fast, down
//     slowly), so the decaying end of a word, whose low scores come last,
//     does not stretch the hangover exactly where speech ends;
//   - the threshold also follows what the noise models say about the
//     noise. While speech lasts it is lowered a little, so that the
//     detector itself follows the quiet tail of a word, except in steady
//     noise (small deviations in every band: white, pink, brown) that
//     speech stands well out of, where the tails need no help and a
//     lower threshold only adds false alarms. Noise whose deviation is
//     largest in the formant region (0.8–1.9 kHz) and clearly larger
//     there than in the lowest bands, for a second or more, is taken
//     for babble (motors, clicks and music fluctuate as much or more low
//     down): then a new segment must start at least half as strong as
//     the speech level (the talkers in the background, between the
//     target's words, score far below it), and when the target barely
//     stands out of the babble the threshold is lowered further while
//     speech lasts, holding on to speech rather than losing most of it.
//
// A 20 or 30 ms frame is speech if any of its 10 ms hops is.
//
// The technique belongs to the family of the WebRTC VAD (sub-band energies
// against adaptive Gaussian models) but is written from the ideas, not the
// code. The evaluation in eval/vad (espeak-ng speech in white, pink, brown,
// babble, music and toy noise at 20–0 dB SNR) compares it with the WebRTC
// VAD; its table, including the conditions where toyvoice falls short, is
// in eval/vad/RESULTS.md. On the published corpus (seed 1) the default
// mode meets the goal (higher accuracy than the WebRTC VAD's most
// accurate mode at no more false alarms) on 45 of 50 conditions, with a
// mean accuracy of 87.2% and false-alarm rate of 19.1% against 79.4% and
// 41.5% for the WebRTC VAD's best mode (the tuning corpus, seed 2: 48 of
// 50). Most of the false alarms are in babble at 0-10 dB SNR, where
// toyvoice holds on to speech (as the WebRTC VAD does, which calls
// nearly every frame speech there). It falls short on babble at 0 dB
// (both rates) and 5 dB at 8 kHz (other voices are speech too: the
// WebRTC VAD's all-speech answer scores the speech share, and toyvoice
// loses some target speech and takes some background voices), on
// babble at 20 dB at 8 kHz (0.3 points of accuracy, and 22% false
// alarms against 13%: background voices between the target's words),
// and by 0.7 points of false alarms on pink noise at 8 kHz and 10 dB
// (the hangover after words).
//
// # Segmenter
//
// [NewSegmenter] wraps a Detector for "record until the child stops" and
// for trimming silence: it emits [Event]s (Start, End) with sample
// positions, adding a pre-roll before the detected onset ([WithPreRoll],
// default 250 ms) and a hangover after the last speech ([WithHangover],
// 200 ms), ignoring speech shorter than [WithMinSpeech] (100 ms), bridging
// pauses shorter than [WithMinSilence] (500 ms), and capping segments at
// [WithMaxUtterance] (no cap by default). [Segmenter.AppendEvents] takes
// audio in chunks of any size, and the events do not depend on the
// chunking, so the same code serves a live microphone and a whole file;
// [Segmenter.Flush] closes the stream.
//
// A Start event refers back in time: its Sample lies up to the pre-roll,
// the minimum speech (whole frames) and one chunk before the newest sample
// fed; [Segmenter.Lookback] gives the exact bound for a chunk size. Live
// callers write what they feed into a [History] of that many samples, a
// ring buffer in caller-owned memory addressed by stream position, and on
// a Start read the segment's beginning back with [History.AppendFrom] (or
// [History.Slices], without copying); the rest of the segment is the audio
// they feed after it.
//
// # Errors
//
// Constructors report bad parameters with [ErrSampleRate] and [ErrOption];
// Process reports a frame of the wrong length with [ErrFrameSize]. Audio at
// other rates must be resampled first (package resample).
package vad
