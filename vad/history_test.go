package vad

import (
	"errors"
	"strconv"
	"testing"
	"time"
)

// xs is a small deterministic generator (xorshift32), the same everywhere.
type xs uint32

func (r *xs) next() uint32 {
	x := uint32(*r)
	x ^= x << 13
	x ^= x >> 17
	x ^= x << 5
	*r = xs(x)
	return x
}

// intn returns a number in [0, n), n > 0.
func (r *xs) intn(n int) int { return int(r.next() % uint32(n)) }

// mix is a 32-bit hash (the murmur3 finaliser): sample values that differ
// at nearly every position, so a sample read from the wrong place shows.
func mix(x uint32) uint32 {
	x ^= x >> 16
	x *= 0x85ebca6b
	x ^= x >> 13
	x *= 0xc2b2ae35
	x ^= x >> 16
	return x
}

// file is a stream whose sample at every position is known.
func file(i int64) int16 { return int16(mix(uint32(i))) }

// fillAt writes file's samples [at, at+len(buf)) to buf.
func fillAt(buf []int16, at int64, src func(int64) int16) {
	for k := range buf {
		buf[k] = src(at + int64(k))
	}
}

// matches reports whether got is src's [at, at+len(got)).
func matches(got []int16, at int64, src func(int64) int16) bool {
	for k, v := range got {
		if v != src(at+int64(k)) {
			return false
		}
	}
	return true
}

// checkHistory checks Pos, Oldest and every read around the held range of
// a History of capacity n that was written file's samples [0, pos).
func checkHistory(t *testing.T, h *History, n int, pos int64, out []int16) {
	t.Helper()
	oldest := max(pos-int64(n), 0)
	if h.Pos() != pos || h.Oldest() != oldest || h.Cap() != n {
		t.Fatalf("Pos %d Oldest %d Cap %d, want %d %d %d", h.Pos(), h.Oldest(), h.Cap(), pos, oldest, n)
	}
	for from := oldest; from <= pos; from++ { // from Oldest exactly to Pos (empty)
		got, err := h.AppendFrom(out[:1], from)
		if err != nil || int64(len(got)) != 1+pos-from || got[0] != out[0] || !matches(got[1:], from, file) {
			t.Fatalf("pos %d: AppendFrom(%d) = %v, %v", pos, from, got, err)
		}
		a, b, err := h.Slices(from)
		if err != nil || int64(len(a)+len(b)) != pos-from || len(a) == 0 && len(b) > 0 ||
			!matches(a, from, file) || !matches(b, from+int64(len(a)), file) {
			t.Fatalf("pos %d: Slices(%d) = %v %v, %v", pos, from, a, b, err)
		}
	}
	for _, from := range []int64{oldest - 1, oldest - 2, pos + 1, pos + 100, -1 << 62, 1 << 62} {
		got, err := h.AppendFrom(out[:1], from)
		if !errors.Is(err, ErrHistory) || len(got) != 1 {
			t.Fatalf("pos %d: AppendFrom(%d) = %v, %v; want dst unchanged and ErrHistory", pos, from, got, err)
		}
		if a, b, err := h.Slices(from); !errors.Is(err, ErrHistory) || a != nil || b != nil {
			t.Fatalf("pos %d: Slices(%d) = %v %v, %v", pos, from, a, b, err)
		}
	}
}

// TestHistoryPositions writes chunks of every size from 0 to twice the
// capacity (so wrapping and writes larger than the buffer), after every
// prefix length, and checks the bookkeeping and every read after each one.
func TestHistoryPositions(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7} {
		buf := make([]int16, n)
		chunk := make([]int16, 2*n+1)
		out := make([]int16, 1, n+2)
		out[0] = 12345
		h := NewHistory(buf)
		checkHistory(t, h, n, 0, out)
		for pre := 0; pre <= n; pre++ {
			for w := 0; w <= 2*n; w++ {
				h.Reset()
				var pos int64
				write := func(c []int16) {
					fillAt(c, pos, file)
					h.Write(c)
					pos += int64(len(c))
					checkHistory(t, h, n, pos, out)
				}
				write(chunk[:pre])
				for k := 0; k < 5; k++ {
					write(chunk[:w])
				}
			}
		}
	}
}

