package resample

import "errors"

// Errors returned by New and NewFixed.
var (
	ErrRate     = errors.New("resample: sample rate out of range (8000…192000 Hz)")
	ErrChannels = errors.New("resample: channel count out of range (1…32)")
	ErrQuality  = errors.New("resample: unknown quality preset")
)

// Supported parameter ranges.
const (
	MinRate     = 8000
	MaxRate     = 192000
	MaxChannels = 32
)

func validate(inRate, outRate, channels int, q Quality) error {
	if inRate < MinRate || inRate > MaxRate || outRate < MinRate || outRate > MaxRate {
		return ErrRate
	}
	if channels < 1 || channels > MaxChannels {
		return ErrChannels
	}
	if q >= numQualities {
		return ErrQuality
	}
	return nil
}

// stream is the rate-conversion bookkeeping shared by the float and the
// fixed-point resampler: a per-channel history of capF frames, the window
// start pos of the next output, its phase frac (in 1/l input samples) and
// the stream counters. Output n is the filter evaluated at input time
// τ = (n − k)·m/l + off; its window is history[pos : pos+taps].
type stream struct {
	d        design
	ch       int
	capF     int // history frames per channel
	fill     int // frames in history
	pos      int
	frac     int
	q, r     int // m = q·l + r
	z0, f0   int // initial zero frames and phase
	inCount  int64
	outCount int64
	delta    []int32 // per exact row: index of a single unit tap, or -1
}

func (s *stream) init(d design, ch int) {
	s.d, s.ch = d, ch
	s.q, s.r = d.m/d.l, d.m%d.l
	// Output 0 is at τ = off − k·m/l = i0 + f0/l.
	km := int64(d.k)*int64(d.m) - int64(d.off)*int64(d.l)
	i0 := -((km + int64(d.l) - 1) / int64(d.l)) // floor(−km/l)
	s.f0 = int(int64(d.l)*(-i0) - km)
	// Window of output 0 starts at input i0 − half + 1 < 0.
	s.z0 = int(-(i0 - int64(d.half) + 1))
	blk := 2 * d.taps
	if blk < 64 {
		blk = 64
	}
	s.capF = s.z0 + d.taps + blk
}

func (s *stream) reset() {
	s.fill, s.pos, s.frac = s.z0, 0, s.f0
	s.inCount, s.outCount = 0, 0
}

// advance moves to the next output.
func (s *stream) advance() {
	s.pos += s.q
	s.frac += s.r
	if s.frac >= s.d.l {
		s.frac -= s.d.l
		s.pos++
	}
	s.outCount++
}

// advanceN moves on by n outputs.
func (s *stream) advanceN(n int) {
	for ; n > 0; n-- {
		s.advance()
	}
}

// upTo bounds n more outputs by a stream's total limit (none if limit <
// 0), count having been produced.
func upTo(n int, count, limit int64) int {
	if limit >= 0 && int64(n) > limit-count {
		return int(limit - count)
	}
	return n
}

// target is the total number of output frames of a stream of inCount
// input frames once flushed: ceil(inCount·l/m) + 2·Latency.
func (s *stream) target() int64 {
	l, m := int64(s.d.l), int64(s.d.m)
	return (s.inCount*l+m-1)/m + 2*int64(s.d.k)
}

// outFrames bounds the frames an Append of f input frames yields: the
// outputs whose window the new input completes, plus, for an integer
// upsampler, the up to 4·l outputs an earlier Append held back to compute
// them in one group.
func (s *stream) outFrames(f int) int {
	n := int((int64(f)*int64(s.d.l)+int64(s.d.m)-1)/int64(s.d.m)) + 1
	if s.d.m == 1 {
		n += 4 * s.d.l
	}
	return n
}

// flushBound bounds the frames a Flush yields: at most 2·k plus the
// outputs of the last half+off input frames, which never fit a window
// before the flush.
func (s *stream) flushBound() int {
	return 3*s.d.k + (s.d.l+s.d.m-1)/s.d.m + 4
}

// outLen bounds the interleaved samples an Append of inLen samples yields.
func (s *stream) outLen(inLen int) int {
	if inLen < 0 {
		return 0
	}
	return s.outFrames(inLen/s.ch) * s.ch
}

