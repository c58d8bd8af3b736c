package main

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/toyvoice/toyvoice/envelope"
)

func key(t *testing.T) *envelope.PrivateKey {
	t.Helper()
	k, err := envelope.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func post(t *testing.T, url string, body []byte) int {
	t.Helper()
	resp, err := http.Post(url+"/messages", "application/octet-stream", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func get(t *testing.T, url string, id envelope.KeyID) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url + "/messages/" + id.String())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func TestRelay(t *testing.T) {
	parent, toy, stranger := key(t), key(t), key(t)
	relay := NewRelay(parent.Public()) // the stranger has no account
	srv := httptest.NewServer(relay.Handler())
	defer srv.Close()

	// The phone seals "audio" (any encoded bytes) to the toy.
	audio := bytes.Repeat([]byte("IMA ADPCM voice of a parent "), 100)
	meta := envelope.Metadata{Codec: "adpcm-ima", SampleRate: 16000, Channels: 1, Duration: 350 * time.Millisecond}
	to := []envelope.PublicKey{toy.Public()}
	msg, err := envelope.Seal(nil, audio, &meta, parent, to)
	if err != nil {
		t.Fatal(err)
	}
	if code := post(t, srv.URL, msg); code != http.StatusAccepted {
		t.Fatalf("POST sealed message: %d, want 202", code)
	}

	// The relay holds ciphertext only: neither the audio nor the metadata.
	for _, box := range relay.boxes {
		for _, stored := range box {
			if bytes.Contains(stored, audio[:16]) || bytes.Contains(stored, []byte(meta.Codec)) {
				t.Fatal("relay holds plaintext")
			}
		}
	}

	// Rejections: tampered (one bit of one chunk), a stranger, junk, too big.
	bad := bytes.Clone(msg)
	bad[len(bad)-100] ^= 1
	if code := post(t, srv.URL, bad); code != http.StatusBadRequest {
		t.Errorf("tampered message: %d, want 400", code)
	}
	spam, err := envelope.Seal(nil, audio, &envelope.Metadata{Codec: "adpcm-ima"}, stranger, to)
	if err != nil {
		t.Fatal(err)
	}
	if code := post(t, srv.URL, spam); code != http.StatusForbidden {
		t.Errorf("message from a stranger: %d, want 403", code)
	}
	if code := post(t, srv.URL, []byte("RIFF....WAVEfmt ")); code != http.StatusBadRequest {
		t.Errorf("malformed message: %d, want 400", code)
	}
	if code := post(t, srv.URL, msg[:len(msg)-1]); code != http.StatusBadRequest {
		t.Errorf("truncated message: %d, want 400", code)
	}
	if code := post(t, srv.URL, make([]byte, MaxMessage+1)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized message: %d, want 413", code)
	}

	// The toy fetches its mail: exactly the one accepted message.
	code, got := get(t, srv.URL, toy.RecipientID())
	if code != http.StatusOK || !bytes.Equal(got, msg) {
		t.Fatalf("GET: %d, %d bytes; want 200 and the sealed message", code, len(got))
	}
	if code, _ := get(t, srv.URL, toy.RecipientID()); code != http.StatusNotFound {
		t.Errorf("second GET: %d, want 404 (mailbox empty)", code)
	}

	// On the toy: open with its key, its family's contacts and replay window.
	seen, err := envelope.NewReplayWindow(16)
	if err != nil {
		t.Fatal(err)
	}
	out, m, err := envelope.Open(nil, got, toy, envelope.NewContacts(parent.Public()), seen)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, audio) || m.Codec != meta.Codec || m.Duration != meta.Duration {
		t.Errorf("opened %d bytes, %+v; want the audio and %+v", len(out), m, meta)
	}
	// The relay cannot open it: it is not a recipient, and holds no key anyway.
	if _, _, err := envelope.Open(nil, got, stranger, envelope.NewContacts(parent.Public()), seen); !errors.Is(err, envelope.ErrNotRecipient) {
		t.Errorf("open by a non-recipient: %v, want ErrNotRecipient", err)
	}
}

func TestBadRecipientID(t *testing.T) {
	srv := httptest.NewServer(NewRelay().Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/messages/not-hex")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("GET bad id: %d, want 400", resp.StatusCode)
	}
}
