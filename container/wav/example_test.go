package wav_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/toyvoice/toyvoice/container/wav"
)

// Write 16-bit PCM to a buffer (not seekable, so the header says
// "unknown length") and read it back.
func Example() {
	var buf bytes.Buffer
	w, err := wav.NewWriter(&buf, wav.Format{Tag: wav.FormatPCM, Channels: 1, SampleRate: 16000, BitsPerSample: 16})
	if err != nil {
		panic(err)
	}
	w.WriteInt16([]int16{0, 1000, -1000, 32767})
	w.Close()

	r, err := wav.NewReader(&buf)
	if err != nil {
		panic(err)
	}
	f := r.Format()
	fmt.Println(f.Channels, f.SampleRate, f.BitsPerSample, r.Frames())
	pcm := make([]int16, 10)
	n, err := r.ReadInt16(pcm)
	fmt.Println(pcm[:n], err)
	// Output:
	// 1 16000 16 -1
	// [0 1000 -1000 32767] EOF
}

// Convert float samples to µ-law and read them back as floats.
func ExampleReader_ReadFloat32() {
	var buf bytes.Buffer
	w, _ := wav.NewWriter(&buf, wav.Format{Tag: wav.FormatMuLaw, Channels: 1, SampleRate: 8000})
	w.WriteFloat32([]float32{0, 0.5, -0.25})
	w.Close()

	r, _ := wav.NewReader(&buf)
	out := make([]float32, 3)
	n, _ := r.ReadFloat32(out)
	fmt.Printf("%.4f\n", out[:n])
	// Output:
	// [0.0000 0.5116 -0.2538]
}

// Hostile input gives an error with the byte offset, never an allocation
// of what the header claims.
func ExampleNewReader_malformed() {
	// A fmt chunk claiming 1 GiB in a 44-byte file.
	file := []byte("RIFF\x24\x00\x00\x00WAVEfmt \x00\x00\x00\x40\x01\x00\x01\x00\x80\x3e\x00\x00\x00\x7d\x00\x00\x02\x00\x10\x00data\x00\x00\x00\x00")
	_, err := wav.NewReader(bytes.NewReader(file))
	fmt.Println(err)
	fmt.Println(errors.Is(err, wav.ErrTruncated))
	// Output:
	// wav: truncated input at byte 44: fmt chunk of 1073741824 bytes claims more than the input holds
	// true
}

// Stream raw data-chunk bytes (here to io.Discard) with io.Copy.
func ExampleReader_Read() {
	var buf bytes.Buffer
	w, _ := wav.NewWriter(&buf, wav.Format{Tag: wav.FormatALaw, Channels: 2, SampleRate: 8000})
	w.WriteInt16(make([]int16, 800))
	w.Close()
	r, _ := wav.NewReader(&buf)
	n, err := io.Copy(io.Discard, r)
	fmt.Println(n, err)
	// Output:
	// 800 <nil>
}
