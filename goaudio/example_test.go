package goaudio_test

import (
	"fmt"

	"github.com/go-audio/audio"
	"github.com/toyvoice/toyvoice/goaudio"
)

// Convert a 24-bit go-audio IntBuffer to int16 and float32, and back.
func Example() {
	in := &audio.IntBuffer{
		Format: &audio.Format{NumChannels: 1, SampleRate: 16000},
		Data:   []int{0, 4194304, -8388608, 8388607},
	}
	pcm, err := goaudio.AppendInt16FromIntBuffer(nil, in, 24)
	fmt.Println(pcm, err)
	fl, _ := goaudio.AppendFloat32FromIntBuffer(nil, in, 24)
	fmt.Println(fl)

	out := &audio.IntBuffer{Format: in.Format}
	goaudio.AppendInt16ToIntBuffer(out, pcm, 16)
	fmt.Println(out.Data, out.SourceBitDepth)

	// The bit depth is never guessed: 24-bit data called 16-bit is an error.
	_, err = goaudio.AppendInt16FromIntBuffer(nil, in, 16)
	fmt.Println(err)
	// Output:
	// [0 16384 -32768 32767] <nil>
	// [0 0.5 -1 0.9999999]
	// [0 16384 -32768 32767] 16
	// goaudio: sample out of range for the bit depth
}
