package loudness

import "math"

// Histogram layout: bins from −70 LUFS (the absolute gate) to +10 LUFS;
// louder blocks land in the top bin, which only ever matters for the
// percentiles of material louder than +10 LUFS.
//
//	gating (integrated)  0.2 LU bins (400): count, energy sum, extremes  6.4 KB
//	loudness range       0.1 LU bins (800): count, extremes               6.4 KB
//
// The range histogram needs no per-bin energy: its relative gate uses the
// mean of all blocks, kept as one running sum.
const (
	histMin  = -70.0
	histMax  = 10.0
	gateStep = 0.2
	lraStep  = 0.1
)

// histogram keeps, per bin, the number of blocks, optionally the sum of
// their mean-square energies, and the smallest and largest loudness seen
// (as uint16 offsets from the bin's lower edge). Its size is fixed at
// construction whatever the duration.
type histogram struct {
	step, scale float64
	n           []uint32
	e           []float64 // nil: per-bin energy not kept
	lo, hi      []uint16
	eSum, nSum  float64
}

func newHistogram(step float64, perBinEnergy bool) histogram {
	bins := int(math.Round((histMax - histMin) / step))
	h := histogram{step: step, scale: 65535 / step, n: make([]uint32, bins),
		lo: make([]uint16, bins), hi: make([]uint16, bins)}
	if perBinEnergy {
		h.e = make([]float64, bins)
	}
	return h
}

func (h *histogram) reset() {
	clear(h.n)
	clear(h.e)
	clear(h.lo)
	clear(h.hi)
	h.eSum, h.nSum = 0, 0
}

// add records a block of loudness l (≥ −70 LUFS) and energy e.
func (h *histogram) add(l, e float64) {
	bins := len(h.n)
	b := int((l - histMin) / h.step)
	if b < 0 {
		b = 0
	}
	if b >= bins {
		b = bins - 1
	}
	off := (l - (histMin + float64(b)*h.step)) * h.scale
	if off < 0 {
		off = 0
	}
	if off > 65535 {
		off = 65535
	}
	q := uint16(off + 0.5)
	if h.n[b] == 0 || q < h.lo[b] {
		h.lo[b] = q
	}
	if h.n[b] == 0 || q > h.hi[b] {
		h.hi[b] = q
	}
	h.n[b]++
	if h.e != nil {
		h.e[b] += e
	}
	h.eSum += e
	h.nSum++
}

// value returns the modelled loudness of the j-th smallest block in bin b:
// the bin's blocks are taken as evenly spread between its extremes, which
// is exact for one block and for a bin holding a single level.
func (h *histogram) value(b int, j uint32) float64 {
	base := histMin + float64(b)*h.step
	lo := base + float64(h.lo[b])/h.scale
	c := h.n[b]
	if c <= 1 {
		return lo
	}
	hi := base + float64(h.hi[b])/h.scale
	return lo + (hi-lo)*float64(j)/float64(c-1)
}

// above returns the first bin holding blocks at or above threshold g and
// how many of that bin's blocks (its largest ones) are at or above g.
func (h *histogram) above(g float64) (b int, k uint32) {
	if g < histMin {
		return 0, h.n[0]
	}
	b = int((g - histMin) / h.step)
	if b >= len(h.n) {
		return len(h.n), 0
	}
	c := h.n[b]
	for j := uint32(0); j < c; j++ {
		if h.value(b, j) >= g {
			return b, c - j
		}
	}
	return b, 0
}

// totals returns the number of blocks and their mean energy.
func (h *histogram) totals() (n float64, mean float64) {
	if h.nSum == 0 {
		return 0, 0
	}
	return h.nSum, h.eSum / h.nSum
}

// integrated implements the two-stage gating of BS.1770-4 §2.8 over the
// block histogram: the absolute gate is applied on entry; the relative gate
// lies `rel` LU below the loudness of the absolute-gated mean energy.
func (h *histogram) integrated(rel float64) float64 {
	n, mean := h.totals()
	if n == 0 {
		return math.Inf(-1)
	}
	g := energyToLUFS(mean) + rel
	t, k := h.above(g)
	var cnt, e float64
	if t < len(h.n) && h.n[t] > 0 {
		frac := float64(k) / float64(h.n[t])
		cnt += float64(k)
		e += h.e[t] * frac
	}
	for b := t + 1; b < len(h.n); b++ {
		cnt += float64(h.n[b])
		e += h.e[b]
	}
	if cnt == 0 {
		return math.Inf(-1)
	}
	return energyToLUFS(e / cnt)
}

// loudnessRange implements EBU Tech 3342 §3: short-term values gated at −70
// LUFS (on entry) and −20 LU below their mean energy, then the difference
// between the 95th and the 10th percentile (ranks rounded as in the
// Tech 3342 reference code: round((n−1)·p) of the sorted values).
func (h *histogram) loudnessRange() float64 {
	n, mean := h.totals()
	if n == 0 {
		return 0
	}
	g := energyToLUFS(mean) - 20
	t, k := h.above(g)
	total := uint64(k)
	for b := t + 1; b < len(h.n); b++ {
		total += uint64(h.n[b])
	}
	if total == 0 {
		return 0
	}
	rLo := uint64(math.Round(float64(total-1) * 0.10))
	rHi := uint64(math.Round(float64(total-1) * 0.95))
	lo, hi := h.rank(t, k, rLo), h.rank(t, k, rHi)
	return hi - lo
}

// rank returns the value of rank r (0-based, ascending) among the gated
// blocks: the top k of bin t and all of the bins above.
func (h *histogram) rank(t int, k uint32, r uint64) float64 {
	for b := t; b < len(h.n); b++ {
		c, skip := uint64(h.n[b]), uint64(0)
		if b == t {
			skip = c - uint64(k)
			c = uint64(k)
		}
		if r < c {
			return h.value(b, uint32(skip+r))
		}
		r -= c
	}
	return 0
}

func energyToLUFS(e float64) float64 {
	if e <= 0 {
		return math.Inf(-1)
	}
	return -0.691 + 10*math.Log10(e)
}
