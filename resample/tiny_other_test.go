//go:build !tinygo

package resample

const tinyTarget = false
