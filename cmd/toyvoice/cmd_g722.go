package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/toyvoice/toyvoice/codec/g722"
)

// Raw G.722 files (.g722): a headerless stream of G.722 octets at 16 kHz
// mono, IH in the top two bits of each octet, as `ffmpeg -f g722` writes
// and reads them. The lead wires these into convert (--codec g722, the
// .g722 extension) and info.

// encodeG722File writes pcm (16 kHz mono; stereo is downmixed by
// averaging) as a raw G.722 bitstream at bitrate bit/s (64000, 56000 or
// 48000; 0 means 64000). Other sample rates are an error: resample first.
func encodeG722File(path string, pcm []int16, rate, channels int, bitrate int) error {
	if rate != g722.SampleRate {
		return fmt.Errorf("G.722 needs %d Hz audio, got %d Hz (resample first)", g722.SampleRate, rate)
	}
	if channels < 1 {
		return fmt.Errorf("G.722: bad channel count %d", channels)
	}
	if bitrate == 0 {
		bitrate = g722.Bitrate64k
	}
	enc, err := g722.NewEncoder(g722.WithBitrate(bitrate))
	if err != nil {
		return fmt.Errorf("G.722: %w", err)
	}
	mono := pcm
	if channels > 1 {
		mono = make([]int16, len(pcm)/channels)
		for i := range mono {
			var s int32
			for c := 0; c < channels; c++ {
				s += int32(pcm[i*channels+c])
			}
			mono[i] = int16(s / int32(channels))
		}
	}
	data, _ := enc.AppendEncode(make([]byte, 0, enc.EncodedLen(len(mono))), mono)
	data = enc.Flush(data)
	if path == "-" {
		_, err = os.Stdout.Write(data)
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// decodeG722File reads a raw 64 kbit/s G.722 bitstream ("-" is standard
// input) into 16 kHz mono audio.
func decodeG722File(path string) (*audio, error) {
	f := os.Stdin
	if path != "-" {
		var err error
		if f, err = os.Open(path); err != nil {
			return nil, err
		}
		defer f.Close()
	}
	dec, err := g722.NewDecoder()
	if err != nil {
		return nil, err
	}
	r := bufio.NewReaderSize(f, 32<<10)
	buf := make([]byte, 32<<10)
	var pcm []int16
	for {
		n, err := r.Read(buf)
		pcm, _ = dec.AppendDecode(pcm, buf[:n])
		if err != nil {
			if err == io.EOF {
				break
			}
			return nil, fmt.Errorf("%s: %w", path, err)
		}
	}
	return &audio{pcm: pcm, rate: g722.SampleRate, channels: 1, format: "G.722 64 kbit/s (raw)"}, nil
}
