package envelope

import (
	"bytes"
	"embed"
	"encoding/hex"
	"errors"
	"io"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Test vectors of our own format, testdata/vectors/*.txt. Each file is a
// list of "field: value" lines (values in hex where binary):
//
//	expect      ok, or the rejection: truncated, tampered, bad signature,
//	            unknown sender, not recipient, replay, malformed, unsupported
//	rand        seed of the deterministic randomness used to seal (see
//	            docs/envelope-format.md, "Test vectors")
//	sender      the sender's private key (text form), to regenerate
//	recipient   the private key to open with
//	contacts    the approved sender public keys, space separated
//	chunk size, message id, created, duration, sample rate, channels, codec
//	payload     the plaintext
//	message     the sealed message (for rejections: the modified one)
//	replay      "yes" if the message is opened twice (expect applies to the second)
//
//go:embed testdata/vectors/*.txt
var vectorFS embed.FS

// vector holds a parsed vector file. Values alias the file's bytes (the
// smallest TinyGo target has no room for copies of the larger vectors).
type vector map[string][]byte

func (v vector) str(k string) string { return string(v[k]) }

func parseVector(text []byte) (vector, error) {
	v := vector{}
	for len(text) > 0 {
		line := text
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = nil
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		k, val, ok := bytes.Cut(line, []byte(": "))
		if !ok {
			return nil, errors.New("bad vector line")
		}
		v[string(k)] = val
	}
	return v, nil
}

// unhexInPlace decodes hex into the same bytes.
func unhexInPlace(b []byte) ([]byte, error) {
	n, err := hex.Decode(b, b)
	return b[:n], err
}

var expectKinds = map[string]error{
	"ok":             nil,
	"truncated":      ErrTruncated,
	"tampered":       ErrTampered,
	"bad signature":  ErrBadSignature,
	"unknown sender": ErrUnknownSender,
	"not recipient":  ErrNotRecipient,
	"replay":         ErrReplay,
	"malformed":      ErrMalformed,
	"unsupported":    ErrUnsupported,
}

// checkVector opens a vector the way its expect line says it must open,
// both one-shot and streaming. It only opens (no sealing), so it runs on
// the smallest TinyGo target.
func checkVector(t *testing.T, name string, v vector) {
	want, ok := expectKinds[v.str("expect")]
	if !ok {
		t.Fatalf("%s: unknown expect %q", name, v["expect"])
	}
	key, err := ParsePrivateKey(v.str("recipient"))
	if err != nil {
		t.Fatalf("%s: recipient key: %v", name, err)
	}
	contacts := NewContacts()
	for _, s := range strings.Fields(v.str("contacts")) {
		p, err := ParsePublicKey(s)
		if err != nil {
			t.Fatalf("%s: contact: %v", name, err)
		}
		contacts.Add(p)
	}
	msg, err := unhexInPlace(v["message"])
	if err != nil {
		t.Fatalf("%s: message: %v", name, err)
	}
	payload, _ := unhexInPlace(v["payload"])
	w, _ := NewReplayWindow(4)
	o, err := NewOpener([]*PrivateKey{key}, contacts, w)
	if err != nil {
		t.Fatal(err)
	}
	for _, streaming := range []bool{false, true} {
		if lowMemory && !streaming {
			continue
		}
		w.Reset()
		var out []byte
		open := func() error {
			if !streaming {
				out, err = o.Open(out[:0], msg)
				return err
			}
			out = out[:0]
			if err := o.Begin(bytes.NewReader(msg)); err != nil {
				return err
			}
			for {
				b, err := o.Next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				out = append(out, b...)
			}
		}
		err := open()
		if v.str("replay") == "yes" {
			if err != nil {
				t.Fatalf("%s: first delivery: %v", name, err)
			}
			err = open()
		}
		if want == nil {
			if err != nil {
				t.Fatalf("%s (streaming %v): %v", name, streaming, err)
			}
			if !bytes.Equal(out, payload) {
				t.Fatalf("%s: payload differs", name)
			}
			m := o.Metadata()
			if hex.EncodeToString(m.MessageID[:]) != v.str("message id") ||
				strconv.FormatInt(m.Created.UnixMilli(), 10) != v.str("created") ||
				strconv.FormatInt(int64(m.Duration/time.Microsecond), 10) != v.str("duration") ||
				strconv.Itoa(m.SampleRate) != v.str("sample rate") || strconv.Itoa(m.Channels) != v.str("channels") ||
				m.Codec != v.str("codec") {
				t.Errorf("%s: metadata %+v", name, m)
			}
			continue
		}
		if !errors.Is(err, want) {
			if streaming && want == ErrTruncated && errors.Is(err, ErrTampered) {
				continue // a dropped chunk: out of place to a stream
			}
			t.Errorf("%s (streaming %v): %v, want %v", name, streaming, err, want)
		}
	}
}

// eachVector calls f for every committed vector, one file at a time,
// read into one reused buffer and collecting the garbage in between
// (TinyGo on cortex-m-qemu has about 46 KB of heap, easily fragmented).
func eachVector(t *testing.T, f func(name string, v vector)) int {
	ents, err := vectorFS.ReadDir("testdata/vectors")
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(ents))
	for i, e := range ents {
		names[i] = e.Name()
	}
	ents = nil
	buf := make([]byte, 8<<10)
	for _, name := range names {
		oneVector(t, name, buf, f)
		runtime.GC()
	}
	return len(names)
}

func oneVector(t *testing.T, name string, buf []byte, f func(name string, v vector)) {
	fl, err := vectorFS.Open("testdata/vectors/" + name)
	if err != nil {
		t.Fatal(err)
	}
	n, err := io.ReadFull(fl, buf)
	fl.Close()
	if err != io.ErrUnexpectedEOF {
		t.Fatalf("%s: larger than %d bytes or unreadable: %v", name, len(buf), err)
	}
	v, err := parseVector(buf[:n])
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	f(name, v)
}
