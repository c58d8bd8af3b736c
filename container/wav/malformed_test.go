package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"testing"

	"github.com/toyvoice/toyvoice/codec"
)

// malformedCase is a hostile or broken file and what reading it must give:
// an error matching want (from NewReader when atOpen, else from reading),
// or, with want nil, exactly samples samples and a clean io.EOF.
type malformedCase struct {
	name    string
	data    []byte
	want    error
	atOpen  bool
	samples int
}

var (
	fmt16      = fmtChunk(FormatPCM, 1, 16000, 2, 16)
	fourSample = chunk{id: "data", data: pcm16Bytes(1, 2, 3, 4)}
)

func imaFile(stepIndex byte) []byte {
	// Mono blocks of 8 bytes: 4-byte header + one group of 8 codes.
	f := fmtChunk(FormatIMAADPCM, 1, 8000, 8, 4, 2, 0, 9, 0)
	blk := []byte{0x10, 0x00, 0, 0, 0x12, 0x34, 0x56, 0x78}
	bad := []byte{0x10, 0x00, stepIndex, 0, 0x12, 0x34, 0x56, 0x78}
	return build(-1, f, chunk{id: "fact", data: []byte{18, 0, 0, 0}}, chunk{id: "data", data: append(blk, bad...)})
}

func malformedCases() []malformedCase {
	le := binary.LittleEndian
	good := build(-1, fmt16, fourSample)
	riffSmall := bytes.Clone(good)
	le.PutUint32(riffSmall[4:], 4)
	riffHuge := bytes.Clone(good)
	le.PutUint32(riffHuge[4:], 0xFFFFFFF0)
	fmtGiB := build(-1, chunk{id: "fmt ", data: fmt16.data, size: 1 << 30})
	fmtGiB = append(fmtGiB, make([]byte, 40)...)
	extBadGUID := build(-1, chunk{id: "fmt ", data: append(fmtChunk(FormatExtensible, 1, 8000, 2, 16).data,
		22, 0, 16, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x72)}, fourSample)
	extIMA := build(-1, chunk{id: "fmt ", data: append(fmtChunk(FormatExtensible, 1, 8000, 8, 4).data,
		append([]byte{22, 0, 4, 0, 4, 0, 0, 0, 0x11, 0}, guidSuffix[:]...)...)}, fourSample)
	listOdd := build(-1, chunk{id: "LIST", data: []byte("INFOx")}, fmt16, chunk{id: "JUNK", data: []byte{1}}, fourSample)
	data0 := build(-1, fmt16, chunk{id: "data", data: pcm16Bytes(1, 2, 3), size: 0, raw: true})
	dataFF := build(-1, fmt16, chunk{id: "data", data: pcm16Bytes(1, 2, 3), size: 0xFFFFFFFF})
	return []malformedCase{
		{name: "empty", data: nil, want: ErrNotWAV, atOpen: true},
		{name: "one-byte", data: []byte("R"), want: ErrTruncated, atOpen: true},
		{name: "one-byte-junk", data: []byte{0}, want: ErrNotWAV, atOpen: true},
		{name: "truncated-header", data: []byte("RIFF\x24\x00\x00\x00WA"), want: ErrTruncated, atOpen: true},
		{name: "not-wave", data: []byte("RIFF\x04\x00\x00\x00AVI "), want: ErrNotWAV, atOpen: true},
		{name: "truncated-fmt", data: build(-1, fmt16)[:30], want: ErrTruncated, atOpen: true},
		{name: "no-data-chunk", data: build(-1, fmt16), want: ErrTruncated, atOpen: true},
		{name: "data-before-fmt", data: build(-1, fourSample, fmt16), want: ErrFormat, atOpen: true},
		{name: "chunk-larger-than-file", data: build(-1, fmt16, chunk{id: "LIST", data: []byte("INFO"), size: 1000}), want: ErrTruncated, atOpen: true},
		{name: "huge-list", data: build(-1, chunk{id: "LIST", data: []byte("INFOISFT"), size: 0xFFFFFFF0}, fmt16, fourSample), want: ErrTruncated, atOpen: true},
		{name: "fmt-1gib", data: fmtGiB, want: ErrTruncated, atOpen: true},
		{name: "fmt-short", data: build(-1, chunk{id: "fmt ", data: fmt16.data[:14]}, fourSample), want: ErrFormat, atOpen: true},
		{name: "second-fmt", data: build(-1, fmt16, fmt16, fourSample), want: ErrFormat, atOpen: true},
		{name: "zero-channels", data: build(-1, fmtChunk(FormatPCM, 0, 16000, 2, 16), fourSample), want: ErrFormat, atOpen: true},
		{name: "many-channels", data: build(-1, fmtChunk(FormatPCM, 300, 16000, 600, 16), fourSample), want: ErrUnsupported, atOpen: true},
		{name: "block-align-0", data: build(-1, fmtChunk(FormatPCM, 1, 16000, 0, 16), fourSample), want: ErrFormat, atOpen: true},
		{name: "block-align-mismatch", data: build(-1, fmtChunk(FormatPCM, 2, 16000, 2, 16), fourSample), want: ErrFormat, atOpen: true},
		{name: "rate-0", data: build(-1, fmtChunk(FormatPCM, 1, 0, 2, 16), fourSample), want: ErrFormat, atOpen: true},
		{name: "rate-absurd", data: build(-1, fmtChunk(FormatPCM, 1, 0xFFFFFFFF, 2, 16), fourSample), want: ErrFormat, atOpen: true},
		{name: "bits-0", data: build(-1, fmtChunk(FormatPCM, 1, 16000, 2, 0), fourSample), want: ErrFormat, atOpen: true},
		{name: "bits-48", data: build(-1, fmtChunk(FormatPCM, 1, 16000, 6, 48), fourSample), want: ErrUnsupported, atOpen: true},
		{name: "float-16", data: build(-1, fmtChunk(FormatFloat, 1, 16000, 2, 16), fourSample), want: ErrUnsupported, atOpen: true},
		{name: "mp3-tag", data: build(-1, fmtChunk(0x55, 1, 16000, 1, 0), fourSample), want: ErrUnsupported, atOpen: true},
		{name: "ext-short", data: build(-1, fmtChunk(FormatExtensible, 1, 16000, 2, 16, 0, 0), fourSample), want: ErrFormat, atOpen: true},
		{name: "ext-bad-guid", data: extBadGUID, want: ErrUnsupported, atOpen: true},
		{name: "ext-ima", data: extIMA, want: ErrUnsupported, atOpen: true},
		{name: "ima-bad-block-align", data: build(-1, fmtChunk(FormatIMAADPCM, 1, 8000, 6, 4), fourSample), want: ErrFormat, atOpen: true},
		{name: "ima-bad-spb", data: build(-1, fmtChunk(FormatIMAADPCM, 1, 8000, 8, 4, 2, 0, 10, 0), fourSample), want: ErrFormat, atOpen: true},
		{name: "ima-3ch", data: build(-1, fmtChunk(FormatIMAADPCM, 3, 8000, 24, 4), fourSample), want: ErrUnsupported, atOpen: true},
		{name: "ima-bad-step-index", data: imaFile(89), want: ErrCorrupt},
		{name: "ima-truncated-block", data: build(-1, fmtChunk(FormatIMAADPCM, 1, 8000, 8, 4), chunk{id: "data", data: []byte{1, 2, 3}, size: 8}), want: ErrTruncated},
		{name: "ima-short-header-unknown-size", data: build(-1, fmtChunk(FormatIMAADPCM, 1, 8000, 8, 4), chunk{id: "data", data: []byte{1, 2}, size: 0xFFFFFFFF}), want: ErrTruncated},
		{name: "data-larger-than-file", data: build(-1, fmt16, chunk{id: "data", data: pcm16Bytes(1, 2, 3), size: 100}), want: ErrTruncated},
		// Files that read safely.
		{name: "ima-good", data: imaFile(88), samples: 18},
		{name: "ima-short-block", data: build(-1, fmtChunk(FormatIMAADPCM, 1, 8000, 8, 4), chunk{id: "data", data: []byte{1, 2, 3}}), samples: 0},
		{name: "odd-data-length", data: build(-1, fmt16, chunk{id: "data", data: pcm16Bytes(1, 2, 3)[:5]}), samples: 2},
		{name: "riff-size-small", data: riffSmall, samples: 4},
		{name: "riff-size-huge", data: riffHuge, samples: 4},
		{name: "list-odd-pad", data: listOdd, samples: 4},
		{name: "data-size-0", data: data0, samples: 3},
		{name: "data-size-ffffffff", data: dataFF, samples: 3},
		{name: "fact-short", data: build(-1, fmt16, chunk{id: "fact", data: []byte{1}}, fourSample), samples: 4},
		{name: "rf64", data: rf64File(), samples: 4},
	}
}

