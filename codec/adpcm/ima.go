package adpcm

// This file holds the IMA ADPCM core of the IMA recommendation
// ("Recommended Practices for Enhancing Digital Audio Compatibility in
// Multimedia Systems", rev. 3.00, 1992, section 6 and Appendix D "ADPCM
// reference algorithms"): the step-size and index-adjust tables, the
// decoder's reconstruction and the encoder's successive approximation.

// stepTable is the IMA step-size table (89 entries, index 0..88).
var stepTable = [89]int32{
	7, 8, 9, 10, 11, 12, 13, 14, 16, 17,
	19, 21, 23, 25, 28, 31, 34, 37, 41, 45,
	50, 55, 60, 66, 73, 80, 88, 97, 107, 118,
	130, 143, 157, 173, 190, 209, 230, 253, 279, 307,
	337, 371, 408, 449, 494, 544, 598, 658, 724, 796,
	876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066,
	2272, 2499, 2749, 3024, 3327, 3660, 4026, 4428, 4871, 5358,
	5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899,
	15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794, 32767,
}

// indexTable is the IMA index adjustment for the three magnitude bits.
var indexTable = [8]int32{-1, -1, -1, -1, 2, 4, 6, 8}

// maxIndex is the largest step index.
const maxIndex = 88

// state is one channel's predictor: the last reconstructed sample and the
// step index.
type state struct {
	pred int32 // -32768..32767
	idx  int32 // 0..88
}

// decode reconstructs the next sample from the 4-bit code (IMA 1992,
// Appendix D, decoder) and advances the state. mul selects the
// [Multiply] arithmetic instead of [ShiftAdd].
func (s *state) decode(code uint8, mul bool) int16 {
	step := stepTable[s.idx]
	m := int32(code & 7)
	var diff int32
	if mul {
		diff = (2*m + 1) * step >> 3
	} else {
		// diff = step>>3 + (b&4 ? step) + (b&2 ? step>>1) + (b&1 ? step>>2),
		// without branches.
		diff = step>>3 + (step & -(m >> 2)) + (step >> 1 & -(m >> 1 & 1)) + (step >> 2 & -(m & 1))
	}
	neg := -int32(code >> 3 & 1) // -1 for a negative code
	p := clamp16(s.pred + (diff ^ neg) - neg)
	s.pred = p
	i := s.idx + indexTable[m]
	if i < 0 {
		i = 0
	} else if i > maxIndex {
		i = maxIndex
	}
	s.idx = i
	return int16(p)
}

// clamp16 limits v to the int16 range.
func clamp16(v int32) int32 {
	if v < -32768 {
		return -32768
	}
	if v > 32767 {
		return 32767
	}
	return v
}

// encode chooses the code for sample x by successive approximation
// against the step size (IMA 1992, Appendix D, encoder): sign bit, then
// step, step/2 and step/4 subtracted in turn. It then advances the state
// exactly as the decoder will, so encoder and decoder never drift. The
// comparisons are done with masks instead of branches (speech makes them
// unpredictable); the result is the reference algorithm's.
func (s *state) encode(x int16, mul bool) uint8 {
	step := stepTable[s.idx]
	d := int32(x) - s.pred
	neg := d >> 31 // -1 if d < 0
	d = (d ^ neg) - neg
	m4 := ^((d - step) >> 31) // -1 if d >= step
	d -= step & m4
	h := step >> 1
	m2 := ^((d - h) >> 31)
	d -= h & m2
	q := step >> 2
	m1 := ^((d - q) >> 31)
	code := uint8(neg&8 | m4&4 | m2&2 | m1&1)
	if mul {
		s.decode(code, true)
		return code
	}
	diff := step>>3 + step&m4 + h&m2 + q&m1
	s.pred = clamp16(s.pred + (diff ^ neg) - neg)
	i := s.idx + indexTable[code&7]
	if i < 0 {
		i = 0
	} else if i > maxIndex {
		i = maxIndex
	}
	s.idx = i
	return code
}
