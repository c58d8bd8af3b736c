//go:build amd64 && !purego && gc

package resample

import "golang.org/x/sys/cpu"

// useAVX2 selects the AVX2+FMA kernels; tests turn it off to cross-check
// them against the portable Go loops. The CPU features come from
// golang.org/x/sys/cpu, which honours GODEBUG: GODEBUG=cpu.avx512f=off
// runs the AVX2 kernels on an AVX-512 machine, cpu.avx2=off the portable
// Go loops.
var useAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// useAVX512 selects the AVX-512 kernels (F and DQ, with the OS saving the
// opmask and ZMM state): bit-identical twins of the AVX2 ones, and the
// mono 1:2 and 1:3 upsamplers' own kernels (up2mono, up3mono).
var useAVX512 = useAVX2 && cpu.X86.HasAVX512F && cpu.X86.HasAVX512DQ

// dot32AVX returns Σ a[i]·b[i] for i < n with eight-lane FMA and four
// accumulators. Equivalent Go: dot32Go (different association order).
//
//go:noescape
func dot32AVX(a, b *float32, n int) float32

// dot64AVX is dot32AVX for float64 (four lanes). Equivalent Go: dot64Go.
//
//go:noescape
func dot64AVX(a, b *float64, n int) float64

func dot32(a, b []float32) float32 {
	if useAVX2 && len(a) >= 8 {
		b = b[:len(a)]
		return dot32AVX(&a[0], &b[0], len(a))
	}
	return dot32Go(a, b)
}

func dot64(a, b []float64) float64 {
	if useAVX2 && len(a) >= 4 {
		b = b[:len(a)]
		return dot64AVX(&a[0], &b[0], len(a))
	}
	return dot64Go(a, b)
}

// gen4F32 sets y[i] = Σ_{j<n} x_i[j]·c_i[j] for i = 0…3, n a multiple of
// 8: per output two eight-lane FMA accumulators (even and odd blocks of 8
// taps), summed and reduced pairwise. Equivalent Go: gen4Go32 (different
// association order).
//
//go:noescape
func gen4F32(x0, x1, x2, x3, c0, c1, c2, c3 *float32, n int, y *[4]float32)

// dec4F32 is gen4F32 with one coefficient row c for all four outputs and
// x_i = x + i·stride; lane for lane bit-identical to gen4F32.
//
//go:noescape
func dec4F32(x *float32, stride int, c *float32, n int, y *[4]float32)

// gen4F64 is gen4F32 for float64 (four-lane accumulators, n a multiple
// of 8). Equivalent Go: gen4Go64.
//
//go:noescape
func gen4F64(x0, x1, x2, x3, c0, c1, c2, c3 *float64, n int, y *[4]float64)

// dec4F64 is dec4F32 for float64.
//
//go:noescape
func dec4F64(x *float64, stride int, c *float64, n int, y *[4]float64)

func gen4f32(y *[4]float32, x0, x1, x2, x3, c0, c1, c2, c3 []float32) {
	n := len(c0)
	if useAVX2 && n >= 8 && n%8 == 0 {
		_, _, _, _ = x0[n-1], x1[n-1], x2[n-1], x3[n-1]
		_, _, _ = c1[n-1], c2[n-1], c3[n-1]
		if useAVX512 {
			gen4Z32(&x0[0], &x1[0], &x2[0], &x3[0], &c0[0], &c1[0], &c2[0], &c3[0], n, y)
			return
		}
		gen4F32(&x0[0], &x1[0], &x2[0], &x3[0], &c0[0], &c1[0], &c2[0], &c3[0], n, y)
		return
	}
	gen4Go32(y, x0, x1, x2, x3, c0, c1, c2, c3)
}

// dec4f32 computes four outputs whose windows start stride apart in x
// (len(x) ≥ 3·stride + len(c)) with the one row c.
func dec4f32(y *[4]float32, x []float32, stride int, c []float32) {
	n := len(c)
	if useAVX2 && n >= 8 && n%8 == 0 {
		_ = x[3*stride+n-1]
		if useAVX512 {
			dec4Z32(&x[0], stride, &c[0], n, y)
			return
		}
		dec4F32(&x[0], stride, &c[0], n, y)
		return
	}
	dec4Go32(y, x, x[stride:], x[2*stride:], x[3*stride:], c)
}

func gen4f64(y *[4]float64, x0, x1, x2, x3, c0, c1, c2, c3 []float64) {
	n := len(c0)
	if useAVX2 && n >= 8 && n%8 == 0 {
		_, _, _, _ = x0[n-1], x1[n-1], x2[n-1], x3[n-1]
		_, _, _ = c1[n-1], c2[n-1], c3[n-1]
		gen4F64(&x0[0], &x1[0], &x2[0], &x3[0], &c0[0], &c1[0], &c2[0], &c3[0], n, y)
		return
	}
	gen4Go64(y, x0, x1, x2, x3, c0, c1, c2, c3)
}

