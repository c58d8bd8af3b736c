package vad

import (
	_ "embed"
	"testing"
)

// hello-8k.s16le: espeak-ng -v en-us+f3 -s 150 "Hello teddy, shall we play?"
// at 8 kHz, with 0.5 s of silence before and after and Gaussian noise
// (σ = 60, about -55 dBFS) added; 16-bit little-endian mono. Speech spans
// frames 50-281 (10 ms).
//
//go:embed testdata/hello-8k.s16le
var helloClip []byte

func TestEspeakClip(t *testing.T) {
	for mode := 0; mode < 4; mode++ {
		d, _ := newT(8000, WithAggressiveness(mode))
		buf := make([]int16, 80)
		var dec []bool
		for off := 0; off+160 <= len(helloClip); off += 160 {
			for i := range buf {
				buf[i] = int16(uint16(helloClip[off+2*i]) | uint16(helloClip[off+2*i+1])<<8)
			}
			v, _ := d.Process(buf)
			dec = append(dec, v)
		}
		if f := fraction(dec, 52, 280); f < 0.9 {
			t.Errorf("mode %d: speech %.0f%% detected", mode, 100*f)
		}
		maxFA := 0.1
		if mode == 0 { // the permissive mode: isolated blips in the tail
			maxFA = 0.25
		}
		if f := fraction(dec, 20, 48); f > maxFA {
			t.Errorf("mode %d: leading silence %.0f%% speech", mode, 100*f)
		}
		if f := fraction(dec, 305, len(dec)); f > maxFA {
			t.Errorf("mode %d: trailing silence %.0f%% speech", mode, 100*f)
		}
	}
}
