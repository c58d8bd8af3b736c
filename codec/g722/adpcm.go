package g722

// The sub-band ADPCM of G.722 section 6 (fixed-point description), shared
// by the encoder and decoder. Both bands run the same block 4 (predictor
// adaptation); they differ in the quantisers and in the scale-factor
// tables. All values are the 16-bit two's-complement words of the
// Recommendation held in int32, with the Recommendation's limiting made
// explicit.

// band is the adaptive state of one sub-band (G.722 sections 6.2.1.4–6.2.1.5
// for the lower band, 6.2.2 for the higher band).
type band struct {
	s   int32    // predictor output SL/SH (PREDIC)
	sz  int32    // zero-section output SZL/SZH (FILTEZ)
	r   [3]int32 // reconstructed signal RLT, delayed 0..2
	p   [3]int32 // partially reconstructed signal PLT, delayed 0..2
	a   [3]int32 // pole coefficients AL1, AL2 (index 1, 2)
	b   [7]int32 // zero coefficients BL1..BL6
	d   [7]int32 // quantised difference DLT, delayed 0..6
	nb  int32    // log scale factor NBL/NBH
	det int32    // scale factor DETL/DETH
}

func (s *band) reset(det int32) { *s = band{det: det} }

// sat16 limits x to the 16-bit range, as the Recommendation's limiters.
func sat16(x int32) int32 {
	if x > 32767 {
		return 32767
	}
	if x < -32768 {
		return -32768
	}
	return x
}

// Lower-band tables (G.722 section 6.2.1, Tables 14–19).
var (
	// q6 holds the 6-bit quantiser's decision levels in units of the
	// scale factor, the magnitudes of Table 14 scaled by 2^12 (QUANTL).
	q6 = [32]int32{
		0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
		786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0,
	}
	// iln and ilp map the decision interval to the 6-bit code for a
	// negative and a non-negative difference (QUANTL, Table 14).
	iln = [32]uint8{
		0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
		18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0,
	}
	ilp = [32]uint8{
		0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
		46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0,
	}
	// qm4, qm5 and qm6 are the 4-, 5- and 6-bit inverse quantiser
	// outputs, scaled by 2^15, indexed by the code (INVQAL, INVQBL;
	// Tables 15–17).
	qm4 = [16]int32{
		0, -20456, -12896, -8968, -6288, -4240, -2584, -1200,
		20456, 12896, 8968, 6288, 4240, 2584, 1200, 0,
	}
	qm5 = [32]int32{
		-280, -280, -23352, -17560, -14120, -11664, -9752, -8184,
		-6864, -5712, -4696, -3784, -2960, -2208, -1520, -880,
		23352, 17560, 14120, 11664, 9752, 8184, 6864, 5712,
		4696, 3784, 2960, 2208, 1520, 880, 280, -280,
	}
	qm6 = [64]int32{
		-136, -136, -136, -136, -24808, -21904, -19008, -16704,
		-14984, -13512, -12280, -11192, -10232, -9360, -8576, -7856,
		-7192, -6576, -6000, -5456, -4944, -4464, -4008, -3576,
		-3168, -2776, -2400, -2032, -1688, -1360, -1040, -728,
		24808, 21904, 19008, 16704, 14984, 13512, 12280, 11192,
		10232, 9360, 8576, 7856, 7192, 6576, 6000, 5456,
		4944, 4464, 4008, 3576, 3168, 2776, 2400, 2032,
		1688, 1360, 1040, 728, 432, 136, -432, -136,
	}
	// rl42 folds a 4-bit code to its magnitude index and wl is the
	// log-scale-factor multiplier per index (LOGSCL, Table 18).
	rl42 = [16]uint8{0, 7, 6, 5, 4, 3, 2, 1, 7, 6, 5, 4, 3, 2, 1, 0}
	wl   = [8]int32{-60, -30, 58, 172, 334, 538, 1198, 3042}
	// ilb is the antilog table of SCALEL and SCALEH (Table 19):
	// 2048*2^(i/32), i = 0..31.
	ilb = [32]int32{
		2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383,
		2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
		2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371,
		3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008,
	}
)

// Higher-band tables (G.722 section 6.2.2, Tables 20–22).
var (
	// qm2 is the 2-bit inverse quantiser output, scaled by 2^15 (INVQAH).
	qm2 = [4]int32{-7408, -1616, 7408, 1616}
	// rh2 maps the 2-bit code to its magnitude index and wh is the log
	// scale-factor multiplier (LOGSCH).
	rh2 = [4]uint8{2, 1, 2, 1}
	wh  = [3]int32{0, -214, 798}
)

// Scale-factor limits (LOGSCL, LOGSCH) and initial DETL/DETH (section
// 6.2.1.6, reset state).
const (
	nblMax  = 18432
	nbhMax  = 22528
	detLow  = 32
	detHigh = 8
)

