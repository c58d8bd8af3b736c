package resample

import "slices"

// A half-band decimator by 2: the first stages of a downsampling cascade.
//
// Its prototype is the Kaiser-windowed sinc with cutoff at a quarter of
// its input rate, h(t) = sinc(t/2)/2 · w(t) for integer |t| ≤ 2J−1: every
// even tap but the centre is exactly zero, so an output is
//
//	y[n] = x[τ]/2 + Σ_{i<2J} g[i]·x[τ − 2J + 1 + 2i],   τ = 2(n − k) + off
//
// — 2J multiply-adds for a filter 4J−1 taps long. The input is kept in two
// planes, the samples of τ's parity (C) and of the other parity (O), so the
// 2J taps meet contiguous samples and run through the same four-output
// kernels as the polyphase stages.

// halfTaps returns J for a half-band stage of design attenuation a dB
// whose transition band is dw radians per input sample wide: the Kaiser
// length estimate N, rounded up to the next 4J − 1.
func halfTaps(a, dw float64, extra int) int {
	n := kaiserTaps(a, dw) + extra
	return (n + 1 + 3) / 4
}

// newHalfDesign is the design of a half-band decimator from rate f to f/2
// that keeps 0…pass·f/4 (pass in thousandths) and rejects from
// (2 − pass)·f/4 with p's attenuation. Its taps field holds 2J, the
// multiply-adds per output; half holds 2J−1, the support's half width.
func newHalfDesign(pass int, p preset) design {
	dw := mul(pi, float64(2000-2*pass)/1000) / 2
	j := halfTaps(p.atten, dw, p.extraTaps)
	d := design{l: 1, m: 2, taps: 2 * j, half: 2*j - 1, rows: 1, hb: true, spec: p}
	d.beta = kaiserBeta(p.atten)
	d.cn, d.cd = 1, 2
	d.setOffset(0)
	return d
}

// halfCoefs returns g: the 2J odd taps t = −(2J−1), …, −1, 1, …, 2J−1 of
// the prototype, normalised to sum 1/2 (with the centre 1/2, unit gain at
// DC).
func halfCoefs(d design) []float64 {
	j := d.taps / 2
	r := int64(2*j - 1) // window half width: the outermost taps
	b2 := mul(d.beta, d.beta) / 4
	i0b := besselI0sq(b2)
	g := make([]float64, 2*j)
	sum := 0.0
	for i := range g {
		t := int64(-(2*j - 1) + 2*i)
		s := sinPi(t, 2) / mul(pi, float64(t)/2)
		u := float64(r*r-t*t) / float64(r*r)
		w := besselI0sq(mul(b2, u)) / i0b
		g[i] = mul(s, w)
		sum += g[i]
	}
	for i := range g {
		g[i] = g[i] / sum / 2
	}
	return g
}

// half is a half-band decimator stage computing in T.
type half[T float32 | float64] struct {
	d    design
	ch   int
	a    int // parity of off: C holds x[2j+a], O holds x[2j+a+1]
	j    int // J
	tp   int // 2J rounded up to a multiple of 8
	pad  int // tp − 2J leading zero coefficients
	g    []T // tp coefficients
	c, o []T // planes, channel ch at [ch·sp, ch·sp+capP)
	capP int // samples a plane holds
	sp   int // plane stride: capP plus slack for the kernel's unused lanes
	// Plane index of array element 0 and number of valid elements.
	cb, cn, ob, on int
	u              int // plane index of the next output's centre
	inCount        int64
	outCount       int64
	ky             []T // kernel output, lanes long
	lanes          int // outputs per kernel call
	fir            func(y, x, c []T)
}

// newHalf builds the half-band stage of design d (offset set) for ch
// channels. fir computes len(y) consecutive outputs y[i] = Σ x[i+j]·c[j].
func newHalf[T float32 | float64](d design, ch, lanes int, fir func(y, x, c []T)) *half[T] {
	j := d.taps / 2
	h := &half[T]{d: d, ch: ch, a: d.off & 1, j: j, lanes: lanes, fir: fir}
	h.tp = (2*j + 7) &^ 7
	h.pad = h.tp - 2*j
	h.g = make([]T, h.tp)
	for i, v := range halfCoefs(d) {
		h.g[h.pad+i] = T(v)
	}
	h.capP = h.tp + 2*j + 512
	h.sp = h.capP + lanes
	h.c = make([]T, ch*h.sp)
	h.o = make([]T, ch*h.sp)
	h.ky = make([]T, lanes)
	h.Reset()
	return h
}

func fir32(y, x, c []float32) { fir32f32((*[32]float32)(y), x, c) }
func fir16(y, x, c []float64) { fir16f64((*[16]float64)(y), x, c) }

// Reset starts a new stream: the planes hold the zeros before input 0
// that the first outputs' windows reach.
func (h *half[T]) Reset() {
	u0 := h.d.off>>1 - h.d.k
	h.u = u0
	h.cb, h.cn = u0, -u0 // C[u0 … −1] = 0; C[0] = x[a]
	h.ob = u0 - h.j - h.pad
	h.on = -h.a - h.ob // O[ob … −a−1] = 0; O[−a] is the first input of O
	for c := 0; c < h.ch; c++ {
		clear(h.c[c*h.sp : c*h.sp+h.cn])
		clear(h.o[c*h.sp : c*h.sp+h.on])
	}
	h.inCount, h.outCount = 0, 0
}

