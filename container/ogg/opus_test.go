package ogg

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestOpusHead(t *testing.T) {
	h := OpusHead{Channels: 1, PreSkip: 312, InputSampleRate: 16000, OutputGain: -256}
	p, err := AppendOpusHead(nil, &h)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, 1, 0x38, 0x01, 0x80, 0x3e, 0, 0, 0x00, 0xff, 0}
	if !bytes.Equal(p, want) {
		t.Errorf("OpusHead\n got % x\nwant % x", p, want)
	}
	g, err := ParseOpusHead(p)
	if err != nil || g.Version != 1 || g.Channels != 1 || g.PreSkip != 312 || g.InputSampleRate != 16000 ||
		g.OutputGain != -256 || g.StreamCount != 1 || g.CoupledCount != 0 {
		t.Errorf("parse: %+v, %v", g, err)
	}
	// Family 1, 5.1 surround: 4 streams, 2 coupled (RFC 7845 5.1.1.2).
	h6 := OpusHead{Channels: 6, MappingFamily: 1, StreamCount: 4, CoupledCount: 2}
	copy(h6.Mapping[:], []byte{0, 4, 1, 2, 3, 5})
	p6, err := AppendOpusHead(nil, &h6)
	if err != nil || len(p6) != 19+2+6 {
		t.Fatalf("family 1: %d bytes, %v", len(p6), err)
	}
	g6, err := ParseOpusHead(p6)
	if err != nil || g6.Mapping != h6.Mapping || g6.StreamCount != 4 || g6.CoupledCount != 2 {
		t.Errorf("family 1 parse: %v", err)
	}
	bad := map[string][]byte{
		"short":       p[:18],
		"magic":       append([]byte("OpusHeaD"), p[8:]...),
		"version16":   func() []byte { b := bytes.Clone(p); b[8] = 16; return b }(),
		"channels0":   func() []byte { b := bytes.Clone(p); b[9] = 0; return b }(),
		"family0-3ch": func() []byte { b := bytes.Clone(p); b[9] = 3; return b }(),
		"no-table":    func() []byte { b := bytes.Clone(p); b[18] = 1; return b }(),
		"streams0":    func() []byte { b := bytes.Clone(p6); b[19] = 0; return b }(),
		"coupled>str": func() []byte { b := bytes.Clone(p6); b[20] = 5; return b }(),
		"mapping-oob": func() []byte { b := bytes.Clone(p6); b[21] = 6; return b }(),
		"family1-9ch": func() []byte { b := append(bytes.Clone(p6), 0, 0, 0); b[9] = 9; return b }(),
	}
	for name, b := range bad {
		if _, err := ParseOpusHead(b); !errors.Is(err, ErrOpusHead) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := AppendOpusHead(nil, &OpusHead{Channels: 3}); !errors.Is(err, ErrOpusHead) {
		t.Errorf("append 3 channels family 0: %v", err)
	}
}

