package resample

// Resampler converts a stream of interleaved samples from one rate to
// another. It is one polyphase windowed-sinc stage or, for the High and
// VeryHigh presets at ratios where that costs less, a cascade: half-band
// decimators by 2 before the polyphase stage when downsampling, half-band
// interpolators by 2 after it when upsampling (see the package
// documentation). It computes in float32 (float64 for VeryHigh). A
// Resampler is not safe for concurrent use.
type Resampler struct {
	one  *stage   // the stage of a single-stage Resampler, else nil
	st   []cstage // data flows st[0] → st[1] → …
	ds   []design // their designs
	ch   int
	wide bool
	l, m int // overall reduced ratio outRate/inRate = l/m
	// Cascade bookkeeping (unused with one stage, whose own counters
	// serve).
	inCount, outCount int64
	chunk             int          // input frames per pass through the cascade
	s32               [2][]float32 // scratch between stages
	s64               [2][]float64
}

// cstage is one stage of a cascade: a polyphase stage or a half-band
// decimator. Stages of a float32 cascade use run32 and flush32, those of a
// float64 (VeryHigh) cascade run64 and flush64.
type cstage interface {
	run32(dst, in []float32) []float32
	run64(dst, in []float64) []float64
	flush32(dst []float32) []float32
	flush64(dst []float64) []float64
	Reset()
	latency() int
	outFrames(f int) int // bound on the outputs of an Append of f frames
	flushBound() int     // bound on the outputs of a Flush
}

func (r *stage) run32(dst, in []float32) []float32 { return r.AppendFloat32(dst, in) }
func (r *stage) run64(dst, in []float64) []float64 { return r.appendF64(dst, in) }
func (r *stage) flush32(dst []float32) []float32   { return r.FlushFloat32(dst) }
func (r *stage) flush64(dst []float64) []float64   { return r.flushF64(dst) }
func (r *stage) latency() int                      { return r.s.d.k }
func (r *stage) outFrames(f int) int {
	if r.pairs { // pairs wait for their padded window
		return r.s.outFrames(f) + 8
	}
	return r.s.outFrames(f)
}
func (r *stage) flushBound() int { return r.s.flushBound() }

func (h *half[T]) run32(dst, in []float32) []float32 {
	return any(h).(*half[float32]).appendT(dst, in)
}
func (h *half[T]) run64(dst, in []float64) []float64 {
	return any(h).(*half[float64]).appendT(dst, in)
}
func (h *half[T]) flush32(dst []float32) []float32 { return any(h).(*half[float32]).flushT(dst) }
func (h *half[T]) flush64(dst []float64) []float64 { return any(h).(*half[float64]).flushT(dst) }

// New returns a Resampler from inRate to outRate Hz (each 8000…192000) for
// channels interleaved channels with preset q. All memory is allocated
// here; the Append and Flush methods do not allocate beyond growing dst.
func New(inRate, outRate, channels int, q Quality) (*Resampler, error) {
	if err := validate(inRate, outRate, channels, q); err != nil {
		return nil, err
	}
	return build(plan(inRate, outRate, q), inRate, outRate, channels, q), nil
}

// build makes the Resampler of the stage designs ds.
func build(ds []design, inRate, outRate, channels int, q Quality) *Resampler {
	g := gcd(inRate, outRate)
	r := &Resampler{ds: ds, ch: channels, wide: presets[q].wide, l: outRate / g, m: inRate / g}
	for _, d := range ds {
		switch {
		case !d.hb:
			st := newStage(d, channels)
			r.st = append(r.st, st)
			if len(ds) == 1 {
				r.one = st
			}
		case r.wide:
			r.st = append(r.st, newHalf(d, channels, 16, fir16))
		default:
			lanes, fir := halfLanes32()
			r.st = append(r.st, newHalf(d, channels, lanes, fir))
		}
	}
	if len(r.st) > 1 {
		// Chunks large enough for the last polyphase stage to compute
		// whole phase groups (see stage.blockGrp) when the caller's
		// blocks are.
		r.chunk = cascadeChunk
		for i, st := range r.st {
			if s, ok := st.(*stage); ok && s.grp {
				f := 4*s.s.d.m + s.tp + 64 // that stage's input frames
				for _, d := range ds[:i] {
					f = f * d.m / d.l
				}
				r.chunk = max(r.chunk, f)
			}
		}
		// Scratch: the largest input (in to stage 0) or output of any
		// stage for one chunk, or during Flush (a stage's Append of the
		// previous stage's flushed output plus its own Flush).
		need, f, fl := r.chunk, r.chunk, 0
		for _, st := range r.st {
			f = st.outFrames(f)
			fl = st.outFrames(fl) + st.flushBound()
			need = max(need, f, fl)
		}
		for i := range 2 {
			if r.wide {
				r.s64[i] = make([]float64, 0, need*channels)
			} else {
				r.s32[i] = make([]float32, 0, need*channels)
			}
		}
	}
	return r
}

