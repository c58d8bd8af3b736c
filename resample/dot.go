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
// four outputs (integer decimation), the up kernels compute two or three
// rows at four consecutive window starts (integer upsampling); lane for
// lane they give bit-identical results to gen4, which tests check.
//
// The portable kernels below sum each lane as dotTree32 does: a
// pairwise tree over each block of 8 products, the block sums added in
// order. That keeps float32 rounding low (a lane is not one long
// sequential sum) and needs few registers.

// dotTree32 is one lane of the portable kernels: Σ x[j]·c[j] for
// len(c) a multiple of 8.
func dotTree32(x, c []float32) float32 {
	x = x[:len(c)]
	var s float32
	for len(c) >= 8 {
		a, b := x[:8:8], c[:8:8]
		s += ((a[0]*b[0] + a[1]*b[1]) + (a[2]*b[2] + a[3]*b[3])) +
			((a[4]*b[4] + a[5]*b[5]) + (a[6]*b[6] + a[7]*b[7]))
		x, c = x[8:], c[8:]
	}
	return s
}

// dotTree64 is dotTree32 for float64.
func dotTree64(x, c []float64) float64 {
	x = x[:len(c)]
	var s float64
	for len(c) >= 8 {
		a, b := x[:8:8], c[:8:8]
		s += ((a[0]*b[0] + a[1]*b[1]) + (a[2]*b[2] + a[3]*b[3])) +
			((a[4]*b[4] + a[5]*b[5]) + (a[6]*b[6] + a[7]*b[7]))
		x, c = x[8:], c[8:]
	}
	return s
}

// gen4Go32 is the portable four-output float32 kernel.
func gen4Go32(y *[4]float32, x0, x1, x2, x3, c0, c1, c2, c3 []float32) {
	y[0], y[1], y[2], y[3] = dotTree32(x0, c0), dotTree32(x1, c1), dotTree32(x2, c2), dotTree32(x3, c3)
}

// dec4Go32 is gen4Go32 with c0 = c1 = c2 = c3 = c.
func dec4Go32(y *[4]float32, x0, x1, x2, x3, c []float32) {
	y[0], y[1], y[2], y[3] = dotTree32(x0, c), dotTree32(x1, c), dotTree32(x2, c), dotTree32(x3, c)
}

// gen4Go64 is gen4Go32 for float64.
func gen4Go64(y *[4]float64, x0, x1, x2, x3, c0, c1, c2, c3 []float64) {
	y[0], y[1], y[2], y[3] = dotTree64(x0, c0), dotTree64(x1, c1), dotTree64(x2, c2), dotTree64(x3, c3)
}

// dec4Go64 is dec4Go32 for float64.
func dec4Go64(y *[4]float64, x0, x1, x2, x3, c []float64) {
	y[0], y[1], y[2], y[3] = dotTree64(x0, c), dotTree64(x1, c), dotTree64(x2, c), dotTree64(x3, c)
}

// gen4sGo32 is the portable gen4sF32 (the portable kernels have one lane
// arithmetic, so it is gen4Go32).
func gen4sGo32(y *[4]float32, x0, x1, x2, x3, c0, c1, c2, c3 []float32) {
	gen4Go32(y, x0, x1, x2, x3, c0, c1, c2, c3)
}

// up2Go32 is the portable up2F32: y[4r+i] = Σ_j x[i+j]·c_r[j], i < 4.
func up2Go32(y *[8]float32, x, c0, c1 []float32) {
	n := len(c0)
	dec4Go32((*[4]float32)(y[0:4]), x, x[1:], x[2:], x[3:n+3], c0)
	dec4Go32((*[4]float32)(y[4:8]), x, x[1:], x[2:], x[3:n+3], c1)
}

// up3Go32 is the portable up3F32.
func up3Go32(y *[12]float32, x, c0, c1, c2 []float32) {
	n := len(c0)
	dec4Go32((*[4]float32)(y[0:4]), x, x[1:], x[2:], x[3:n+3], c0)
	dec4Go32((*[4]float32)(y[4:8]), x, x[1:], x[2:], x[3:n+3], c1)
	dec4Go32((*[4]float32)(y[8:12]), x, x[1:], x[2:], x[3:n+3], c2)
}

// fir32Go32 sets y[i] = Σ_{j<n} x[i+j]·c[j] for i < 32, n = len(c) even:
// per lane, the even and the odd taps summed in order, then added (the
// lane arithmetic of fir32F32, which fuses the multiply-adds).
func fir32Go32(y *[32]float32, x, c []float32) { firGo(y[:], x, c) }

// fir16Go64 is fir32Go32 for float64, 16 outputs.
func fir16Go64(y *[16]float64, x, c []float64) { firGo(y[:], x, c) }

func firGo[T float32 | float64](y, x, c []T) {
	x = x[:len(y)-1+len(c)]
	for i := range y {
		xi := x[i : i+len(c)]
		var se, so T
		for j := 0; j+1 < len(c); j += 2 {
			se += xi[j] * c[j]
			so += xi[j+1] * c[j+1]
		}
		y[i] = se + so
	}
}

// dec4x2Go32 is the portable dec4x2F32: eight lanes, each summed as
// dotTree32.
func dec4x2Go32(y *[8]float32, x []float32, stride int, c0, c1 []float32) {
	n := len(c0)
	for k := 0; k < 4; k++ {
		w := x[k*stride : k*stride+n]
		y[k] = dotTree32(w, c0)
		y[4+k] = dotTree32(w, c1)
	}
}

// up2monoGo is up2mono without AVX-512: two four-window calls writing
// their outputs interleaved (y[2i+r]).
func up2monoGo(y *[16]float32, x, c0, c1 []float32) {
	up2f32i((*[8]float32)(y[0:8]), x, c0, c1)
	up2f32i((*[8]float32)(y[8:16]), x[4:], c0, c1)
}

// up3monoGo is up3mono without AVX-512: two four-window calls, y[3i+r].
func up3monoGo(y *[24]float32, x, c0, c1, c2 []float32) {
	up3f32i((*[12]float32)(y[0:12]), x, c0, c1, c2)
	up3f32i((*[12]float32)(y[12:24]), x[4:], c0, c1, c2)
}

// interleave reorders y from rows (y[w·r+i], w = len(y)/rows windows) to
// windows (y[rows·i+r]), rows ≤ 3 and w ≤ 4.
func interleave(y []float32, rows int) {
	var t [12]float32
	w := len(y) / rows
	for r := 0; r < rows; r++ {
		for i := 0; i < w; i++ {
			t[rows*i+r] = y[w*r+i]
		}
	}
	copy(y, t[:len(y)])
}