func (s *stream) interpWeights(frac int) (row int, w [4]float64) {
	x := int64(frac) * int64(s.d.rows)
	row = int(x / int64(s.d.l))
	a := float64(x%int64(s.d.l)) / float64(s.d.l)
	// Four-point Lagrange interpolation between rows row-1 … row+2
	// (stored at table rows row … row+3).
	am1, ap1, am2 := a-1, a+1, a-2
	w[0] = -a * am1 * am2 / 6
	w[1] = ap1 * am1 * am2 / 2
	w[2] = -ap1 * a * am2 / 2
	w[3] = ap1 * a * am1 / 6
	return row, w
}

// tableRows returns the number of stored rows and fills them with fn(row,
// num, den): exact banks have l rows (phase p/l); interpolated banks have
// rows+3 rows for phases −1/rows … (rows+1)/rows.
func (d *design) tableRows() int {
	if d.interp {
		return d.rows + 3
	}
	return d.rows
}

func (d *design) rowPhase(i int) (num, den int64) {
	if d.interp {
		return int64(i - 1), int64(d.rows)
	}
	return int64(i), int64(d.l)
}

// stage converts a stream of interleaved samples from one rate to another
// with one polyphase windowed-sinc filter bank. It computes in float32
// (float64 for VeryHigh). A Resampler is one stage or a cascade of them.
//
// The coefficient rows are padded at the front with zeros to tp, a
// multiple of 8 taps, so that the kernels never need a scalar tail; the
// history holds as many extra zero frames at the start, so every output
// sees exactly the samples it saw unpadded.
type stage struct {
	s    stream
	wide bool
	grp  bool      // phase groups: outputs n, n+l, n+2l, n+3l share a row, m frames apart
	bf   int       // output scratch frames
	up   []int     // integer upsampler (float32, m = 1, l ≤ 3): its non-unit rows
	h32  []float32 // history, channel c at [c·capF, (c+1)·capF)
	c32  []float32 // coefficient rows, tp each
	h64  []float64
	c64  []float64
	o32  []float32 // output scratch, bf interleaved frames
	o64  []float64
	tp   int // taps rounded up to a multiple of 8
	// Pair mode (float32 decimators with l ≤ 2, see blockPairs): outputs
	// 2i and 2i+1 share a window, with rows pa (length tpp, the row of
	// output 2i followed by zeros) and pb (the row of output 2i+1 shifted
	// by pd, the distance between their windows); pairs are pD apart.
	pairs       bool
	pd, pD, tpp int
	pa, pb      []float32
	upm         bool // mono 1:2 or 1:3 with every row computed: blockUpMono
}

// blockFrames is the least number of output frames computed per block
// (the size of the output scratch); phase groups need 4·l. maxScratch
// bounds the scratch in samples: beyond it the phase groups are off.
const (
	blockFrames   = 32
	upBlockFrames = 96 // integer upsamplers (a multiple of 16 and of 12, their calls' outputs)
	maxScratch    = 8192
)