// cascadeChunk is the number of input frames a cascade passes through all
// its stages at a time.
const cascadeChunk = 512

// plan returns the stage designs for inRate → outRate with preset q: one
// polyphase stage, or for presets that stop at Nyquist (High, VeryHigh)
// half-band stages by 2 around it when their estimated cost (multiply-adds
// per second) is at most 3/4 of the single stage's.
//
// A decimator by 2 from rate F keeps everything the final filter keeps:
// its pass band reaches the final stopband edge fs = stop·outRate/2 and
// its stopband starts at F/2 − fs, where the aliases that would fold onto
// 0…fs begin; it is a half-band filter (cutoff F/4, every other tap
// zero), and possible while fs < F/4. An interpolator by 2 to rate F
// mirrors it (with fs = stop·inRate/2): it copies every other output and
// rejects the images from F/2 − fs.
func plan(inRate, outRate int, q Quality) []design {
	single := []design{newDesign(inRate, outRate, q)}
	p := presets[q]
	if p.stopMilli != 1000 {
		return single
	}
	best, bestCost := single, cost(single)
	var ds []design
	switch {
	case outRate < inRate:
		// F → F/2 while the final stopband edge stays below F/4.
		for f := inRate; f%2 == 0 && 2*outRate < f; f /= 2 {
			ds = append(ds, newHalfDesign(halfPass(f, outRate, p), p))
			c := append(append([]design(nil), ds...), newDesign(f/2, outRate, q))
			if k := cost(c); 4*k <= 3*bestCost {
				best, bestCost = c, k
			}
		}
	case outRate > inRate:
		var post []design
		for f := outRate; f%2 == 0 && 2*inRate < f; f /= 2 {
			post = append([]design{newDesignSpec(f/2, f, halfSpec(halfPass(f, inRate, p), p))}, post...)
			c := append([]design{newDesign(inRate, f/2, q)}, post...)
			if k := cost(c); 4*k <= 3*bestCost {
				best, bestCost = c, k
			}
		}
	}
	// Chain the time offsets: each stage starts where the previous
	// stage's delay puts its first output.
	for i := 1; i < len(best); i++ {
		best[i].setOffset(best[i-1].k)
	}
	return best
}

// halfPass returns the pass edge of a half-band stage at the higher rate
// f for the final lower rate low: the final stopband edge stop·low/2 in
// thousandths of f/4, rounded up (2·stop·low/f).
func halfPass(f, low int, p preset) int { return (2*p.stopMilli*low + f - 1) / f }

// halfSpec is the preset of a half-band stage with pass edge pass: the
// transition band symmetric about the stage's lower Nyquist, p's
// attenuation.
func halfSpec(pass int, p preset) preset {
	return preset{passMilli: pass, stopMilli: 2000 - pass, atten: p.atten, extraTaps: p.extraTaps, wide: p.wide}
}

// cost estimates the time per input frame of a cascade of designs, in
// multiply-adds: taps per output times outputs per input, plus an overhead
// of 8 per output. Rows that only copy (a cutoff exactly at the input
// Nyquist when upsampling by an integer) are free; the float32 integer
// upsamplers' kernels (1:2, 1:3) load each input vector once for all rows
// and count half.
func cost(ds []design) int64 {
	var c int64
	num, den := int64(1), int64(1) // stage output frames per cascade input frame
	for _, d := range ds {
		num, den = num*int64(d.l), den*int64(d.m)
		rows := int64(d.l)
		if d.m == 1 && d.cn == d.cd {
			rows-- // phase 0 copies an input sample
		}
		per := 2 * int64(d.taps) // per computed output, in half multiply-adds
		if d.m == 1 && d.l <= 3 && !d.spec.wide {
			per /= 2
		}
		c += (per*rows + 16*int64(d.l)) * num / (2 * den * int64(d.l))
	}
	return c
}

