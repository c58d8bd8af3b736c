package g722

// The quadrature mirror filters of G.722 section 6.1 (transmit, block
// "Transmit QMF") and 6.2.3/6.3 (receive QMF). Both use the 24
// coefficients of Table 11, h0..h23, which are symmetric (h(i) =
// h(23-i)), split here into even and odd phases:
//
//	hEven[i] = h(2i), hOdd[i] = h(2i+1), i = 0..11.
var (
	hEven = [12]int32{3, -11, 12, 32, -210, 951, 3876, -805, 362, -156, 53, -11}
	hOdd  = [12]int32{-11, 53, -156, 362, -805, 3876, 951, -210, 32, 12, -11, 3}
)

// delay is a 12-tap delay line kept twice over, so the newest 12 values
// are always the contiguous window buf[pos:pos+12], newest first.
type delay struct {
	buf [24]int32
	pos int
}

// push inserts v and returns the window, newest first.
func (l *delay) push(v int32) *[12]int32 {
	p := l.pos - 1
	if p < 0 {
		p = 11
	}
	l.pos = p
	l.buf[p] = v
	l.buf[p+12] = v
	return (*[12]int32)(l.buf[p : p+12])
}

// dot12 is the 12-tap inner product of one filter phase.
func dot12(h, x *[12]int32) int32 {
	return h[0]*x[0] + h[1]*x[1] + h[2]*x[2] + h[3]*x[3] +
		h[4]*x[4] + h[5]*x[5] + h[6]*x[6] + h[7]*x[7] +
		h[8]*x[8] + h[9]*x[9] + h[10]*x[10] + h[11]*x[11]
}
