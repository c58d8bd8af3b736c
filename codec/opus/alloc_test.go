package opus

import (
	"fmt"
	"testing"
	"time"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// TestZeroAllocs proves that encoding and decoding allocate nothing per
// frame once dst has room, across modes (SILK, hybrid, CELT), rates,
// channel counts and frame durations.
//
// Three paths allocate inside gopus v0.1.1, which offers no buffer-reusing
// alternative for them; the test pins the measured counts per frame so a
// regression (or a fix upstream) shows: SILK concealment
// (internal/plc.ConcealSILKWithLTP makes its work slices per call: plc),
// LBRR encoding for in-band FEC (internal/silk.NSQState.Clone: fecEnc) and
// FEC decoding (gopus.ParsePacket, plus the SILK concealment: fecDec).
func TestZeroAllocs(t *testing.T) {
	cases := []struct {
		rate, ch, bitrate   int
		app                 Application
		dur                 time.Duration
		fec, dtx            bool
		plc, fecEnc, fecDec float64 // measured allocations per frame
	}{
		{16000, 1, 16000, VoIP, 20 * time.Millisecond, false, false, 3, 0, 4},
		{16000, 1, 16000, VoIP, 20 * time.Millisecond, true, true, 3, 8, 4},
		{16000, 1, 24000, VoIP, 60 * time.Millisecond, false, false, 12, 0, 13},
		{8000, 1, 12000, VoIP, 40 * time.Millisecond, false, false, 8, 0, 9},
		{12000, 1, 12000, VoIP, 10 * time.Millisecond, false, false, 4, 0, 5},
		{24000, 1, 24000, VoIP, 20 * time.Millisecond, true, false, 3, 8, 4},
		{48000, 1, 32000, VoIP, 20 * time.Millisecond, false, false, 5, 0, 6},
		{48000, 2, 64000, Audio, 20 * time.Millisecond, false, false, 0, 0, 1},
		{48000, 2, 96000, Audio, 10 * time.Millisecond, false, false, 0, 0, 1},
		{48000, 1, 64000, LowDelay, 2500 * time.Microsecond, false, false, 0, 0, 1},
		{16000, 1, 64000, VoIP, 20 * time.Millisecond, false, false, 0, 0, 1},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%d_%dch_%d_%s_%v_fec%v_dtx%v", c.rate, c.ch, c.bitrate, c.app, c.dur, c.fec, c.dtx)
		t.Run(name, func(t *testing.T) {
			opts := []Option{WithBitrate(c.bitrate), WithApplication(c.app), WithFrameDuration(c.dur), WithDTX(c.dtx)}
			if c.fec {
				opts = append(opts, WithInBandFEC(10))
			}
			e, err := NewEncoder(c.rate, c.ch, opts...)
			if err != nil {
				t.Fatal(err)
			}
			d, err := NewDecoder(c.rate, c.ch)
			if err != nil {
				t.Fatal(err)
			}
			pcm := testutil.Speech(c.rate*c.ch, c.rate) // 1 s (0.5 s stereo)
			fl := e.FrameLen()
			nf := len(pcm) / fl
			pkts := make([]byte, 0, e.MaxPacketLen())
			out := make([]int16, 0, d.DecodedLen(0))
			// Warm up over a few frames, then measure over the rest.
			i := 0
			next := func() []int16 { f := pcm[(i%nf)*fl : (i%nf+1)*fl]; i++; return f }
			for k := 0; k < 5; k++ {
				sinkBytes, _ = e.AppendEncode(pkts[:0], next())
				sinkPCM, _ = d.AppendDecode(out[:0], sinkBytes)
			}
			if a := testing.AllocsPerRun(40, func() {
				sinkBytes, sinkErr = e.AppendEncode(pkts[:0], next())
			}); a > c.fecEnc {
				t.Errorf("AppendEncode: %v allocs/frame, want <= %v", a, c.fecEnc)
			} else {
				t.Logf("AppendEncode: %v allocs/frame", a)
			}
			p := append([]byte(nil), sinkBytes...)
			if a := testing.AllocsPerRun(40, func() {
				sinkPCM, sinkErr = d.AppendDecode(out[:0], p)
			}); a != 0 {
				t.Errorf("AppendDecode: %v allocs/frame", a)
			}
			if a := testing.AllocsPerRun(40, func() {
				sinkPCM, sinkErr = d.AppendDecode(out[:0], nil)
			}); a > c.plc {
				t.Errorf("AppendDecode(nil) (concealment): %v allocs/frame, want <= %v", a, c.plc)
			} else {
				t.Logf("AppendDecode(nil) (concealment): %v allocs/frame", a)
			}
			if a := testing.AllocsPerRun(40, func() {
				sinkPCM, sinkErr = d.AppendDecodeFEC(out[:0], p)
			}); a > c.fecDec {
				t.Errorf("AppendDecodeFEC: %v allocs/frame, want <= %v", a, c.fecDec)
			} else {
				t.Logf("AppendDecodeFEC: %v allocs/frame", a)
			}
			if a := testing.AllocsPerRun(10, func() { e.Reset(); d.Reset() }); a != 0 {
				t.Errorf("Reset: %v allocs", a)
			}
		})
	}
}
