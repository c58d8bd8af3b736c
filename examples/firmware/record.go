package main

import (
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
	hist   [histLen]int16 // the last histLen samples, hist[pos%histLen] is the oldest
	events [4]vad.Event
}

// NewRecorder returns a recorder for a 16 kHz microphone.
func NewRecorder() (*Recorder, error) {
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
	return &Recorder{seg: seg, enc: enc}, nil
}

// Record listens until the child has spoken and stopped, and appends the
// utterance as raw IMA ADPCM (high nibble first, 2 samples a byte) to dst. It
// never grows dst: when dst's capacity is used up it returns ErrFull with
// what fits. It returns an empty result if mic stops before anyone spoke.
func (r *Recorder) Record(dst []byte, mic Mic) ([]byte, error) {
	r.seg.Reset()
	r.enc.Reset()
	base, start, pos := len(dst), int64(-1), int64(0)
	for {
		ev := r.events[:0]
		if mic.Read(r.frame[:]) {
			for i, s := range r.frame {
				r.hist[(pos+int64(i))%histLen] = s
			}
			pos += FrameLen
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
				// Encode the history from the (pre-rolled) onset up to now.
				start = max(e.Sample, pos-histLen)
				for s := start; s < pos; {
					i := int(s % histLen)
					n := min(histLen-i, int(pos-s))
					if cap(dst)-len(dst) < n/2+1 {
						return dst, ErrFull
					}
					dst, _ = r.enc.AppendEncode(dst, r.hist[i:i+n])
					s += int64(n)
				}
				continue
			}
			// End: cut what was encoded past the end of speech.
			dst = r.enc.Flush(dst)
			return dst[:base+int(e.Sample-start+1)/2], nil
		}
	}
}
