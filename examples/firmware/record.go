package main

import (
	"errors"
	"time"

	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/vad"
)

// Mic is the audio input: Read fills one frame and reports false when
// capture stops (button released, power down).
type Mic interface{ Read(frame []int16) bool }

// Recorder records one utterance at a time.
type Recorder struct {
	seg    *vad.Segmenter
	enc    *adpcm.Encoder
	frame  [FrameLen]int16
	hist   *vad.History // the last samples fed to seg, in the caller's buffer
	events [4]vad.Event
}

var errHistory = errors.New("firmware: history shorter than the segmenter's lookback")

// NewRecorder returns a recorder for a 16 kHz microphone that keeps its
// pre-roll history in history: at least histLen samples, which the
// recorder owns until it is dropped (on the toy, the work area the DAC
// ring uses while a message plays: see Toy).
func NewRecorder(history []int16) (*Recorder, error) {
	d, err := vad.New(Rate, vad.WithAggressiveness(2))
	if err != nil {
		return nil, err
	}
	seg, err := vad.NewSegmenter(d, vad.WithPreRoll(100*time.Millisecond),
		vad.WithMinSpeech(100*time.Millisecond), vad.WithMinSilence(700*time.Millisecond))
	if err != nil {
		return nil, err
	}
	enc, err := adpcm.NewEncoder(1)
	if err != nil {
		return nil, err
	}
	// A Start refers back at most Lookback samples (pre-roll and minimum
	// speech) from the newest frame fed: the history must hold that much.
	if seg.Lookback(FrameLen) > len(history) {
		return nil, errHistory
	}
	return &Recorder{seg: seg, enc: enc, hist: vad.NewHistory(history)}, nil
}

// Record listens until the child has spoken and stopped, and appends the
// utterance as raw IMA ADPCM (high nibble first, 2 samples a byte) to dst. It
// never grows dst: when dst's capacity is used up it returns ErrFull with
// what fits. It returns an empty result if mic stops before anyone spoke.
func (r *Recorder) Record(dst []byte, mic Mic) ([]byte, error) {
	r.seg.Reset()
	r.enc.Reset()
	r.hist.Reset()
	base, start := len(dst), int64(-1)
	for {
		ev := r.events[:0]
		if mic.Read(r.frame[:]) {
			r.hist.Write(r.frame[:])
			ev = r.seg.AppendEvents(ev, r.frame[:])
			if start >= 0 {
				if cap(dst)-len(dst) < FrameLen/2+1 {
					return dst, ErrFull
				}
				dst, _ = r.enc.AppendEncode(dst, r.frame[:])
			}
		} else {
			ev = r.seg.Flush(ev)
			if len(ev) == 0 {
				return r.enc.Flush(dst), nil
			}
		}
		for _, e := range ev {
			if e.Kind == vad.Start {
				// Encode the history from the (pre-rolled) onset up to now,
				// the ring's two pieces in place. (NewRecorder checked that
				// the history reaches back far enough; clamp all the same.)
				start = max(e.Sample, r.hist.Oldest())
				older, newer, _ := r.hist.Slices(start)
				for _, p := range [2][]int16{older, newer} {
					if cap(dst)-len(dst) < len(p)/2+1 {
						return dst, ErrFull
					}
					dst, _ = r.enc.AppendEncode(dst, p)
				}
				continue
			}
			// End: cut what was encoded past the end of speech.
			dst = r.enc.Flush(dst)
			return dst[:base+int(e.Sample-start+1)/2], nil
		}
	}
}
