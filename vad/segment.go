package vad

import "time"

// EventKind says whether an Event opens or closes a speech segment.
type EventKind uint8

const (
	// Start opens a speech segment (pre-roll included).
	Start EventKind = iota + 1
	// End closes it (hangover included).
	End
)

func (k EventKind) String() string {
	switch k {
	case Start:
		return "start"
	case End:
		return "end"
	}
	return "invalid"
}

// Event is a segment boundary. Sample counts samples from the beginning of
// the stream (the first sample passed to AppendEvents after NewSegmenter or
// Reset): a segment covers samples [Start.Sample, End.Sample).
type Event struct {
	Kind   EventKind
	Sample int64
}

// SegmentOption configures a Segmenter.
type SegmentOption func(*segConfig) error

type segConfig struct {
	preRoll, hangover, minSpeech, minSilence, maxUtt time.Duration
}

// Segmenter defaults.
const (
	DefaultPreRoll    = 250 * time.Millisecond
	DefaultHangover   = 200 * time.Millisecond
	DefaultMinSpeech  = 100 * time.Millisecond
	DefaultMinSilence = 500 * time.Millisecond
)

func durOpt(p *time.Duration, d time.Duration) error {
	if d < 0 || d > time.Hour {
		return ErrOption
	}
	*p = d
	return nil
}

// WithPreRoll sets how much audio before the detected onset a segment
// includes (default 250 ms), so that soft word beginnings are kept.
func WithPreRoll(d time.Duration) SegmentOption {
	return func(c *segConfig) error { return durOpt(&c.preRoll, d) }
}

// WithHangover sets how much audio after the last speech frame a segment
// includes (default 200 ms).
func WithHangover(d time.Duration) SegmentOption {
	return func(c *segConfig) error { return durOpt(&c.hangover, d) }
}

// WithMinSpeech sets how long speech must last before a segment starts
// (default 100 ms); shorter bursts (clicks, coughs) are ignored.
func WithMinSpeech(d time.Duration) SegmentOption {
	return func(c *segConfig) error { return durOpt(&c.minSpeech, d) }
}

// WithMinSilence sets how long non-speech must last before a segment ends
// (default 500 ms); shorter pauses stay inside the segment.
func WithMinSilence(d time.Duration) SegmentOption {
	return func(c *segConfig) error { return durOpt(&c.minSilence, d) }
}

// WithMaxUtterance caps a segment's length (0, the default, means no cap).
// A segment reaching the cap ends there; the next one starts when speech is
// detected again for the minimum speech duration, without pre-roll
// overlapping the previous segment.
func WithMaxUtterance(d time.Duration) SegmentOption {
	return func(c *segConfig) error { return durOpt(&c.maxUtt, d) }
}

// Segmenter turns a Detector's frame decisions into speech segments with
// pre-roll, hangover, minimum speech and silence durations and a maximum
// utterance length. It accepts audio in chunks of any size: the events do
// not depend on how the stream is split. It allocates nothing after
// NewSegmenter (apart from growing dst).
type Segmenter struct {
	d        *Detector
	decide   func([]int16) bool // d's decision; tests script it
	frameLen int64
	preRoll  int64 // samples
	hangover int64 // samples
	minSp    int32 // frames
	minSil   int32 // frames
	endSil   int32 // frames of silence that close a segment
	maxUtt   int64 // samples, 0 = none

	buf   []int16 // a partial frame carried between calls (one frame long)
	nbuf  int
	pos   int64 // samples consumed into whole frames
	open  bool  // inside a segment
	start int64 // current segment's start sample
	run   int32 // consecutive speech frames (while closed)
	runAt int64 // first sample of that run
	sil   int32 // consecutive non-speech frames (while open)
	last  int64 // end sample of the last speech frame (while open)
	floor int64 // segments may not start before this (end of previous)
	held  bool  // capped by maxUtt: wait for the speech run to stop
}

// NewSegmenter returns a Segmenter driving d, which it owns from now on
// (it calls d.Process and d.Reset). It resets d.
func NewSegmenter(d *Detector, opts ...SegmentOption) (*Segmenter, error) {
	if d == nil {
		return nil, ErrOption
	}
	c := segConfig{preRoll: DefaultPreRoll, hangover: DefaultHangover, minSpeech: DefaultMinSpeech, minSilence: DefaultMinSilence}
	for _, o := range opts {
		if o == nil {
			return nil, ErrOption
		}
		if err := o(&c); err != nil {
			return nil, err
		}
	}
	fl := int64(d.FrameLen())
	rate := int64(d.rate)
	samples := func(t time.Duration) int64 { return (int64(t)*rate + 999_999_999) / 1_000_000_000 }
	frames := func(t time.Duration) int32 { return int32((samples(t) + fl - 1) / fl) }
	s := &Segmenter{
		d:        d,
		frameLen: fl,
		preRoll:  samples(c.preRoll),
		hangover: samples(c.hangover),
		minSp:    max(frames(c.minSpeech), 1),
		minSil:   max(frames(c.minSilence), 1),
		maxUtt:   samples(c.maxUtt),
		buf:      make([]int16, fl),
	}
	s.endSil = max(s.minSil, frames(c.hangover))
	s.decide = s.process
	d.Reset()
	return s, nil
}

