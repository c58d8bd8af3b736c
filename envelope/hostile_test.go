//go:build !tinygo

// Exhaustive and memory-measuring tests: too slow or too large for
// TinyGo's emulated targets.

package envelope

import (
	"bytes"
	"io"
	"runtime"
	"testing"
	"unsafe"
)

// TestEveryBitFlip flips every bit of a sealed message (two recipients,
// three chunks) and checks that Open, the streaming opener and a relay's
// Verify all reject the result with one of the package's sentinels.
func TestEveryBitFlip(t *testing.T) {
	msg, _ := sealTest(t, testPayload(2*256+40), "flip", []PublicKey{dad.pub, toy.pub}, WithChunkSize(256))
	o := toyOpener(t)
	var buf []byte
	counts := map[error]int{}
	step := 1
	if testing.Short() {
		step = 7
	}
	for i := 0; i < len(msg)*8; i += step {
		m := bytes.Clone(msg)
		m[i/8] ^= 1 << (i % 8)
		out, err := o.Open(buf[:0], m)
		if err == nil || kindOf(err) == nil || len(out) != 0 {
			t.Fatalf("bit %d (byte %d): Open: %v (%d bytes out)", i, i/8, err, len(out))
		}
		counts[kindOf(err)]++
		if _, err := openStream(o, m); err == nil || kindOf(err) == nil {
			t.Fatalf("bit %d: stream: %v", i, err)
		}
		if _, err := Verify(bytes.NewReader(m), mum.pub); err == nil || kindOf(err) == nil {
			t.Fatalf("bit %d: Verify: %v", i, err)
		}
	}
	// The unmodified message still opens (no flip burned its id).
	if _, err := o.Open(nil, msg); err != nil {
		t.Fatal(err)
	}
	for k, n := range counts {
		t.Logf("%6d flips: %v", n, k)
	}
}

var sinkBytes []byte

