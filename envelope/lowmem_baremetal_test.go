//go:build tinygo && baremetal

package envelope

// lowMemory: cortex-m-qemu has about 46 KB of heap for the whole test
// binary, so tests open each vector once (streaming) instead of twice.
const lowMemory = true
