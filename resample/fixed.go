package resample

// Fixed is the fixed-point resampler for microcontrollers without an FPU:
// int16 samples, integer coefficients and integer accumulation only.
// Quick uses Q15 coefficients with 32-bit accumulators (a 16×16→32-bit
// multiply-accumulate per tap); the other presets use Q31 coefficients with
// 64-bit accumulators. The coefficient tables are designed with exactly
// rounded IEEE arithmetic (see design.go), so the output is bit-identical on
// every platform. A Fixed is not safe for concurrent use.
type Fixed struct {
	s    stream
	taps int
	h    []int16 // history, channel c at [c·capF, (c+1)·capF)
	c15  []int16 // Q15 rows (Quick)
	c31  []int32 // Q31 rows (other presets)
}

// NewFixed returns a fixed-point Resampler; the arguments are as for New.
// Floating point is used only here, to design the filter.
func NewFixed(inRate, outRate, channels int, q Quality) (*Fixed, error) {
	if err := validate(inRate, outRate, channels, q); err != nil {
		return nil, err
	}
	d := newDesign(inRate, outRate, q)
	f := &Fixed{taps: d.taps}
	f.s.init(d, channels)
	f.h = make([]int16, channels*f.s.capF)
	nr := d.tableRows()
	if !d.interp {
		f.s.delta = make([]int32, nr)
	}
	row := make([]float64, d.taps)
	q15 := d.spec.q15
	if q15 {
		f.c15 = make([]int16, nr*d.taps)
	} else {
		f.c31 = make([]int32, nr*d.taps)
	}
	tmp := make([]int64, d.taps)
	for i := 0; i < nr; i++ {
		num, den := d.rowPhase(i)
		d.row(row, num, den)
		if !d.interp {
			f.s.delta[i] = unitTap(row)
		}
		bits := 31
		if q15 {
			bits = 15
		}
		l1 := quantize(tmp, row, bits)
		if q15 && l1 > 65535 {
			// |acc| could exceed 2³¹: fall back to Q31 for the whole bank.
			f.c15, q15 = nil, false
			f.c31 = make([]int32, nr*d.taps)
			i = -1
			continue
		}
		for j, v := range tmp {
			if q15 {
				f.c15[i*d.taps+j] = int16(v)
			} else {
				f.c31[i*d.taps+j] = int32(v)
			}
		}
	}
	f.Reset()
	return f, nil
}

// quantize rounds row to Q(bits) integers whose sum is exactly 1<<bits
// (the rounding residual goes to the largest tap) and returns the sum of
// their magnitudes.
func quantize(dst []int64, row []float64, bits int) int64 {
	one := int64(1) << bits
	scale := float64(one)
	var sum int64
	big := 0
	for j, v := range row {
		q := roundInt(mul(v, scale))
		if q > one-1 {
			q = one - 1
		} else if q < -one {
			q = -one
		}
		dst[j] = q
		sum += q
		if q > dst[big] {
			big = j
		}
	}
	if v := dst[big] + one - sum; v <= one-1 {
		dst[big] = v
	}
	var l1 int64
	for _, q := range dst {
		if q < 0 {
			q = -q
		}
		l1 += q
	}
	return l1
}

// Reset starts a new stream without allocating.
func (f *Fixed) Reset() {
	s := &f.s
	for c := 0; c < s.ch; c++ {
		clear(f.h[c*s.capF : c*s.capF+s.z0])
	}
	s.reset()
}

// Latency returns the filter delay in output frames (as Resampler.Latency).
func (f *Fixed) Latency() int { return f.s.d.k }

// OutLen bounds the interleaved samples one AppendInt16 call with inLen
// input samples appends.
func (f *Fixed) OutLen(inLen int) int { return f.s.outLen(inLen) }

// FlushLen returns the number of interleaved samples the next FlushInt16
// appends.
func (f *Fixed) FlushLen() int { return int(f.s.target()-f.s.outCount) * f.s.ch }

// Taps returns the filter taps per output sample.
func (f *Fixed) Taps() int { return f.taps }

func (f *Fixed) compact() {
	s := &f.s
	if s.pos == 0 {
		return
	}
	n := s.fill - s.pos
	for c := 0; c < s.ch; c++ {
		o := c * s.capF
		copy(f.h[o:o+n], f.h[o+s.pos:o+s.fill])
	}
	s.fill, s.pos = n, 0
}

