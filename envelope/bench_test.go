//go:build !tinygo

package envelope

import (
	"bytes"
	"io"
	"strconv"
	"testing"
)

var benchSizes = []int{4 << 10, 64 << 10, 1 << 20}

// BenchmarkSeal measures one-shot sealing to one recipient (default 1 KiB
// chunks): MB/s of payload, allocations per message.
func BenchmarkSeal(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(strconv.Itoa(n>>10)+"KiB", func(b *testing.B) {
			payload := testPayload(n)
			dst := make([]byte, 0, SealedLen(int64(n), 1, DefaultChunkSize))
			meta := testMeta()
			b.SetBytes(int64(n))
			b.ReportAllocs()
			b.ResetTimer()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				meta.MessageID = MessageID{}
				sinkBytes, _ = Seal(dst[:0], payload, &meta, mum.key, []PublicKey{toy.pub})
			}
		})
	}
}

// BenchmarkOpen measures one-shot opening (all checks) into a reused dst.
func BenchmarkOpen(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(strconv.Itoa(n>>10)+"KiB", func(b *testing.B) {
			msg, _ := sealTest(b, testPayload(n), "bench", []PublicKey{toy.pub})
			o := toyOpener(b)
			dst := make([]byte, 0, n)
			b.SetBytes(int64(n))
			b.ReportAllocs()
			b.ResetTimer()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				o.replay.Reset()
				var err error
				if sinkBytes, err = o.Open(dst[:0], msg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpenStream measures the toy's path: Begin, then Next per chunk,
// for 1 KiB and 256-byte chunks.
func BenchmarkOpenStream(b *testing.B) {
	for _, cs := range []int{256, 1024} {
		b.Run("chunk"+strconv.Itoa(cs), func(b *testing.B) {
			n := 64 << 10
			msg, _ := sealTest(b, testPayload(n), "bench", []PublicKey{toy.pub}, WithChunkSize(cs))
			o := toyOpener(b)
			r := bytes.NewReader(msg)
			b.SetBytes(int64(n))
			b.ReportAllocs()
			b.ResetTimer()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				o.replay.Reset()
				r.Reset(msg)
				if err := o.Begin(r); err != nil {
					b.Fatal(err)
				}
				for {
					c, err := o.Next()
					if err == io.EOF {
						break
					}
					if err != nil {
						b.Fatal(err)
					}
					sinkBytes = c
				}
			}
		})
	}
}

// BenchmarkNextChunk isolates the per-chunk cost of streaming open
// (read, hash, decrypt one 1 KiB chunk): allocs/op is per chunk.
func BenchmarkNextChunk(b *testing.B) {
	const cs = DefaultChunkSize
	n := 1024 * cs
	msg, _ := sealTest(b, testPayload(n), "bench-chunk", []PublicKey{toy.pub})
	o := toyOpener(b)
	r := bytes.NewReader(msg)
	begin := func() {
		o.replay.Reset()
		r.Reset(msg)
		if err := o.Begin(r); err != nil {
			b.Fatal(err)
		}
	}
	begin()
	b.SetBytes(cs)
	b.ReportAllocs()
	b.ResetTimer()
	left := 1023
	for i := 0; i < b.N; i++ {
		if left == 0 {
			b.StopTimer()
			for {
				if _, err := o.Next(); err != nil {
					break
				}
			}
			begin()
			left = 1023
			b.StartTimer()
		}
		sinkBytes, _ = o.Next()
		left--
	}
}

// BenchmarkSealerWrite isolates the per-chunk cost of streaming seal.
func BenchmarkSealerWrite(b *testing.B) {
	const cs = DefaultChunkSize
	p := testPayload(cs)
	meta := testMeta()
	s, _ := NewSealer(io.Discard, MaxPayloadLen, &meta, mum.key, []PublicKey{toy.pub})
	b.SetBytes(cs)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Write(p)
	}
}

// BenchmarkBegin is the fixed per-message cost: Begin on an empty
// message (X25519, two HPKE key schedules' worth of HKDF, Ed25519 verify).
func BenchmarkBegin(b *testing.B) {
	msg, _ := sealTest(b, nil, "bench-begin", []PublicKey{toy.pub})
	o := toyOpener(b)
	r := bytes.NewReader(msg)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		o.replay.Reset()
		r.Reset(msg)
		if err := o.Begin(r); err != nil {
			b.Fatal(err)
		}
	}
}