func dec4f64(y *[4]float64, x []float64, stride int, c []float64) {
	n := len(c)
	if useAVX2 && n >= 8 && n%8 == 0 {
		_ = x[3*stride+n-1]
		dec4F64(&x[0], stride, &c[0], n, y)
		return
	}
	dec4Go64(y, x, x[stride:], x[2*stride:], x[3*stride:], c)
}

// gen4sF32 is gen4F32 with one accumulator per output (the lane
// arithmetic of up2F32 and up3F32). Equivalent Go: gen4sGo32.
//
//go:noescape
func gen4sF32(x0, x1, x2, x3, c0, c1, c2, c3 *float32, n int, y *[4]float32)

// up2F32 sets y[4r+i] = Σ_{j<n} x[i+j]·c_r[j] for rows r < 2 and i < 4,
// loading each input vector once for both rows; with il ≠ 0 it stores
// them interleaved, y[2i+r]. Equivalent Go: up2Go32.
//
//go:noescape
func up2F32(x, c0, c1 *float32, n int, y *[8]float32, il int)

// up3F32 is up2F32 for three rows (interleaved: y[3i+r]). Equivalent Go:
// up3Go32.
//
//go:noescape
func up3F32(x, c0, c1, c2 *float32, n int, y *[12]float32, il int)

func gen4sf32(y *[4]float32, x0, x1, x2, x3, c0, c1, c2, c3 []float32) {
	n := len(c0)
	if useAVX2 && n >= 8 && n%8 == 0 {
		_, _, _, _ = x0[n-1], x1[n-1], x2[n-1], x3[n-1]
		_, _, _ = c1[n-1], c2[n-1], c3[n-1]
		gen4sF32(&x0[0], &x1[0], &x2[0], &x3[0], &c0[0], &c1[0], &c2[0], &c3[0], n, y)
		return
	}
	gen4sGo32(y, x0, x1, x2, x3, c0, c1, c2, c3)
}

// up2f32 sets y[4r+i] = Σ_j x[i+j]·c_r[j] for rows r < 2 and windows
// i < 4; len(x) ≥ len(c0)+3.
func up2f32(y *[8]float32, x, c0, c1 []float32) { up2f32il(y, x, c0, c1, 0) }

// up2f32i is up2f32 with the outputs interleaved, y[2i+r], bit for bit.
func up2f32i(y *[8]float32, x, c0, c1 []float32) { up2f32il(y, x, c0, c1, 1) }

func up2f32il(y *[8]float32, x, c0, c1 []float32, il int) {
	n := len(c0)
	if useAVX2 && n >= 8 && n%8 == 0 {
		_, _ = x[n+2], c1[n-1]
		up2F32(&x[0], &c0[0], &c1[0], n, y, il)
		return
	}
	up2Go32(y, x, c0, c1)
	if il != 0 {
		interleave(y[:], 2)
	}
}

// up3f32 is up2f32 for three rows: y[4r+i], r < 3.
func up3f32(y *[12]float32, x, c0, c1, c2 []float32) { up3f32il(y, x, c0, c1, c2, 0) }

// up3f32i is up3f32 with the outputs interleaved, y[3i+r], bit for bit.
func up3f32i(y *[12]float32, x, c0, c1, c2 []float32) { up3f32il(y, x, c0, c1, c2, 1) }

func up3f32il(y *[12]float32, x, c0, c1, c2 []float32, il int) {
	n := len(c0)
	if useAVX2 && n >= 8 && n%8 == 0 {
		_, _, _ = x[n+2], c1[n-1], c2[n-1]
		up3F32(&x[0], &c0[0], &c1[0], &c2[0], n, y, il)
		return
	}
	up3Go32(y, x, c0, c1, c2)
	if il != 0 {
		interleave(y[:], 3)
	}
}

// fir32F32 sets y[i] = Σ_{j<n} x[i+j]·c[j] for i < 32 and even n > 0
// (a short FIR at 32 consecutive outputs: the half-band stages). Each
// lane sums its even and its odd taps in two FMA chains and adds them.
// Equivalent Go: fir32Go32.
//
//go:noescape
func fir32F32(x, c *float32, n int, y *[32]float32)

// fir16F64 is fir32F32 for float64, 16 outputs. Equivalent Go: fir16Go64.
//
//go:noescape
func fir16F64(x, c *float64, n int, y *[16]float64)

// fir32f32 is fir32F32 on slices: len(x) ≥ 31 + len(c).
func fir32f32(y *[32]float32, x, c []float32) {
	n := len(c)
	if useAVX2 && n >= 2 && n%2 == 0 {
		_ = x[31+n-1]
		fir32F32(&x[0], &c[0], n, y)
		return
	}
	fir32Go32(y, x, c)
}

