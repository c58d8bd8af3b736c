package vad

import "runtime"

// An integer-only test signal, identical on every platform (no floating
// point, so no FMA or libm differences): low white noise with bursts of a
// speech-like voiced sound (10 harmonics with a gliding pitch and a 4 Hz
// syllable envelope), generated frame by frame so tests need no large
// buffers (TinyGo's cortex-m-qemu has little heap).

type sigGen struct {
	rate  int
	n     int    // samples generated
	seed  uint32 // noise LCG
	phase uint32 // fundamental phase, 2^32 = one cycle
	plan  []sigPart
}

type sigPart struct {
	ms     int
	speech bool
}

// defaultPlan: 600 ms noise, 500 ms speech, 500 ms noise, 400 ms speech,
// 500 ms noise.
var defaultPlan = []sigPart{{600, false}, {500, true}, {500, false}, {400, true}, {500, false}}

func newSig(rate int, plan []sigPart) *sigGen {
	return &sigGen{rate: rate, seed: 12345, plan: plan}
}

// total returns the signal's length in samples.
func (g *sigGen) total() int {
	t := 0
	for _, p := range g.plan {
		t += p.ms * g.rate / 1000
	}
	return t
}

func icos(p uint32) int32 { // p: 2^32 = one cycle; Q15
	k := p >> 24
	if k >= 128 {
		k = 256 - k
		if k == 128 {
			return -32768
		}
	}
	return cosTab[k]
}

// fill writes the next len(buf) samples.
func (g *sigGen) fill(buf []int16) {
	for i := range buf {
		// which part are we in?
		t, pos := 0, g.n
		speech := false
		inPart := 0
		for _, p := range g.plan {
			l := p.ms * g.rate / 1000
			if pos < t+l {
				speech = p.speech
				inPart = pos - t
				break
			}
			t += l
		}
		g.seed = g.seed*1664525 + 1013904223
		v := int32(g.seed>>16) - 32768 // ±32768
		v >>= 7                        // noise ≈ -48 dBFS
		if speech {
			// pitch glides 120..180 Hz over 400 ms (triangle)
			cyc := inPart * 1000 / g.rate % 400
			if cyc > 200 {
				cyc = 400 - cyc
			}
			f0 := 120 + cyc*60/200
			g.phase += uint32(uint64(f0) << 32 / uint64(g.rate))
			var acc int32
			for h := uint32(1); h <= 10; h++ {
				if int(h)*f0*2 >= g.rate {
					break
				}
				acc += icos(g.phase*h) / int32(h)
			}
			// syllable envelope: 4 Hz triangle between 0.2 and 1
			e := inPart * 4000 / g.rate % 1000 // 0..999 per 250 ms
			if e > 500 {
				e = 1000 - e
			}
			env := int32(200 + e*8/5) // 200..1000 per mille
			v += acc / 4 * env / 1000
		}
		if v > 32767 {
			v = 32767
		} else if v < -32768 {
			v = -32768
		}
		buf[i] = int16(v)
		g.n++
	}
}

// newT is New after a garbage collection: TinyGo's cortex-m-qemu heap is a
// few tens of KB, and tests make many detectors.
func newT(rate int, opts ...Option) (*Detector, error) {
	runtime.GC()
	return New(rate, opts...)
}
