package wav

import (
	"encoding/binary"
	"math"

	"github.com/toyvoice/toyvoice/codec/g711"
)

// Sample conversions. Integer narrowing rounds half up (towards +inf) and
// clips, the same arithmetic sox uses, so 24/32-bit files read as int16
// match `sox -D in.wav -b 16 out.wav` exactly. Float to integer scales by
// 2^(bits-1), rounds half up and clips to the integer range; NaN becomes 0.
// Integer to float divides by 2^(bits-1) (exact for up to 24 bits).

// decodeInt16 converts len(dst) samples from src (which holds at least
// len(dst)*bytesPerSample bytes) in the byte format f.
func decodeInt16(dst []int16, src []byte, tag uint16, bps int) {
	switch {
	case tag == FormatPCM && bps == 2:
		src = src[:2*len(dst)]
		for i := range dst {
			dst[i] = int16(binary.LittleEndian.Uint16(src[2*i:]))
		}
	case tag == FormatPCM && bps == 1:
		src = src[:len(dst)]
		for i := range dst {
			dst[i] = int16(src[i]-128) << 8
		}
	case tag == FormatPCM && bps == 3:
		src = src[:3*len(dst)]
		for i := range dst {
			s := src[3*i : 3*i+3]
			v := int32(uint32(s[0])<<8|uint32(s[1])<<16|uint32(s[2])<<24) >> 8
			dst[i] = narrow24(v)
		}
	case tag == FormatPCM && bps == 4:
		src = src[:4*len(dst)]
		for i := range dst {
			dst[i] = narrow32(int32(binary.LittleEndian.Uint32(src[4*i:])))
		}
	case tag == FormatMuLaw:
		src = src[:len(dst)]
		for i := range dst {
			dst[i] = g711.DecodeMuLaw(src[i])
		}
	case tag == FormatALaw:
		src = src[:len(dst)]
		for i := range dst {
			dst[i] = g711.DecodeALaw(src[i])
		}
	case tag == FormatFloat && bps == 4:
		src = src[:4*len(dst)]
		for i := range dst {
			dst[i] = floatToInt16(float64(math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:]))))
		}
	case tag == FormatFloat && bps == 8:
		src = src[:8*len(dst)]
		for i := range dst {
			dst[i] = floatToInt16(math.Float64frombits(binary.LittleEndian.Uint64(src[8*i:])))
		}
	}
}

// decodeFloat32 is decodeInt16 for float output in [-1, 1).
func decodeFloat32(dst []float32, src []byte, tag uint16, bps int) {
	switch {
	case tag == FormatPCM && bps == 2:
		src = src[:2*len(dst)]
		for i := range dst {
			dst[i] = float32(int16(binary.LittleEndian.Uint16(src[2*i:]))) * (1.0 / 32768)
		}
	case tag == FormatPCM && bps == 1:
		src = src[:len(dst)]
		for i := range dst {
			dst[i] = float32(int(src[i])-128) * (1.0 / 128)
		}
	case tag == FormatPCM && bps == 3:
		src = src[:3*len(dst)]
		for i := range dst {
			s := src[3*i : 3*i+3]
			v := int32(uint32(s[0])<<8|uint32(s[1])<<16|uint32(s[2])<<24) >> 8
			dst[i] = float32(v) * (1.0 / (1 << 23))
		}
	case tag == FormatPCM && bps == 4:
		src = src[:4*len(dst)]
		for i := range dst {
			dst[i] = float32(float64(int32(binary.LittleEndian.Uint32(src[4*i:]))) * (1.0 / (1 << 31)))
		}
	case tag == FormatMuLaw:
		src = src[:len(dst)]
		for i := range dst {
			dst[i] = float32(g711.DecodeMuLaw(src[i])) * (1.0 / 32768)
		}
	case tag == FormatALaw:
		src = src[:len(dst)]
		for i := range dst {
			dst[i] = float32(g711.DecodeALaw(src[i])) * (1.0 / 32768)
		}
	case tag == FormatFloat && bps == 4:
		src = src[:4*len(dst)]
		for i := range dst {
			dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:]))
		}
	case tag == FormatFloat && bps == 8:
		src = src[:8*len(dst)]
		for i := range dst {
			dst[i] = float32(math.Float64frombits(binary.LittleEndian.Uint64(src[8*i:])))
		}
	}
}

