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
	c := int32(code)
	step := stepTable[s.idx]
	diff := diffShift(step, c)
	if mul {
		diff = diffMul(step, c)
	}
	s.pred, s.idx = addDiff(s.pred, diff, c), nextIndex(s.idx, c)
	return int16(s.pred)
}

// The decoder step is split into helpers small enough to inline, so the
// decode loops (decodeBytes, decodeNibbles) keep the state in registers.
// (The mul test inside those loops costs nothing measurable: it always
// goes the same way.)

// diffShift is the reference's shift-and-add reconstruction of the
// difference, step>>3 + (b&4 ? step) + (b&2 ? step>>1) + (b&1 ? step>>2),
// without branches.
func diffShift(step, code int32) int32 {
	return step>>3 + (step & -(code >> 2 & 1)) + (step >> 1 & -(code >> 1 & 1)) + (step >> 2 & -(code & 1))
}

// diffMul is the [Multiply] reconstruction, (2m+1)·step/8.
func diffMul(step, code int32) int32 {
	return (2*(code&7) + 1) * step >> 3
}

// addDiff adds diff to pred with the code's sign bit, saturated.
func addDiff(pred, diff, code int32) int32 {
	neg := -(code >> 3 & 1) // -1 for a negative code
	return clamp16(pred + (diff ^ neg) - neg)
}

// nextIndex is the step index after a code (its magnitude bits), kept in
// 0..88.
func nextIndex(idx, code int32) int32 {
	return min(max(idx+indexTable[code&7], 0), maxIndex)
}

// decodeBytes decodes two codes per byte of p (the one at shift sh0
// first, then the one at sh1) into out[0], out[stride], out[2·stride], …
// and advances the state.
func (s *state) decodeBytes(out []int16, stride int, p []byte, sh0, sh1 uint8, mul bool) {
	if len(p) == 0 {
		return
	}
	out = out[:(2*len(p)-1)*stride+1]
	pred, idx := s.pred, s.idx
	j := 0
	for _, b := range p {
		c := int32(b >> sh0 & 15)
		step := stepTable[idx]
		diff := diffShift(step, c)
		if mul {
			diff = diffMul(step, c)
		}
		pred, idx = addDiff(pred, diff, c), nextIndex(idx, c)
		out[j] = int16(pred)
		c = int32(b >> sh1 & 15)
		step = stepTable[idx]
		diff = diffShift(step, c)
		if mul {
			diff = diffMul(step, c)
		}
		pred, idx = addDiff(pred, diff, c), nextIndex(idx, c)
		out[j+stride] = int16(pred)
		j += 2 * stride
	}
	s.pred, s.idx = pred, idx
}

// decodeNibbles decodes one code per byte of p, the one at shift sh, into
// out[0], out[stride], … (one channel of a raw stereo stream).
func (s *state) decodeNibbles(out []int16, stride int, p []byte, sh uint8, mul bool) {
	if len(p) == 0 {
		return
	}
	out = out[:(len(p)-1)*stride+1]
	pred, idx := s.pred, s.idx
	j := 0
	for _, b := range p {
		c := int32(b >> sh & 15)
		step := stepTable[idx]
		diff := diffShift(step, c)
		if mul {
			diff = diffMul(step, c)
		}
		pred, idx = addDiff(pred, diff, c), nextIndex(idx, c)
		out[j] = int16(pred)
		j += stride
	}
	s.pred, s.idx = pred, idx
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
	// The decoder's reconstruction (diffShift, addDiff, nextIndex) from the
	// comparison masks at hand: calling those helpers here instead
	// measured 10–30 % slower.
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
