package ogg

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"

	"github.com/toyvoice/toyvoice/codec"
)

// Tests here run everywhere, TinyGo's cortex-m-qemu included: streams
// stay a few kilobytes.

var (
	sinkBytes []byte
	sinkErr   error
)

func TestCRC(t *testing.T) {
	// CRC-32 with polynomial 0x04c11db7, init 0, no reflection, no final
	// XOR: the check value of "123456789" is 0x89a1897f (the complement
	// of CRC-32/POSIX's 0x765e7680, which adds only a final XOR).
	if got := crcUpdate(0, []byte("123456789")); got != 0x89a1897f {
		t.Errorf("crc = %#08x", got)
	}
}

// TestGoldenPage: a known page, byte for byte (header fields and CRC
// checked by hand against RFC 3533 section 6).
func TestGoldenPage(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, 0x01020304)
	if err := w.WritePacket([]byte("hi"), 7, true); err != nil {
		t.Fatal(err)
	}
	got := b.Bytes()
	want := []byte{
		'O', 'g', 'g', 'S', 0, 0x06, // version 0, BOS|EOS
		7, 0, 0, 0, 0, 0, 0, 0, // granule 7
		4, 3, 2, 1, // serial
		0, 0, 0, 0, // sequence 0
		0, 0, 0, 0, // CRC, filled below
		1, 2, 'h', 'i',
	}
	crc := crcUpdate(0, want)
	want[22], want[23], want[24], want[25] = byte(crc), byte(crc>>8), byte(crc>>16), byte(crc>>24)
	if !bytes.Equal(got, want) {
		t.Errorf("page\n got % x\nwant % x", got, want)
	}
}

type wpkt struct {
	size    int
	granule int64
}

// roundTrip writes packets of the given sizes (content derived from the
// index) and reads them back, through a one-byte-at-a-time reader.
func roundTrip(t *testing.T, fill int, pkts []wpkt) []byte {
	t.Helper()
	var b bytes.Buffer
	w := NewWriter(&b, 42)
	if err := w.SetPageFill(fill); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 1024)
	for i, p := range pkts {
		buf = buf[:p.size]
		for k := range buf {
			buf[k] = byte(i + k)
		}
		if err := w.WritePacket(buf, p.granule, i == len(pkts)-1); err != nil {
			t.Fatal(err)
		}
	}
	stream := b.Bytes()
	r, _ := NewReader(iotest.OneByteReader(bytes.NewReader(stream)))
	var out []byte
	for i, p := range pkts {
		var info PacketInfo
		var err error
		out, info, err = r.NextPacket(out[:0])
		if err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
		if len(out) != p.size {
			t.Fatalf("packet %d: %d bytes, want %d", i, len(out), p.size)
		}
		for k := range out {
			if out[k] != byte(i+k) {
				t.Fatalf("packet %d byte %d differs", i, k)
			}
		}
		if info.Granule != -1 && info.Granule != p.granule {
			t.Fatalf("packet %d: granule %d, want %d or -1", i, info.Granule, p.granule)
		}
		if info.BOS != (i == 0) || info.EOS != (i == len(pkts)-1) || info.Serial != 42 {
			t.Fatalf("packet %d: info %+v", i, info)
		}
		if info.EOS && info.Granule != p.granule {
			t.Fatalf("last packet: granule %d, want %d", info.Granule, p.granule)
		}
	}
	if _, _, err := r.NextPacket(nil); err != io.EOF {
		t.Fatalf("after last packet: %v, want io.EOF", err)
	}
	return stream
}

func TestRoundTrip(t *testing.T) {
	// Lacing edge cases: empty packets, exact multiples of 255,
	// packets spanning the 255-segment page limit.
	var pkts []wpkt
	for i, n := range []int{0, 1, 254, 255, 256, 510, 511, 0, 765, 600, 2} {
		pkts = append(pkts, wpkt{n, int64(100 * (i + 1))})
	}
	roundTrip(t, 1024, pkts)
	roundTrip(t, 1, pkts)
	// 300 one-byte packets overflow 255 segments; then a packet that
	// straddles the 255-segment boundary of a page.
	pkts = pkts[:0]
	for i := 0; i < 300; i++ {
		pkts = append(pkts, wpkt{1, int64(i)})
	}
	pkts = append(pkts, wpkt{700, 300}, wpkt{5, 301})
	s := roundTrip(t, 2048, pkts)
	// Check the pages: sequence numbers, flags, granules.
	r, _ := NewReader(bytes.NewReader(s))
	var seqs []uint32
	for {
		p, err := r.NextPage()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, p.Sequence)
		if len(p.Lacing) > 255 {
			t.Fatal("too many segments")
		}
	}
	if len(seqs) < 2 || seqs[0] != 0 || seqs[len(seqs)-1] != uint32(len(seqs)-1) {
		t.Errorf("page sequence %v", seqs)
	}
}