// encodeInt16 stores pcm into dst (len(pcm)*bps bytes) in a byte format.
func encodeInt16(dst []byte, pcm []int16, tag uint16, bps int) {
	switch {
	case tag == FormatPCM && bps == 2:
		dst = dst[:2*len(pcm)]
		for i, v := range pcm {
			binary.LittleEndian.PutUint16(dst[2*i:], uint16(v))
		}
	case tag == FormatPCM && bps == 1:
		dst = dst[:len(pcm)]
		for i, v := range pcm {
			dst[i] = byte(narrowTo8(int32(v)<<16) + 128)
		}
	case tag == FormatPCM && bps == 3:
		dst = dst[:3*len(pcm)]
		for i, v := range pcm {
			d := dst[3*i : 3*i+3]
			d[0] = 0
			d[1] = byte(v)
			d[2] = byte(uint16(v) >> 8)
		}
	case tag == FormatPCM && bps == 4:
		dst = dst[:4*len(pcm)]
		for i, v := range pcm {
			binary.LittleEndian.PutUint32(dst[4*i:], uint32(int32(v)<<16))
		}
	case tag == FormatMuLaw:
		dst = dst[:len(pcm)]
		for i, v := range pcm {
			dst[i] = g711.EncodeMuLaw(v)
		}
	case tag == FormatALaw:
		dst = dst[:len(pcm)]
		for i, v := range pcm {
			dst[i] = g711.EncodeALaw(v)
		}
	case tag == FormatFloat && bps == 4:
		dst = dst[:4*len(pcm)]
		for i, v := range pcm {
			binary.LittleEndian.PutUint32(dst[4*i:], math.Float32bits(float32(v)*(1.0/32768)))
		}
	case tag == FormatFloat && bps == 8:
		dst = dst[:8*len(pcm)]
		for i, v := range pcm {
			binary.LittleEndian.PutUint64(dst[8*i:], math.Float64bits(float64(v)*(1.0/32768)))
		}
	}
}

// encodeFloat32 stores samples into dst in a byte format.
func encodeFloat32(dst []byte, src []float32, tag uint16, bps int) {
	switch {
	case tag == FormatPCM && bps == 2:
		dst = dst[:2*len(src)]
		for i, v := range src {
			binary.LittleEndian.PutUint16(dst[2*i:], uint16(floatToInt16(float64(v))))
		}
	case tag == FormatPCM && bps == 1:
		dst = dst[:len(src)]
		for i, v := range src {
			dst[i] = byte(floatToInt(float64(v), 1<<7) + 128)
		}
	case tag == FormatPCM && bps == 3:
		dst = dst[:3*len(src)]
		for i, v := range src {
			x := floatToInt(float64(v), 1<<23)
			d := dst[3*i : 3*i+3]
			d[0] = byte(x)
			d[1] = byte(x >> 8)
			d[2] = byte(x >> 16)
		}
	case tag == FormatPCM && bps == 4:
		dst = dst[:4*len(src)]
		for i, v := range src {
			binary.LittleEndian.PutUint32(dst[4*i:], uint32(floatToInt(float64(v), 1<<31)))
		}
	case tag == FormatMuLaw:
		dst = dst[:len(src)]
		for i, v := range src {
			dst[i] = g711.EncodeMuLaw(floatToInt16(float64(v)))
		}
	case tag == FormatALaw:
		dst = dst[:len(src)]
		for i, v := range src {
			dst[i] = g711.EncodeALaw(floatToInt16(float64(v)))
		}
	case tag == FormatFloat && bps == 4:
		dst = dst[:4*len(src)]
		for i, v := range src {
			binary.LittleEndian.PutUint32(dst[4*i:], math.Float32bits(v))
		}
	case tag == FormatFloat && bps == 8:
		dst = dst[:8*len(src)]
		for i, v := range src {
			binary.LittleEndian.PutUint64(dst[8*i:], math.Float64bits(float64(v)))
		}
	}
}

// narrow24 rounds a 24-bit sample to 16 bits, half up, clipping.
func narrow24(v int32) int16 {
	v = (v + 0x80) >> 8
	if v > math.MaxInt16 {
		return math.MaxInt16
	}
	return int16(v)
}

// narrow32 rounds a 32-bit sample to 16 bits, half up, clipping.
func narrow32(v int32) int16 {
	w := (int64(v) + 0x8000) >> 16
	if w > math.MaxInt16 {
		return math.MaxInt16
	}
	return int16(w)
}

// narrowTo8 rounds a 32-bit sample to 8 bits (signed), half up, clipping.
func narrowTo8(v int32) int32 {
	w := (int64(v) + 1<<23) >> 24
	if w > 127 {
		return 127
	}
	return int32(w)
}

// floatToInt16 scales x by 32768, rounds half up and clips.
func floatToInt16(x float64) int16 {
	return int16(floatToInt(x, 1<<15))
}

// floatToInt scales x by scale (a power of two), rounds half up and clips
// to [-scale, scale-1]. NaN gives 0.
func floatToInt(x float64, scale float64) int32 {
	// Not math.Floor: TinyGo 0.33 on cortex-m (soft float) returns wrong
	// results for some negative inputs; truncation and a fix-up are exact.
	z := x*scale + 0.5
	switch {
	case z >= scale:
		return int32(scale - 1)
	case z < -scale+1:
		return int32(-scale)
	case z == z:
		i := int64(z) // truncates towards zero
		if float64(i) > z {
			i--
		}
		return int32(i)
	}
	return 0
}
