package resample

// dot32Go is the portable float32 dot product: four independent
// accumulators (two-way unrolled), bounds checks hoisted. The SIMD kernels
// compute the same sum in a different association order.
func dot32Go(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	for len(a) >= 8 {
		a8 := a[:8:8]
		b8 := b[:8:8]
		s0 += a8[0]*b8[0] + a8[4]*b8[4]
		s1 += a8[1]*b8[1] + a8[5]*b8[5]
		s2 += a8[2]*b8[2] + a8[6]*b8[6]
		s3 += a8[3]*b8[3] + a8[7]*b8[7]
		a, b = a[8:], b[8:]
	}
	for i := range a {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// dot64Go is dot32Go for float64.
func dot64Go(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	for len(a) >= 8 {
		a8 := a[:8:8]
		b8 := b[:8:8]
		s0 += a8[0]*b8[0] + a8[4]*b8[4]
		s1 += a8[1]*b8[1] + a8[5]*b8[5]
		s2 += a8[2]*b8[2] + a8[6]*b8[6]
		s3 += a8[3]*b8[3] + a8[7]*b8[7]
		a, b = a[8:], b[8:]
	}
	for i := range a {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// The four-output kernels below compute y[i] = Σ_j x_i[j]·c_i[j] for
// i = 0…3 over n taps, n a multiple of 8. Every output is computed by the
// same per-lane arithmetic whatever the other three lanes hold, so an
// output's value does not depend on which batch it was computed in (the
// resampler's output is independent of how its input is chunked). The
// dec4 variants are the gen4 kernels for one coefficient row shared by all
// four outputs (integer decimation); lane for lane they give bit-identical
// results to gen4 with four equal rows, which tests check.

// gen4Go32 is the portable four-output float32 kernel: per output four
// accumulators (taps j mod 4), summed pairwise.
func gen4Go32(y *[4]float32, x0, x1, x2, x3, c0, c1, c2, c3 []float32) {
	y[0] = dot4acc32(x0, c0)
	y[1] = dot4acc32(x1, c1)
	y[2] = dot4acc32(x2, c2)
	y[3] = dot4acc32(x3, c3)
}

// dec4Go32 is gen4Go32 with c0 = c1 = c2 = c3 = c.
func dec4Go32(y *[4]float32, x0, x1, x2, x3, c []float32) {
	gen4Go32(y, x0, x1, x2, x3, c, c, c, c)
}

// dot4acc32 is Σ x[j]·c[j] for j < len(c), a multiple of 8, in the
// order of the SIMD kernels (one lane of gen4F32): accumulators a_k take
// tap 16i+k, b_k tap 16i+8+k (a trailing block of 8 goes to a_k); then
// v_k = a_k+b_k and ((v0+v1)+(v2+v3)) + ((v4+v5)+(v6+v7)). Where Go fuses
// x·c+s into an FMA (arm64) the result equals the amd64 kernel's bit for
// bit.
func dot4acc32(x, c []float32) float32 {
	x = x[:len(c)]
	var a0, a1, a2, a3, a4, a5, a6, a7 float32
	var b0, b1, b2, b3, b4, b5, b6, b7 float32
	for len(c) >= 16 {
		x16, c16 := x[:16:16], c[:16:16]
		a0 += x16[0] * c16[0]
		a1 += x16[1] * c16[1]
		a2 += x16[2] * c16[2]
		a3 += x16[3] * c16[3]
		a4 += x16[4] * c16[4]
		a5 += x16[5] * c16[5]
		a6 += x16[6] * c16[6]
		a7 += x16[7] * c16[7]
		b0 += x16[8] * c16[8]
		b1 += x16[9] * c16[9]
		b2 += x16[10] * c16[10]
		b3 += x16[11] * c16[11]
		b4 += x16[12] * c16[12]
		b5 += x16[13] * c16[13]
		b6 += x16[14] * c16[14]
		b7 += x16[15] * c16[15]
		x, c = x[16:], c[16:]
	}
	if len(c) >= 8 {
		x8, c8 := x[:8:8], c[:8:8]
		a0 += x8[0] * c8[0]
		a1 += x8[1] * c8[1]
		a2 += x8[2] * c8[2]
		a3 += x8[3] * c8[3]
		a4 += x8[4] * c8[4]
		a5 += x8[5] * c8[5]
		a6 += x8[6] * c8[6]
		a7 += x8[7] * c8[7]
	}
	a0, a1, a2, a3 = a0+b0, a1+b1, a2+b2, a3+b3
	a4, a5, a6, a7 = a4+b4, a5+b5, a6+b6, a7+b7
	return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
}

// gen4Go64 is gen4Go32 for float64.
func gen4Go64(y *[4]float64, x0, x1, x2, x3, c0, c1, c2, c3 []float64) {
	y[0] = dot4acc64(x0, c0)
	y[1] = dot4acc64(x1, c1)
	y[2] = dot4acc64(x2, c2)
	y[3] = dot4acc64(x3, c3)
}

// dec4Go64 is dec4Go32 for float64.
func dec4Go64(y *[4]float64, x0, x1, x2, x3, c []float64) {
	gen4Go64(y, x0, x1, x2, x3, c, c, c, c)
}

// dot4acc64 is dot4acc32 for float64 in the order of gen4F64: a_k take
// tap 8i+k, b_k tap 8i+4+k (k < 4); v_k = a_k+b_k and (v0+v1)+(v2+v3).
func dot4acc64(x, c []float64) float64 {
	x = x[:len(c)]
	var a0, a1, a2, a3, b0, b1, b2, b3 float64
	for len(c) >= 8 {
		x8, c8 := x[:8:8], c[:8:8]
		a0 += x8[0] * c8[0]
		a1 += x8[1] * c8[1]
		a2 += x8[2] * c8[2]
		a3 += x8[3] * c8[3]
		b0 += x8[4] * c8[4]
		b1 += x8[5] * c8[5]
		b2 += x8[6] * c8[6]
		b3 += x8[7] * c8[7]
		x, c = x[8:], c[8:]
	}
	a0, a1, a2, a3 = a0+b0, a1+b1, a2+b2, a3+b3
	return (a0 + a1) + (a2 + a3)
}

// dot1acc32 is one lane of the single-accumulator kernels (gen4sF32,
// up2F32, up3F32): accumulator a_k takes taps 8i+k (len(c) a multiple of
// 8); then ((a0+a1)+(a2+a3)) + ((a4+a5)+(a6+a7)).
func dot1acc32(x, c []float32) float32 {
	x = x[:len(c)]
	var a0, a1, a2, a3, a4, a5, a6, a7 float32
	for len(c) >= 8 {
		x8, c8 := x[:8:8], c[:8:8]
		a0 += x8[0] * c8[0]
		a1 += x8[1] * c8[1]
		a2 += x8[2] * c8[2]
		a3 += x8[3] * c8[3]
		a4 += x8[4] * c8[4]
		a5 += x8[5] * c8[5]
		a6 += x8[6] * c8[6]
		a7 += x8[7] * c8[7]
		x, c = x[8:], c[8:]
	}
	return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
}

// gen4sGo32 is the portable gen4sF32.
func gen4sGo32(y *[4]float32, x0, x1, x2, x3, c0, c1, c2, c3 []float32) {
	y[0] = dot1acc32(x0, c0)
	y[1] = dot1acc32(x1, c1)
	y[2] = dot1acc32(x2, c2)
	y[3] = dot1acc32(x3, c3)
}

// up2Go32 is the portable up2F32: y[4r+i] = Σ_j x[i+j]·c_r[j], i < 4.
func up2Go32(y *[8]float32, x, c0, c1 []float32) {
	for i := 0; i < 4; i++ {
		y[i] = dot1acc32(x[i:], c0)
		y[4+i] = dot1acc32(x[i:], c1)
	}
}

// up3Go32 is the portable up3F32.
func up3Go32(y *[12]float32, x, c0, c1, c2 []float32) {
	for i := 0; i < 4; i++ {
		y[i] = dot1acc32(x[i:], c0)
		y[4+i] = dot1acc32(x[i:], c1)
		y[8+i] = dot1acc32(x[i:], c2)
	}
}