// Detector returns the detector the Segmenter drives.
func (s *Segmenter) Detector() *Detector { return s.d }

// Reset starts a new stream: sample positions restart at 0 and the
// detector is reset. It does not allocate.
func (s *Segmenter) Reset() {
	s.d.Reset()
	s.nbuf, s.pos, s.open, s.start, s.run, s.runAt, s.sil, s.last, s.floor, s.held = 0, 0, false, 0, 0, 0, 0, 0, 0, false
}

// Open reports whether a segment is open (a Start was emitted without its
// End yet).
func (s *Segmenter) Open() bool { return s.open }

// Lookback returns how far back in the stream a Start event can lie: after
// an AppendEvents call with at most chunk samples, every Start it returned
// has Sample >= p - Lookback(chunk), where p is the number of samples fed
// so far. A live caller keeps that many recent samples (see [History]) to
// read every segment back from its start.
//
// The bound is exact (some streams reach it): the pre-roll, plus the
// minimum speech rounded up to whole frames (the run of speech frames a
// Start waits for; at least one frame), plus chunk-1 samples (the frame
// that completes the run may end at the first sample of the chunk). A
// chunk below 1 counts as 1; with chunks of one frame (FrameLen samples)
// the bound is pre-roll + minimum speech + FrameLen - 1.
func (s *Segmenter) Lookback(chunk int) int {
	const maxInt = int64(^uint(0) >> 1)
	n := s.preRoll + int64(s.minSp)*s.frameLen // at most 2 h of audio at 48 kHz
	if c := int64(max(chunk, 1)) - 1; c < maxInt-n {
		return int(n + c)
	}
	return int(maxInt)
}

// AppendEvents feeds pcm (16-bit mono at the detector's rate, any length)
// and appends the events it completes to dst. Samples that do not fill a
// whole frame are kept for the next call.
func (s *Segmenter) AppendEvents(dst []Event, pcm []int16) []Event {
	fl := int(s.frameLen)
	if s.nbuf > 0 {
		n := copy(s.buf[s.nbuf:fl], pcm)
		s.nbuf += n
		pcm = pcm[n:]
		if s.nbuf < fl {
			return dst
		}
		dst = s.frame(dst, s.buf[:fl])
		s.nbuf = 0
	}
	for len(pcm) >= fl {
		dst = s.frame(dst, pcm[:fl])
		pcm = pcm[fl:]
	}
	s.nbuf = copy(s.buf, pcm)
	return dst
}

// Flush ends the stream: an open segment is closed at the end of its last
// speech frame plus the hangover, or at the end of the audio seen, whichever
// comes first. Samples of an incomplete final frame are dropped. Call Reset
// before reusing the Segmenter.
func (s *Segmenter) Flush(dst []Event) []Event {
	if s.open {
		end := min(s.last+s.hangover, s.pos+int64(s.nbuf))
		dst = append(dst, Event{End, end})
		s.open = false
		s.floor = end
	}
	s.nbuf = 0
	return dst
}

func (s *Segmenter) frame(dst []Event, f []int16) []Event {
	speech := s.decide(f)
	at := s.pos
	s.pos += s.frameLen
	if !s.open {
		if !speech {
			s.run = 0
			s.held = false
			return dst
		}
		if s.held {
			return dst
		}
		if s.run == 0 {
			s.runAt = at
		}
		s.run++
		if s.run >= s.minSp {
			s.open = true
			s.start = max(s.runAt-s.preRoll, s.floor, 0)
			s.last = s.pos
			s.sil = 0
			dst = append(dst, Event{Start, s.start})
		}
	} else {
		if speech {
			s.sil = 0
			s.last = s.pos
		} else {
			s.sil++
			if s.sil >= s.endSil {
				end := s.last + s.hangover
				dst = append(dst, Event{End, end})
				s.open = false
				s.floor = end
				s.run = 0
				return dst
			}
		}
	}
	if s.open && s.maxUtt > 0 && s.pos-s.start >= s.maxUtt {
		end := s.start + s.maxUtt
		dst = append(dst, Event{End, end})
		s.open = false
		s.floor = end
		s.run = 0
		s.held = speech // a new segment needs a new onset
	}
	return dst
}

func (s *Segmenter) process(f []int16) bool {
	speech, _ := s.d.Process(f) // len(f) == FrameLen by construction
	return speech
}
