//go:build !(tinygo && baremetal)

// Tests that seal messages. crypto/ed25519's signing table (30 KB of RAM)
// does not fit next to the test binary in cortex-m-qemu's 64 KB, so on
// bare-metal TinyGo only the open-side tests (vectors_open_test.go,
// hpke_test.go) run; TinyGo wasip1 runs these too.

package envelope

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"testing"
	"time"
)

type party struct {
	key *PrivateKey
	pub PublicKey
}

func newParty(seed string) party {
	k := mustKey(seed)
	return party{k, k.Public()}
}

var (
	mum      = newParty("mum")
	dad      = newParty("dad")
	toy      = newParty("toy")
	stranger = newParty("stranger")
)

func sealTest(t testing.TB, payload []byte, seed string, to []PublicKey, opts ...SealOption) ([]byte, Metadata) {
	t.Helper()
	meta := testMeta()
	opts = append([]SealOption{withRand(newDetRand(seed))}, opts...)
	msg, err := Seal(nil, payload, &meta, mum.key, to, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return msg, meta
}

func toyOpener(t testing.TB) *Opener {
	t.Helper()
	w, _ := NewReplayWindow(8)
	o, err := NewOpener([]*PrivateKey{toy.key}, NewContacts(mum.pub, dad.pub), w)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// openStream opens msg with Begin/Next, collecting the payload.
func openStream(o *Opener, msg []byte) ([]byte, error) {
	if err := o.Begin(bytes.NewReader(msg)); err != nil {
		return nil, err
	}
	var out []byte
	for {
		b, err := o.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, b...)
	}
}

func TestRoundTrip(t *testing.T) {
	for _, cs := range []int{256, 1024} {
		for _, n := range []int{0, 1, cs - 1, cs, cs + 1, 3 * cs, 3*cs + 17} {
			for _, nr := range []int{1, 3} {
				to := []PublicKey{toy.pub, dad.pub, stranger.pub}[:nr]
				payload := testPayload(n)
				msg, meta := sealTest(t, payload, "rt", to, WithChunkSize(cs))
				if got, want := int64(len(msg)), SealedLen(int64(n), nr, cs); got != want {
					t.Errorf("cs %d n %d: len %d, SealedLen %d", cs, n, got, want)
				}
				// one-shot
				w, _ := NewReplayWindow(4)
				out, m, err := Open([]byte("prefix"), msg, toy.key, NewContacts(mum.pub), w)
				if err != nil {
					t.Fatalf("cs %d n %d nr %d: Open: %v", cs, n, nr, err)
				}
				if !bytes.Equal(out, append([]byte("prefix"), payload...)) {
					t.Fatalf("cs %d n %d: payload differs", cs, n)
				}
				if m != meta {
					t.Errorf("metadata %+v, want %+v", m, meta)
				}
				// streaming, every recipient
				for _, p := range []party{toy, dad, stranger}[:nr] {
					w, _ := NewReplayWindow(4)
					o, _ := NewOpener([]*PrivateKey{p.key}, NewContacts(mum.pub), w)
					got, err := openStream(o, msg)
					if err != nil || !bytes.Equal(got, payload) {
						t.Fatalf("cs %d n %d: stream open: %v", cs, n, err)
					}
					if o.Sender() != mum.pub || o.Metadata() != meta || o.PayloadLen() != int64(n) {
						t.Errorf("sender/metadata/length wrong after stream open")
					}
				}
				// io.Reader adapter
				w2, _ := NewReplayWindow(4)
				o, _ := NewOpener([]*PrivateKey{toy.key}, NewContacts(mum.pub), w2)
				if err := o.Begin(bytes.NewReader(msg)); err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(o)
				if err != nil || !bytes.Equal(got, payload) {
					t.Fatalf("Read: %v", err)
				}
				// relay view
				info, err := Verify(bytes.NewReader(msg), mum.pub)
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if info.Size != int64(len(msg)) || info.PayloadLen != int64(n) || info.ChunkSize != cs ||
					info.Sender != mum.pub.SenderID() || len(info.Recipients) != nr || info.Recipients[0] != toy.pub.RecipientID() {
					t.Errorf("Verify info %+v", info)
				}
				in, err := Inspect(msg[:fixedLen+nr*stanzaLen])
				if err != nil || in.Size != info.Size || in.Recipients[nr-1] != info.Recipients[nr-1] {
					t.Errorf("Inspect: %+v %v", in, err)
				}
			}
		}
	}
}

// TestSealerChunking checks that the streaming Sealer writes exactly what
// Seal does, however the payload is split into writes.
func TestSealerChunking(t *testing.T) {
	payload := testPayload(5*256 + 77)
	want, _ := sealTest(t, payload, "chunking", []PublicKey{toy.pub, dad.pub}, WithChunkSize(256))
	for _, step := range []int{1, 7, 255, 256, 257, 1000, len(payload)} {
		var buf bytes.Buffer
		meta := testMeta()
		s, err := NewSealer(&buf, int64(len(payload)), &meta, mum.key, []PublicKey{toy.pub, dad.pub},
			withRand(newDetRand("chunking")), WithChunkSize(256))
		if err != nil {
			t.Fatal(err)
		}
		for p := payload; len(p) > 0; {
			n := min(step, len(p))
			if _, err := s.Write(p[:n]); err != nil {
				t.Fatal(err)
			}
			p = p[n:]
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Errorf("step %d: Sealer output differs from Seal", step)
		}
	}
	// Too many and too few bytes.
	meta := testMeta()
	s, _ := NewSealer(io.Discard, 10, &meta, mum.key, []PublicKey{toy.pub})
	if _, err := s.Write(make([]byte, 11)); !errors.Is(err, ErrLength) {
		t.Errorf("overlong write: %v", err)
	}
	s, _ = NewSealer(io.Discard, 10, &meta, mum.key, []PublicKey{toy.pub})
	s.Write(make([]byte, 9))
	if err := s.Close(); !errors.Is(err, ErrLength) {
		t.Errorf("short close: %v", err)
	}
}

func TestSealArguments(t *testing.T) {
	meta := testMeta()
	bad := []struct {
		name string
		to   []PublicKey
		meta Metadata
		opts []SealOption
	}{
		{"no recipients", nil, meta, nil},
		{"duplicate recipient", []PublicKey{toy.pub, toy.pub}, meta, nil},
		{"too many recipients", make([]PublicKey, MaxRecipients+1), meta, nil},
		{"chunk 100", []PublicKey{toy.pub}, meta, []SealOption{WithChunkSize(100)}},
		{"chunk 128", []PublicKey{toy.pub}, meta, []SealOption{WithChunkSize(128)}},
		{"chunk 128K", []PublicKey{toy.pub}, meta, []SealOption{WithChunkSize(1 << 17)}},
		{"codec", []PublicKey{toy.pub}, Metadata{Codec: "Opus!"}, nil},
		{"long codec", []PublicKey{toy.pub}, Metadata{Codec: "a-very-long-codec-name"}, nil},
		{"channels", []PublicKey{toy.pub}, Metadata{Channels: 256}, nil},
		{"duration", []PublicKey{toy.pub}, Metadata{Duration: -1}, nil},
	}
	for _, c := range bad {
		m := c.meta
		out, err := Seal([]byte("x"), nil, &m, mum.key, c.to, c.opts...)
		if !errors.Is(err, ErrOption) || string(out) != "x" {
			t.Errorf("%s: err %v, out %q", c.name, err, out)
		}
	}
	// Zero message id and time are filled in.
	m := Metadata{}
	if _, err := Seal(nil, nil, &m, mum.key, []PublicKey{toy.pub}); err != nil || m.MessageID.IsZero() || m.Created.IsZero() {
		t.Errorf("Seal did not fill metadata: %v %+v", err, m)
	}
}

func TestRejections(t *testing.T) {
	const cs = 256
	payload := testPayload(4*cs + 10) // 5 chunks
	msg, _ := sealTest(t, payload, "rej", []PublicKey{toy.pub}, WithChunkSize(cs))
	hl := HeaderLen(1)
	chunk := func(i int) []byte { return msg[hl+i*(cs+Overhead) : hl+(i+1)*(cs+Overhead)] }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	body := func(from int) []byte { return msg[hl+from*(cs+Overhead):] }

	// A message from a stranger that claims to be from mum: the stranger
	// seals with its own key and writes mum's sender id into the header.
	meta := testMeta()
	forged, _ := Seal(nil, payload, &meta, stranger.key, []PublicKey{toy.pub}, withRand(newDetRand("forge")))
	id := mum.pub.SenderID()
	copy(forged[12:20], id[:])
	fromStranger, _ := Seal(nil, payload, &meta, stranger.key, []PublicKey{toy.pub}, withRand(newDetRand("forge2")))
	badFinal := bytes.Clone(msg)
	badFinal[len(badFinal)-1] ^= 0x80

	// want is the error Open and the streaming opener report; relay is
	// what Verify reports (nil: not checked, the relay has no contacts
	// list). A relay cannot decrypt, so it sees chunk tampering as a bad
	// final signature. A dropped chunk is a short message to Open (it knows
	// the length up front) and an out-of-place chunk to the stream.
	cases := []struct {
		name                string
		msg                 []byte
		want, stream, relay error
	}{
		{"reordered chunks", cat(msg[:hl], chunk(1), chunk(0), body(2)), ErrTampered, ErrTampered, ErrBadSignature},
		{"duplicated chunk", cat(msg[:hl], chunk(0), chunk(0), body(1)), ErrTampered, ErrTampered, ErrBadSignature},
		{"dropped chunk", cat(msg[:hl], chunk(0), body(2)), ErrTruncated, ErrTampered, ErrTruncated},
		{"appended duplicate chunk", cat(msg, msg[len(msg)-sigLen-10-Overhead:len(msg)-sigLen]), ErrTampered, ErrTampered, ErrTampered},
		{"appended byte", cat(msg, []byte{0}), ErrTampered, ErrTampered, ErrTampered},
		{"flipped payload bit", flip(msg, hl+5), ErrTampered, ErrTampered, ErrBadSignature},
		{"truncated in payload", msg[:hl+cs], ErrTruncated, ErrTruncated, ErrTruncated},
		{"final signature missing", msg[:len(msg)-sigLen], ErrTruncated, ErrTruncated, ErrTruncated},
		{"truncated in header", msg[:40], ErrTruncated, ErrTruncated, ErrTruncated},
		{"forged sender", forged, ErrBadSignature, ErrBadSignature, ErrBadSignature},
		{"forged final signature", badFinal, ErrBadSignature, ErrBadSignature, ErrBadSignature},
		{"unknown sender", fromStranger, ErrUnknownSender, ErrUnknownSender, nil},
		{"bad magic", flip(msg, 0), ErrMalformed, ErrMalformed, ErrMalformed},
		{"version 2", set(msg, 4, 2), ErrUnsupported, ErrUnsupported, ErrUnsupported},
		{"other suite", set(msg, 11, 1), ErrUnsupported, ErrUnsupported, ErrUnsupported},
		{"empty", nil, ErrTruncated, ErrTruncated, ErrTruncated},
	}
	for _, c := range cases {
		o := toyOpener(t)
		if _, err := o.Open(nil, c.msg); !errors.Is(err, c.want) || kindOf(err) == nil {
			t.Errorf("%s: Open: %v, want %v", c.name, err, c.want)
		}
		o = toyOpener(t)
		if _, err := openStream(o, c.msg); !errors.Is(err, c.stream) {
			t.Errorf("%s: stream: %v, want %v", c.name, err, c.stream)
		}
		if c.relay != nil {
			if _, err := Verify(bytes.NewReader(c.msg), mum.pub); !errors.Is(err, c.relay) {
				t.Errorf("%s: Verify: %v, want %v", c.name, err, c.relay)
			}
		}
	}

	// Every truncation in the header and around the end, every 7th byte
	// in between (each costs an X25519 and an Ed25519 verification).
	for n := 0; n < len(msg); n++ {
		if n > hl && n < len(msg)-2*sigLen && n%7 != 0 {
			continue
		}
		if _, err := toyOpener(t).Open(nil, msg[:n]); !errors.Is(err, ErrTruncated) {
			t.Fatalf("truncated to %d: %v", n, err)
		}
	}

	// Wrong key: sealed to dad only.
	toDad, _ := sealTest(t, payload, "dad", []PublicKey{dad.pub})
	if _, err := toyOpener(t).Open(nil, toDad); !errors.Is(err, ErrNotRecipient) {
		t.Errorf("wrong key: %v", err)
	}

	// Replay: the second delivery of the same message is refused, the
	// first one is not disturbed by failed attempts.
	o := toyOpener(t)
	if _, err := o.Open(nil, msg[:len(msg)-1]); !errors.Is(err, ErrTruncated) {
		t.Fatal(err)
	}
	if _, err := o.Open(nil, msg); err != nil {
		t.Fatalf("first delivery: %v", err)
	}
	if _, err := o.Open(nil, msg); !errors.Is(err, ErrReplay) {
		t.Errorf("replay: %v", err)
	}
	if _, err := openStream(o, msg); !errors.Is(err, ErrReplay) {
		t.Errorf("streamed replay: %v", err)
	}
}

// TestStreamReleasesNothingUnauthenticated checks what a streaming toy
// plays before an error: nothing for a header problem, only authentic
// chunks for a payload problem, and the last chunk only after the final
// signature.
func TestStreamReleasesNothingUnauthenticated(t *testing.T) {
	const cs = 256
	payload := testPayload(3 * cs)
	msg, _ := sealTest(t, payload, "stream", []PublicKey{toy.pub}, WithChunkSize(cs))
	badFinal := flip(msg, len(msg)-3)
	o := toyOpener(t)
	got, err := openStream(o, badFinal)
	if !errors.Is(err, ErrBadSignature) || !bytes.Equal(got, payload[:2*cs]) {
		t.Errorf("bad final signature: released %d bytes, err %v", len(got), err)
	}
	// After an error, Next keeps failing.
	if _, err2 := o.Next(); !errors.Is(err2, ErrBadSignature) {
		t.Errorf("Next after failure: %v", err2)
	}
	o = toyOpener(t)
	if _, err := o.Next(); err == nil {
		t.Error("Next before Begin succeeded")
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 1
	return c
}

func set(b []byte, i int, v byte) []byte {
	c := bytes.Clone(b)
	c[i] = v
	return c
}

// TestRotationAndShredding walks through a key rotation and a deletion
// request.
func TestRotationAndShredding(t *testing.T) {
	oldToy := mustKey("toy-old")
	newToy := mustKey("toy-new")
	payload := testPayload(300)
	meta := testMeta()
	oldMsg, _ := Seal(nil, payload, &meta, mum.key, []PublicKey{oldToy.Public()}, withRand(newDetRand("o")))
	meta = testMeta()
	meta.Created = meta.Created.Add(time.Second)
	// During the transition mum seals to both keys.
	bothMsg, _ := Seal(nil, payload, &meta, mum.key, []PublicKey{oldToy.Public(), newToy.Public()}, withRand(newDetRand("b")))

	w, _ := NewReplayWindow(8)
	contacts := NewContacts(mum.pub)
	o, _ := NewOpener([]*PrivateKey{newToy, oldToy}, contacts, w)
	for _, m := range [][]byte{oldMsg, bothMsg} {
		if _, err := o.Open(nil, m); err != nil {
			t.Fatalf("opener with both keys: %v", err)
		}
	}
	// The old key is destroyed: messages only it opens are gone for good.
	oldToy.Destroy()
	w.Reset()
	o2, _ := NewOpener([]*PrivateKey{newToy}, contacts, w)
	if _, err := o2.Open(nil, oldMsg); !errors.Is(err, ErrNotRecipient) {
		t.Errorf("old message after rotation: %v", err)
	}
	if _, err := o2.Open(nil, bothMsg); err != nil {
		t.Errorf("message sealed to both keys: %v", err)
	}
	w.Reset()
	if _, _, err := Open(nil, oldMsg, oldToy, contacts, w); err == nil {
		t.Error("destroyed key still opens")
	}
	// Revoking a contact.
	w.Reset()
	contacts.Remove(mum.pub.SenderID())
	if _, err := o2.Open(nil, bothMsg); !errors.Is(err, ErrUnknownSender) {
		t.Errorf("revoked sender: %v", err)
	}
}

func TestKeys(t *testing.T) {
	k := mustKey("keys")
	pub := k.Public()
	txt := string(k.AppendText(nil))
	k2, err := ParsePrivateKey("# comment\n  " + txt + "\n")
	if err != nil || k2.Public() != pub {
		t.Fatalf("private key text round trip: %v", err)
	}
	p2, err := ParsePublicKey("# toy\n" + pub.String() + "\n")
	if err != nil || p2 != pub {
		t.Fatalf("public key text round trip: %v", err)
	}
	if p3, err := NewPublicKey(pub.AppendBinary(nil)); err != nil || p3 != pub {
		t.Fatal("binary round trip")
	}
	for _, s := range []string{"", pub.String()[:20], "toyvoice-key1-" + pub.String()[14:], pub.String() + "\n" + pub.String(), pub.String() + "A", pub.String()[:len(pub.String())-1] + "!"} {
		if _, err := ParsePublicKey(s); !errors.Is(err, ErrKey) {
			t.Errorf("ParsePublicKey(%q): %v", s, err)
		}
	}
	if _, err := ParsePrivateKey(pub.String()); !errors.Is(err, ErrKey) {
		t.Error("public key parsed as private")
	}
	var low [64]byte // X25519 zero point
	if _, err := NewPublicKey(low[:]); !errors.Is(err, ErrKey) {
		t.Errorf("low-order key accepted: %v", err)
	}
	if pub.RecipientID() == pub.SenderID() || pub.RecipientID() != k.RecipientID() {
		t.Error("key ids")
	}
	if len(pub.SenderID().String()) != 16 {
		t.Error("KeyID.String")
	}
}

func TestReplayWindow(t *testing.T) {
	w, err := NewReplayWindow(3)
	if err != nil {
		t.Fatal(err)
	}
	base := time.UnixMilli(1_700_000_000_000)
	id := func(i byte) MessageID { return MessageID{i} }
	for i := byte(1); i <= 3; i++ {
		if w.Check(id(i), base.Add(time.Duration(i)*time.Second)) != nil {
			t.Fatal("fresh id refused")
		}
		w.Record(id(i), base.Add(time.Duration(i)*time.Second))
	}
	if !errors.Is(w.Check(id(2), base.Add(time.Hour)), ErrReplay) {
		t.Error("seen id accepted")
	}
	// Full: a message older than everything remembered is refused.
	if !errors.Is(w.Check(id(9), base), ErrReplay) {
		t.Error("too-old id accepted")
	}
	w.Record(id(4), base.Add(4*time.Second)) // evicts id 1
	if w.Check(id(1), base.Add(time.Second)) == nil {
		t.Error("evicted id older than the window accepted")
	}
	saved := w.AppendBinary(nil)
	w2, _ := NewReplayWindow(3)
	if err := w2.UnmarshalBinary(saved); err != nil || w2.Len() != 3 {
		t.Fatal(err)
	}
	if !errors.Is(w2.Check(id(4), base.Add(time.Hour)), ErrReplay) || w2.Check(id(5), base.Add(time.Hour)) != nil {
		t.Error("restored window differs")
	}
	if w2.UnmarshalBinary(saved[:10]) == nil {
		t.Error("short state accepted")
	}
	for _, n := range []int{0, -1, 1 << 17} {
		if _, err := NewReplayWindow(n); !errors.Is(err, ErrOption) {
			t.Errorf("NewReplayWindow(%d): %v", n, err)
		}
	}
}

func TestOpenerOptions(t *testing.T) {
	w, _ := NewReplayWindow(1)
	c := NewContacts(mum.pub)
	if _, err := NewOpener(nil, c, w); !errors.Is(err, ErrOption) {
		t.Error("no keys accepted")
	}
	if _, err := NewOpener([]*PrivateKey{toy.key}, nil, w); !errors.Is(err, ErrOption) {
		t.Error("nil contacts accepted")
	}
	if _, err := NewOpener([]*PrivateKey{toy.key}, c, nil); !errors.Is(err, ErrOption) {
		t.Error("nil replay window accepted")
	}
	if _, err := NewOpener([]*PrivateKey{toy.key}, c, w, WithMaxChunkSize(1000)); !errors.Is(err, ErrOption) {
		t.Error("bad max chunk accepted")
	}
	msg, _ := sealTest(t, testPayload(10), "max", []PublicKey{toy.pub}, WithChunkSize(4096))
	o, _ := NewOpener([]*PrivateKey{toy.key}, c, w, WithMaxChunkSize(1024))
	if _, err := o.Open(nil, msg); !errors.Is(err, ErrUnsupported) {
		t.Errorf("oversized chunks: %v", err)
	}
}

func TestErrorText(t *testing.T) {
	_, err := toyOpener(t).Open(nil, []byte("TVEN"))
	var e *Error
	if !errors.As(err, &e) || e.Offset != 4 || err.Error() != "envelope: message truncated: header cut short at byte 4" {
		t.Errorf("error %q", err)
	}
}

// TestNoRandom: without a random source (crypto/rand.Reader is nil where
// TinyGo knows no RNG for the chip) sealing and key generation fail with
// ErrNoRandom instead of dereferencing nil.
func TestNoRandom(t *testing.T) {
	meta := testMeta()
	if out, err := Seal([]byte("x"), []byte("payload"), &meta, mum.key, []PublicKey{toy.pub}, withRand(nil)); !errors.Is(err, ErrNoRandom) || string(out) != "x" {
		t.Errorf("Seal with nil rand: err %v, out %q", err, out)
	}
	if _, err := NewSealer(io.Discard, 7, &meta, mum.key, []PublicKey{toy.pub}, withRand(nil)); !errors.Is(err, ErrNoRandom) {
		t.Errorf("NewSealer with nil rand: err %v", err)
	}
	if _, err := GenerateKey(nil); !errors.Is(err, ErrNoRandom) {
		t.Errorf("GenerateKey(nil): err %v", err)
	}
	saved := rand.Reader
	rand.Reader = nil
	defer func() { rand.Reader = saved }()
	if _, err := Seal(nil, []byte("payload"), &meta, mum.key, []PublicKey{toy.pub}); !errors.Is(err, ErrNoRandom) {
		t.Errorf("Seal with crypto/rand.Reader nil: err %v", err)
	}
}
