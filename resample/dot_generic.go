//go:build !amd64 || purego || !gc

package resample

// useAVX2 is always false without the amd64 kernels.
var useAVX2 = false

func dot32(a, b []float32) float32 { return dot32Go(a, b) }
func dot64(a, b []float64) float64 { return dot64Go(a, b) }
