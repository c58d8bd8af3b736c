package goaudio

import (
	"errors"
	"math"
	"slices"
	"testing"

	"github.com/go-audio/audio"
)

var mono = &audio.Format{NumChannels: 1, SampleRate: 16000}

func intBuf(depth int, v ...int) *audio.IntBuffer {
	return &audio.IntBuffer{Format: mono, Data: v, SourceBitDepth: depth}
}

func TestFromIntBufferGolden(t *testing.T) {
	cases := []struct {
		depth int
		in    []int
		want  []int16
		wantF []float32
	}{
		{8, []int{0, 1, -1, 127, -128}, []int16{0, 256, -256, 32512, -32768}, []float32{0, 1.0 / 128, -1.0 / 128, 127.0 / 128, -1}},
		{16, []int{0, 1, -1, 32767, -32768}, []int16{0, 1, -1, 32767, -32768}, []float32{0, 1.0 / 32768, -1.0 / 32768, 32767.0 / 32768, -1}},
		{24, []int{0, 0x7F, 0x80, -0x80, -0x81, 0x7FFFFF, -0x800000}, []int16{0, 0, 1, 0, -1, 32767, -32768},
			[]float32{0, 0x7F / 8388608.0, 0x80 / 8388608.0, -0x80 / 8388608.0, -0x81 / 8388608.0, 0x7FFFFF / 8388608.0, -1}},
		{32, []int{0, 0x8000, 0x7FFF, math.MaxInt32, math.MinInt32}, []int16{0, 1, 0, 32767, -32768},
			[]float32{0, 0x8000 / 2147483648.0, 0x7FFF / 2147483648.0, 1, -1}},
	}
	for _, c := range cases {
		prefix := []int16{42}
		got, err := AppendInt16FromIntBuffer(prefix, intBuf(0, c.in...), c.depth)
		if err != nil || !slices.Equal(got, append([]int16{42}, c.want...)) {
			t.Errorf("depth %d: AppendInt16FromIntBuffer = %v, %v; want %v", c.depth, got, err, c.want)
		}
		gotF, err := AppendFloat32FromIntBuffer(nil, intBuf(0, c.in...), c.depth)
		if err != nil || !slices.Equal(gotF, c.wantF) {
			t.Errorf("depth %d: AppendFloat32FromIntBuffer = %v, %v; want %v", c.depth, gotF, err, c.wantF)
		}
	}
}

func TestToIntBufferGolden(t *testing.T) {
	pcm := []int16{0, 1, 127, 128, -128, -129, 32767, -32768}
	want := map[int][]int{
		8:  {0, 0, 0, 1, 0, -1, 127, -128},
		16: {0, 1, 127, 128, -128, -129, 32767, -32768},
		24: {0, 256, 127 << 8, 128 << 8, -128 << 8, -129 << 8, 32767 << 8, -32768 << 8},
		32: {0, 65536, 127 << 16, 128 << 16, -128 << 16, -129 << 16, 32767 << 16, -32768 << 16},
	}
	for depth, w := range want {
		buf := &audio.IntBuffer{Format: mono, Data: []int{7}}
		if err := AppendInt16ToIntBuffer(buf, pcm, depth); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(buf.Data, append([]int{7}, w...)) || buf.SourceBitDepth != depth {
			t.Errorf("depth %d: %v (SourceBitDepth %d), want %v", depth, buf.Data, buf.SourceBitDepth, w)
		}
		// And back: exact for depth >= 16.
		back, err := AppendInt16FromIntBuffer(nil, &audio.IntBuffer{Format: mono, Data: buf.Data[1:]}, depth)
		if err != nil || depth >= 16 && !slices.Equal(back, pcm) {
			t.Errorf("depth %d round trip: %v %v", depth, back, err)
		}
	}
	fl := []float32{0, 0.5, -1, 1, 2, -2, float32(math.NaN()), 0.5 / 32768}
	wantF := map[int][]int{
		8:  {0, 64, -128, 127, 127, -128, 0, 0},
		16: {0, 16384, -32768, 32767, 32767, -32768, 0, 1},
		24: {0, 1 << 22, -1 << 23, 1<<23 - 1, 1<<23 - 1, -1 << 23, 0, 128},
		32: {0, 1 << 30, -1 << 31, 1<<31 - 1, 1<<31 - 1, -1 << 31, 0, 1 << 15},
	}
	for depth, w := range wantF {
		var buf audio.IntBuffer
		if err := AppendFloat32ToIntBuffer(&buf, fl, depth); err != nil || !slices.Equal(buf.Data, w) {
			t.Errorf("depth %d: AppendFloat32ToIntBuffer = %v, %v; want %v", depth, buf.Data, err, w)
		}
	}
}