// newStage builds the stage of design d for channels interleaved
// channels. All its memory is allocated here.
func newStage(d design, channels int) *stage {
	tp := (d.taps + 7) &^ 7
	pad := tp - d.taps
	r := &stage{wide: d.spec.wide, tp: tp, bf: blockFrames}
	r.s.init(d, channels)
	r.s.z0 += pad
	r.s.capF += pad
	// Phase groups (see block) on exact banks whose group of 4·l
	// outputs fits the scratch; the history must hold a group's span.
	if !d.interp && 4*d.l*channels <= maxScratch {
		r.grp = true
		g := 4 * d.l
		r.bf = (blockFrames + g - 1) / g * g
		if c := r.s.z0 + tp + 4*d.m + 64; r.s.capF < c {
			r.s.capF = c
		}
	}
	// Pair mode for float32 decimators with one or two phases and rows
	// long enough that padding them by pd costs little: the outputs of a
	// pair (phases f0 and f0+r) are pd frames apart, pairs 2·m/l frames
	// apart. The kernel may read up to 3·pD+tpp frames past
	// a window start: the history has that much slack at its end.
	slack := 0
	if !r.wide && r.grp && d.m > d.l && d.l <= 2 && tp >= 96 {
		r.pairs = true
		r.pd = r.s.q
		if r.s.f0+r.s.r >= d.l {
			r.pd++
		}
		r.pD = 2 * d.m / d.l
		r.tpp = (tp + r.pd + 7) &^ 7
		slack = 3*r.pD + r.tpp
	}
	if !r.wide && r.grp && d.m == 1 && (d.l == 2 || d.l == 3) {
		slack = max(slack, tp+7) // blockUpMono's unused lanes
	}
	nr := d.tableRows()
	row := make([]float64, d.taps)
	if r.wide {
		r.c64 = make([]float64, nr*tp)
		r.h64 = make([]float64, channels*r.s.capF)
		r.o64 = make([]float64, r.bf*channels)
	} else {
		r.c32 = make([]float32, nr*tp)
		r.h32 = make([]float32, channels*r.s.capF+slack)
		r.o32 = make([]float32, r.bf*channels)
	}
	if !d.interp {
		r.s.delta = make([]int32, nr)
	}
	for i := 0; i < nr; i++ {
		num, den := d.rowPhase(i)
		d.row(row, num, den)
		dst := i*tp + pad
		for j, v := range row {
			if r.wide {
				r.c64[dst+j] = v
			} else {
				r.c32[dst+j] = float32(v)
			}
		}
		if !d.interp {
			r.s.delta[i] = unitTap(row)
			if r.s.delta[i] >= 0 {
				r.s.delta[i] += int32(pad)
			}
		}
	}
	if r.pairs {
		fa, fb := r.s.f0, (r.s.f0+r.s.r)%d.l
		r.pa = make([]float32, r.tpp)
		r.pb = make([]float32, r.tpp)
		copy(r.pa, r.c32[fa*tp:fa*tp+tp])
		copy(r.pb[r.pd:], r.c32[fb*tp:fb*tp+tp])
		for _, u := range r.s.delta {
			if u >= 0 { // a copying row: not for this mode
				r.pairs = false
			}
		}
	}
	if r.grp && !r.wide && d.m == 1 && (d.l == 2 || d.l == 3) {
		r.up = make([]int, 0, 3)
		for i, u := range r.s.delta {
			if u < 0 {
				r.up = append(r.up, i)
			}
		}
		r.upm = channels == 1 && len(r.up) == d.l
		// Larger blocks: fewer trips through drain for the cheapest
		// outputs per input.
		if r.bf < upBlockFrames {
			r.bf = upBlockFrames
			r.o32 = make([]float32, r.bf*channels)
		}
	}
	r.Reset()
	return r
}

// unitTap returns j if row is the unit impulse at j, else -1.
func unitTap(row []float64) int32 {
	at := int32(-1)
	for j, v := range row {
		switch {
		case v == 0:
		case v == 1 && at < 0:
			at = int32(j)
		default:
			return -1
		}
	}
	return at
}

// Reset starts a new stream, discarding buffered input.
func (r *stage) Reset() {
	s := &r.s
	for c := 0; c < s.ch; c++ {
		if r.wide {
			clear(r.h64[c*s.capF : c*s.capF+s.z0])
		} else {
			clear(r.h32[c*s.capF : c*s.capF+s.z0])
		}
	}
	s.reset()
}

// FlushLen returns the number of interleaved samples the next Flush call
// appends.
func (r *stage) FlushLen() int { return int(r.s.target()-r.s.outCount) * r.s.ch }

// compact moves the unconsumed history to the front.
func (r *stage) compact() {
	s := &r.s
	keep := 0 // frames before pos still needed
	if r.pairs && s.outCount&1 == 1 {
		keep = r.pd // the next output shares its pair's window
	}
	from := s.pos - keep
	if from <= 0 {
		return
	}
	n := s.fill - from
	for c := 0; c < s.ch; c++ {
		o := c * s.capF
		if r.wide {
			copy(r.h64[o:o+n], r.h64[o+from:o+s.fill])
		} else {
			copy(r.h32[o:o+n], r.h32[o+from:o+s.fill])
		}
	}
	s.fill, s.pos = n, keep
}

const scale16 = 1.0 / 32768

