package main

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/toyvoice/toyvoice/internal/testutil"
	"github.com/toyvoice/toyvoice/internal/testutil/tools"
)

// TestG722File: a .g722 written by encodeG722File reads back through
// decodeG722File, and ffmpeg (`-f g722`) decodes it to exactly the same
// samples.
func TestG722File(t *testing.T) {
	dir := t.TempDir()
	pcm := testutil.Speech(16001, 16000) // odd: the last octet is completed by Flush
	path := filepath.Join(dir, "m.g722")
	if err := encodeG722File(path, pcm, 16000, 1, 0); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path); err != nil || st.Size() != 8001 {
		t.Fatalf("size %v, %v", st, err)
	}
	a, err := decodeG722File(path)
	if err != nil {
		t.Fatal(err)
	}
	if a.rate != 16000 || a.channels != 1 || len(a.pcm) != 16002 {
		t.Fatalf("decoded %d Hz, %d ch, %d samples", a.rate, a.channels, len(a.pcm))
	}
	if err := encodeG722File(path+"2", pcm, 8000, 1, 0); err == nil {
		t.Error("8 kHz input accepted")
	}
	if err := encodeG722File(path+"2", pcm, 16000, 1, 32000); err == nil {
		t.Error("32 kbit/s accepted")
	}
	out := tools.Run(t, "ffmpeg", "-loglevel", "error", "-f", "g722", "-i", path, "-f", "s16le", "-")
	if len(out) != 2*len(a.pcm) {
		t.Fatalf("ffmpeg: %d samples, ours %d", len(out)/2, len(a.pcm))
	}
	for i := range a.pcm {
		if v := int16(binary.LittleEndian.Uint16(out[2*i:])); v != a.pcm[i] {
			t.Fatalf("sample %d: ffmpeg %d, ours %d", i, v, a.pcm[i])
		}
	}
}