func TestFloat32Buffer(t *testing.T) {
	fb := &audio.Float32Buffer{Format: &audio.Format{NumChannels: 2}, Data: []float32{0, 0.5, -1, 1, float32(math.NaN()), -0.5 / 32768}}
	got, err := AppendInt16FromFloat32Buffer(nil, fb)
	if want := []int16{0, 16384, -32768, 32767, 0, 0}; err != nil || !slices.Equal(got, want) {
		t.Errorf("AppendInt16FromFloat32Buffer = %v, %v; want %v", got, err, want)
	}
	gotF, err := AppendFloat32FromFloat32Buffer(nil, &audio.Float32Buffer{Format: mono, Data: []float32{0.25, -3}})
	if err != nil || !slices.Equal(gotF, []float32{0.25, -3}) {
		t.Errorf("AppendFloat32FromFloat32Buffer = %v, %v", gotF, err)
	}
	var out audio.Float32Buffer
	if err := AppendInt16ToFloat32Buffer(&out, []int16{16384, -32768}); err != nil || !slices.Equal(out.Data, []float32{0.5, -1}) {
		t.Errorf("AppendInt16ToFloat32Buffer = %v, %v", out.Data, err)
	}
	if err := AppendFloat32ToFloat32Buffer(&out, []float32{0.125}); err != nil || !slices.Equal(out.Data, []float32{0.5, -1, 0.125}) {
		t.Errorf("AppendFloat32ToFloat32Buffer = %v, %v", out.Data, err)
	}
	// go-audio's own AsIntBuffer truncates normalised data to zeros;
	// ours keeps it.
	if fb.AsIntBuffer().Data[1] != 0 {
		t.Log("go-audio no longer truncates; revisit the package doc")
	}
}

func TestErrors(t *testing.T) {
	stereo := &audio.Format{NumChannels: 2}
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"depth 12", second(AppendInt16FromIntBuffer(nil, intBuf(0, 1), 12)), ErrBitDepth},
		{"depth 0", second(AppendFloat32FromIntBuffer(nil, intBuf(0, 1), 0)), ErrBitDepth},
		{"depth 64", AppendInt16ToIntBuffer(&audio.IntBuffer{}, nil, 64), ErrBitDepth},
		{"float depth 7", AppendFloat32ToIntBuffer(&audio.IntBuffer{}, nil, 7), ErrBitDepth},
		{"nil buffer", second(AppendInt16FromIntBuffer(nil, nil, 16)), ErrFormat},
		{"nil format", second(AppendInt16FromIntBuffer(nil, &audio.IntBuffer{Data: []int{1}}, 16)), ErrFormat},
		{"zero channels", second(AppendFloat32FromFloat32Buffer(nil, &audio.Float32Buffer{Format: &audio.Format{}})), ErrFormat},
		{"nil float buffer", second(AppendInt16FromFloat32Buffer(nil, nil)), ErrFormat},
		{"nil dst", AppendInt16ToFloat32Buffer(nil, nil), ErrFormat},
		{"nil dst float", AppendFloat32ToFloat32Buffer(nil, nil), ErrFormat},
		{"nil dst int", AppendInt16ToIntBuffer(nil, nil, 16), ErrFormat},
		{"partial frame", second(AppendInt16FromIntBuffer(nil, &audio.IntBuffer{Format: stereo, Data: []int{1, 2, 3}}, 16)), ErrFrames},
		{"partial frame float", second(AppendInt16FromFloat32Buffer(nil, &audio.Float32Buffer{Format: stereo, Data: []float32{1}})), ErrFrames},
		// go-audio/wav's unsigned 8-bit samples, or 24-bit data called 16-bit.
		{"unsigned 8-bit", second(AppendInt16FromIntBuffer(nil, intBuf(8, 200), 8)), ErrRange},
		{"24 as 16", second(AppendFloat32FromIntBuffer(nil, intBuf(24, 40000), 16)), ErrRange},
	}
	for _, c := range cases {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.err, c.want)
		}
	}
	dst := []int16{1, 2}
	got, _ := AppendInt16FromIntBuffer(dst, intBuf(16, 1, 99999), 16)
	if len(got) != 2 {
		t.Errorf("dst changed on error: %v", got)
	}
}

func second[T any](_ T, err error) error { return err }

var sink16 []int16
var sinkF []float32
var sinkErr error

func TestAllocs(t *testing.T) {
	ib := intBuf(16, make([]int, 1024)...)
	fb := &audio.Float32Buffer{Format: mono, Data: make([]float32, 1024)}
	d16 := make([]int16, 0, 1024)
	dF := make([]float32, 0, 1024)
	pcm := make([]int16, 1024)
	fl := make([]float32, 1024)
	ibOut := &audio.IntBuffer{Data: make([]int, 0, 1024)}
	fbOut := &audio.Float32Buffer{Data: make([]float32, 0, 1024)}
	for name, f := range map[string]func(){
		"AppendInt16FromIntBuffer":       func() { sink16, sinkErr = AppendInt16FromIntBuffer(d16, ib, 24) },
		"AppendFloat32FromIntBuffer":     func() { sinkF, sinkErr = AppendFloat32FromIntBuffer(dF, ib, 16) },
		"AppendInt16FromFloat32Buffer":   func() { sink16, sinkErr = AppendInt16FromFloat32Buffer(d16, fb) },
		"AppendFloat32FromFloat32Buffer": func() { sinkF, sinkErr = AppendFloat32FromFloat32Buffer(dF, fb) },
		"AppendInt16ToIntBuffer":         func() { ibOut.Data = ibOut.Data[:0]; sinkErr = AppendInt16ToIntBuffer(ibOut, pcm, 24) },
		"AppendFloat32ToIntBuffer":       func() { ibOut.Data = ibOut.Data[:0]; sinkErr = AppendFloat32ToIntBuffer(ibOut, fl, 16) },
		"AppendInt16ToFloat32Buffer":     func() { fbOut.Data = fbOut.Data[:0]; sinkErr = AppendInt16ToFloat32Buffer(fbOut, pcm) },
		"AppendFloat32ToFloat32Buffer":   func() { fbOut.Data = fbOut.Data[:0]; sinkErr = AppendFloat32ToFloat32Buffer(fbOut, fl) },
	} {
		if a := testing.AllocsPerRun(20, f); a != 0 {
			t.Errorf("%s: %v allocs", name, a)
		}
	}
}