// fir16f64 is fir16F64 on slices: len(x) ≥ 15 + len(c).
func fir16f64(y *[16]float64, x, c []float64) {
	n := len(c)
	if useAVX2 && n >= 2 && n%2 == 0 {
		_ = x[15+n-1]
		fir16F64(&x[0], &c[0], n, y)
		return
	}
	fir16Go64(y, x, c)
}

// dec4x2F32 computes eight outputs: four windows stride apart in x, each
// with two rows c0 and c1 (y[0:4] with c0, y[4:8] with c1), loading each
// input vector once for both rows. One accumulator per output; n a
// multiple of 8. Equivalent Go: dec4x2Go32.
//
//go:noescape
func dec4x2F32(x *float32, stride int, c0, c1 *float32, n int, y *[8]float32)

// dec4x2Z32 is dec4x2F32 with AVX-512, bit for bit.
//
//go:noescape
func dec4x2Z32(x *float32, stride int, c0, c1 *float32, n int, y *[8]float32)

// dec4x2f32 computes y[k] = Σ_j x[k·stride+j]·c0[j] and y[4+k] the same
// with c1, k < 4 (len(x) ≥ 3·stride + len(c0), len(c1) = len(c0)).
func dec4x2f32(y *[8]float32, x []float32, stride int, c0, c1 []float32) {
	n := len(c0)
	if useAVX2 && n >= 8 && n%8 == 0 {
		_ = x[3*stride+n-1]
		_ = c1[n-1]
		if useAVX512 {
			dec4x2Z32(&x[0], stride, &c0[0], &c1[0], n, y)
			return
		}
		dec4x2F32(&x[0], stride, &c0[0], &c1[0], n, y)
		return
	}
	dec4x2Go32(y, x, stride, c0, c1)
}

// fir64Z32 computes 64 consecutive outputs with fir32F32's per-lane
// arithmetic, with AVX-512.
//
//go:noescape
func fir64Z32(x, c *float32, n int, y *[64]float32)

// halfLanes32 returns the outputs per call of the float32 half-band kernel
// and the kernel: 64 with AVX-512, else 32.
func halfLanes32() (int, func(y, x, c []float32)) {
	if useAVX512 && useAVX2 {
		return 64, fir64z
	}
	return 32, fir32
}

func fir64z(y, x, c []float32) {
	n := len(c)
	if n >= 2 && n%2 == 0 {
		_ = x[63+n-1]
		fir64Z32(&x[0], &c[0], n, (*[64]float32)(y))
		return
	}
	firGo(y, x, c)
}

// gen4Z32 is gen4F32 with AVX-512, bit for bit.
//
//go:noescape
func gen4Z32(x0, x1, x2, x3, c0, c1, c2, c3 *float32, n int, y *[4]float32)

// dec4Z32 is dec4F32 with AVX-512, bit for bit.
//
//go:noescape
func dec4Z32(x *float32, stride int, c *float32, n int, y *[4]float32)

// up2x8Z32 computes 16 outputs of mono 1:2 upsampling: eight windows at
// consecutive x, two rows each, interleaved (y[2i+r]), with AVX-512.
//
//go:noescape
func up2x8Z32(x, c0, c1 *float32, n int, y *[16]float32)

// up2mono is the kernel of mono 1:2 upsampling with both rows computed:
// eight consecutive windows (len(x) ≥ len(c0)+7), y[2i+r] for row r and
// window i (the stream's output order). Every output of such a stage goes
// through it.
func up2mono(y *[16]float32, x, c0, c1 []float32) {
	n := len(c0)
	if useAVX512 && useAVX2 && n >= 8 && n%8 == 0 {
		_ = x[n+6]
		_ = c1[n-1]
		up2x8Z32(&x[0], &c0[0], &c1[0], n, y)
		return
	}
	up2monoGo(y, x, c0, c1)
}

// up3x8Z32 computes 24 outputs of mono 1:3 upsampling: eight windows at
// consecutive x, three rows each, interleaved (y[3i+r]), with AVX-512.
//
//go:noescape
func up3x8Z32(x, c0, c1, c2 *float32, n int, y *[24]float32)

// up3mono is the kernel of mono 1:3 upsampling with all rows computed:
// eight consecutive windows (len(x) ≥ len(c0)+7), y[3i+r] for row r and
// window i.
func up3mono(y *[24]float32, x, c0, c1, c2 []float32) {
	n := len(c0)
	if useAVX512 && useAVX2 && n >= 8 && n%8 == 0 {
		_ = x[n+6]
		_, _ = c1[n-1], c2[n-1]
		up3x8Z32(&x[0], &c0[0], &c1[0], &c2[0], n, y)
		return
	}
	up3monoGo(y, x, c0, c1, c2)
}