// AppendInt16 resamples interleaved int16 samples (a partial frame at the
// end of in is ignored) and appends the output produced so far to dst.
func (r *stage) AppendInt16(dst, in []int16) []int16 {
	s := &r.s
	frames := len(in) / s.ch
	in = in[:frames*s.ch]
	for len(in) > 0 {
		r.compact()
		n := s.capF - s.fill
		if n > len(in)/s.ch {
			n = len(in) / s.ch
		}
		for c := 0; c < s.ch; c++ {
			o := c*s.capF + s.fill
			if r.wide {
				h := r.h64[o : o+n]
				for i := range h {
					h[i] = float64(in[i*s.ch+c]) * scale16
				}
			} else {
				h := r.h32[o : o+n]
				for i := range h {
					h[i] = float32(in[i*s.ch+c]) * scale16
				}
			}
		}
		in = in[n*s.ch:]
		s.fill += n
		s.inCount += int64(n)
		dst = r.drain16(dst, -1)
	}
	return dst
}

// AppendFloat32 resamples interleaved float32 samples (nominal range
// −1…1; a partial frame at the end of in is ignored) and appends the output
// produced so far to dst.
func (r *stage) AppendFloat32(dst, in []float32) []float32 {
	s := &r.s
	frames := len(in) / s.ch
	in = in[:frames*s.ch]
	for len(in) > 0 {
		r.compact()
		n := s.capF - s.fill
		if n > len(in)/s.ch {
			n = len(in) / s.ch
		}
		for c := 0; c < s.ch; c++ {
			o := c*s.capF + s.fill
			if r.wide {
				h := r.h64[o : o+n]
				for i := range h {
					h[i] = float64(in[i*s.ch+c])
				}
			} else if s.ch == 1 {
				copy(r.h32[o:o+n], in[:n])
			} else {
				h := r.h32[o : o+n]
				for i := range h {
					h[i] = in[i*s.ch+c]
				}
			}
		}
		in = in[n*s.ch:]
		s.fill += n
		s.inCount += int64(n)
		dst = r.drain32(dst, -1)
	}
	return dst
}

// feedZeros appends up to capF−fill zero frames for Flush.
func (r *stage) feedZeros() {
	s := &r.s
	r.compact()
	n := s.capF - s.fill
	for c := 0; c < s.ch; c++ {
		o := c*s.capF + s.fill
		if r.wide {
			clear(r.h64[o : o+n])
		} else {
			clear(r.h32[o : o+n])
		}
	}
	s.fill += n
}

// FlushInt16 ends the stream: it appends the outputs still held in the
// filter (the input is padded with silence) so that the stream's total is
// ceil(inFrames·outRate/inRate) + 2·Latency() frames, then resets r.
func (r *stage) FlushInt16(dst []int16) []int16 { return flushStage(r, dst, (*stage).drain16) }

// flushStage feeds silence and drains with drain until the stream's total
// is out, then resets r.
func flushStage[T int16 | float32 | float64](r *stage, dst []T, drain func(*stage, []T, int64) []T) []T {
	t := r.s.target()
	for r.s.outCount < t {
		r.feedZeros()
		dst = drain(r, dst, t)
	}
	r.Reset()
	return dst
}

// FlushFloat32 is FlushInt16 for float32 output.
func (r *stage) FlushFloat32(dst []float32) []float32 {
	return flushStage(r, dst, (*stage).drain32)
}

// appendF64 is AppendFloat32 for float64 input and output: the wide path
// sees no float32 rounding (cascades pass float64 between wide stages, and
// the quality measurements see the filter, not the I/O format).
func (r *stage) appendF64(dst, in []float64) []float64 {
	s := &r.s
	for len(in) > 0 {
		r.compact()
		n := s.capF - s.fill
		if n > len(in)/s.ch {
			n = len(in) / s.ch
		}
		for c := 0; c < s.ch; c++ {
			o := c*s.capF + s.fill
			for i := 0; i < n; i++ {
				if r.wide {
					r.h64[o+i] = in[i*s.ch+c]
				} else {
					r.h32[o+i] = float32(in[i*s.ch+c])
				}
			}
		}
		in = in[n*s.ch:]
		s.fill += n
		s.inCount += int64(n)
		dst = r.drain64(dst, -1)
	}
	return dst
}