// TestHistoryReference compares a History with a naive reference that
// keeps the whole stream in a slice, under random writes, reads and resets.
func TestHistoryReference(t *testing.T) {
	r := xs(7)
	ops := 400
	if testing.Short() {
		ops = 150
	}
	for _, n := range []int{0, 1, 2, 3, 5, 16, 31} {
		h := NewHistory(make([]int16, n))
		var ref []int16 // everything written since the last Reset
		chunk := make([]int16, 2*n+3)
		for op := 0; op < ops; op++ {
			switch k := r.intn(20); {
			case k == 0:
				h.Reset()
				ref = ref[:0]
			case k < 10:
				c := chunk[:r.intn(len(chunk)+1)]
				for i := range c {
					c[i] = int16(r.next())
				}
				h.Write(c)
				ref = append(ref, c...)
			default:
				pos := int64(len(ref))
				from := pos - int64(r.intn(n+5)) + 2
				held := from >= 0 && from <= pos && pos-from <= int64(n)
				got, err := h.AppendFrom([]int16{-1}, from)
				if !held {
					if !errors.Is(err, ErrHistory) || len(got) != 1 {
						t.Fatalf("cap %d, pos %d: AppendFrom(%d) = %v, %v; want ErrHistory", n, pos, from, got, err)
					}
					continue
				}
				if err != nil || got[0] != -1 || string16(got[1:]) != string16(ref[from:]) {
					t.Fatalf("cap %d, pos %d: AppendFrom(%d) = %v, %v; want %v", n, pos, from, got[1:], err, ref[from:])
				}
			}
			if h.Pos() != int64(len(ref)) || h.Oldest() != max(int64(len(ref)-n), 0) {
				t.Fatalf("cap %d: Pos %d Oldest %d after %d samples", n, h.Pos(), h.Oldest(), len(ref))
			}
		}
	}
}

func string16(s []int16) string {
	b := make([]byte, 0, 2*len(s))
	for _, v := range s {
		b = append(b, byte(v), byte(v>>8))
	}
	return string(b)
}

var historySink []int16

func TestHistoryAllocs(t *testing.T) {
	var buf [100]int16
	var in [37]int16
	h := NewHistory(buf[:])
	dst := make([]int16, 0, len(buf))
	i := 0
	a := testing.AllocsPerRun(100, func() {
		if i++; i%10 == 0 {
			h.Reset()
		}
		h.Write(in[:1+i%len(in)])
		historySink, _ = h.AppendFrom(dst[:0], h.Oldest())
		older, newer, _ := h.Slices(h.Pos() - int64(min(i, h.Cap())))
		historySink = older
		historySink = newer
		_, historySink, _ = h.Slices(h.Oldest() - 1)
	})
	if a != 0 {
		t.Errorf("%v allocations per run", a)
	}
}

// scriptedRandom makes s's decisions random runs of speech and non-speech
// frames, with mean run lengths drawn per run from 1 to 40 frames, so that
// every combination of minimum speech and silence is crossed both ways.
func scriptedRandom(s *Segmenter, r *xs) {
	left, speech := 0, false
	s.decide = func([]int16) bool {
		for left == 0 {
			speech = !speech
			left = r.intn(1 + r.intn(40)*2)
		}
		left--
		return speech
	}
}

// The live tests' history holds up to liveHist samples, their chunks are
// at most len(chunkBuf) samples (TinyGo's cortex-m-qemu has 64 KB of RAM).
const liveHist = 4096

var liveEvents [32]Event

// liveRecord is what a live caller does: it feeds total samples of src in
// random chunks of at most maxChunk samples to s and to a History of
// exactly s.Lookback(maxChunk) samples (in buf); on a Start it takes the segment's
// beginning from h, then appends what it feeds until the End. It checks
// that every Start lies within Lookback of the samples fed, that the
// assembled audio is src's [Start, P) contiguously, and that it reaches
// End, so that cut at End it is src's [Start.Sample, End.Sample). It
// returns the number of segments and the largest distance of a Start from
// the newest sample fed.
func liveRecord(t *testing.T, s *Segmenter, buf []int16, maxChunk, total int, src func(int64) int16, r *xs) (segs int, worst int64) {
	t.Helper()
	look := s.Lookback(maxChunk)
	h := NewHistory(buf[:look])
	s.Reset()
	open := false
	var start, have int64 // the open segment has samples [start, start+have)
	end := func(e Event) {
		if !open || e.Sample < start || e.Sample > start+have {
			t.Fatalf("End %d: segment [%d, +%d) open %v", e.Sample, start, have, open)
		}
		open = false
		segs++
	}
	for p := 0; p < total; {
		c := chunkBuf[:min(r.intn(maxChunk+1), total-p)]
		fillAt(c, int64(p), src)
		p += len(c)
		h.Write(c)
		ev := s.AppendEvents(liveEvents[:0], c)
		if open { // the live part of a segment opened earlier
			if start+have != h.Pos()-int64(len(c)) || !matches(c, start+have, src) {
				t.Fatalf("live audio at %d: segment [%d, +%d)", h.Pos()-int64(len(c)), start, have)
			}
			have += int64(len(c))
		}
		for _, e := range ev {
			if e.Kind == End {
				end(e)
				continue
			}
			lag := h.Pos() - e.Sample
			worst = max(worst, lag)
			if open || lag > int64(look) {
				t.Fatalf("Start %d at pos %d: %d back, Lookback(%d) = %d (open %v)", e.Sample, h.Pos(), lag, maxChunk, look, open)
			}
			a, b, err := h.Slices(e.Sample)
			if err != nil || !matches(a, e.Sample, src) || !matches(b, e.Sample+int64(len(a)), src) || int64(len(a)+len(b)) != lag {
				t.Fatalf("Start %d at pos %d: history %d+%d samples, %v", e.Sample, h.Pos(), len(a), len(b), err)
			}
			open, start, have = true, e.Sample, lag
		}
	}
	for _, e := range s.Flush(liveEvents[:0]) {
		end(e)
	}
	if open {
		t.Fatalf("segment [%d, +%d) still open after Flush", start, have)
	}
	return segs, worst
}

