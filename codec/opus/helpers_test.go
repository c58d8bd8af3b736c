package opus

import (
	"encoding/binary"
	"math"
	"os"
	"testing"
)

// Package-level sinks keep results alive in allocation tests and benchmarks.
var (
	sinkBytes []byte
	sinkPCM   []int16
	sinkErr   error
)

// encodeStream encodes pcm frame by frame (a partial last frame padded with
// zeros) and returns the packets.
func encodeStream(tb testing.TB, e *Encoder, pcm []int16) [][]byte {
	tb.Helper()
	fl := e.FrameLen()
	var pkts [][]byte
	frame := make([]int16, fl)
	for i := 0; i < len(pcm); i += fl {
		n := copy(frame, pcm[i:])
		clear(frame[n:])
		p, err := e.AppendEncode(nil, frame)
		if err != nil {
			tb.Fatalf("frame %d: %v", i/fl, err)
		}
		pkts = append(pkts, p)
	}
	return pkts
}

// decodeStream decodes packets (nil entries are losses) and returns the
// concatenated PCM.
func decodeStream(tb testing.TB, d *Decoder, pkts [][]byte) []int16 {
	tb.Helper()
	var out []int16
	for i, p := range pkts {
		var err error
		out, err = d.AppendDecode(out, p)
		if err != nil {
			tb.Fatalf("packet %d: %v", i, err)
		}
	}
	return out
}

// snr returns the signal-to-noise ratio in dB of got against ref, compared
// over ref's length after dropping got's first delay samples (per channel,
// interleaved by ch).
func snr(ref, got []int16, delay, ch int) float64 {
	got = got[min(len(got), delay*ch):]
	n := min(len(ref), len(got))
	var s, e float64
	for i := 0; i < n; i++ {
		r, g := float64(ref[i]), float64(got[i])
		s += r * r
		e += (r - g) * (r - g)
	}
	if e == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(s/e)
}

// segSNR returns the segmental SNR in dB: the mean of per-segment SNRs
// over 20 ms segments (seg samples), each clamped to [-10, 35] dB, skipping
// segments whose reference energy is below -50 dBFS (silence), as is usual
// for speech coders.
func segSNR(ref, got []int16, delay, ch, seg int) float64 {
	got = got[min(len(got), delay*ch):]
	n := min(len(ref), len(got))
	seg *= ch
	sum, cnt := 0.0, 0
	for i := 0; i+seg <= n; i += seg {
		var s, e float64
		for j := i; j < i+seg; j++ {
			r, g := float64(ref[j]), float64(got[j])
			s += r * r
			e += (r - g) * (r - g)
		}
		if s/float64(seg) < 32768*32768*1e-5 {
			continue
		}
		v := 35.0
		if e > 0 {
			v = math.Max(-10, math.Min(35, 10*math.Log10(s/e)))
		}
		sum += v
		cnt++
	}
	if cnt == 0 {
		return 0
	}
	return sum / float64(cnt)
}

// maxDiff returns the largest absolute sample difference and its index.
func maxDiff(a, b []int16) (int, int) {
	m, at := 0, -1
	for i := 0; i < min(len(a), len(b)); i++ {
		d := int(a[i]) - int(b[i])
		if d < 0 {
			d = -d
		}
		if d > m {
			m, at = d, i
		}
	}
	return m, at
}

// readWAV16 reads a 16-bit PCM WAV file (the demo recording) without
// depending on container/wav: it walks the RIFF chunks to "fmt " and
// "data".
func readWAV16(tb testing.TB, path string) (pcm []int16, rate, ch int) {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Skipf("%s: %v", path, err)
	}
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		tb.Fatalf("%s: not a WAV file", path)
	}
	for p := 12; p+8 <= len(b); {
		id, size := string(b[p:p+4]), int(binary.LittleEndian.Uint32(b[p+4:]))
		body := b[p+8 : min(len(b), p+8+size)]
		switch id {
		case "fmt ":
			if binary.LittleEndian.Uint16(body[14:]) != 16 {
				tb.Fatalf("%s: not 16-bit", path)
			}
			ch = int(binary.LittleEndian.Uint16(body[2:]))
			rate = int(binary.LittleEndian.Uint32(body[4:]))
		case "data":
			pcm = make([]int16, len(body)/2)
			for i := range pcm {
				pcm[i] = int16(binary.LittleEndian.Uint16(body[2*i:]))
			}
			return pcm, rate, ch
		}
		p += 8 + size + size&1
	}
	tb.Fatalf("%s: no data chunk", path)
	return nil, 0, 0
}

// messagePath is the CLI's bundled demo recording (16 kHz mono speech).
const messagePath = "../../cmd/toyvoice/message.wav"

// stereoOfMono makes a stereo signal whose right channel is a delayed,
// quieter copy of the left.
func stereoOfMono(mono []int16) []int16 {
	out := make([]int16, 2*len(mono))
	for i, v := range mono {
		out[2*i] = v
		if i >= 37 {
			out[2*i+1] = mono[i-37] / 2
		}
	}
	return out
}