// rf64File is an RF64 file whose sizes live in the ds64 chunk.
func rf64File() []byte {
	ds := make([]byte, 28)
	binary.LittleEndian.PutUint64(ds[8:], 8)
	b := build(-1, chunk{id: "ds64", data: ds}, fmt16, chunk{id: "data", data: pcm16Bytes(1, 2, 3, 4, 5), size: 0xFFFFFFFF})
	b = b[:len(b)-2] // data holds 5 samples; ds64 says 8 bytes
	copy(b, "RF64\xff\xff\xff\xff")
	return b
}

func TestMalformed(t *testing.T) {
	for _, c := range malformedCases() {
		run(t, c.name, func(t *testing.T) {
			r, err := NewReader(bytes.NewReader(c.data))
			if c.atOpen {
				if !errors.Is(err, c.want) {
					t.Fatalf("NewReader error %v, want %v", err, c.want)
				}
				checkErrorShape(t, err)
				return
			}
			if err != nil {
				t.Fatalf("NewReader: %v", err)
			}
			buf := make([]int16, 64)
			n, err := r.ReadInt16(buf)
			if c.want != nil {
				if !errors.Is(err, c.want) {
					t.Fatalf("ReadInt16 error %v, want %v", err, c.want)
				}
				checkErrorShape(t, err)
				if _, err2 := r.ReadInt16(buf); err2 != err {
					t.Errorf("error not sticky: %v then %v", err, err2)
				}
				return
			}
			if err != io.EOF || n != c.samples {
				t.Fatalf("read %d samples, err %v; want %d and EOF", n, err, c.samples)
			}
		})
	}
}

