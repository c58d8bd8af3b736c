//go:build !(tinygo && baremetal)

package envelope

import (
	"bytes"
	"encoding/hex"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/vectors from the current implementation")

type vectorSpec struct {
	name, description string
	payloadLen        int
	chunkSize         int
	recipients        []string // key seeds; the first one opens
	codec             string
	// modify turns the sealed message into a rejection vector.
	modify   func(msg []byte) []byte
	expect   string
	contacts []string // sender seeds approved by the recipient (default: the sender)
	openWith string   // key seed to open with (default: recipients[0])
	replay   bool
}

func vectorKey(seed string) *PrivateKey { return mustKey("toyvoice vector key " + seed) }

// chunkAt returns the bounds of chunk i of a message with one recipient.
func chunkAt(i, cs int) (int, int) {
	h := HeaderLen(1)
	return h + i*(cs+Overhead), h + (i+1)*(cs+Overhead)
}

var vectorSpecs = []vectorSpec{
	{name: "empty", description: "one recipient, empty payload (one empty final chunk)", payloadLen: 0, chunkSize: 256, recipients: []string{"toy"}, codec: "opus", expect: "ok"},
	{name: "three-chunks", description: "one recipient, 256-byte chunks, 600-byte payload", payloadLen: 600, chunkSize: 256, recipients: []string{"toy"}, codec: "adpcm-ima", expect: "ok"},
	{name: "exact-chunks", description: "two recipients, opened by the second; payload exactly two chunks", payloadLen: 512, chunkSize: 256, recipients: []string{"grandma", "toy"}, openWith: "toy", codec: "pcm-s16le", expect: "ok"},
	{name: "default-chunk", description: "one recipient, default 1024-byte chunks, 1500-byte payload", payloadLen: 1500, chunkSize: 1024, recipients: []string{"toy"}, codec: "g722", expect: "ok"},
	{name: "truncated", description: "three-chunks cut inside the second chunk", payloadLen: 600, chunkSize: 256, recipients: []string{"toy"}, codec: "adpcm-ima", expect: "truncated",
		modify: func(m []byte) []byte { _, e := chunkAt(1, 256); return m[:e-10] }},
	{name: "no-final-signature", description: "three-chunks without its final signature", payloadLen: 600, chunkSize: 256, recipients: []string{"toy"}, codec: "adpcm-ima", expect: "truncated",
		modify: func(m []byte) []byte { return m[:len(m)-sigLen] }},
	{name: "reordered", description: "three-chunks with chunks 0 and 1 swapped", payloadLen: 600, chunkSize: 256, recipients: []string{"toy"}, codec: "adpcm-ima", expect: "tampered",
		modify: func(m []byte) []byte {
			s0, e0 := chunkAt(0, 256)
			s1, e1 := chunkAt(1, 256)
			return bytes.Join([][]byte{m[:s0], m[s1:e1], m[s0:e0], m[e1:]}, nil)
		}},
	{name: "duplicated", description: "three-chunks with chunk 0 sent twice", payloadLen: 600, chunkSize: 256, recipients: []string{"toy"}, codec: "adpcm-ima", expect: "tampered",
		modify: func(m []byte) []byte {
			s0, e0 := chunkAt(0, 256)
			return bytes.Join([][]byte{m[:e0], m[s0:e0], m[e0:]}, nil)
		}},
	{name: "flipped-payload", description: "three-chunks with one ciphertext bit flipped", payloadLen: 600, chunkSize: 256, recipients: []string{"toy"}, codec: "adpcm-ima", expect: "tampered",
		modify: func(m []byte) []byte { s, _ := chunkAt(2, 256); m[s+3] ^= 0x10; return m }},
	{name: "bad-final-signature", description: "three-chunks with its final signature modified", payloadLen: 600, chunkSize: 256, recipients: []string{"toy"}, codec: "adpcm-ima", expect: "bad signature",
		modify: func(m []byte) []byte { m[len(m)-40] ^= 1; return m }},
	{name: "forged-sender", description: "sealed by a stranger who wrote mum's sender key id into the header", payloadLen: 100, chunkSize: 256, recipients: []string{"toy"}, codec: "opus", expect: "bad signature",
		modify: func(m []byte) []byte { id := vectorKey("mum").Public().SenderID(); copy(m[12:20], id[:]); return m }},
	{name: "unknown-sender", description: "a valid message from a sender not in the toy's contacts", payloadLen: 100, chunkSize: 256, recipients: []string{"toy"}, codec: "opus", expect: "unknown sender", contacts: []string{"grandma"}},
	{name: "not-recipient", description: "sealed to grandma, opened with the toy's key", payloadLen: 100, chunkSize: 256, recipients: []string{"grandma"}, openWith: "toy", codec: "opus", expect: "not recipient"},
	{name: "replay", description: "a valid message delivered twice: the second delivery is refused", payloadLen: 100, chunkSize: 256, recipients: []string{"toy"}, codec: "opus", expect: "replay", replay: true},
}

func generateVector(t *testing.T, s vectorSpec) string {
	sender := vectorKey("mum")
	if s.name == "forged-sender" {
		sender = vectorKey("stranger")
	}
	var to []PublicKey
	for _, r := range s.recipients {
		to = append(to, vectorKey(r).Public())
	}
	seed := "toyvoice vector " + s.name
	payload := make([]byte, s.payloadLen)
	newDetRand(seed + " payload").Read(payload)
	meta := Metadata{
		Created:    time.UnixMilli(1764000000000),
		Duration:   time.Duration(s.payloadLen) * 125 * time.Microsecond,
		SampleRate: 16000,
		Channels:   1,
		Codec:      s.codec,
	}
	msg, err := Seal(nil, payload, &meta, sender, to, WithChunkSize(s.chunkSize), withRand(newDetRand(seed)))
	if err != nil {
		t.Fatal(err)
	}
	if s.modify != nil {
		msg = s.modify(msg)
	}
	openWith := s.openWith
	if openWith == "" {
		openWith = s.recipients[0]
	}
	contacts := s.contacts
	if contacts == nil {
		contacts = []string{"mum"}
	}
	var cs []string
	for _, c := range contacts {
		cs = append(cs, vectorKey(c).Public().String())
	}
	var b strings.Builder
	line := func(k, v string) { b.WriteString(k + ": " + v + "\n") }
	b.WriteString("# toyvoice envelope v1 test vector; see docs/envelope-format.md, \"Test vectors\".\n")
	line("name", s.name)
	line("description", s.description)
	line("expect", s.expect)
	if s.replay {
		line("replay", "yes")
	}
	line("rand", seed)
	line("sender", string(sender.AppendText(nil)))
	line("recipients", strings.Join(func() []string {
		var r []string
		for _, p := range to {
			r = append(r, p.String())
		}
		return r
	}(), " "))
	line("recipient", string(vectorKey(openWith).AppendText(nil)))
	line("contacts", strings.Join(cs, " "))
	line("chunk size", strconv.Itoa(s.chunkSize))
	line("message id", hex.EncodeToString(meta.MessageID[:]))
	line("created", strconv.FormatInt(meta.Created.UnixMilli(), 10))
	line("duration", strconv.FormatInt(int64(meta.Duration/time.Microsecond), 10))
	line("sample rate", strconv.Itoa(meta.SampleRate))
	line("channels", strconv.Itoa(meta.Channels))
	line("codec", meta.Codec)
	line("payload", hex.EncodeToString(payload))
	line("message", hex.EncodeToString(msg))
	return b.String()
}

// TestVectorsRegenerate seals every vector again from its spec and the
// deterministic randomness and compares with testdata/vectors (run with
// -update to rewrite them; a mismatch writes NAME.txt.got).
func TestVectorsRegenerate(t *testing.T) {
	dir := "testdata/vectors"
	if *update {
		os.MkdirAll(dir, 0o755)
	}
	for _, s := range vectorSpecs {
		got := generateVector(t, s)
		path := dir + "/" + s.name + ".txt"
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := vectorFS.ReadFile(path) // embedded: wasip1 has no file system
		if err != nil {
			t.Fatal(err)
		}
		if string(want) != got {
			os.WriteFile(path+".got", []byte(got), 0o644)
			t.Errorf("%s: regenerated vector differs (wrote %s.got)", s.name, path)
		}
		v, _ := parseVector([]byte(got))
		checkVector(t, s.name, v)
	}
}
