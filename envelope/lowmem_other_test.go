//go:build !(tinygo && baremetal)

package envelope

const lowMemory = false
