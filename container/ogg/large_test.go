//go:build !tinygo

package ogg

import (
	"bytes"
	"io"
	"testing"
)

// Tests needing more memory than TinyGo's cortex-m heap (TestAllocs
// passes alone there, but not after the other tests on a 64 KiB heap).

// TestContinuedPageGranule: a page holding only the middle of a packet
// carries granule -1 and the continued flag.
func TestContinuedPageGranule(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, 1)
	big := make([]byte, 255*255+255*255+10) // needs three pages
	if err := w.WritePacket(big, 99, true); err != nil {
		t.Fatal(err)
	}
	r, _ := NewReader(bytes.NewReader(b.Bytes()))
	var got []int64
	var cont []bool
	for {
		p, err := r.NextPage()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, p.Granule)
		cont = append(cont, p.Continued)
	}
	if len(got) != 3 || got[0] != -1 || got[1] != -1 || got[2] != 99 || cont[0] || !cont[1] || !cont[2] {
		t.Errorf("granules %v, continued %v", got, cont)
	}
}

// TestAllocs: after the first page, reading and writing packets does not
// allocate.
func TestAllocs(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b, 9)
	w.SetPageFill(250)
	pkt := make([]byte, 100)
	for i := 0; i < 40; i++ {
		w.WritePacket(pkt, int64(i), false)
	}
	w.Flush()
	stream := append([]byte(nil), b.Bytes()...)
	b.Grow(1 << 10)
	if n := testing.AllocsPerRun(50, func() {
		b.Reset()
		sinkErr = w.WritePacket(pkt, 1, false)
		sinkErr = w.Flush()
	}); n != 0 {
		t.Errorf("WritePacket+Flush: %v allocs", n)
	}
	br := bytes.NewReader(stream)
	r, _ := NewReader(br)
	dst := make([]byte, 0, 256)
	sinkBytes, _, _ = r.NextPacket(dst[:0])
	if n := testing.AllocsPerRun(30, func() {
		sinkBytes, _, sinkErr = r.NextPacket(dst[:0])
	}); n != 0 || sinkErr != nil {
		t.Errorf("NextPacket: %v allocs, err %v", n, sinkErr)
	}
}