// Reset starts a new stream, discarding buffered input. It does not
// allocate.
func (r *Resampler) Reset() {
	for _, st := range r.st {
		st.Reset()
	}
	r.inCount, r.outCount = 0, 0
}

// Latency returns the delay in output frames: an impulse at input frame i
// appears centred on output frame Latency() + i·outRate/inRate.
func (r *Resampler) Latency() int { return r.ds[len(r.ds)-1].k }

// OutLen returns an upper bound on the number of interleaved samples that
// one AppendInt16 or AppendFloat32 call with inLen interleaved input
// samples appends.
func (r *Resampler) OutLen(inLen int) int {
	if inLen < 0 {
		return 0
	}
	f := inLen / r.ch
	for _, st := range r.st {
		f = st.outFrames(f)
	}
	return f * r.ch
}

// FlushLen returns the number of interleaved samples the next Flush call
// appends.
func (r *Resampler) FlushLen() int {
	if r.one != nil {
		return r.one.FlushLen()
	}
	return int(r.target()-r.outCount) * r.ch
}

// target is the total number of output frames of the stream once flushed:
// ceil(inCount·l/m) + 2·Latency.
func (r *Resampler) target() int64 {
	l, m := int64(r.l), int64(r.m)
	return (r.inCount*l+m-1)/m + 2*int64(r.Latency())
}

// Taps returns the filter cost: multiply-adds per output frame and
// channel, summed over the stages of a cascade (for one stage, its number
// of taps; the integer-ratio fast paths need fewer).
func (r *Resampler) Taps() int {
	if r.one != nil {
		return r.one.s.d.taps
	}
	// Each stage: taps × its outputs per final output.
	var num, den int64 = 0, 1
	rn, rd := int64(1), int64(1) // stage output rate / input rate so far
	for _, d := range r.ds {
		rn, rd = rn*int64(d.l), rd*int64(d.m)
		// += taps·rn/rd (per input frame), as a fraction num/den.
		num, den = num*rd+int64(d.taps)*rn*den, den*rd
		g := gcd(num, den)
		num, den = num/g, den/g
	}
	// Per output frame: × m/l.
	num, den = num*int64(r.m), den*int64(r.l)
	return int((num + den - 1) / den)
}

// Stages returns the number of filter stages: 1, or more for a cascade.
func (r *Resampler) Stages() int { return len(r.st) }

// AppendInt16 resamples interleaved int16 samples (a partial frame at the
// end of in is ignored) and appends the output produced so far to dst.
func (r *Resampler) AppendInt16(dst, in []int16) []int16 {
	if r.one != nil {
		return r.one.AppendInt16(dst, in)
	}
	ch := r.ch
	in = in[:len(in)/ch*ch]
	for len(in) > 0 {
		n := min(len(in), r.chunk*ch)
		if r.wide {
			b := r.s64[1][:n]
			for i, v := range in[:n] {
				b[i] = float64(v) * scale16
			}
			for _, v := range r.run64(b) {
				dst = append(dst, toInt16(v))
			}
		} else {
			b := r.s32[1][:n]
			for i, v := range in[:n] {
				b[i] = float32(v) * scale16
			}
			for _, v := range r.run32(b) {
				dst = append(dst, toInt16(float64(v)))
			}
		}
		in = in[n:]
	}
	return dst
}

// AppendFloat32 resamples interleaved float32 samples (nominal range
// −1…1; a partial frame at the end of in is ignored) and appends the output
// produced so far to dst.
func (r *Resampler) AppendFloat32(dst, in []float32) []float32 {
	if r.one != nil {
		return r.one.AppendFloat32(dst, in)
	}
	ch := r.ch
	in = in[:len(in)/ch*ch]
	for len(in) > 0 {
		n := min(len(in), r.chunk*ch)
		if r.wide {
			b := r.s64[1][:n]
			for i, v := range in[:n] {
				b[i] = float64(v)
			}
			for _, v := range r.run64(b) {
				dst = append(dst, float32(v))
			}
		} else {
			dst = append(dst, r.run32(in[:n])...)
		}
		in = in[n:]
	}
	return dst
}

