package loudness

import "math"

// Biquad coefficients of one second-order section, a0 normalised to 1:
//
//	H(z) = (B0 + B1 z⁻¹ + B2 z⁻²) / (1 + A1 z⁻¹ + A2 z⁻²)
type Biquad struct{ B0, B1, B2, A1, A2 float64 }

// The BS.1770-4 Annex 1 coefficients at 48 kHz (Tables 1 and 2).
var (
	spec48Shelf = Biquad{1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585}
	spec48RLB   = Biquad{1.0, -2.0, 1.0, -1.99004745483398, 0.99007225036621}
)

// shelfProto and hpProto are the analog prototypes of the two K-weighting
// stages, recovered from the 48 kHz coefficients by inverting the
// prewarped bilinear transform (see deriveShelf, deriveHighPass).
var (
	shelfK0, shelfQ, shelfVh, shelfVb = deriveShelf(spec48Shelf, 48000)
	hpK0, hpQ                         = deriveHighPass(spec48RLB, 48000)
)

// deriveShelf inverts the bilinear high-shelf design
//
//	a0 = 1 + K/Q + K²,  a1 = 2(K²−1)/a0,  a2 = (1 − K/Q + K²)/a0
//	b0 = (Vh + Vb·K/Q + K²)/a0,  b1 = 2(K² − Vh)/a0,  b2 = (Vh − Vb·K/Q + K²)/a0
//
// with K = tan(π f0/fs): 1+a1+a2 = 4K²/a0 and 1−a1+a2 = 4/a0 give K and a0,
// 1−a2 = 2(K/Q)/a0 gives Q, b0−b1+b2 = 4Vh/a0 gives Vh and b0−b2 =
// 2Vb(K/Q)/a0 gives Vb. It returns the analog corner as f0 (in Hz) and the
// three shape parameters, which are independent of the sample rate.
func deriveShelf(c Biquad, fs float64) (f0, q, vh, vb float64) {
	a0 := 4 / (1 - c.A1 + c.A2)
	k := math.Sqrt((1 + c.A1 + c.A2) / (1 - c.A1 + c.A2))
	kq := (1 - c.A2) * a0 / 2
	q = k / kq
	vh = (c.B0 - c.B1 + c.B2) * a0 / 4
	vb = (c.B0 - c.B2) * a0 / (2 * kq)
	f0 = fs / math.Pi * math.Atan(k)
	return
}

// deriveHighPass inverts the RLB high-pass design (b = 1, −2, 1 as in the
// Recommendation; a1, a2 as for the shelf).
func deriveHighPass(c Biquad, fs float64) (f0, q float64) {
	a0 := 4 / (1 - c.A1 + c.A2)
	k := math.Sqrt((1 + c.A1 + c.A2) / (1 - c.A1 + c.A2))
	kq := (1 - c.A2) * a0 / 2
	return fs / math.Pi * math.Atan(k), k / kq
}

// KWeighting returns the two K-weighting stages of ITU-R BS.1770-4
// Annex 1 — the high-shelf "pre-filter" and the RLB high-pass — for any
// sample rate, by the prewarped bilinear transform of the analog prototypes
// recovered from the Recommendation's 48 kHz coefficients. At 48 kHz they
// reproduce Tables 1 and 2 to within 1e-8 (checked by a test).
func KWeighting(rate int) (shelf, highPass Biquad) {
	fs := float64(rate)
	k := math.Tan(math.Pi * shelfK0 / fs)
	a0 := 1 + k/shelfQ + k*k
	shelf = Biquad{
		B0: (shelfVh + shelfVb*k/shelfQ + k*k) / a0,
		B1: 2 * (k*k - shelfVh) / a0,
		B2: (shelfVh - shelfVb*k/shelfQ + k*k) / a0,
		A1: 2 * (k*k - 1) / a0,
		A2: (1 - k/shelfQ + k*k) / a0,
	}
	k = math.Tan(math.Pi * hpK0 / fs)
	a0 = 1 + k/hpQ + k*k
	highPass = Biquad{B0: 1, B1: -2, B2: 1, A1: 2 * (k*k - 1) / a0, A2: (1 - k/hpQ + k*k) / a0}
	return
}
