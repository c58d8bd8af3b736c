//go:build tinygo

package resample

const tinyTarget = true
