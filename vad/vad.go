package vad

import (
	"errors"
	"math/bits"
)

// Sentinel errors. Errors returned by this package match one of them with
// [errors.Is].
var (
	// ErrSampleRate reports a sample rate other than 8, 16, 32 or 48 kHz.
	ErrSampleRate = errors.New("vad: unsupported sample rate (want 8000, 16000, 32000 or 48000)")
	// ErrFrameSize reports a frame whose length is not FrameLen().
	ErrFrameSize = errors.New("vad: frame length does not match FrameLen")
	// ErrOption reports an invalid option value.
	ErrOption = errors.New("vad: invalid option")
)

const (
	fftN     = 256 // analysis window at 8 kHz: 32 ms
	hop8     = 80  // analysis hop at 8 kHz: 10 ms
	numBands = 20  // sub-bands between 94 Hz and 4 kHz
	maxHop   = 480 // input samples per hop at 48 kHz
	maxTaps  = 96  // longest decimation filter (48 kHz)
)

// bandEdge[b]..bandEdge[b+1]-1 are the FFT bins (31.25 Hz each) of band b:
// roughly mel-spaced from 94 Hz to 4 kHz.
var bandEdge = [numBands + 1]uint8{3, 5, 7, 9, 11, 13, 16, 19, 22, 26, 30, 35, 40, 46, 53, 61, 70, 80, 91, 104, 128}

// Option configures a Detector; see WithFrame and WithAggressiveness.
type Option func(*config) error

type config struct {
	frameMs int
	mode    int
}

// WithFrame sets the frame duration in milliseconds: 10, 20 or 30
// (default 10).
func WithFrame(ms int) Option {
	return func(c *config) error {
		if ms != 10 && ms != 20 && ms != 30 {
			return ErrOption
		}
		c.frameMs = ms
		return nil
	}
}

// WithAggressiveness sets how strongly the detector rejects non-speech, from
// 0 (most speech kept, most false alarms) to 3 (fewest false alarms). The
// default is [DefaultAggressiveness].
func WithAggressiveness(mode int) Option {
	return func(c *config) error {
		if mode < 0 || mode > 3 {
			return ErrOption
		}
		c.mode = mode
		return nil
	}
}

// DefaultAggressiveness is the mode New uses without WithAggressiveness.
const DefaultAggressiveness = 1

// Detector classifies fixed-length frames of 16-bit mono PCM as speech or
// non-speech. It keeps a few kilobytes of state, uses integer arithmetic
// only and allocates nothing after New. A Detector is not safe for
// concurrent use.
type Detector struct {
	rate     int
	frameLen int // input samples per frame
	hop      int // input samples per 10 ms hop
	dec      int // decimation factor to 8 kHz
	taps     []int32
	mode     int
	p        params

	// state below is cleared by Reset
	hist  [maxTaps - 1 + maxHop]int16 // decimator history + current hop
	x8    [fftN]int16                 // last 32 ms at 8 kHz
	re    [fftN / 2]int32
	im    [fftN / 2]int32
	level [numBands]int32 // band log2 energy, Q8
	st    state
}

// state is the adaptive part of the detector (noise model, score
// statistics, hangover), all integers.
type state struct {
	hops   int32                   // hops seen, saturating
	mean   [numBands]int32         // noise model: mean band level, Q8
	dev    [numBands]int32         // noise model: mean absolute deviation, Q8
	curMin [numBands]int16         // minimum level in the current sub-window
	subMin [numSub][numBands]int16 // minima of the last numSub sub-windows
	subPos int32                   // hops into the current sub-window
	subIdx int32
	muS    int32              // mean of the score on non-speech hops, Q8
	madS   int32              // mean absolute deviation of the score, Q8
	run    int32              // consecutive raw-speech hops
	hang   int32              // hangover hops left
	speech bool               // last hop decision (with hangover)
	raw    bool               // last raw decision
	score  int32              // last score (for tests and tuning)
	spS    int32              // level of the louder speech hops' scores
	prev   [3][numBands]int16 // band levels of the last three hops (ring)
	prevI  int32              // ring position of the oldest
	flux   int32              // smoothed spectral-shape change, Q8
	cRaw   int32              // spectral-shape change of this hop, Q8
	babble int32              // hops of speech-like noise (babble), saturating
	_      [0]func()          // not comparable
}