// adaptLow runs the lower band's LOGSCL and SCALEL (G.722 sections
// 6.2.1.4) for the 4-bit code il4 (the 6-bit code with its two least
// significant bits dropped).
func (s *band) adaptLow(il4 int32) {
	nb := (s.nb*127)>>7 + wl[rl42[il4&15]]
	if nb < 0 {
		nb = 0
	} else if nb > nblMax {
		nb = nblMax
	}
	s.nb = nb
	s.det = scale(nb, 8)
}

// adaptHigh runs the higher band's LOGSCH and SCALEH (G.722 section
// 6.2.2.3) for the 2-bit code ih.
func (s *band) adaptHigh(ih int32) {
	nb := (s.nb*127)>>7 + wh[rh2[ih&3]]
	if nb < 0 {
		nb = 0
	} else if nb > nbhMax {
		nb = nbhMax
	}
	s.nb = nb
	s.det = scale(nb, 10)
}

// scale is SCALEL/SCALEH: the antilog of the log scale factor nb,
// 4*ilb[(nb>>6)&31] shifted by the integer part (nb>>11) against bias.
func scale(nb, bias int32) int32 {
	sh := bias - nb>>11
	v := ilb[(nb>>6)&31]
	if sh < 0 {
		v <<= uint(-sh)
	} else {
		v >>= uint(sh)
	}
	return v << 2
}

// update is block 4 of G.722 (section 6.2.1.5 for the lower band, 6.2.2.4
// for the higher band): it takes the quantised difference dx, updates the
// pole and zero predictor coefficients and the delay lines, and computes
// the next prediction s.s. The steps are RECONS, PARREC, UPPOL2, UPPOL1,
// UPZERO, DELAYA, FILTEP, FILTEZ and PREDIC, in the Recommendation's order.
func (s *band) update(dx int32) {
	// RECONS and PARREC.
	r := sat16(s.s + dx)
	p := sat16(s.sz + dx)

	// Signs, with zero counted positive (SG = bit 15).
	sg0 := p >> 15
	sg1 := s.p[1] >> 15
	sg2 := s.p[2] >> 15
	// Note: s.p[1], s.p[2] are PLT delayed by one and two samples; index
	// 0 is unused between calls.

	// UPPOL2: AL2 = AL2*(1-2^-7) + 2^-7*sgn(p*p2) - 2^-7*f(AL1)*sgn(p*p1).
	wd1 := sat16(s.a[1] << 2)
	var wd2 int32
	if sg0 == sg1 {
		wd2 = -wd1
	} else {
		wd2 = wd1
	}
	if wd2 > 32767 {
		wd2 = 32767
	}
	wd3 := wd2 >> 7
	if sg0 == sg2 {
		wd3 += 128
	} else {
		wd3 -= 128
	}
	wd3 += (s.a[2] * 32512) >> 15
	if wd3 > 12288 {
		wd3 = 12288
	} else if wd3 < -12288 {
		wd3 = -12288
	}
	a2 := wd3

	// UPPOL1: AL1 = AL1*(1-2^-8) + 3*2^-8*sgn(p*p1), |AL1| <= 1-2^-4-AL2.
	if sg0 == sg1 {
		wd1 = 192
	} else {
		wd1 = -192
	}
	a1 := sat16(wd1 + (s.a[1]*32640)>>15)
	lim := sat16(15360 - a2)
	if a1 > lim {
		a1 = lim
	} else if a1 < -lim {
		a1 = -lim
	}

	// UPZERO: BLi = BLi*(1-2^-8) + 2^-7*sgn(dx)*sgn(dx_i).
	var step int32
	if dx != 0 {
		step = 128
	}
	sgd := dx >> 15
	b := &s.b
	d := &s.d
	for i := 1; i < 7; i++ {
		w := step
		if d[i]>>15 != sgd {
			w = -step
		}
		b[i] = sat16(w + (b[i]*32640)>>15)
	}

	// DELAYA.
	for i := 6; i > 1; i-- {
		d[i] = d[i-1]
	}
	d[1] = dx
	s.r[2], s.r[1] = s.r[1], r
	s.p[2], s.p[1] = s.p[1], p
	s.a[1], s.a[2] = a1, a2

	// FILTEP: SPL = AL1*2*RLT1 + AL2*2*RLT2.
	sp := sat16((a1*sat16(s.r[1]+s.r[1]))>>15 + (a2*sat16(s.r[2]+s.r[2]))>>15)

	// FILTEZ: SZL = sum BLi*2*DLTi.
	var sz int32
	for i := 6; i > 0; i-- {
		sz += (b[i] * sat16(d[i]+d[i])) >> 15
	}
	sz = sat16(sz)
	s.sz = sz

	// PREDIC.
	s.s = sat16(sp + sz)
}
