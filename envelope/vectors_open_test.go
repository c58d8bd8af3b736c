//go:build !(tinygo && baremetal) || stack8k

// On bare-metal TinyGo, X25519 and Ed25519 from the standard library need
// more than the 4 KB goroutine stack the cortex-m-qemu target defaults
// to; run these with
//
//	tinygo test -stack-size=8KB -tags=stack8k -target=cortex-m-qemu.json ./envelope

package envelope

import (
	"bytes"
	"io"
	"runtime"
	"testing"
)

// TestVectorsOpen opens every committed vector. It runs everywhere,
// including TinyGo on cortex-m-qemu.
func TestVectorsOpen(t *testing.T) {
	n := eachVector(t, func(name string, v vector) { checkVector(t, name, v) })
	if n < 10 {
		t.Fatalf("only %d vectors", n)
	}
}

// TestOpenHeap opens the three-chunks vector as a toy would (streaming,
// with a chunk buffer allocated up front) and logs the heap it took. On
// TinyGo cortex-m-qemu this is the number the package documentation
// quotes.
func TestOpenHeap(t *testing.T) {
	b, err := vectorFS.ReadFile("testdata/vectors/three-chunks.txt")
	if err != nil {
		t.Fatal(err)
	}
	v, err := parseVector(b)
	if err != nil {
		t.Fatal(err)
	}
	key, err := ParsePrivateKey(v.str("recipient"))
	if err != nil {
		t.Fatal(err)
	}
	mum, err := ParsePublicKey(v.str("contacts"))
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := unhexInPlace(v["message"])
	w, _ := NewReplayWindow(16)
	o, _ := NewOpener([]*PrivateKey{key}, NewContacts(mum), w, WithMaxChunkSize(1024))
	o.buf = make([]byte, 1024+Overhead)
	r := bytes.NewReader(msg)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := o.Begin(r); err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		c, err := o.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n += len(c)
	}
	runtime.ReadMemStats(&after)
	runtime.GC()
	var settled runtime.MemStats
	runtime.ReadMemStats(&settled)
	t.Logf("opened %d bytes: heap in use %d -> %d B (after GC %d B), %d B allocated in total (garbage included), heap size %d B",
		n, before.HeapInuse, after.HeapInuse, settled.HeapInuse, after.TotalAlloc-before.TotalAlloc, after.HeapSys)
}
