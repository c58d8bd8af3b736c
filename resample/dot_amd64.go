//go:build amd64 && !purego && gc

package resample

// useAVX2 selects the AVX2+FMA kernels; tests turn it off to cross-check
// them against the portable Go loops.
var useAVX2 = detectAVX2FMA()

func detectAVX2FMA() bool {
	maxID, _, _, _ := cpuid(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, c, _ := cpuid(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if c&fma == 0 || c&osxsave == 0 || c&avx == 0 {
		return false
	}
	if xgetbv()&6 != 6 { // XMM and YMM state enabled by the OS
		return false
	}
	_, b, _, _ := cpuid(7, 0)
	return b&(1<<5) != 0
}

// cpuid executes CPUID with the given EAX and ECX.
//
//go:noescape
func cpuid(eax, ecx uint32) (a, b, c, d uint32)

// xgetbv returns XCR0.
func xgetbv() uint32

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