// flushF64 is FlushFloat32 for float64 output.
func (r *stage) flushF64(dst []float64) []float64 { return flushStage(r, dst, (*stage).drain64) }

// drain64 is drain32 for float64 output.
func (r *stage) drain64(dst []float64, limit int64) []float64 {
	for {
		n := r.block(limit) * r.s.ch
		if r.wide {
			dst = append(dst, r.o64[:n]...)
		} else {
			for _, v := range r.o32[:n] {
				dst = append(dst, float64(v))
			}
		}
		if n < r.bf*r.s.ch {
			return dst
		}
	}
}

// drain32 appends every output whose window is in the history (at most up
// to total output count limit, if limit ≥ 0).
func (r *stage) drain32(dst []float32, limit int64) []float32 {
	for {
		n := r.block(limit) * r.s.ch
		if r.wide {
			for _, v := range r.o64[:n] {
				dst = append(dst, float32(v))
			}
		} else {
			dst = append(dst, r.o32[:n]...)
		}
		if n < r.bf*r.s.ch {
			return dst
		}
	}
}

// drain16 is drain32 for int16 output.
func (r *stage) drain16(dst []int16, limit int64) []int16 {
	for {
		n := r.block(limit) * r.s.ch
		if r.wide {
			for _, v := range r.o64[:n] {
				dst = append(dst, toInt16(v))
			}
		} else {
			for _, v := range r.o32[:n] {
				dst = append(dst, toInt16(float64(v)))
			}
		}
		if n < r.bf*r.s.ch {
			return dst
		}
	}
}

// pending is an output waiting for a four-output kernel call: its window
// start, coefficient row offset and frame index in the output scratch.
type pending struct{ pos, row, n int }

// block computes the next output frames — at most blockFrames, only those
// whose window is in the history, and up to total output count limit if
// limit ≥ 0 — into the scratch o32 or o64 (interleaved) and returns how
// many. Every output goes through the same kernel lane arithmetic whatever
// its batch, so the values do not depend on how the input was chunked.
func (r *stage) block(limit int64) int {
	if r.pairs {
		return r.blockPairs(limit)
	}
	n := 0
	for {
		switch {
		case r.up != nil:
			n = r.blockUp(n, limit)
		case r.grp:
			n = r.blockGrp(n, limit)
		}
		if n == r.bf {
			return n
		}
		n1 := r.blockOne(n, limit)
		if n1 == n || r.up == nil {
			return n1
		}
		n = n1
	}
}

// blockPairs computes outputs in pairs (2i, 2i+1) that share one window
// start (the second's row is shifted by pd), four pairs pD frames apart
// per kernel call (dec4x2: each input vector is loaded once for both
// rows). A pair is computed once its whole padded window (tpp frames) is
// in the history; a call with fewer pairs ready, or starting at the second
// of a pair, still computes all eight lanes and keeps only the outputs
// due: every output gets the same arithmetic however the input was
// chunked. It returns the number of frames in the scratch.
func (r *stage) blockPairs(limit int64) int {
	s := &r.s
	ch, tpp, pD := s.ch, r.tpp, r.pD
	n := 0
	for n < r.bf && s.outCount != limit {
		skip := int(s.outCount & 1) // 1: start at the second of a pair
		base := s.pos - skip*r.pd
		k := 0
		for k < 4 && base+k*pD+tpp <= s.fill {
			k++
		}
		cnt := upTo(min(2*k-skip, r.bf-n), s.outCount, limit)
		if cnt <= 0 {
			break
		}
		var y [8]float32
		for c := 0; c < ch; c++ {
			o := c*s.capF + base
			dec4x2f32(&y, r.h32[o:o+3*pD+tpp], pD, r.pa, r.pb)
			for i := 0; i < cnt; i++ {
				j := i + skip // lane: pair j/2, member j%2
				r.o32[(n+i)*ch+c] = y[(j&1)*4+j>>1]
			}
		}
		s.advanceN(cnt)
		n += cnt
	}
	return n
}

