package main

// scrubFrames*~250 bytes cover the stack a turn uses below Step: 3.5 KB,
// measured on cortex-m-qemu (the Player's Ed25519 and X25519 go deepest).
// Step runs near the top of the 8 KB goroutine stack (main has 7.4 KB
// below its frame), so the scrub stays inside it.
const scrubFrames = 16

// scrubStack zeroes about n*250 bytes of the goroutine stack below its
// caller's frame. TinyGo's conservative collector scans a goroutine's
// whole stack allocation, dead frames included: words the crypto left
// there kept a dropped Player alive (5 KB, measured), and the Recorder
// built next then found the heap too fragmented. (Locals over 256 bytes go
// to the heap under TinyGo, hence the recursion.)
//
//go:noinline
func scrubStack(n int) {
	var b [60]uint32
	if n > 1 {
		scrubStack(n - 1)
	}
	zero(b[:]) // after the call: before it, the recursion becomes a loop in one frame
}

//go:noinline
func zero(b []uint32) {
	for i := range b {
		b[i] = 0
	}
}
