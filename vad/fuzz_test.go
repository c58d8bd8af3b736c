//go:build !tinygo

package vad

import (
	"errors"
	"fmt"
	"testing"
)

// FuzzProcess feeds arbitrary bytes as PCM (in frames of FrameLen, plus a
// wrong-length tail) at every rate, frame size and mode: no panics, only
// ErrFrameSize for the tail, the same decisions after Reset, and the
// Segmenter's events independent of chunking.
func FuzzProcess(f *testing.F) {
	f.Add([]byte{}, uint8(0), uint16(1))
	f.Add([]byte{0xff, 0x7f, 0x00, 0x80}, uint8(1), uint16(3))
	f.Add(make([]byte, 4000), uint8(7), uint16(160))
	loud := make([]byte, 9600)
	for i := range loud {
		loud[i] = byte(i * 37)
	}
	f.Add(loud, uint8(13), uint16(1000))
	f.Add(helloClip[:8000], uint8(0), uint16(77))
	f.Fuzz(func(t *testing.T, data []byte, sel uint8, chunk uint16) {
		rates := []int{8000, 16000, 32000, 48000}
		rate := rates[sel&3]
		frame := 10 * (1 + int(sel>>2)%3)
		mode := int(sel>>4) & 3
		pcm := make([]int16, len(data)/2)
		for i := range pcm {
			pcm[i] = int16(uint16(data[2*i]) | uint16(data[2*i+1])<<8)
		}
		d, err := New(rate, WithFrame(frame), WithAggressiveness(mode))
		if err != nil {
			t.Fatal(err)
		}
		n := d.FrameLen()
		var a []bool
		for i := 0; i+n <= len(pcm); i += n {
			v, err := d.Process(pcm[i : i+n])
			if err != nil {
				t.Fatal(err)
			}
			a = append(a, v)
		}
		if r := len(pcm) % n; r != 0 {
			if _, err := d.Process(pcm[len(pcm)-r:]); !errors.Is(err, ErrFrameSize) {
				t.Fatalf("short frame: %v", err)
			}
		}
		d.Reset()
		for i := 0; i+n <= len(pcm); i += n {
			v, _ := d.Process(pcm[i : i+n])
			if v != a[i/n] {
				t.Fatalf("frame %d differs after Reset", i/n)
			}
		}
		s, err := NewSegmenter(d, WithMinSpeech(0), WithMinSilence(0), WithMaxUtterance(300*1e6))
		if err != nil {
			t.Fatal(err)
		}
		want := s.Flush(s.AppendEvents(nil, pcm))
		s.Reset()
		c := int(chunk)%700 + 1
		var got []Event
		for i := 0; i < len(pcm); i += c {
			got = s.AppendEvents(got, pcm[i:min(i+c, len(pcm))])
		}
		got = s.Flush(got)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("chunk %d: %v, want %v", c, got, want)
		}
		for i := 1; i < len(got); i++ {
			if got[i].Sample < got[i-1].Sample || got[i].Kind == got[i-1].Kind {
				t.Fatalf("bad event order %v", got)
			}
		}
	})
}