// blockUp computes groups of outputs of an integer upsampler (m = 1,
// l = 2 or 3) starting at phase 0: four consecutive window starts times
// all l rows, each input vector loaded once for all rows (up2/up3). It
// returns the new scratch fill.
func (r *stage) blockUp(n int, limit int64) int {
	s := &r.s
	tp, ch, l := r.tp, s.ch, s.d.l
	g := 4 * l
	if r.upm {
		return r.blockUpMono(n, limit)
	}
	if ch == 1 {
		return r.blockUp1(n, limit)
	}
	for n+g <= r.bf && s.frac == 0 && (limit < 0 || s.outCount+int64(g) <= limit) && s.pos+3+tp <= s.fill {
		for c := 0; c < ch; c++ {
			x := r.h32[c*s.capF+s.pos : c*s.capF+s.pos+tp+3]
			for fr := 0; fr < l; fr++ {
				if u := int(s.delta[fr]); u >= 0 {
					for i := 0; i < 4; i++ {
						r.o32[(n+i*l+fr)*ch+c] = x[i+u]
					}
				}
			}
			var y [12]float32
			switch len(r.up) {
			case 1:
				k := r.c32[r.up[0]*tp : r.up[0]*tp+tp]
				gen4sf32((*[4]float32)(y[:4]), x[:tp], x[1:tp+1], x[2:tp+2], x[3:tp+3], k, k, k, k)
			case 2:
				up2f32((*[8]float32)(y[:8]), x, r.c32[r.up[0]*tp:r.up[0]*tp+tp], r.c32[r.up[1]*tp:r.up[1]*tp+tp])
			default:
				up3f32(&y, x, r.c32[r.up[0]*tp:r.up[0]*tp+tp], r.c32[r.up[1]*tp:r.up[1]*tp+tp], r.c32[r.up[2]*tp:r.up[2]*tp+tp])
			}
			for k, fr := range r.up {
				for i := 0; i < 4; i++ {
					r.o32[(n+i*l+fr)*ch+c] = y[4*k+i]
				}
			}
		}
		s.pos += 4
		s.outCount += int64(g)
		n += g
	}
	return n
}

// blockUp1 is blockUp for mono: the same kernels and copies, with the
// scratch indexed as a plain slice (4·l outputs per step).
func (r *stage) blockUp1(n int, limit int64) int {
	s := &r.s
	tp, l := r.tp, s.d.l
	g := 4 * l
	var rows [3][]float32
	for k, fr := range r.up {
		rows[k] = r.c32[fr*tp : fr*tp+tp]
	}
	for n+g <= r.bf && s.frac == 0 && (limit < 0 || s.outCount+int64(g) <= limit) && s.pos+3+tp <= s.fill {
		x := r.h32[s.pos : s.pos+tp+3]
		o := r.o32[n : n+g]
		for fr := 0; fr < l; fr++ {
			if u := int(s.delta[fr]); u >= 0 {
				xu := x[u : u+4]
				o[fr], o[l+fr], o[2*l+fr], o[3*l+fr] = xu[0], xu[1], xu[2], xu[3]
			}
		}
		var y [12]float32
		switch len(r.up) {
		case 1:
			k := rows[0]
			gen4sf32((*[4]float32)(y[:4]), x[:tp], x[1:tp+1], x[2:tp+2], x[3:tp+3], k, k, k, k)
		case 2:
			up2f32((*[8]float32)(y[:8]), x, rows[0], rows[1])
		default:
			up3f32(&y, x, rows[0], rows[1], rows[2])
		}
		for k, fr := range r.up {
			o[fr], o[l+fr], o[2*l+fr], o[3*l+fr] = y[4*k], y[4*k+1], y[4*k+2], y[4*k+3]
		}
		s.pos += 4
		s.outCount += int64(g)
		n += g
	}
	return n
}