func TestOpusTags(t *testing.T) {
	tags := &OpusTags{Vendor: "toyvoice", Comments: []string{"TITLE=Gute Nacht", "ARTIST=Oma"}}
	p := AppendOpusTags(nil, tags)
	g, err := ParseOpusTags(p)
	if err != nil || g.Vendor != tags.Vendor || len(g.Comments) != 2 || g.Comments[1] != "ARTIST=Oma" {
		t.Fatalf("%+v, %v", g, err)
	}
	huge := append(AppendOpusTags(nil, &OpusTags{Vendor: "v"})[:8+4+1], 0xff, 0xff, 0xff, 0x7f)
	for name, b := range map[string][]byte{
		"short":         p[:12],
		"magic":         append([]byte("OpusTagz"), p[8:]...),
		"vendor-len":    append(append([]byte("OpusTags"), 0xff, 0xff, 0xff, 0xff), make([]byte, 8)...),
		"huge-count":    huge,
		"comment-trunc": p[:len(p)-3],
	} {
		if _, err := ParseOpusTags(b); !errors.Is(err, ErrOpusTags) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestOpusPacketSamples(t *testing.T) {
	for _, c := range []struct {
		p    []byte
		want int
	}{
		{[]byte{0 << 3}, 480}, {[]byte{1 << 3}, 960}, {[]byte{2 << 3}, 1920}, {[]byte{3 << 3}, 2880},
		{[]byte{12 << 3}, 480}, {[]byte{13 << 3}, 960},
		{[]byte{16 << 3}, 120}, {[]byte{17 << 3}, 240}, {[]byte{18 << 3}, 480}, {[]byte{31 << 3}, 960},
		{[]byte{1<<3 | 1}, 1920}, {[]byte{1<<3 | 2}, 1920}, {[]byte{16<<3 | 3, 48}, 5760},
		{[]byte{3<<3 | 3, 2}, 5760},
	} {
		if n, err := OpusPacketSamples(c.p); err != nil || n != c.want {
			t.Errorf("% x: %d, %v; want %d", c.p, n, err, c.want)
		}
	}
	for _, p := range [][]byte{nil, {3}, {16<<3 | 3, 0}, {16<<3 | 3, 49}, {3<<3 | 3, 3}} {
		if _, err := OpusPacketSamples(p); !errors.Is(err, ErrOpusPacket) {
			t.Errorf("% x: %v", p, err)
		}
	}
}

// TestOpusRoundTrip: OpusWriter then OpusReader, with end trimming, and
// pages ending about once a second.
func TestOpusRoundTrip(t *testing.T) {
	var b bytes.Buffer
	head := OpusHead{Channels: 1, PreSkip: 312, InputSampleRate: 16000}
	w, err := NewOpusWriter(&b, 77, &head, &OpusTags{Vendor: "test", Comments: []string{"A=b"}})
	if err != nil {
		t.Fatal(err)
	}
	// 120 packets of 20 ms (CELT, config 31, code 0), 3 bytes each.
	pkt := []byte{31 << 3, 1, 2}
	for i := 0; i < 120; i++ {
		pkt[1] = byte(i)
		if err := w.WritePacket(pkt); err != nil {
			t.Fatal(err)
		}
	}
	const samples = 120*960 - 312 - 500 // trims 500 samples of the last packet
	if err := w.Close(samples); err != nil {
		t.Fatal(err)
	}
	if err := w.WritePacket(pkt); err != ErrWriterDone {
		t.Errorf("write after Close: %v", err)
	}
	r, err := NewOpusReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if r.Head().PreSkip != 312 || r.Tags().Vendor != "test" || r.Tags().Comments[0] != "A=b" {
		t.Errorf("headers %+v %+v", r.Head(), r.Tags())
	}
	n := 0
	var last OpusPacket
	for {
		p, info, err := r.NextPacket(nil)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(p) != 3 || p[1] != byte(n) || info.Samples != 960 {
			t.Fatalf("packet %d: % x %+v", n, p, info)
		}
		last = info
		n++
	}
	if n != 120 || !last.EOS || last.Trim != 500 || r.Duration() != samples {
		t.Errorf("%d packets, last %+v, duration %d (want %d)", n, last, r.Duration(), samples)
	}
	// Pages: OpusHead, OpusTags, then audio ending about once per second
	// (50 packets): at least 3 audio pages.
	pr, _ := NewReader(bytes.NewReader(b.Bytes()))
	pages := 0
	for {
		if _, err := pr.NextPage(); err != nil {
			break
		}
		pages++
	}
	if pages < 5 {
		t.Errorf("%d pages", pages)
	}
	// Bad trims.
	w2, _ := NewOpusWriter(io.Discard, 1, &head, nil)
	w2.WritePacket(pkt)
	if err := w2.Close(5000); !errors.Is(err, ErrOption) {
		t.Errorf("trim beyond end: %v", err)
	}
}

func TestOpusReaderErrors(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, 3)
	w.WritePacket([]byte("OpusHeaX........."), 0, false)
	w.Flush()
	if _, err := NewOpusReader(bytes.NewReader(b.Bytes())); !errors.Is(err, ErrOpusHead) {
		t.Errorf("bad head: %v", err)
	}
	b.Reset()
	w = NewWriter(&b, 3)
	hp, _ := AppendOpusHead(nil, &OpusHead{Channels: 2})
	w.WritePacket(hp, 0, false)
	w.Flush()
	w.WritePacket([]byte("OpusTagz"), 0, false)
	w.Flush()
	if _, err := NewOpusReader(bytes.NewReader(b.Bytes())); !errors.Is(err, ErrOpusTags) {
		t.Errorf("bad tags: %v", err)
	}
	if _, err := NewOpusReader(bytes.NewReader(nil)); !errors.Is(err, ErrOpusHead) {
		t.Errorf("empty: %v", err)
	}
	// First audio page with a granule below its packets' duration.
	b.Reset()
	w = NewWriter(&b, 3)
	w.WritePacket(hp, 0, false)
	w.Flush()
	w.WritePacket(AppendOpusTags(nil, &OpusTags{}), 0, false)
	w.Flush()
	w.WritePacket([]byte{31 << 3}, 100, false)
	w.WritePacket([]byte{31 << 3}, 200, false)
	w.Flush()
	r, err := NewOpusReader(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var perr error
	for i := 0; i < 3 && perr == nil; i++ {
		_, _, perr = r.NextPacket(nil)
	}
	if !errors.Is(perr, ErrOpusPacket) {
		t.Errorf("short first granule: %v", perr)
	}
}