func (h *half[T]) latency() int { return h.d.k }

// outFrames bounds the outputs an Append of f frames yields.
func (h *half[T]) outFrames(f int) int { return (f+1)/2 + 1 }

// flushBound bounds the outputs of a Flush.
func (h *half[T]) flushBound() int { return 3*h.d.k + 4 }

func (h *half[T]) target() int64 { return (h.inCount+1)/2 + 2*int64(h.d.k) }

// compact drops the samples no future output needs.
func (h *half[T]) compact() {
	if dc := h.u - h.cb; dc > 0 {
		n := h.cn - dc
		for c := 0; c < h.ch; c++ {
			p := h.c[c*h.sp : c*h.sp+h.capP]
			copy(p, p[dc:h.cn])
		}
		h.cb, h.cn = h.u, n
	}
	if do := h.u - h.j - h.pad - h.ob; do > 0 {
		n := h.on - do
		for c := 0; c < h.ch; c++ {
			p := h.o[c*h.sp : c*h.sp+h.capP]
			copy(p, p[do:h.on])
		}
		h.ob, h.on = h.u-h.j-h.pad, n
	}
}

// push routes interleaved frames (or zeros, if in is nil) into the planes
// and returns the frames left over for lack of room.
func (h *half[T]) push(in []T, frames int) int {
	h.compact()
	room := 2*min(h.capP-h.cn, h.capP-h.on) - 1
	n := min(frames, room)
	// Frame i of this call is x[inCount+i]; the even-numbered frames go
	// to one plane, the odd-numbered ones to the other.
	pe, ae, po, ao := h.c, h.cn, h.o, h.on
	if (h.inCount-int64(h.a))&1 != 0 {
		pe, ae, po, ao = h.o, h.on, h.c, h.cn
	}
	ne, no := (n+1)/2, n/2
	for c := 0; c < h.ch; c++ {
		de := pe[c*h.sp+ae : c*h.sp+ae+ne]
		do := po[c*h.sp+ao : c*h.sp+ao+no]
		if in == nil {
			clear(de)
			clear(do)
			continue
		}
		if h.ch == 1 {
			src := in[:n]
			for i := range do {
				de[i], do[i] = src[2*i], src[2*i+1]
			}
			if ne > no {
				de[ne-1] = src[n-1]
			}
			continue
		}
		st := 2 * h.ch
		for i := range de {
			de[i] = in[i*st+c]
		}
		for i := range do {
			do[i] = in[i*st+h.ch+c]
		}
	}
	if (h.inCount-int64(h.a))&1 != 0 {
		h.on += ne
		h.cn += no
	} else {
		h.cn += ne
		h.on += no
	}
	h.inCount += int64(n)
	return frames - n
}

// ready returns how many outputs the planes hold (up to limit in total
// if limit ≥ 0).
func (h *half[T]) ready(limit int64) int {
	n := min(h.cb+h.cn-h.u, h.ob+h.on-(h.u+h.j-1))
	return max(upTo(n, h.outCount, limit), 0)
}

// drain appends every ready output to dst.
func (h *half[T]) drain(dst []T, limit int64) []T {
	n := h.ready(limit)
	if n == 0 {
		return dst
	}
	tp, ch := h.tp, h.ch
	base := len(dst)
	dst = slices.Grow(dst, n*ch)[:base+n*ch]
	out := dst[base:]
	ws := h.u - h.j - h.pad - h.ob // window start of output u in O
	cs := h.u - h.cb
	y, lanes := h.ky, h.lanes
	for c := 0; c < ch; c++ {
		o := h.o[c*h.sp : (c+1)*h.sp]
		cc := h.c[c*h.sp+cs : c*h.sp+cs+n]
		// Whole kernel calls even for the last few outputs (the unused
		// lanes read the slack), so every output gets the same
		// arithmetic however the input was chunked.
		for i := 0; i < n; i += lanes {
			h.fir(y, o[ws+i:ws+i+lanes-1+tp], h.g)
			k := min(lanes, n-i)
			if ch == 1 {
				oo, ci := out[i:i+k], cc[i:i+k]
				for j, v := range y[:k] {
					oo[j] = v + ci[j]*0.5
				}
				continue
			}
			for j, v := range y[:k] {
				out[(i+j)*ch+c] = v + cc[i+j]*0.5
			}
		}
	}
	h.u += n
	h.outCount += int64(n)
	return dst
}

// appendT resamples interleaved frames and appends the outputs to dst.
func (h *half[T]) appendT(dst, in []T) []T {
	frames := len(in) / h.ch
	for frames > 0 {
		left := h.push(in, frames)
		in = in[(frames-left)*h.ch:]
		frames = left
		dst = h.drain(dst, -1)
	}
	return dst
}

// flushT pads the input with zeros until the stream's total
// ceil(inFrames/2) + 2·k is out, then resets h.
func (h *half[T]) flushT(dst []T) []T {
	t := h.target()
	for h.outCount < t {
		h.push(nil, 64) // zeros: inCount counts them, t is fixed
		dst = h.drain(dst, t)
	}
	h.Reset()
	return dst
}