// blockUpMono is blockUp for a mono 1:2 or 1:3 upsampler whose rows are
// all computed (High): eight input positions, l outputs each, per kernel
// call (up2mono, up3mono), written straight to the scratch. A call that
// starts inside a position's outputs or has fewer positions in the history
// still computes every lane (the history has slack) and keeps the outputs
// due, so every output goes through the same kernel whatever the chunking
// — which lets that kernel be AVX-512.
func (r *stage) blockUpMono(n int, limit int64) int {
	s := &r.s
	tp, l := r.tp, s.d.l
	c0, c1, c2 := r.c32[:tp], r.c32[tp:2*tp], r.c32[:tp]
	if l == 3 {
		c2 = r.c32[2*tp : 3*tp]
	}
	const np = 8 // input positions per call
	for n < r.bf && s.outCount != limit {
		// w positions have their whole window in the history; j0 outputs
		// of position pos were emitted already.
		w := min(np, max(0, s.fill-tp-s.pos+1))
		j0 := s.frac
		cnt := upTo(min(l*w-j0, r.bf-n), s.outCount, limit)
		if cnt <= 0 {
			break
		}
		x := r.h32[s.pos : s.pos+tp+np-1]
		if j0 == 0 && cnt == l*np {
			// The common case: all eight positions, from their first
			// output on, written in place (the kernels' order is the
			// stream's).
			o := r.o32[n : n+l*np]
			if l == 2 {
				up2mono((*[16]float32)(o), x, c0, c1)
			} else {
				up3mono((*[24]float32)(o), x, c0, c1, c2)
			}
			s.pos += np
			s.outCount += int64(l * np)
			n += l * np
			continue
		}
		var y [24]float32
		if l == 2 {
			up2mono((*[16]float32)(y[:16]), x, c0, c1)
		} else {
			up3mono(&y, x, c0, c1, c2)
		}
		copy(r.o32[n:n+cnt], y[j0:j0+cnt])
		s.advanceN(cnt)
		n += cnt
	}
	return n
}

// blockGrp computes phase groups (see block) and returns the new scratch
// fill.
func (r *stage) blockGrp(n int, limit int64) int {
	s := &r.s
	tp, ch := r.tp, s.ch
	// Output n+l is m input frames after output n, with the same
	// phase. A group of 4·l outputs is l kernel calls, each four
	// outputs m frames apart with one shared coefficient row.
	l, m := s.d.l, s.d.m
	g := 4 * l
	span := 3*m + tp
	for n+g <= r.bf && (limit < 0 || s.outCount+int64(g) <= limit) &&
		s.pos+(s.frac+(g-1)*m)/l+tp <= s.fill {
		p, fr := s.pos, s.frac // window start and phase of output n+f
		for f := 0; f < l; f++ {
			if f > 0 {
				p += s.q
				fr += s.r
				if fr >= l {
					fr -= l
					p++
				}
			}
			u, row := int(s.delta[fr]), fr*tp
			if ch == 1 && !r.wide {
				o := r.o32[n+f : n+f+3*l+1]
				if u >= 0 {
					h := r.h32[p+u : p+u+3*m+1]
					o[0], o[l], o[2*l], o[3*l] = h[0], h[m], h[2*m], h[3*m]
					continue
				}
				var y [4]float32
				dec4f32(&y, r.h32[p:p+span], m, r.c32[row:row+tp])
				o[0], o[l], o[2*l], o[3*l] = y[0], y[1], y[2], y[3]
				continue
			}
			for c := 0; c < ch; c++ {
				o := c*s.capF + p
				k0, k1, k2, k3 := (n+f)*ch+c, (n+f+l)*ch+c, (n+f+2*l)*ch+c, (n+f+3*l)*ch+c
				switch {
				case u >= 0 && r.wide:
					h := r.h64[o+u : o+u+3*m+1]
					r.o64[k0], r.o64[k1], r.o64[k2], r.o64[k3] = h[0], h[m], h[2*m], h[3*m]
				case u >= 0:
					h := r.h32[o+u : o+u+3*m+1]
					r.o32[k0], r.o32[k1], r.o32[k2], r.o32[k3] = h[0], h[m], h[2*m], h[3*m]
				case r.wide:
					var y [4]float64
					dec4f64(&y, r.h64[o:o+span], m, r.c64[row:row+tp])
					r.o64[k0], r.o64[k1], r.o64[k2], r.o64[k3] = y[0], y[1], y[2], y[3]
				default:
					var y [4]float32
					dec4f32(&y, r.h32[o:o+span], m, r.c32[row:row+tp])
					r.o32[k0], r.o32[k1], r.o32[k2], r.o32[k3] = y[0], y[1], y[2], y[3]
				}
			}
		}
		s.pos += 4 * m
		s.outCount += int64(g)
		n += g
	}
	return n
}

