//go:build !tinygo

package wav

import (
	"bytes"
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/malformed from the crafted cases")

// TestMalformedFiles keeps testdata/malformed (the fuzz seeds) identical
// to the cases crafted in malformedCases; -update rewrites it.
func TestMalformedFiles(t *testing.T) {
	dir := filepath.Join("testdata", "malformed")
	for _, c := range malformedCases() {
		path := filepath.Join(dir, c.name+".wav")
		if *update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestMalformedFiles -update)", err)
		}
		if !bytes.Equal(got, c.data) {
			t.Errorf("%s differs from the crafted case (run with -update)", path)
		}
	}
}

// hugeClaims are files whose headers claim far more than they hold.
func hugeClaims() map[string][]byte {
	m := map[string][]byte{}
	for _, c := range malformedCases() {
		m[c.name] = c.data
	}
	// An IMA file claiming the largest block, with little data.
	m["ima-max-block"] = build(-1, fmtChunk(FormatIMAADPCM, 2, 8000, 32768, 4), chunk{id: "data", data: make([]byte, 100), size: 0xFFFFFF00})
	m["data-4gib"] = build(-1, fmt16, chunk{id: "data", data: make([]byte, 10), size: 0xFFFFFFFE})
	return m
}

// TestMalformedAllocBound proves reading each hostile file allocates only
// a small, fixed amount, whatever its headers claim.
func TestMalformedAllocBound(t *testing.T) {
	const bound = 64 << 10
	buf := make([]int16, 256)
	for name, data := range hugeClaims() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r, err := NewReader(bytes.NewReader(data))
		if err == nil {
			for {
				if _, err := r.ReadInt16(buf); err != nil {
					break
				}
			}
		}
		runtime.ReadMemStats(&after)
		if d := after.TotalAlloc - before.TotalAlloc; d > bound {
			t.Errorf("%s: reading allocated %d bytes, bound %d", name, d, bound)
		}
	}
}

var sinkN int
var sinkErr error

// loopReader repeats a pattern forever without allocating.
type loopReader struct {
	p   []byte
	pos int
}

func (l *loopReader) Read(b []byte) (int, error) {
	n := 0
	for n < len(b) {
		k := copy(b[n:], l.p[l.pos:])
		n += k
		l.pos = (l.pos + k) % len(l.p)
	}
	return n, nil
}

func TestAllocs(t *testing.T) {
	for _, tc := range testFormats {
		t.Run(tc.name, func(t *testing.T) {
			var bb bytes.Buffer
			w, err := NewWriter(onlyWriter{&bb}, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			ba := w.Format().BlockAlign
			hdr := bb.Len()
			pcm := signal(4096, tc.f.Channels)
			w.WriteInt16(pcm)
			w.Close()
			body := bb.Bytes()[hdr:]
			if tc.f.Tag == FormatIMAADPCM {
				body = body[:len(body)/ba*ba]
			}
			// Header with unknown size, then the body repeated forever.
			src := io.MultiReader(bytes.NewReader(bb.Bytes()[:hdr]), &loopReader{p: body})
			r, err := NewReader(src)
			if err != nil {
				t.Fatal(err)
			}
			d16 := make([]int16, 1000*tc.f.Channels)
			d32 := make([]float32, 1000*tc.f.Channels)
			raw := make([]byte, 1000)
			r.ReadInt16(d16) // first IMA block allocates its buffers
			if a := testing.AllocsPerRun(50, func() { sinkN, sinkErr = r.ReadInt16(d16) }); a != 0 {
				t.Errorf("ReadInt16: %v allocs", a)
			}
			if a := testing.AllocsPerRun(50, func() { sinkN, sinkErr = r.ReadFloat32(d32) }); a != 0 {
				t.Errorf("ReadFloat32: %v allocs", a)
			}
			if a := testing.AllocsPerRun(50, func() { sinkN, sinkErr = r.Read(raw) }); a != 0 {
				t.Errorf("Read: %v allocs", a)
			}
			w, _ = NewWriter(io.Discard, tc.f)
			if a := testing.AllocsPerRun(50, func() { sinkErr = w.WriteInt16(d16) }); a != 0 {
				t.Errorf("WriteInt16: %v allocs", a)
			}
			if a := testing.AllocsPerRun(50, func() { sinkErr = w.WriteFloat32(d32) }); a != 0 {
				t.Errorf("WriteFloat32: %v allocs", a)
			}
			if a := testing.AllocsPerRun(50, func() { sinkN, sinkErr = w.Write(raw[:ba]) }); a != 0 {
				t.Errorf("Write: %v allocs", a)
			}
			rr := new(Reader)
			file := encodeFile(t, tc.f, pcm[:64*tc.f.Channels], true)
			br := bytes.NewReader(file)
			rr.Reset(br)
			if a := testing.AllocsPerRun(50, func() {
				br.Reset(file)
				sinkErr = rr.Reset(br)
				sinkN, _ = rr.ReadInt16(d16)
			}); a != 0 {
				t.Errorf("Reset+ReadInt16: %v allocs", a)
			}
		})
	}
}
