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
// τ = (n − k)·m/l; its window is history[pos : pos+taps].
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
	// Output 0 is at τ = −k·m/l = i0 + f0/l.
	km := int64(d.k) * int64(d.m)
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

// target is the total number of output frames of a stream of inCount
// input frames once flushed: ceil(inCount·l/m) + 2·Latency.
func (s *stream) target() int64 {
	l, m := int64(s.d.l), int64(s.d.m)
	return (s.inCount*l+m-1)/m + 2*int64(s.d.k)
}

// outLen bounds the interleaved samples an Append of inLen samples yields.
func (s *stream) outLen(inLen int) int {
	if inLen < 0 {
		return 0
	}
	f := int64(inLen / s.ch)
	return int((f*int64(s.d.l)+int64(s.d.m)-1)/int64(s.d.m)+1) * s.ch
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

// Resampler converts a stream of interleaved samples from one rate to
// another with a polyphase windowed-sinc filter bank. It computes in float32
// (float64 for VeryHigh). A Resampler is not safe for concurrent use.
type Resampler struct {
	s    stream
	wide bool
	h32  []float32 // history, channel c at [c·capF, (c+1)·capF)
	c32  []float32 // coefficient rows
	h64  []float64
	c64  []float64
	taps int
}

// New returns a Resampler from inRate to outRate Hz (each 8000…192000) for
// channels interleaved channels with preset q. All memory is allocated
// here; the Append and Flush methods do not allocate beyond growing dst.
func New(inRate, outRate, channels int, q Quality) (*Resampler, error) {
	if err := validate(inRate, outRate, channels, q); err != nil {
		return nil, err
	}
	d := newDesign(inRate, outRate, q)
	r := &Resampler{wide: d.spec.wide, taps: d.taps}
	r.s.init(d, channels)
	nr := d.tableRows()
	row := make([]float64, d.taps)
	if r.wide {
		r.c64 = make([]float64, nr*d.taps)
		r.h64 = make([]float64, channels*r.s.capF)
	} else {
		r.c32 = make([]float32, nr*d.taps)
		r.h32 = make([]float32, channels*r.s.capF)
	}
	if !d.interp {
		r.s.delta = make([]int32, nr)
	}
	for i := 0; i < nr; i++ {
		num, den := d.rowPhase(i)
		d.row(row, num, den)
		dst := i * d.taps
		for j, v := range row {
			if r.wide {
				r.c64[dst+j] = v
			} else {
				r.c32[dst+j] = float32(v)
			}
		}
		if !d.interp {
			r.s.delta[i] = unitTap(row)
		}
	}
	r.Reset()
	return r, nil
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

// Reset starts a new stream, discarding buffered input. It does not
// allocate.
func (r *Resampler) Reset() {
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

// Latency returns the filter delay in output frames: an impulse at input
// frame i appears centred on output frame Latency() + i·outRate/inRate.
func (r *Resampler) Latency() int { return r.s.d.k }

// OutLen returns an upper bound on the number of interleaved samples that
// one AppendInt16 or AppendFloat32 call with inLen interleaved input
// samples appends.
func (r *Resampler) OutLen(inLen int) int { return r.s.outLen(inLen) }

// FlushLen returns the number of interleaved samples the next Flush call
// appends.
func (r *Resampler) FlushLen() int { return int(r.s.target()-r.s.outCount) * r.s.ch }

// Taps returns the number of filter taps per output sample, in input
// samples (the cost: about Taps multiply-adds per output sample and
// channel, fewer on the integer-ratio fast paths).
func (r *Resampler) Taps() int { return r.s.d.taps }

// compact moves the unconsumed history to the front.
func (r *Resampler) compact() {
	s := &r.s
	if s.pos == 0 {
		return
	}
	n := s.fill - s.pos
	for c := 0; c < s.ch; c++ {
		o := c * s.capF
		if r.wide {
			copy(r.h64[o:o+n], r.h64[o+s.pos:o+s.fill])
		} else {
			copy(r.h32[o:o+n], r.h32[o+s.pos:o+s.fill])
		}
	}
	s.fill, s.pos = n, 0
}

const scale16 = 1.0 / 32768

// AppendInt16 resamples interleaved int16 samples (a partial frame at the
// end of in is ignored) and appends the output produced so far to dst.
func (r *Resampler) AppendInt16(dst, in []int16) []int16 {
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
		dst = r.produce16(dst, -1)
	}
	return dst
}

// AppendFloat32 resamples interleaved float32 samples (nominal range
// −1…1; a partial frame at the end of in is ignored) and appends the output
// produced so far to dst.
func (r *Resampler) AppendFloat32(dst, in []float32) []float32 {
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
		dst = r.produce32(dst, -1)
	}
	return dst
}

// feedZeros appends up to capF−fill zero frames for Flush.
func (r *Resampler) feedZeros() {
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
func (r *Resampler) FlushInt16(dst []int16) []int16 {
	t := r.s.target()
	for r.s.outCount < t {
		r.feedZeros()
		dst = r.produce16(dst, t)
	}
	r.Reset()
	return dst
}

// FlushFloat32 is FlushInt16 for float32 output.
func (r *Resampler) FlushFloat32(dst []float32) []float32 {
	t := r.s.target()
	for r.s.outCount < t {
		r.feedZeros()
		dst = r.produce32(dst, t)
	}
	r.Reset()
	return dst
}

// y computes output channel c of the current output frame.
func (r *Resampler) y(c int) float64 {
	s := &r.s
	o := c*s.capF + s.pos
	t := r.taps
	if !s.d.interp {
		if u := s.delta[s.frac]; u >= 0 {
			if r.wide {
				return r.h64[o+int(u)]
			}
			return float64(r.h32[o+int(u)])
		}
		if r.wide {
			return dot64(r.h64[o:o+t], r.c64[s.frac*t:s.frac*t+t])
		}
		return float64(dot32(r.h32[o:o+t], r.c32[s.frac*t:s.frac*t+t]))
	}
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

// produce32 appends every output whose window is in the history (at most
// up to total output count limit, if limit ≥ 0).
func (r *Resampler) produce32(dst []float32, limit int64) []float32 {
	s := &r.s
	for s.pos+r.taps <= s.fill && s.outCount != limit {
		if s.ch == 1 && !r.wide && !s.d.interp && s.delta[s.frac] < 0 {
			t := r.taps
			dst = append(dst, dot32(r.h32[s.pos:s.pos+t], r.c32[s.frac*t:s.frac*t+t]))
		} else {
			for c := 0; c < s.ch; c++ {
				dst = append(dst, float32(r.y(c)))
			}
		}
		s.advance()
	}
	return dst
}

func (r *Resampler) produce16(dst []int16, limit int64) []int16 {
	s := &r.s
	for s.pos+r.taps <= s.fill && s.outCount != limit {
		for c := 0; c < s.ch; c++ {
			dst = append(dst, toInt16(r.y(c)))
		}
		s.advance()
	}
	return dst
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
