package resample

// Filter design. Everything here uses only the IEEE basic operations
// (+, -, *, /) on float64, integer arithmetic and conversions, with every
// product wrapped in an explicit float64(...) conversion so that no compiler
// may fuse it into an FMA (The Go Programming Language Specification,
// "Floating-point operators"). IEEE 754 defines those operations to be
// correctly rounded, so the coefficient tables — in particular the Q15/Q31
// tables of the fixed-point path — are bit-identical on every platform
// (amd64, arm64, GOARM=5 softfloat, mips softfloat, wasm, TinyGo).
// math.Sin, math.Exp and math.Sqrt are not used: some platforms implement
// them in assembly with different rounding.

// mul is a*b rounded to float64, never fused with a following addition.
func mul(a, b float64) float64 { return float64(a * b) }

// sinPi returns sin(π·a/b) for integers a and b > 0. The argument is
// reduced exactly in integer arithmetic to [0, π/2], where a Taylor series
// in Horner form converges to full precision.
func sinPi(a, b int64) float64 {
	b2 := 2 * b
	a %= b2
	if a < 0 {
		a += b2
	}
	neg := false
	if a >= b {
		a -= b
		neg = true
	}
	if 2*a > b {
		a = b - a
	}
	// x = π·a/b in [0, π/2].
	x := mul(float64(a)/float64(b), pi)
	x2 := mul(x, x)
	// sin x = x(1 - x²/(2·3)(1 - x²/(4·5)(1 - …))), 15 terms: the
	// truncation error at π/2 is below 1e-30.
	s := 1.0
	for k := 15; k >= 1; k-- {
		s = 1 - mul(x2, s)/float64((2*k)*(2*k+1))
	}
	s = mul(x, s)
	if neg {
		return -s
	}
	return s
}

const pi = 3.14159265358979323846264338327950288419716939937510582097494459

// besselI0sq returns I0(√y·2) = Σ yᵏ/(k!)², the zeroth-order modified Bessel
// function of the first kind at x = 2√y (so y = x²/4). Taking x²/4 instead
// of x avoids a square root in the Kaiser window.
func besselI0sq(y float64) float64 {
	sum, term := 1.0, 1.0
	for k := 1; k < 500; k++ {
		term = mul(term, y) / float64(k*k)
		sum += term
		if term < mul(sum, 1e-21) {
			break
		}
	}
	return sum
}

// kaiserBeta is Kaiser's empirical β for a stopband attenuation of a dB
// (Kaiser 1974; Oppenheim & Schafer, Discrete-Time Signal Processing, 3rd
// ed., eq. 7.62): β = 0.1102·(A − 8.7) for A > 50. All presets are above
// 50 dB.
func kaiserBeta(a float64) float64 { return mul(0.1102, a-8.7) }

// kaiserTaps is Kaiser's length estimate (eq. 7.63) N = (A − 8)/(2.285·Δω)
// for a transition width Δω in radians per sample, rounded up.
func kaiserTaps(a, dw float64) int {
	n := (a - 8) / mul(2.285, dw)
	i := int(n)
	if float64(i) < n {
		i++
	}
	return i
}

// roundInt rounds x to the nearest integer, halves away from zero.
func roundInt(x float64) int64 {
	if x < 0 {
		return -int64(-x + 0.5)
	}
	return int64(x + 0.5)
}

// design is a polyphase filter bank: rows of taps coefficients. Row p holds
// the prototype h(t) sampled at t = p/rows + half - 1 - j for j = 0..taps-1
// (t in input samples), each row normalised to unit DC gain.
type design struct {
	l, m   int     // reduced ratio: outRate/inRate = l/m
	taps   int     // taps per row (even)
	half   int     // taps/2
	rows   int     // number of phases in the table (= l when exact)
	interp bool    // rows < l: coefficients interpolated between rows
	hb     bool    // half-band decimator (half.go): taps = 2J, half = 2J−1
	beta   float64 // Kaiser β
	cn, cd int64   // cutoff: 2·fc/fin = cn/cd (rational)
	k      int     // latency in output frames
	off    int     // time offset in input frames (a cascade's earlier stages' delay)
	spec   preset
}

func gcd[T int | int64](a, b T) T {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// maxExactCoefs bounds the size of an exact (one row per phase) table;
// beyond it the bank has interpRows rows and is interpolated (cubic).
const (
	maxExactCoefs = 1 << 18
	interpRows    = 256
)

func newDesign(inRate, outRate int, q Quality) design {
	return newDesignSpec(inRate, outRate, presets[q])
}

// newDesignSpec designs the bank for inRate → outRate with the band edges
// and attenuation of p.
func newDesignSpec(inRate, outRate int, p preset) design {
	g := gcd(inRate, outRate)
	d := design{l: outRate / g, m: inRate / g, spec: p}
	lo := d.l
	if d.m < lo {
		lo = d.m
	}
	// Cutoff half-way across the transition band, as a fraction of the
	// lower Nyquist: c = (pass+stop)/2 = (passMilli+stopMilli)/2000.
	// 2·fc/fin = c·min(fin,fout)/fin = c·min(l,m)/m.
	d.cn = int64(p.passMilli+p.stopMilli) * int64(lo)
	d.cd = 2000 * int64(d.m)
	// Transition width in radians per input sample:
	// Δω = 2π·(stop-pass)·fn/fin = π·(stop-pass)·min(l,m)/m.
	dw := mul(pi, float64(p.stopMilli-p.passMilli)/1000) * float64(lo) / float64(d.m)
	n := kaiserTaps(p.atten, dw) + p.extraTaps
	if min := d.m/d.l + 2; n < min {
		n = min
	}
	n += n & 1
	d.taps, d.half = n, n/2
	d.beta = kaiserBeta(p.atten)
	d.rows = d.l
	if d.l*d.taps > maxExactCoefs && d.l > interpRows {
		d.rows, d.interp = interpRows, true
	}
	d.setOffset(0)
	return d
}

// setOffset places output n at input time τ = (n − k)·m/l + off and sets
// the latency k to the smallest with k·m/l ≥ off + half, so that no input
// sample contributes to an output before output 0. In a cascade, off is
// the latency of the previous stage (in this stage's input frames): the
// offsets cancel and the cascade's delay is the last stage's k.
func (d *design) setOffset(off int) {
	d.off = off
	d.k = ((off+d.half)*d.l + d.m - 1) / d.m
}

// row computes the float64 coefficients of phase num/den (0 ≤ num ≤ den)
// into dst (len taps), normalised to sum 1.
func (d *design) row(dst []float64, num, den int64) {
	h := int64(d.half)
	// β²/4 for the Kaiser window argument y = β²·(1 − (t/half)²)/4.
	b2 := mul(d.beta, d.beta) / 4
	i0b := besselI0sq(b2)
	hd := h * den // half in units of 1/den
	sum := 0.0
	for j := range dst {
		tn := num + (h-1-int64(j))*den // t = tn/den input samples
		// sinc: sin(π·c·t)/(π·c·t) with c·t = cn·tn/(cd·den).
		var s float64
		if tn == 0 {
			s = 1
		} else {
			a, b := d.cn*tn, d.cd*den
			s = sinPi(a, b) / mul(pi, float64(a)/float64(b))
		}
		// Kaiser window: 1 − (t/half)² = (hd² − tn²)/hd².
		u := float64(hd*hd-tn*tn) / float64(hd*hd)
		if u < 0 {
			u = 0
		}
		w := besselI0sq(mul(b2, u)) / i0b
		v := mul(s, w)
		dst[j] = v
		sum += v
	}
	for j := range dst {
		dst[j] /= sum
	}
}
