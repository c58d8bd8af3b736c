package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/go-audio/audio"
	gowav "github.com/go-audio/wav"

	"github.com/toyvoice/toyvoice/bench/internal/harness"
	"github.com/toyvoice/toyvoice/bench/internal/signal"
	"github.com/toyvoice/toyvoice/container/wav"
)

var sinkAny any

func wavArea(out io.Writer, o opts) {
	section(out, "WAV", "16-bit PCM WAV files in memory, one whole file per operation; ns per sample (all channels). "+
		"Decoding: toyvoice's Reader is Reset onto the file and read into a reused []int16; go-audio/wav either FullPCMBuffer (its one-call API, a fresh []int buffer each time) or PCMBuffer into a reused 4096-sample IntBuffer. "+
		"Encoding: into a reused in-memory io.WriteSeeker (both patch the header sizes on Close); toyvoice writes []int16, go-audio an IntBuffer prepared once outside the timing.")
	t := harness.NewTable()
	for _, c := range []struct {
		rate, ch int
		sec      float64
	}{{16000, 1, 1}, {48000, 2, 10}} {
		sec := c.sec * o.seconds
		frames := int(sec * float64(c.rate))
		var pcm []int16
		if c.ch == 2 {
			pcm = signal.Stereo(frames, c.rate)
		} else {
			pcm = signal.Speech(frames, c.rate)
		}
		f := wav.Format{Tag: wav.FormatPCM, Channels: c.ch, SampleRate: c.rate, BitsPerSample: 16}
		var file memWS
		w := must(wav.NewWriter(&file, f))
		if err := w.WriteInt16(pcm); err != nil {
			panic(err)
		}
		if err := w.Close(); err != nil {
			panic(err)
		}
		data := append([]byte(nil), file.b...)
		name := fmt.Sprintf("%g s %g kHz %s", sec, float64(c.rate)/1000, map[int]string{1: "mono", 2: "stereo"}[c.ch])

		br := bytes.NewReader(data)
		rd := must(wav.NewReader(br))
		buf := make([]int16, len(pcm))
		ib := &audio.IntBuffer{Data: make([]int, 4096), Format: &audio.Format{NumChannels: c.ch, SampleRate: c.rate}}
		dec := &harness.Workload{Name: name + " decode", Samples: len(pcm), Seconds: sec, Impls: []*harness.Impl{
			{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() {
				br.Reset(data)
				if err := rd.Reset(br); err != nil {
					panic(err)
				}
				n, err := rd.ReadInt16(buf)
				if err != nil && !errors.Is(err, io.EOF) || n != len(pcm) {
					panic(fmt.Sprint("toyvoice wav: ", n, err))
				}
				sinkInt = n
			}},
			{Name: "go-audio/wav FullPCMBuffer", Kind: harness.Go, Op: func() {
				br.Reset(data)
				b, err := gowav.NewDecoder(br).FullPCMBuffer()
				if err != nil || len(b.Data) != len(pcm) {
					panic(fmt.Sprint("go-audio wav: ", err))
				}
				sinkAny = b
			}},
			{Name: "go-audio/wav PCMBuffer, reused buffer", Kind: harness.Go, Op: func() {
				br.Reset(data)
				d := gowav.NewDecoder(br)
				total := 0
				for {
					n, err := d.PCMBuffer(ib)
					total += n
					if err != nil || n == 0 {
						break
					}
				}
				if total != len(pcm) {
					panic(fmt.Sprint("go-audio wav PCMBuffer: ", total))
				}
				sinkInt = total
			}},
		}}
		ints := make([]int, len(pcm))
		for i, v := range pcm {
			ints[i] = int(v)
		}
		full := &audio.IntBuffer{Data: ints, Format: &audio.Format{NumChannels: c.ch, SampleRate: c.rate}, SourceBitDepth: 16}
		var dst memWS
		dst.b = make([]byte, 0, len(data)+1024)
		enc := &harness.Workload{Name: name + " encode", Samples: len(pcm), Seconds: sec, Impls: []*harness.Impl{
			{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() {
				dst.reset()
				w, err := wav.NewWriter(&dst, f)
				if err != nil {
					panic(err)
				}
				if err := w.WriteInt16(pcm); err != nil {
					panic(err)
				}
				if err := w.Close(); err != nil {
					panic(err)
				}
			}},
			{Name: "go-audio/wav", Kind: harness.Go, Op: func() {
				dst.reset()
				e := gowav.NewEncoder(&dst, c.rate, 16, c.ch, 1)
				if err := e.Write(full); err != nil {
					panic(err)
				}
				if err := e.Close(); err != nil {
					panic(err)
				}
			}},
		}}
		for _, wl := range []*harness.Workload{dec, enc} {
			harness.Measure(wl, o.cfg)
			t.AddWorkload(wl)
		}
	}
	t.Markdown(out)
}

// memWS is an in-memory io.WriteSeeker that keeps its buffer across reset.
type memWS struct {
	b   []byte
	pos int
}

func (m *memWS) reset() { m.b, m.pos = m.b[:0], 0 }

func (m *memWS) Write(p []byte) (int, error) {
	if end := m.pos + len(p); end > len(m.b) {
		if end <= cap(m.b) {
			m.b = m.b[:end]
		} else {
			m.b = append(m.b, make([]byte, end-len(m.b))...)
		}
	}
	copy(m.b[m.pos:], p)
	m.pos += len(p)
	return len(p), nil
}

func (m *memWS) Seek(off int64, whence int) (int64, error) {
	var p int64
	switch whence {
	case io.SeekStart:
		p = off
	case io.SeekCurrent:
		p = int64(m.pos) + off
	case io.SeekEnd:
		p = int64(len(m.b)) + off
	}
	if p < 0 {
		return 0, errors.New("memWS: negative position")
	}
	m.pos = int(p)
	return p, nil
}