// TestChunkAllocs proves the per-chunk hot paths allocate nothing:
// Opener.Next, Opener.Open (one-shot) and Sealer.Write.
func TestChunkAllocs(t *testing.T) {
	payload := testPayload(64 * 1024)
	msg, _ := sealTest(t, payload, "allocs", []PublicKey{toy.pub})
	chunks := len(payload) / DefaultChunkSize

	o := toyOpener(t)
	r := bytes.NewReader(msg)
	var err error
	begin := func() {
		o.replay.Reset()
		r.Reset(msg)
		if err := o.Begin(r); err != nil {
			t.Fatal(err)
		}
	}
	begin()
	n := 0
	allocs := testing.AllocsPerRun(chunks-2, func() {
		sinkBytes, err = o.Next()
		n++
	})
	if err != nil {
		t.Fatal(err)
	}
	if allocs != 0 {
		t.Errorf("Opener.Next: %v allocs per chunk", allocs)
	}

	// One-shot Open: the allocations per message must not depend on the
	// number of chunks.
	perMessage := func(m []byte) float64 {
		dst := make([]byte, 0, len(payload))
		return testing.AllocsPerRun(20, func() {
			o.replay.Reset()
			sinkBytes, err = o.Open(dst[:0], m)
		})
	}
	small, _ := sealTest(t, payload[:DefaultChunkSize], "allocs-small", []PublicKey{toy.pub})
	a1, a64 := perMessage(small), perMessage(msg)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Open: %v allocs for 1 chunk, %v for %d chunks", a1, a64, chunks)
	if a64 != a1 {
		t.Errorf("Open allocates per chunk: %v allocs for 1 chunk, %v for %d", a1, a64, chunks)
	}

	// Sealer.Write.
	meta := testMeta()
	s, err := NewSealer(io.Discard, int64(len(payload)), &meta, mum.key, []PublicKey{toy.pub})
	if err != nil {
		t.Fatal(err)
	}
	p := payload[:DefaultChunkSize]
	allocs = testing.AllocsPerRun(chunks-2, func() {
		if _, err := s.Write(p); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("Sealer.Write: %v allocs per chunk", allocs)
	}
}

// TestOpenMemory measures an Opener's working memory: the heap it
// allocates per message, besides the chunk buffer, must be small and
// independent of the message length (the package documentation states
// the bound).
func TestOpenMemory(t *testing.T) {
	o := toyOpener(t)
	measure := func(n int) (total uint64) {
		payload := testPayload(n)
		msg, _ := sealTest(t, payload, "mem", []PublicKey{toy.pub})
		r := bytes.NewReader(msg)
		var before, after runtime.MemStats
		o.replay.Reset()
		runtime.GC()
		runtime.ReadMemStats(&before)
		if err := o.Begin(r); err != nil {
			t.Fatal(err)
		}
		for {
			_, err := o.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc
	}
	measure(10) // allocates the chunk buffer
	small, large := measure(2*1024), measure(1<<20)
	t.Logf("Opener heap allocated per message: %d B (2 KiB payload), %d B (1 MiB payload); Opener struct %d B, chunk buffer %d B",
		small, large, unsafe.Sizeof(*o), cap(o.buf))
	if large > openWorkingMemory || small > openWorkingMemory {
		t.Errorf("per-message allocation %d / %d B exceeds the documented %d B", small, large, openWorkingMemory)
	}
	if large > small+512 {
		t.Errorf("per-message allocation grows with the message: %d B vs %d B", large, small)
	}

	// A hostile header declaring a huge payload costs nothing extra.
	msg, _ := sealTest(t, testPayload(10), "mem-hostile", []PublicKey{toy.pub})
	copy(msg[20:28], []byte{0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if _, err := o.Open(nil, msg); err == nil {
		t.Fatal("hostile length accepted")
	}
	runtime.ReadMemStats(&after)
	if d := after.TotalAlloc - before.TotalAlloc; d > openWorkingMemory {
		t.Errorf("hostile length: %d B allocated", d)
	}
}

// openWorkingMemory is the documented bound on what an Opener allocates
// per message besides its chunk buffer (see doc.go, # Memory).
const openWorkingMemory = 10 << 10

func FuzzOpen(f *testing.F) {
	msg, _ := sealTest(f, testPayload(300), "fuzz", []PublicKey{toy.pub}, WithChunkSize(256))
	two, _ := sealTest(f, testPayload(0), "fuzz2", []PublicKey{dad.pub, toy.pub})
	f.Add(msg)
	f.Add(two)
	f.Add(msg[:HeaderLen(1)])
	f.Add(msg[:fixedLen])
	f.Add(flip(msg, 28))         // recipient count
	f.Add(set(msg, 28, 0))       // no recipients
	f.Add(set(msg, 28, 255))     // too many
	f.Add(set(msg, 5, 30))       // chunk size
	f.Add(set(msg, 20, 0xff))    // huge length
	f.Add(flip(msg, len(msg)-1)) // final signature
	f.Add(append(bytes.Clone(msg), 0))
	f.Add([]byte("TVEN"))
	f.Add([]byte{})
	o := toyOpener(f)
	f.Fuzz(func(t *testing.T, m []byte) {
		o.replay.Reset()
		out, err := o.Open(nil, m)
		if err != nil {
			if kindOf(err) == nil {
				t.Fatalf("error matches no single sentinel: %v", err)
			}
			if len(out) != 0 {
				t.Fatal("output on error")
			}
		}
		o.replay.Reset()
		got, err2 := openStream(o, m)
		if (err == nil) != (err2 == nil) || (err == nil && !bytes.Equal(out, got)) {
			t.Fatalf("Open and stream disagree: %v / %v", err, err2)
		}
		info, err3 := Verify(bytes.NewReader(m), mum.pub)
		if err == nil && (err3 != nil || info.Size != int64(len(m))) {
			t.Fatalf("opened but relay rejects: %v", err3)
		}
		if in, err := Inspect(m); err == nil && len(in.Recipients) == 0 {
			t.Fatal("Inspect without recipients")
		}
	})
}
