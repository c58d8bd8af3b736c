//go:build cref

package g722

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/toyvoice/toyvoice/internal/cref"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

// spandsp (g722.c, "passes the ITU tests") runs with options 0: one
// codeword per byte, right-aligned, 16 kHz PCM. Its byte at 56 kbit/s is
// our octet >> 1 and at 48 kbit/s our octet >> 2 (we keep the G.722 octet
// layout, with the auxiliary-data bits cleared): see shiftFor.

var crefRates = []int{Bitrate64k, Bitrate56k, Bitrate48k}

func shiftFor(rate int) uint {
	switch rate {
	case Bitrate56k:
		return 1
	case Bitrate48k:
		return 2
	}
	return 0
}

// crefSignals: speech, loud speech driving the limiters, and noise.
func crefSignals() map[string][]int16 {
	speech := testutil.Speech(32000, 16000)
	loud := make([]int16, len(speech))
	for i, v := range speech {
		x := int32(v) * 6
		loud[i] = int16(sat16(x))
	}
	noise := make([]int16, 16001)
	x := uint32(99)
	for i := range noise {
		x = x*1664525 + 1013904223
		noise[i] = int16(x >> 16)
	}
	// Full-scale square waves and silence.
	sq := make([]int16, 8000)
	for i := range sq {
		if (i/7)%2 == 0 {
			sq[i] = 32767
		} else {
			sq[i] = -32768
		}
	}
	return map[string][]int16{"golden": goldenInput(2000), "speech": speech, "loud": loud, "noise": noise, "square": sq, "silence": make([]int16, 1000)}
}

func TestSpandspEncode(t *testing.T) {
	for name, pcm := range crefSignals() {
		for _, rate := range crefRates {
			// spandsp reads a sample past the end for an odd count, so
			// only whole pairs are compared.
			want := cref.SpandspG722Encode(rate, pcm)[:len(pcm)/2]
			e, err := NewEncoder(WithBitrate(rate))
			if err != nil {
				t.Fatal(err)
			}
			got, _ := e.AppendEncode(nil, pcm)
			sh := shiftFor(rate)
			conv := make([]byte, len(got))
			for i, b := range got {
				conv[i] = b >> sh
			}
			if !bytes.Equal(conv, want) {
				n := 0
				for n < len(conv) && n < len(want) && conv[n] == want[n] {
					n++
				}
				t.Errorf("%s rate=%d: encoding differs from spandsp at byte %d (len %d vs %d)", name, rate, n, len(conv), len(want))
				continue
			}
			t.Logf("%s rate=%d: %d bytes bit-exact with spandsp", name, rate, len(want))
		}
	}
}

func TestSpandspDecode(t *testing.T) {
	streams := map[string][]byte{}
	x := uint32(5)
	rnd := make([]byte, 8000)
	for i := range rnd {
		x = x*1664525 + 1013904223
		rnd[i] = byte(x >> 24)
	}
	streams["random"] = rnd
	for name, pcm := range crefSignals() {
		e, _ := NewEncoder()
		streams[name], _ = e.AppendEncode(nil, pcm)
	}
	for _, b := range []byte{0x00, 0xff, 0x3f, 0xc0, 0x80, 0x40} {
		streams["const"+strconv.Itoa(int(b))] = bytes.Repeat([]byte{b}, 3000)
	}
	for name, data := range streams {
		for _, rate := range crefRates {
			sh := shiftFor(rate)
			conv := make([]byte, len(data))
			for i, b := range data {
				conv[i] = b >> sh
			}
			want := cref.SpandspG722Decode(rate, conv)
			d, err := NewDecoder(WithBitrate(rate))
			if err != nil {
				t.Fatal(err)
			}
			got, _ := d.AppendDecode(nil, data)
			wrapped, ok := equalModuloWrap(t, name+" rate="+strconv.Itoa(rate), got, want)
			if !ok {
				continue
			}
			t.Logf("%s rate=%d: %d samples bit-exact with spandsp except %d overflowing samples (saturated here, wrapped there)", name, rate, len(want), wrapped)
		}
	}
}

// equalModuloWrap compares decoder output with spandsp's. The receive QMF
// can exceed 16 bits on hostile or overdriven streams; spandsp then casts
// (wraps) where we saturate, as ffmpeg does. Such a sample must be
// saturated here and of the opposite sign there; every other sample must
// be identical (the output never feeds back into the state).
func equalModuloWrap(t *testing.T, what string, got, want []int16) (wrapped int, ok bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d samples, want %d", what, len(got), len(want))
		return 0, false
	}
	for i := range got {
		if got[i] == want[i] {
			continue
		}
		if (got[i] == 32767 && want[i] < 0) || (got[i] == -32768 && want[i] >= 0) {
			wrapped++
			continue
		}
		t.Errorf("%s: first difference at sample %d: got %d, want %d", what, i, got[i], want[i])
		return wrapped, false
	}
	return wrapped, true
}