// TestSegmenterLookback checks the bound over random decision streams,
// option combinations and chunkings: every Start lies at most Lookback
// samples before the newest sample fed, and a History of exactly that size
// gives back every segment's audio (liveRecord).
func TestSegmenterLookback(t *testing.T) {
	r := xs(2024)
	combos, frames := 80, 600
	if testing.Short() {
		combos = 25
	}
	durs := []time.Duration{0, ms(5), ms(10), ms(25), ms(35), ms(100), ms(250)}
	segs := 0
	buf := make([]int16, liveHist)
	for i := 0; i < combos; i++ {
		rate := []int{8000, 16000, 32000, 48000}[r.intn(4)]
		frame := []int{10, 20, 30}[r.intn(3)]
		opts := []SegmentOption{
			WithPreRoll(durs[r.intn(len(durs))]),
			WithMinSpeech(durs[r.intn(len(durs))]),
			WithHangover(durs[r.intn(len(durs))]),
			WithMinSilence(durs[r.intn(len(durs))]),
			WithMaxUtterance([]time.Duration{0, 0, ms(40), ms(300), ms(1000)}[r.intn(5)]),
		}
		d, err := newT(rate, WithFrame(frame))
		if err != nil {
			t.Fatal(err)
		}
		s, err := NewSegmenter(d, opts...)
		if err != nil {
			t.Fatal(err)
		}
		fl := d.FrameLen()
		maxChunk := []int{1, 7, fl - 1, fl, fl + 1, 2*fl + 13, len(chunkBuf)}[r.intn(7)]
		maxChunk = min(maxChunk, len(chunkBuf))
		if s.Lookback(maxChunk) > liveHist {
			i-- // too long for the static buffer: draw again
			continue
		}
		scriptedRandom(s, &r)
		n, _ := liveRecord(t, s, buf, maxChunk, frames*fl, file, &r)
		segs += n
	}
	if segs < combos*3 {
		t.Errorf("only %d segments in %d streams", segs, combos)
	}
}

