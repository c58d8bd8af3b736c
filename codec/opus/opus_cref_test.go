//go:build cref

package opus

import (
	"testing"
	"time"

	"github.com/toyvoice/toyvoice/codec/opus/internal/cref"
	"github.com/toyvoice/toyvoice/internal/testutil"
)

func crefEncodeStream(tb testing.TB, c cref.EncoderConfig, pcm []int16) [][]byte {
	tb.Helper()
	e, err := cref.NewEncoder(c)
	if err != nil {
		tb.Fatal(err)
	}
	defer e.Free()
	fl := c.FrameSize * c.Channels
	frame := make([]int16, fl)
	var pkts [][]byte
	for i := 0; i < len(pcm); i += fl {
		n := copy(frame, pcm[i:])
		clear(frame[n:])
		p, err := e.Encode(frame, maxPacketFor(time.Duration(c.FrameSize)*time.Second/time.Duration(c.Rate)))
		if err != nil {
			tb.Fatal(err)
		}
		pkts = append(pkts, append([]byte(nil), p...))
	}
	return pkts
}

func crefDecodeStream(tb testing.TB, rate, ch int, pkts [][]byte, plcFrame int) []int16 {
	tb.Helper()
	d, err := cref.NewDecoder(rate, ch)
	if err != nil {
		tb.Fatal(err)
	}
	defer d.Free()
	var out []int16
	last := plcFrame
	for i, p := range pkts {
		s, err := d.Decode(p, 5760*rate/48000, false)
		if p == nil {
			s, err = d.Decode(nil, last, false)
		}
		if err != nil {
			tb.Fatalf("libopus packet %d: %v", i, err)
		}
		if p != nil {
			last = len(s) / ch
		}
		out = append(out, s...)
	}
	return out
}

func TestExploreCref(t *testing.T) {
	t.Log(cref.Version())
	for _, tc := range []struct {
		rate, ch, bitrate, app int
	}{
		{16000, 1, 16000, cref.AppVoIP},
		{24000, 1, 24000, cref.AppVoIP},
		{48000, 1, 32000, cref.AppVoIP},
		{48000, 2, 32000, cref.AppAudio},
		{48000, 1, 64000, cref.AppAudio},
		{8000, 1, 12000, cref.AppVoIP},
	} {
		pcm := testutil.Speech(tc.rate*2*tc.ch, tc.rate)
		c := cref.EncoderConfig{Rate: tc.rate, Channels: tc.ch, App: tc.app, Bitrate: tc.bitrate, VBR: true, Constrained: true, Complexity: 9, FrameSize: tc.rate / 50}
		pkts := crefEncodeStream(t, c, pcm)
		want := crefDecodeStream(t, tc.rate, tc.ch, pkts, tc.rate/50)
		d, _ := NewDecoder(tc.rate, tc.ch)
		got := decodeStream(t, d, pkts)
		info, _, _ := ParsePacket(pkts[10])
		md, at := maxDiff(want, got)
		t.Logf("%+v mode %s bw %d: len %d/%d maxdiff %d at %d snr %.1f dB", tc, info.Mode(), info.Bandwidth(), len(got), len(want), md, at, snr(want, got, 0, 1))
	}
}

// TestLibopusResetIsExact documents the reference behaviour TestReset
// compares gopus with: libopus's OPUS_RESET_STATE restarts the encoder
// exactly.
func TestLibopusResetIsExact(t *testing.T) {
	pcm := testutil.Speech(8000, 16000)
	c := cref.EncoderConfig{Rate: 16000, Channels: 1, App: cref.AppVoIP, Bitrate: 16000, VBR: true, Constrained: true, Complexity: 9, FrameSize: 320, DTX: true, FECLoss: 5}
	e, _ := cref.NewEncoder(c)
	var a, b [][]byte
	for i := 0; i+320 <= len(pcm); i += 320 {
		p, _ := e.Encode(pcm[i:i+320], 1276)
		a = append(a, append([]byte(nil), p...))
	}
	e.Reset()
	for i := 0; i+320 <= len(pcm); i += 320 {
		p, _ := e.Encode(pcm[i:i+320], 1276)
		b = append(b, append([]byte(nil), p...))
	}
	for i := range a {
		if string(a[i]) != string(b[i]) {
			t.Errorf("libopus packet %d differs after reset", i)
		}
	}
}
