//go:build !tinygo

package wav

import "testing"

// testFrames is the signal length of round-trip tests; TinyGo's
// cortex-m-qemu target has tens of KB of heap, so it uses fewer.
const testFrames = 1234
const bigChunk = 4096 // samples; the chunking test reads with buffers of 1, 7 and bigChunk

// run is t.Run; under TinyGo it runs f inline, because every subtest's
// goroutine needs its own stack from cortex-m-qemu's ~54 KB heap.
func run(t *testing.T, name string, f func(t *testing.T)) { t.Run(name, f) }
