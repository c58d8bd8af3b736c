//go:build !amd64 || purego || !gc

package resample

// useAVX2 is always false without the amd64 kernels.
var useAVX2 = false

func dot32(a, b []float32) float32 { return dot32Go(a, b) }
func dot64(a, b []float64) float64 { return dot64Go(a, b) }

func gen4f32(y *[4]float32, x0, x1, x2, x3, c0, c1, c2, c3 []float32) {
	gen4Go32(y, x0, x1, x2, x3, c0, c1, c2, c3)
}

func dec4f32(y *[4]float32, x []float32, stride int, c []float32) {
	dec4Go32(y, x, x[stride:], x[2*stride:], x[3*stride:], c)
}

func gen4f64(y *[4]float64, x0, x1, x2, x3, c0, c1, c2, c3 []float64) {
	gen4Go64(y, x0, x1, x2, x3, c0, c1, c2, c3)
}

func dec4f64(y *[4]float64, x []float64, stride int, c []float64) {
	dec4Go64(y, x, x[stride:], x[2*stride:], x[3*stride:], c)
}

func gen4sf32(y *[4]float32, x0, x1, x2, x3, c0, c1, c2, c3 []float32) {
	gen4sGo32(y, x0, x1, x2, x3, c0, c1, c2, c3)
}

func up2f32(y *[8]float32, x, c0, c1 []float32) { up2Go32(y, x, c0, c1) }

func up2f32i(y *[8]float32, x, c0, c1 []float32) {
	up2Go32(y, x, c0, c1)
	interleave(y[:], 2)
}

func up3f32(y *[12]float32, x, c0, c1, c2 []float32) { up3Go32(y, x, c0, c1, c2) }

func up3f32i(y *[12]float32, x, c0, c1, c2 []float32) {
	up3Go32(y, x, c0, c1, c2)
	interleave(y[:], 3)
}

func fir32f32(y *[32]float32, x, c []float32) { fir32Go32(y, x, c) }

func fir16f64(y *[16]float64, x, c []float64) { fir16Go64(y, x, c) }

func dec4x2f32(y *[8]float32, x []float32, stride int, c0, c1 []float32) {
	dec4x2Go32(y, x, stride, c0, c1)
}

// useAVX512 is always false without the amd64 kernels.
var useAVX512 = false

func halfLanes32() (int, func(y, x, c []float32)) { return 32, fir32 }

func up2mono(y *[16]float32, x, c0, c1 []float32) { up2monoGo(y, x, c0, c1) }

func up3mono(y *[24]float32, x, c0, c1, c2 []float32) { up3monoGo(y, x, c0, c1, c2) }