// appendF64 is AppendFloat32 for float64 input and output.
func (r *Resampler) appendF64(dst, in []float64) []float64 {
	if r.one != nil {
		return r.one.appendF64(dst, in)
	}
	ch := r.ch
	in = in[:len(in)/ch*ch]
	for len(in) > 0 {
		n := min(len(in), r.chunk*ch)
		if r.wide {
			b := r.s64[1][:n]
			copy(b, in[:n])
			dst = append(dst, r.run64(b)...)
		} else {
			b := r.s32[1][:n]
			for i, v := range in[:n] {
				b[i] = float32(v)
			}
			for _, v := range r.run32(b) {
				dst = append(dst, float64(v))
			}
		}
		in = in[n:]
	}
	return dst
}

// run32 passes one chunk of whole frames (at most r.chunk) through every
// stage and returns the last stage's output, in scratch. Stage i writes
// scratch i mod 2, so in may be scratch 1 but not scratch 0.
func (r *Resampler) run32(in []float32) []float32 {
	r.inCount += int64(len(in) / r.ch)
	b := in
	for i, st := range r.st {
		b = st.run32(r.s32[i%2][:0], b)
	}
	r.outCount += int64(len(b) / r.ch)
	return b
}

// run64 is run32 on the float64 scratch.
func (r *Resampler) run64(in []float64) []float64 {
	r.inCount += int64(len(in) / r.ch)
	b := in
	for i, st := range r.st {
		b = st.run64(r.s64[i%2][:0], b)
	}
	r.outCount += int64(len(b) / r.ch)
	return b
}

// flush32 drains every stage in turn (each stage's flushed output goes
// through the next stage, which is then flushed) and returns the last
// stage's output, cut to the cascade's total, then resets r.
func (r *Resampler) flush32() []float32 {
	var b []float32
	for i, st := range r.st {
		o := r.s32[i%2][:0]
		if i > 0 {
			o = st.run32(o, b)
		}
		b = st.flush32(o)
	}
	return b[:r.flushCut(len(b))]
}

// flush64 is flush32 on the float64 scratch.
func (r *Resampler) flush64() []float64 {
	var b []float64
	for i, st := range r.st {
		o := r.s64[i%2][:0]
		if i > 0 {
			o = st.run64(o, b)
		}
		b = st.flush64(o)
	}
	return b[:r.flushCut(len(b))]
}

// flushCut returns how many of the n samples the last stage flushed belong
// to the stream (the stages' own totals round up separately, so the last
// one may produce a frame or two of silence past the cascade's total), and
// resets the counters.
func (r *Resampler) flushCut(n int) int {
	want := int(r.target()-r.outCount) * r.ch
	r.inCount, r.outCount = 0, 0
	return min(n, want)
}

// FlushInt16 ends the stream: it appends the outputs still held in the
// filter (the input is padded with silence) so that the stream's total is
// ceil(inFrames·outRate/inRate) + 2·Latency() frames, then resets r.
func (r *Resampler) FlushInt16(dst []int16) []int16 {
	switch {
	case r.one != nil:
		return r.one.FlushInt16(dst)
	case r.wide:
		for _, v := range r.flush64() {
			dst = append(dst, toInt16(v))
		}
	default:
		for _, v := range r.flush32() {
			dst = append(dst, toInt16(float64(v)))
		}
	}
	return dst
}

// FlushFloat32 is FlushInt16 for float32 output.
func (r *Resampler) FlushFloat32(dst []float32) []float32 {
	switch {
	case r.one != nil:
		return r.one.FlushFloat32(dst)
	case r.wide:
		for _, v := range r.flush64() {
			dst = append(dst, float32(v))
		}
	default:
		dst = append(dst, r.flush32()...)
	}
	return dst
}

// flushF64 is FlushFloat32 for float64 output.
func (r *Resampler) flushF64(dst []float64) []float64 {
	switch {
	case r.one != nil:
		return r.one.flushF64(dst)
	case r.wide:
		dst = append(dst, r.flush64()...)
	default:
		for _, v := range r.flush32() {
			dst = append(dst, float64(v))
		}
	}
	return dst
}