// params are the per-aggressiveness constants.
type params struct {
	kMad   int32 // threshold = mu + kMad*min(mad, maxMad)/256 + off
	off    int32
	keep   int32 // continuation threshold offset (hysteresis), subtracted
	hangLo int32 // hangover hops after a long run, at high SNR
	hangHi int32 // the same at low SNR
	minRun int32 // run length that earns the full hangover
	flux   int32 // smallest smoothed spectral-shape change for speech, Q8
}

var modes = [4]params{
	{kMad: 3 * 256, off: 60, keep: 10, hangLo: 4, hangHi: 24, minRun: 3, flux: 160},
	{kMad: 3 * 256, off: 90, keep: 15, hangLo: 3, hangHi: 20, minRun: 3, flux: 180},
	{kMad: 4 * 256, off: 100, keep: 20, hangLo: 3, hangHi: 16, minRun: 4, flux: 200},
	{kMad: 4 * 256, off: 120, keep: 25, hangLo: 2, hangHi: 13, minRun: 5, flux: 200},
}

// New returns a Detector for 16-bit mono PCM at sampleRate (8000, 16000,
// 32000 or 48000 Hz). Frames are 10 ms and the aggressiveness is
// DefaultAggressiveness unless options say otherwise.
func New(sampleRate int, opts ...Option) (*Detector, error) {
	c := config{frameMs: 10, mode: DefaultAggressiveness}
	for _, o := range opts {
		if o == nil {
			return nil, ErrOption
		}
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	d := &Detector{rate: sampleRate, mode: c.mode, p: modes[c.mode]}
	switch sampleRate {
	case 8000:
		d.dec = 1
	case 16000:
		d.dec, d.taps = 2, lp2[:]
	case 32000:
		d.dec, d.taps = 4, lp4[:]
	case 48000:
		d.dec, d.taps = 6, lp6[:]
	default:
		return nil, ErrSampleRate
	}
	d.hop = sampleRate / 100
	d.frameLen = d.hop * c.frameMs / 10
	d.Reset()
	return d, nil
}

// FrameLen returns the number of samples Process expects per call.
func (d *Detector) FrameLen() int { return d.frameLen }

// SampleRate returns the rate the Detector was made for.
func (d *Detector) SampleRate() int { return d.rate }

// Reset returns the detector to its freshly constructed state (forgetting
// the noise model) without allocating.
func (d *Detector) Reset() {
	d.hist = [len(d.hist)]int16{}
	d.x8 = [fftN]int16{}
	d.st = state{}
}

// bandFloor is the absolute noise floor per band, Q8 log2: about -80 dBFS
// white noise, 2^20 per bin (see spectrum scaling).
var bandFloor = func() (f [numBands]int32) {
	for b := range f {
		f[b] = log2Q8(uint64(bandEdge[b+1]-bandEdge[b]) << 20)
	}
	return f
}()

// Process classifies one frame of len FrameLen() samples and reports whether
// it contains speech. The only error is ErrFrameSize, and the detector's
// state is unchanged when it is returned.
func (d *Detector) Process(frame []int16) (bool, error) {
	if len(frame) != d.frameLen {
		return false, ErrFrameSize
	}
	speech := false
	for off := 0; off < len(frame); off += d.hop {
		if d.processHop(frame[off : off+d.hop]) {
			speech = true
		}
	}
	return speech, nil
}

// processHop runs the analysis on 10 ms of input and returns the decision.
func (d *Detector) processHop(in []int16) bool {
	// 1. new 80 samples at 8 kHz at the end of x8.
	copy(d.x8[:], d.x8[hop8:])
	dst := d.x8[fftN-hop8:]
	if d.dec == 1 {
		copy(dst, in)
	} else {
		d.decimate(dst, in)
	}
	// 2. band log-energies.
	d.spectrum()
	// 3. decision and adaptation.
	return d.decide()
}

// decimate low-pass filters in (one hop at the input rate) and keeps every
// dec-th sample, writing hop8 samples to dst.
func (d *Detector) decimate(dst []int16, in []int16) {
	t := len(d.taps) * 2 // full filter length
	h := d.hist[:t-1+len(in)]
	copy(h[t-1:], in)
	switch d.dec {
	case 2:
		fir2(dst, h)
	default:
		taps := d.taps
		for j := range dst[:hop8] {
			i := j*d.dec + d.dec - 1 + t - 1 // newest input sample of output j, in h
			lo := h[i-t+1 : i+1]             // lo[t-1] is the newest
			var acc int32
			for k, c := range taps {
				acc += c * (int32(lo[t-1-k]) + int32(lo[k]))
			}
			dst[j] = sat16((acc + 1<<14) >> 15)
		}
	}
	copy(h[:t-1], h[len(in):])
}

// fir2 is decimate's loop for 16 kHz, with fixed sizes so the compiler can
// drop bounds checks.
func fir2(dst []int16, h []int16) {
	const t = 2 * len(lp2)
	c := &lp2
	dst = dst[:hop8]
	for j := range dst {
		lo := (*[t]int16)(h[2*j+1 : 2*j+1+t])
		acc := c[0]*(int32(lo[0])+int32(lo[31])) + c[1]*(int32(lo[1])+int32(lo[30])) +
			c[2]*(int32(lo[2])+int32(lo[29])) + c[3]*(int32(lo[3])+int32(lo[28])) +
			c[4]*(int32(lo[4])+int32(lo[27])) + c[5]*(int32(lo[5])+int32(lo[26])) +
			c[6]*(int32(lo[6])+int32(lo[25])) + c[7]*(int32(lo[7])+int32(lo[24])) +
			c[8]*(int32(lo[8])+int32(lo[23])) + c[9]*(int32(lo[9])+int32(lo[22])) +
			c[10]*(int32(lo[10])+int32(lo[21])) + c[11]*(int32(lo[11])+int32(lo[20])) +
			c[12]*(int32(lo[12])+int32(lo[19])) + c[13]*(int32(lo[13])+int32(lo[18])) +
			c[14]*(int32(lo[14])+int32(lo[17])) + c[15]*(int32(lo[15])+int32(lo[16]))
		dst[j] = sat16((acc + 1<<14) >> 15)
	}
}

func sat16(v int32) int16 {
	if v > 32767 {
		return 32767
	} else if v < -32768 {
		return -32768
	}
	return int16(v)
}

// spectrum computes the 256-point windowed power spectrum of x8 (real FFT
// through a 128-point complex FFT) and sums it into band log-energies.
func (d *Detector) spectrum() {
	re, im := &d.re, &d.im
	x := &d.x8
	for n := 0; n < fftN/2; n++ {
		r := bitrev[n]
		re[r] = (int32(x[2*n]) * window[2*n]) >> 11 // ×16, Q15 window
		im[r] = (int32(x[2*n+1]) * window[2*n+1]) >> 11
	}
	const m = fftN / 2
	// stages 1 and 2 (twiddles 1 and -i) without multiplications
	for a := 0; a < m; a += 4 {
		r0, i0 := re[a]+re[a+1], im[a]+im[a+1]
		r1, i1 := re[a]-re[a+1], im[a]-im[a+1]
		r2, i2 := re[a+2]+re[a+3], im[a+2]+im[a+3]
		r3, i3 := re[a+2]-re[a+3], im[a+2]-im[a+3]
		re[a], im[a] = r0+r2, i0+i2
		re[a+2], im[a+2] = r0-r2, i0-i2
		// (r3 + i i3)(-i) = i3 - i r3
		re[a+1], im[a+1] = r1+i3, i1-r3
		re[a+3], im[a+3] = r1-i3, i1+r3
	}
	for size := 8; size <= m; size <<= 1 {
		half := size >> 1
		step := fftN / size
		for j := 0; j < half; j++ {
			wr := int64(cosTab[(j*step)&(fftN/2-1)])
			wi := -int64(sinTab[(j*step)&(fftN/2-1)])
			for a := j; a < m; a += size {
				ia, ib := a&(m-1), (a+half)&(m-1)
				br, bi := int64(re[ib]), int64(im[ib])
				tr := int32((br*wr - bi*wi) >> 15)
				ti := int32((br*wi + bi*wr) >> 15)
				ar, ai := re[ia], im[ia]
				re[ib], im[ib] = ar-tr, ai-ti
				re[ia], im[ia] = ar+tr, ai+ti
			}
		}
	}
	// split into the real FFT and accumulate band powers
	for b := 0; b < numBands; b++ {
		var e uint64
		for k := int(bandEdge[b]); k < int(bandEdge[b+1]); k++ {
			ar, ai := int64(re[k]), int64(im[k])
			br, bi := int64(re[m-k]), int64(im[m-k])
			er, ei := (ar+br)>>1, (ai-bi)>>1
			or, oi := (ai+bi)>>1, (br-ar)>>1
			c, s := int64(cosTab[k]), int64(sinTab[k])
			xr := er + (c*or+s*oi)>>15
			xi := ei + (c*oi-s*or)>>15
			e += uint64(xr*xr) + uint64(xi*xi)
		}
		d.level[b] = log2Q8(e)
	}
}

// log2Q8 returns 256·log2(v) (0 for v == 0).
func log2Q8(v uint64) int32 {
	if v == 0 {
		return 0
	}
	msb := bits.Len64(v) - 1
	var f uint64
	if msb >= 8 {
		f = (v >> uint(msb-8)) & 0xFF
	} else {
		f = (v << uint(8-msb)) & 0xFF
	}
	return int32(msb)<<8 + int32(log2Frac[f])
}

// decide scores the hop against the noise model, makes the decision and
// adapts the model.
func (d *Detector) decide() bool {
	s := &d.st
	p := &d.p
	if s.hops < 1<<30 {
		s.hops++
	}
	if s.hops == 1 {
		for b := range s.mean {
			s.mean[b] = max(d.level[b], bandFloor[b])
			s.dev[b] = 64
			for k := range s.subMin {
				s.subMin[k][b] = noMin
			}
		}
		s.muS, s.madS = 0, 64
	}
	// Score: per band, how many noise deviations the level lies above the
	// band's noise mean (a one-sided z-score against the band's adaptive
	// Gaussian noise model), minus one, clipped to [0, 8]; averaged over
	// bands. Bands where the noise itself fluctuates (music, babble) thus
	// count for less than bands where it is steady.
	for b := 0; b < numBands; b++ {
		d.level[b] = max(d.level[b], bandFloor[b])
	}
	// Spectral-shape change ("flux"): the mean absolute change of the band
	// levels over 30 ms (non-overlapping windows' worth), after removing
	// the change of the overall level, over the bands that stand out of
	// the noise. Speech moves its formants and alternates voiced and
	// unvoiced sounds every few tens of milliseconds; a held or decaying
	// chord, a motor or a hum keeps its shape. Smoothed over ~80 ms.
	{
		old := &s.prev[s.prevI]
		var md int32
		for b := 0; b < numBands; b++ {
			md += d.level[b] - int32(old[b])
		}
		md /= numBands
		var c, n int32
		for b := 0; b < numBands; b++ {
			if o := int32(old[b]); d.level[b] > s.mean[b]+2*max(s.dev[b], minDev) || o > s.mean[b]+2*max(s.dev[b], minDev) {
				c += abs32(d.level[b] - o - md)
				n++
			}
		}
		if n > 0 {
			c /= n
		}
		s.cRaw = c
		// The smoothing takes each hop's change only up to fluxClip: a
		// note's onset (one large change, then a steady decay) must not
		// hold the smoothed flux up for the next 100 ms, while speech
		// changes shape again and again.
		s.flux += (min(c, fluxClip) - s.flux) >> 3
		for b := 0; b < numBands; b++ {
			old[b] = int16(d.level[b]) // levels are below 2^15 (log2 of a uint64, Q8)
		}
		if s.prevI++; s.prevI == 3 {
			s.prevI = 0
		}
	}
	var score int32
	for b := 0; b < numBands; b++ {
		v := d.level[b] - s.mean[b]
		if v <= 0 {
			continue
		}
		z := (v<<8)/max(s.dev[b], minDev) - 256
		if z <= 0 {
			continue
		}
		score += min(z, zCap)
	}
	score /= numBands
	s.score = score

	thr := s.muS + (p.kMad*min(s.madS, maxMad))>>8 + p.off
	// Noise character, from the band noise models' deviations: steady
	// (white, pink, brown: small deviations in every band) or speech-like
	// (babble: the level fluctuates most around 0.8-1.9 kHz, where
	// formants move, and clearly more than in the lowest bands; a motor, clicks or
	// music fluctuate as much or more low down). The babble indicator is
	// held for a second so that a moment of motor noise does not flip it.
	var dv, md, ld int32
	for b := 0; b < numBands; b++ {
		dv += s.dev[b]
	}
	dv /= numBands
	for b := midLo; b < midHi; b++ {
		md += s.dev[b]
	}
	md /= midHi - midLo
	for b := 0; b < lowHi; b++ {
		ld += s.dev[b]
	}
	ld /= lowHi
	if md > babbleDev && 2*md > 3*ld {
		s.babble = min(s.babble+1, babbleMax)
	} else {
		s.babble = max(s.babble-4, 0)
	}
	babble := s.babble >= babbleOn
	if s.speech {
		// Follow the tail of a word with a lower threshold, except in
		// steady noise that speech stands well out of, where the
		// detector follows the tails itself and a lower threshold only
		// adds false alarms; in babble the target barely stands out of
		// (spS below babbleSpS), hold on harder still.
		if dv >= steadyDev || s.spS < steadySpS {
			thr -= tailOff
		}
		if babble && s.spS < babbleSpS {
			thr -= babbleOff
		}
	} else if babble {
		// In babble, a new segment must start at least half as strong
		// as the target's speech level: the talkers in the background,
		// between the target's words, score far below it.
		thr = max(thr, s.spS>>1)
	}
	if s.raw {
		thr -= p.keep
	}
	raw := score > thr && s.hops > 2 && (score >= scoreSure || s.flux >= p.flux || s.cRaw >= fluxOnset)
	if raw {
		// spS tracks the level of the louder speech hops: it rises fast
		// and falls slowly (an upper-quantile tracker), so the decaying
		// tail of a word, whose low scores come last, does not pull it
		// down and lengthen the hangover just when the speech ends.
		if s.spS == 0 {
			s.spS = score
		}
		if score > s.spS {
			s.spS += (score - s.spS) >> 4
		} else {
			s.spS += (score - s.spS) >> 7
		}
	}
	// Hangover from the speech score level (how far speech stands out of
	// the noise, in noise deviations): short when speech stands out (the
	// detector itself catches the quiet ends of words), long when it
	// barely does (the ends drown in the noise).
	var hang int32
	switch snr := s.spS; {
	case snr >= snrHi:
		hang = p.hangLo
	case snr <= snrLo:
		hang = p.hangHi
	default:
		hang = p.hangHi - (p.hangHi-p.hangLo)*(snr-snrLo)/(snrHi-snrLo)
	}
	if raw {
		s.run++
		if s.run >= p.minRun {
			s.hang = hang
			if s.run > midRun {
				// A long run is a word whose quiet end the detector
				// mostly catches itself, or the last word before a
				// pause; a short one is the loud core of a syllable
				// whose weaker remainder the noise hides. So long runs
				// earn a shorter hangover at low SNR.
				s.hang = min(hang, midHang)
			}
			if s.run >= longRun {
				// after a word or more of speech, bridge at least a
				// short pause (a comma, a stop consonant) even at
				// high SNR
				s.hang = max(hang, longHang)
			}
		} else if s.hang < 1 {
			s.hang = 1
		}
	} else {
		s.run = 0
		if s.hang > 0 {
			s.hang--
		}
	}
	s.raw = raw
	speech := raw || s.hang > 0

	// Adaptation. (1) Minimum statistics: per band, the minimum level over
	// the last 1.3-1.6 s (four finished 320 ms sub-windows and the current
	// one). Speech leaves gaps within that time; a noise that got louder (a
	// motor started) lifts the minimum. It does not depend on decisions, so
	// wrong decisions cannot lock the model.
	s.subPos++
	for b := 0; b < numBands; b++ {
		l := d.level[b]
		if warm := s.hops <= 2; warm || l < int32(s.curMin[b]) {
			s.curMin[b] = int16(l) // levels are below 2^14
		}
	}
	if s.subPos == subLen {
		s.subPos = 0
		s.subIdx = (s.subIdx + 1) & (numSub - 1)
		for b := 0; b < numBands; b++ {
			s.subMin[s.subIdx][b] = s.curMin[b]
			s.curMin[b] = noMin
		}
	}
	// (2) Band noise models (mean and mean absolute deviation of the
	// level) learnt on hops that are not speech (raw decision) and whose
	// score is clearly below speech level, and never below the minimum
	// statistic. Leaving the hops out that the detector took for speech
	// keeps weak speech, which scores just above the threshold, out of
	// the noise model and the score statistics: learning on it lifted
	// both and hid the next weak syllables (at 5-10 dB SNR about one
	// speech frame in twenty). Such decision-directed learning can lock
	// when the noise gets louder; the minimum statistic then still lifts
	// the mean within 1.6 s.
	warm := s.hops < 20
	noiseLike := warm || !raw && score < s.muS+(4*s.madS)+noiseMargin
	for b := 0; b < numBands; b++ {
		l := d.level[b]
		switch {
		case warm:
			s.mean[b] += (l - s.mean[b]) >> 2
			s.dev[b] += (abs32(l-s.mean[b]) - s.dev[b]) >> 2
		case noiseLike:
			s.mean[b] += (l - s.mean[b]) >> 4
			s.dev[b] += (abs32(l-s.mean[b]) - s.dev[b]) >> 5
		}
		m := int32(s.curMin[b])
		for k := 0; k < numSub; k++ {
			m = min(m, int32(s.subMin[k][b]))
		}
		m = max(m, bandFloor[b])
		if s.mean[b] < m {
			s.mean[b] = m
		}
	}
	// (3) Score statistics, on the same hops.
	dev := score - s.muS
	switch {
	case warm:
		s.muS += dev >> 2
		s.madS += (abs32(dev) - s.madS) >> 2
	case noiseLike:
		s.muS += dev >> 5
		s.madS += (abs32(dev) - s.madS) >> 5
	}
	s.madS = max(s.madS, minMad)
	s.speech = speech
	return speech
}

const (
	subLen      = 32        // hops per minimum-statistics sub-window
	noMin       = 1<<15 - 1 // empty minimum (levels are below 2^14)
	numSub      = 4         // sub-windows kept (power of two)
	noiseMargin = 64        // score margin for "clearly not speech"
	minMad      = 12        // smallest score deviation
	minDev      = 48        // smallest noise deviation, Q8 log2 (0.56 dB)
	maxMad      = 20        // largest score deviation used in the threshold
	fluxOnset   = 600       // unsmoothed flux that counts at once (onsets)
	scoreSure   = 1800      // score that needs no flux (loud speech over quiet noise)
	snrHi       = 1500      // speech score level for the shortest hangover
	snrLo       = 700       // speech score level for the longest hangover
	zCap        = 8 << 8    // largest per-band score
	longRun     = 50        // raw-speech run (500 ms) that earns at least longHang
	longHang    = 7         // hangover hops after such a run
	midRun      = 15        // raw-speech run (150 ms) after which the hangover is at most midHang
	midHang     = 14        // hangover hops after such a run, at most
	fluxClip    = 400       // largest one-hop shape change the smoothed flux takes in
	steadyDev   = 220       // mean noise deviation below which the noise is steady, Q8
	steadySpS   = 850       // speech score level above which tails need no lower threshold
	tailOff     = 20        // threshold reduction while speech lasts
	midLo       = 9         // bands midLo..midHi-1 (0.8-1.9 kHz): formant region
	midHi       = 15        // (end of the formant region)
	lowHi       = 5         // bands 0..lowHi-1 (94-400 Hz)
	babbleDev   = 450       // mean formant-region noise deviation of babble, Q8
	babbleMax   = 200       // babble counter saturation (hops)
	babbleOn    = 100       // babble counter from which the noise counts as babble
	babbleSpS   = 500       // speech score level below which babble holds speech harder
	babbleOff   = 30        // further threshold reduction in that case
)

func abs32(v int32) int32 {
	if v < 0 {
		return -v
	}
	return v
}