// checkErrorShape requires the *Error type with an offset and the
// codec.ErrCorrupt match for malformed input.
func checkErrorShape(t *testing.T, err error) {
	t.Helper()
	e, ok := err.(*Error) // not errors.As: its reflection overflows TinyGo's 4 KiB test stacks
	if !ok {
		t.Fatalf("error %v is %T, not *wav.Error", err, err)
	}
	if e.Offset < 0 {
		t.Errorf("negative offset in %v", err)
	}
	corrupt := errors.Is(err, ErrFormat) || errors.Is(err, ErrTruncated) || errors.Is(err, ErrCorrupt)
	if errors.Is(err, codec.ErrCorrupt) != corrupt {
		t.Errorf("%v: matches codec.ErrCorrupt = %v", err, !corrupt)
	}
	if msg := err.Error(); len(msg) < 5 || msg[:4] != "wav:" {
		t.Errorf("message %q lacks the wav: prefix", msg)
	}
}

// TestIMACorruptOffset checks the offset reported for a bad block header:
// the step index byte of the second block.
func TestIMACorruptOffset(t *testing.T) {
	data := imaFile(200)
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]int16, 64)
	n, err := r.ReadInt16(buf)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v", err)
	}
	want := int64(bytes.Index(data, []byte{0x10, 0x00, 200}) + 2)
	if e.Offset != want || n != 9 {
		t.Errorf("offset %d after %d samples, want %d after 9", e.Offset, n, want)
	}
}

// TestFactTrims checks that the fact chunk limits IMA ADPCM frames.
func TestFactTrims(t *testing.T) {
	data := imaFile(0)
	copy(data[bytes.Index(data, []byte("fact"))+8:], []byte{11, 0, 0, 0})
	got, r, err := readAll16(t, data, 5)
	if err != nil || len(got) != 11 || r.Frames() != 11 {
		t.Errorf("read %d samples, Frames %d, err %v; want 11", len(got), r.Frames(), err)
	}
}