// pageBytes builds one raw page with a correct CRC unless badCRC.
func pageBytes(flags byte, granule int64, serial, seq uint32, lacing, body []byte, badCRC bool) []byte {
	h := make([]byte, headerSize, headerSize+len(lacing)+len(body))
	putHeader(h, flags, granule, serial, seq, len(lacing))
	h = append(h, lacing...)
	h = append(h, body...)
	crc := crcUpdate(0, h)
	if badCRC {
		crc ^= 1
	}
	h[22], h[23], h[24], h[25] = byte(crc), byte(crc>>8), byte(crc>>16), byte(crc>>24)
	return h
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// malformed returns crafted hostile streams and the sentinel each must
// produce (the fuzz seeds, too).
func malformed() []struct {
	name string
	data []byte
	want error
} {
	ok0 := pageBytes(flagBOS, 0, 5, 0, []byte{3}, []byte("abc"), false)
	bad := pageBytes(flagBOS, 0, 5, 0, []byte{3}, []byte("abc"), true)
	capture := append([]byte("OggT"), ok0[4:]...)
	version := bytes.Clone(ok0)
	version[4] = 1
	reserved := pageBytes(flagBOS|0x10, 0, 5, 0, []byte{3}, []byte("abc"), false)
	open := pageBytes(flagBOS, -1, 5, 0, []byte{255}, make([]byte, 255), false)
	return []struct {
		name string
		data []byte
		want error
	}{
		{"bad-crc", bad, ErrCRC},
		{"bad-capture", capture, ErrCapture},
		{"bad-version", version, ErrVersion},
		{"reserved-flags", reserved, ErrHeaderType},
		{"truncated-header", ok0[:20], ErrTruncated},
		{"truncated-lacing", pageBytes(flagBOS, 0, 5, 0, []byte{3, 4}, []byte("abcdefg"), false)[:28], ErrTruncated},
		{"truncated-body", ok0[:len(ok0)-1], ErrTruncated},
		{"no-bos", pageBytes(0, 0, 5, 0, []byte{3}, []byte("abc"), false), ErrBOS},
		{"second-bos", cat(ok0, pageBytes(flagBOS, 0, 5, 1, []byte{1}, []byte("x"), false)), ErrBOS},
		{"sequence-gap", cat(ok0, pageBytes(0, 0, 5, 2, []byte{1}, []byte("x"), false)), ErrSequence},
		{"missing-continuation", cat(open, pageBytes(0, 0, 5, 1, []byte{1}, []byte("x"), false)), ErrContinuation},
		{"stray-continuation", cat(ok0, pageBytes(flagContinued, 0, 5, 1, []byte{1}, []byte("x"), false)), ErrContinuation},
		{"open-at-eof", open, ErrTruncated},
		{"after-eos", cat(pageBytes(flagBOS|flagEOS, 0, 5, 0, []byte{1}, []byte("x"), false),
			pageBytes(0, 0, 5, 1, []byte{1}, []byte("y"), false)), ErrAfterEOS},
		// Lacing values claiming a full 255-segment body that is not there.
		{"lacing-overflow", pageBytes(flagBOS, 0, 5, 0, bytes.Repeat([]byte{255}, 255), make([]byte, 10), false), ErrTruncated},
		// A packet continued over pages past the size limit (the
		// reader in TestMalformed has a 1000-byte limit).
		{"huge-packet", cat(open,
			pageBytes(flagContinued, -1, 5, 1, []byte{255, 255, 255}, make([]byte, 765), false),
			pageBytes(flagContinued, 0, 5, 2, []byte{10}, make([]byte, 10), false)), ErrPacketTooLarge},
	}
}

func TestMalformed(t *testing.T) {
	for _, c := range malformed() {
		r, _ := NewReader(bytes.NewReader(c.data), WithMaxPacketSize(1000))
		var err error
		for i := 0; i < 10 && err == nil; i++ {
			_, _, err = r.NextPacket(nil)
		}
		if !errors.Is(err, c.want) || !errors.Is(err, codec.ErrCorrupt) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Offset < 0 || e.Offset > int64(len(c.data)) {
			t.Errorf("%s: %v has no sensible offset", c.name, err)
		}
		// Sticky.
		if _, _, err2 := r.NextPacket(nil); err2 != err {
			t.Errorf("%s: error not sticky: %v then %v", c.name, err, err2)
		}
	}
}

// TestMultiplexed: pages of another serial are skipped.
func TestMultiplexed(t *testing.T) {
	s := cat(
		pageBytes(flagBOS, 0, 5, 0, []byte{1}, []byte("a"), false),
		pageBytes(flagBOS, 0, 6, 0, []byte{1}, []byte("X"), false),
		pageBytes(0, 1, 6, 1, []byte{1}, []byte("Y"), false),
		pageBytes(flagEOS, 1, 5, 1, []byte{1}, []byte("b"), false),
	)
	r, _ := NewReader(bytes.NewReader(s))
	var got []byte
	for {
		p, _, err := r.NextPacket(nil)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p...)
	}
	if string(got) != "ab" {
		t.Errorf("got %q", got)
	}
}

func TestWriterErrors(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, 1)
	if err := w.SetPageFill(0); !errors.Is(err, ErrOption) || !errors.Is(err, codec.ErrOption) {
		t.Errorf("SetPageFill(0): %v", err)
	}
	if err := w.WritePacket([]byte{1}, 0, true); err != nil {
		t.Fatal(err)
	}
	if err := w.WritePacket([]byte{1}, 0, false); err != ErrWriterDone {
		t.Errorf("after EOS: %v", err)
	}
	if _, err := NewReader(&b, WithMaxPacketSize(0)); !errors.Is(err, ErrOption) {
		t.Errorf("WithMaxPacketSize(0): %v", err)
	}
}