// blockOne computes outputs one at a time (batched four to a kernel call)
// until the scratch is full, the history or limit is exhausted, or — for
// an upsampler — phase 0 is reached again; it returns the new fill.
func (r *stage) blockOne(n int, limit int64) int {
	s := &r.s
	tp, ch := r.tp, s.ch
	var p [4]pending
	np := 0
	for n < r.bf && s.pos+tp <= s.fill && s.outCount != limit {
		if r.up != nil && s.frac == 0 && np == 0 && n > 0 {
			break
		}
		switch {
		case s.d.interp:
			for c := 0; c < ch; c++ {
				if r.wide {
					r.o64[n*ch+c] = r.y(c)
				} else {
					r.o32[n*ch+c] = float32(r.y(c))
				}
			}
		case s.delta[s.frac] >= 0:
			u := s.pos + int(s.delta[s.frac])
			for c := 0; c < ch; c++ {
				if r.wide {
					r.o64[n*ch+c] = r.h64[c*s.capF+u]
				} else {
					r.o32[n*ch+c] = r.h32[c*s.capF+u]
				}
			}
		default:
			p[np] = pending{s.pos, s.frac * tp, n}
			np++
			if np == 4 {
				r.run4(&p, 4)
				np = 0
			}
		}
		s.advance()
		n++
	}
	if np > 0 {
		r.run4(&p, np)
	}
	return n
}

// run4 computes the np ≤ 4 pending outputs with one four-output kernel
// call per channel (unused lanes repeat the last output).
func (r *stage) run4(p *[4]pending, np int) {
	s := &r.s
	for i := np; i < 4; i++ {
		p[i] = p[np-1]
	}
	tp, ch := r.tp, s.ch
	p0, p1, p2, p3 := p[0], p[1], p[2], p[3]
	for c := 0; c < ch; c++ {
		o := c * s.capF
		if r.wide {
			var y [4]float64
			h, k := r.h64[o:o+s.fill], r.c64
			gen4f64(&y, h[p0.pos:p0.pos+tp], h[p1.pos:p1.pos+tp], h[p2.pos:p2.pos+tp], h[p3.pos:p3.pos+tp],
				k[p0.row:p0.row+tp], k[p1.row:p1.row+tp], k[p2.row:p2.row+tp], k[p3.row:p3.row+tp])
			for i := 0; i < np; i++ {
				r.o64[p[i].n*ch+c] = y[i]
			}
		} else {
			var y [4]float32
			h, k := r.h32[o:o+s.fill], r.c32
			x0, x1, x2, x3 := h[p0.pos:p0.pos+tp], h[p1.pos:p1.pos+tp], h[p2.pos:p2.pos+tp], h[p3.pos:p3.pos+tp]
			k0, k1, k2, k3 := k[p0.row:p0.row+tp], k[p1.row:p1.row+tp], k[p2.row:p2.row+tp], k[p3.row:p3.row+tp]
			if r.up != nil {
				gen4sf32(&y, x0, x1, x2, x3, k0, k1, k2, k3)
			} else {
				gen4f32(&y, x0, x1, x2, x3, k0, k1, k2, k3)
			}
			for i := 0; i < np; i++ {
				r.o32[p[i].n*ch+c] = y[i]
			}
		}
	}
}

// y computes output channel c of the current output frame on an
// interpolated bank: four neighbouring rows weighted by Lagrange weights.
func (r *stage) y(c int) float64 {
	s := &r.s
	o := c*s.capF + s.pos
	t := r.tp
	row, w := s.interpWeights(s.frac)
	var acc float64
	for k := 0; k < 4; k++ {
		ro := (row + k) * t
		if r.wide {
			acc += w[k] * dot64(r.h64[o:o+t], r.c64[ro:ro+t])
		} else {
			acc += w[k] * float64(dot32(r.h32[o:o+t], r.c32[ro:ro+t]))
		}
	}
	return acc
}

// toInt16 scales y by 32768, rounds half away from zero and saturates.
func toInt16(y float64) int16 {
	v := y * 32768
	if v >= 0 {
		if v >= 32766.5 {
			return 32767
		}
		return int16(v + 0.5)
	}
	if v <= -32767.5 {
		return -32768
	}
	return -int16(-v + 0.5)
}
