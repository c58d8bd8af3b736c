//go:build tinygo

package wav

import "testing"

const testFrames = 64
const bigChunk = 256

func run(t *testing.T, name string, f func(t *testing.T)) {
	failed := t.Failed()
	f(t)
	if !failed && t.Failed() {
		t.Log("failed in case", name)
	}
}
