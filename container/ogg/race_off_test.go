//go:build !race

package ogg

const raceEnabled = false
