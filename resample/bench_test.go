package resample

import (
	"fmt"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
)

// speechBlock is 100 ms of speech at rate.
func speechBlock(rate int) []int16 { return testutil.Speech(rate/10, rate) }

var benchRates = [][2]int{{48000, 16000}, {16000, 48000}, {44100, 16000}, {8000, 16000}}

// BenchmarkFloat32 times AppendFloat32 on 100 ms blocks of mono speech;
// bytes are input float32 bytes, so MB/s/4 is input samples per µs.
func BenchmarkFloat32(b *testing.B) {
	for _, rr := range benchRates {
		in16 := speechBlock(rr[0])
		in := make([]float32, len(in16))
		for i, v := range in16 {
			in[i] = float32(v) / 32768
		}
		for q := Quick; q < numQualities; q++ {
			b.Run(fmt.Sprintf("%dto%d/%v", rr[0]/1000, rr[1]/1000, q), func(b *testing.B) {
				r, _ := New(rr[0], rr[1], 1, q)
				dst := make([]float32, 0, r.OutLen(len(in)))
				b.SetBytes(int64(4 * len(in)))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					sink32 = r.AppendFloat32(dst, in)
				}
			})
		}
	}
}

// BenchmarkInt16 times AppendInt16 (float path); bytes are input bytes.
func BenchmarkInt16(b *testing.B) {
	for _, rr := range benchRates {
		in := speechBlock(rr[0])
		for q := Quick; q < numQualities; q++ {
			b.Run(fmt.Sprintf("%dto%d/%v", rr[0]/1000, rr[1]/1000, q), func(b *testing.B) {
				r, _ := New(rr[0], rr[1], 1, q)
				dst := make([]int16, 0, r.OutLen(len(in)))
				b.SetBytes(int64(2 * len(in)))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					sink16 = r.AppendInt16(dst, in)
				}
			})
		}
	}
}

// BenchmarkFixed times the fixed-point path; bytes are input bytes.
func BenchmarkFixed(b *testing.B) {
	for _, rr := range benchRates {
		in := speechBlock(rr[0])
		for q := Quick; q < numQualities; q++ {
			b.Run(fmt.Sprintf("%dto%d/%v", rr[0]/1000, rr[1]/1000, q), func(b *testing.B) {
				f, _ := NewFixed(rr[0], rr[1], 1, q)
				dst := make([]int16, 0, f.OutLen(len(in)))
				b.SetBytes(int64(2 * len(in)))
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					sink16 = f.AppendInt16(dst, in)
				}
			})
		}
	}
}