// AppendInt16 resamples interleaved int16 samples (a partial frame at the
// end of in is ignored) and appends the output produced so far to dst.
func (f *Fixed) AppendInt16(dst, in []int16) []int16 {
	s := &f.s
	frames := len(in) / s.ch
	in = in[:frames*s.ch]
	for len(in) > 0 {
		f.compact()
		n := s.capF - s.fill
		if n > len(in)/s.ch {
			n = len(in) / s.ch
		}
		for c := 0; c < s.ch; c++ {
			o := c*s.capF + s.fill
			h := f.h[o : o+n]
			if s.ch == 1 {
				copy(h, in)
				continue
			}
			for i := range h {
				h[i] = in[i*s.ch+c]
			}
		}
		in = in[n*s.ch:]
		s.fill += n
		s.inCount += int64(n)
		dst = f.produce(dst, -1)
	}
	return dst
}

// FlushInt16 ends the stream (see Resampler.FlushInt16) and resets f.
func (f *Fixed) FlushInt16(dst []int16) []int16 {
	s := &f.s
	t := s.target()
	for s.outCount < t {
		f.compact()
		n := s.capF - s.fill
		for c := 0; c < s.ch; c++ {
			o := c*s.capF + s.fill
			clear(f.h[o : o+n])
		}
		s.fill += n
		dst = f.produce(dst, t)
	}
	f.Reset()
	return dst
}

func (f *Fixed) produce(dst []int16, limit int64) []int16 {
	s := &f.s
	t := f.taps
	for s.pos+t <= s.fill && s.outCount != limit {
		for c := 0; c < s.ch; c++ {
			o := c*s.capF + s.pos
			h := f.h[o : o+t]
			if !s.d.interp {
				if u := s.delta[s.frac]; u >= 0 {
					dst = append(dst, h[u])
					continue
				}
				if f.c15 != nil {
					dst = append(dst, sat16((int64(dotQ15(h, f.c15[s.frac*t:s.frac*t+t]))+1<<14)>>15))
				} else {
					dst = append(dst, sat16((dotQ31(h, f.c31[s.frac*t:s.frac*t+t])+1<<30)>>31))
				}
				continue
			}
			// Interpolated bank: four-point Lagrange weights in Q15 from
			// the phase fraction a in Q16.
			x := int64(s.frac) * int64(s.d.rows)
			row := int(x / int64(s.d.l))
			a := (x % int64(s.d.l)) << 16 / int64(s.d.l)
			const one = 1 << 16
			w := [4]int64{
				-(a * (a - one) >> 16) * (a - 2*one) / (6 << 17),
				((a + one) * (a - one) >> 16) * (a - 2*one) / (2 << 17),
				-((a + one) * a >> 16) * (a - 2*one) / (2 << 17),
				((a + one) * a >> 16) * (a - one) / (6 << 17),
			}
			var acc int64
			for k := 0; k < 4; k++ {
				ro := (row + k) * t
				if f.c15 != nil {
					acc += w[k] * int64(dotQ15(h, f.c15[ro:ro+t]))
				} else {
					acc += w[k] * ((dotQ31(h, f.c31[ro:ro+t]) + 1<<15) >> 16)
				}
			}
			if f.c15 != nil {
				dst = append(dst, sat16((acc+1<<29)>>30))
			} else {
				dst = append(dst, sat16((acc+1<<29)>>30))
			}
		}
		s.advance()
	}
	return dst
}

// dotQ15 is Σ h[j]·c[j] with 32-bit accumulation; NewFixed guarantees
// Σ|c| ≤ 65535, so it cannot overflow.
func dotQ15(h []int16, c []int16) int32 {
	c = c[:len(h)]
	var s0, s1 int32
	for len(h) >= 4 {
		h4, c4 := h[:4:4], c[:4:4]
		s0 += int32(h4[0])*int32(c4[0]) + int32(h4[2])*int32(c4[2])
		s1 += int32(h4[1])*int32(c4[1]) + int32(h4[3])*int32(c4[3])
		h, c = h[4:], c[4:]
	}
	for i := range h {
		s0 += int32(h[i]) * int32(c[i])
	}
	return s0 + s1
}

// dotQ31 is Σ h[j]·c[j] with 64-bit accumulation.
func dotQ31(h []int16, c []int32) int64 {
	c = c[:len(h)]
	var s0, s1 int64
	for len(h) >= 4 {
		h4, c4 := h[:4:4], c[:4:4]
		s0 += int64(h4[0])*int64(c4[0]) + int64(h4[2])*int64(c4[2])
		s1 += int64(h4[1])*int64(c4[1]) + int64(h4[3])*int64(c4[3])
		h, c = h[4:], c[4:]
	}
	for i := range h {
		s0 += int64(h[i]) * int64(c[i])
	}
	return s0 + s1
}

func sat16(v int64) int16 {
	if v > 32767 {
		return 32767
	}
	if v < -32768 {
		return -32768
	}
	return int16(v)
}
