//go:build !tinygo

package ogg

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"
	"testing/iotest"
)

// FuzzReader reads arbitrary input as Ogg packets and as Ogg Opus, with
// a whole-input reader and a one-byte reader. It must never panic or
// hang, must fail only with *Error values carrying a documented sentinel
// (io.EOF at the end), must not return more packet bytes than the input
// holds, and the read size must not change the packets or the error.
func FuzzReader(f *testing.F) {
	for _, c := range malformed() {
		f.Add(c.data)
	}
	var b bytes.Buffer
	head := OpusHead{Channels: 2, PreSkip: 3840, InputSampleRate: 48000}
	w, _ := NewOpusWriter(&b, 1, &head, &OpusTags{Vendor: "v", Comments: []string{"a=b"}})
	for i := 0; i < 5; i++ {
		w.WritePacket([]byte{byte(i) << 3, 1, 2, 3})
	}
	w.Close(-1)
	f.Add(bytes.Clone(b.Bytes()))
	// Bad OpusHead: channel count 0.
	bad := bytes.Clone(b.Bytes())
	bad[28+9] = 0
	f.Add(bad)
	f.Fuzz(func(t *testing.T, data []byte) {
		a, errA := readAll(bytes.NewReader(data))
		c, errC := readAll(iotest.OneByteReader(bytes.NewReader(data)))
		if !bytes.Equal(a, c) || errString(errA) != errString(errC) {
			t.Fatalf("read size changed the result: %v vs %v", errA, errC)
		}
		if len(a) > len(data) {
			t.Fatalf("%d packet bytes from %d input bytes", len(a), len(data))
		}
		checkErr(t, errA)
		if or, err := NewOpusReader(bytes.NewReader(data)); err != nil {
			checkErr(t, err)
		} else {
			for {
				_, _, err := or.NextPacket(nil)
				if err != nil {
					checkErr(t, err)
					break
				}
			}
			_ = or.Duration()
		}
	})
}

func readAll(r io.Reader) ([]byte, error) {
	rd, _ := NewReader(r, WithMaxPacketSize(100000))
	var out []byte
	for i := 0; ; i++ {
		var err error
		out, _, err = rd.NextPacket(out)
		if err != nil {
			return out, err
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func checkErr(t *testing.T, err error) {
	t.Helper()
	if err == nil || err == io.EOF {
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is %T, not *ogg.Error", err, err)
	}
	switch e.Err {
	case ErrCapture, ErrVersion, ErrHeaderType, ErrCRC, ErrTruncated, ErrBOS, ErrSequence,
		ErrContinuation, ErrAfterEOS, ErrPacketTooLarge, ErrOpusHead, ErrOpusTags, ErrOpusPacket:
	default:
		t.Fatalf("unexpected sentinel in %v", err)
	}
}

// TestMalformedAllocBound: reading each hostile stream allocates a small,
// fixed amount (the page buffer doubles up to MaxPageBody), whatever
// its lacing claims. A stream of many maximal pages forming one packet
// stops at the packet limit.
func TestMalformedAllocBound(t *testing.T) {
	cases := map[string][]byte{}
	for _, c := range malformed() {
		cases[c.name] = c.data
	}
	// 40 full pages (2.6 MB) continuing one packet; limit 128 KiB.
	full := make([]byte, MaxPageBody)
	lac := bytes.Repeat([]byte{255}, 255)
	var big bytes.Buffer
	big.Write(pageBytes(flagBOS, -1, 5, 0, lac, full, false))
	for i := 1; i < 40; i++ {
		big.Write(pageBytes(flagContinued, -1, 5, uint32(i), lac, full, false))
	}
	cases["continued-2.6MB"] = big.Bytes()
	for name, data := range cases {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r, _ := NewReader(bytes.NewReader(data), WithMaxPacketSize(128<<10))
		buf := make([]byte, 0, 128<<10)
		for i := 0; i < 100; i++ {
			if _, _, err := r.NextPacket(buf[:0]); err != nil {
				break
			}
		}
		runtime.ReadMemStats(&after)
		// The page buffer doubles up to MaxPageBody (about 2*MaxPageBody in
		// all, rounded up to allocation size classes).
		const bound = 128<<10 + 3*MaxPageBody
		if d := after.TotalAlloc - before.TotalAlloc; d > bound && !raceEnabled {
			t.Errorf("%s: reading allocated %d bytes, bound %d", name, d, bound)
		}
	}
	r, _ := NewReader(bytes.NewReader(big.Bytes()), WithMaxPacketSize(128<<10))
	if _, _, err := r.NextPacket(nil); !errors.Is(err, ErrPacketTooLarge) {
		t.Errorf("huge continued packet: %v", err)
	}
}