// TestSegmenterLookbackExact shows the bound is reached: the Start whose
// run of speech frames completes at the first sample of a chunk of c
// samples lies exactly Lookback(c) samples before the chunk's end.
func TestSegmenterLookbackExact(t *testing.T) {
	for _, tc := range []struct {
		rate, frame     int
		preRoll, minSp  time.Duration
		wantLookback160 int // Lookback(160), worked out by hand
	}{
		{16000, 10, 0, 0, 0 + 160 + 159},
		{16000, 10, ms(100), ms(100), 1600 + 1600 + 159}, // the firmware's
		{16000, 10, ms(250), ms(35), 4000 + 4*160 + 159}, // 35 ms is 3.5 frames: 4
		{8000, 30, ms(250), ms(100), 2000 + 4*240 + 159}, // 100 ms is 3.3 frames: 4
		{48000, 20, ms(7), ms(1), 336 + 960 + 159},
	} {
		d, _ := newT(tc.rate, WithFrame(tc.frame))
		s, err := NewSegmenter(d, WithPreRoll(tc.preRoll), WithMinSpeech(tc.minSp))
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Lookback(160); got != tc.wantLookback160 {
			t.Errorf("%+v: Lookback(160) = %d, want %d", tc, got, tc.wantLookback160)
		}
		fl := d.FrameLen()
		// Silence long enough for the whole pre-roll, then speech.
		silent := int(tc.preRoll)/int(time.Millisecond)*tc.rate/1000/fl + 2
		frame := 0
		s.decide = func([]int16) bool { frame++; return frame > silent }
		// Sample by sample: the Start appears when sample e is fed.
		var e int64
		for p := int64(1); e == 0 && p < 1e6; p++ {
			for _, ev := range s.AppendEvents(liveEvents[:0], chunkBuf[:1]) {
				if ev.Kind == Start {
					e = p
				}
			}
		}
		for _, c := range []int{1, 2, fl - 1, fl, fl + 1, 5*fl + 3, len(chunkBuf)} {
			c = min(c, len(chunkBuf))
			s.Reset()
			frame = 0
			for p := e - 1; p > 0; p -= int64(len(chunkBuf)) { // up to just before the Start
				s.AppendEvents(liveEvents[:0], chunkBuf[:min(p, int64(len(chunkBuf)))])
			}
			ev := s.AppendEvents(liveEvents[:0], chunkBuf[:c])
			if len(ev) == 0 || ev[0].Kind != Start || e-1+int64(c)-ev[0].Sample != int64(s.Lookback(c)) {
				t.Errorf("%+v, chunk %d: events %v at %d, Lookback %d", tc, c, ev, e-1+int64(c), s.Lookback(c))
			}
		}
	}
	// Lookback saturates instead of overflowing; chunks below 1 count as 1.
	d, _ := newT(8000)
	s, _ := NewSegmenter(d, WithPreRoll(time.Hour))
	const maxInt = int(^uint(0) >> 1)
	b := s.Lookback(1)
	for _, c := range []struct{ chunk, want int }{{maxInt, maxInt}, {maxInt - b + 2, maxInt}, {maxInt - b + 1, maxInt}, {maxInt - b, maxInt - 1}} {
		if got := s.Lookback(c.chunk); got != c.want {
			t.Errorf("Lookback(%d) = %d, want %d", c.chunk, got, c.want)
		}
	}
	if s.Lookback(0) != s.Lookback(1) || s.Lookback(-5) != s.Lookback(1) {
		t.Errorf("Lookback(0), (-5) = %d, %d, want %d", s.Lookback(0), s.Lookback(-5), s.Lookback(1))
	}
}

// voiced is sample i of an 8 kHz stream the detector itself segments:
// low noise, and every 1.5 s a 750 ms buzz (a square wave, rich in
// harmonics) whose pitch changes every 50 ms, like a voiced sound.
func voiced(i int64) int16 {
	v := int32(int16(mix(uint32(i)))) >> 9 // about -54 dBFS noise
	if t := i % 12000; t >= 3000 && t < 9000 {
		half := 14 + t/400%5*3 // half period: 14..26 samples (286..154 Hz)
		if t/half%2 == 0 {
			v += 3000
		} else {
			v -= 3000
		}
	}
	return int16(v)
}

// TestHistorySegmenterLive records live with the real detector: the
// segments assembled from a History plus the audio after each Start equal
// the stream's [Start.Sample, End.Sample), whatever the chunking.
func TestHistorySegmenterLive(t *testing.T) {
	r := xs(99)
	buf := make([]int16, liveHist)
	for _, opts := range [][]SegmentOption{
		nil, // defaults: 250 ms pre-roll, 100 ms minimum speech
		{WithPreRoll(ms(100)), WithMinSilence(ms(300)), WithMaxUtterance(ms(400))},
	} {
		d, _ := newT(8000)
		s, err := NewSegmenter(d, opts...)
		if err != nil {
			t.Fatal(err)
		}
		for _, maxChunk := range []int{1, 79, 80, 81, 333, 1000} {
			segs, worst := liveRecord(t, s, buf, maxChunk, 3*12000, voiced, &r)
			if segs < 3 {
				t.Errorf("chunks up to %d: %d segments in 4.5 s, want 3 or more", maxChunk, segs)
			}
			t.Logf("chunks up to %d: %d segments, Start at most %d back (Lookback %d)", maxChunk, segs, worst, s.Lookback(maxChunk))
		}
	}
}

// BenchmarkHistory measures Write of one chunk and AppendFrom of a
// segment's beginning (the firmware's 3359 samples) from a 4096-sample
// History; SetBytes counts the samples moved (2 bytes each).
func BenchmarkHistory(b *testing.B) {
	h := NewHistory(make([]int16, liveHist))
	for _, n := range []int{160, 1000} {
		b.Run("Write/"+strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(2 * n))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				h.Write(chunkBuf[:n])
			}
		})
	}
	dst := make([]int16, 0, liveHist)
	for _, n := range []int{160, 3359} {
		b.Run("AppendFrom/"+strconv.Itoa(n), func(b *testing.B) {
			h.Reset()
			for range 5 {
				h.Write(chunkBuf[:]) // 5000 samples: 3359 wrap around, 160 do not
			}
			b.SetBytes(int64(2 * n))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				dst, _ = h.AppendFrom(dst[:0], h.Pos()-int64(n))
			}
			historySink = dst
		})
	}
}
