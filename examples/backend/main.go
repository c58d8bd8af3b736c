// Command backend is the relay between a parent's phone and a family's toy:
// a net/http server that stores sealed voice messages and hands them out,
// without ever holding a key that opens one.
//
// POST /messages takes a sealed envelope (at most MaxMessage bytes,
// enforced with http.MaxBytesReader). The relay reads the routing fields
// with envelope.Inspect, looks the sender key id up in its account
// directory (403 Forbidden for a sender it has no account for), and checks
// the whole message with envelope.Verify: both Ed25519 signatures and the
// framing, with the sender's public key only, no decryption (400 Bad Request
// for anything malformed, truncated, tampered or forged). It then queues the
// message under each recipient key id. GET /messages/{recipientID} (the
// recipient's key id in hex, as a toy prints it) hands out the oldest queued
// message and forgets it (404 when the mailbox is empty).
//
// What the relay sees is what envelope.Info lists: key ids and sizes. The
// audio, its codec, duration and creation time travel encrypted; a stolen copy
// of the relay's memory or database holds no voice. main_test.go seals a
// message on a "phone", posts it, fetches it on a "toy" and opens it there.
//
// Run it with
//
//	go run . -addr :8080 -sender toyvoice-pub1-…
//
// and register more senders with further -sender flags (in a real service:
// the account database).
package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"flag"
	"io"
	"log"
	"net/http"
	"strings"
	"sync"

	"github.com/toyvoice/toyvoice/envelope"
)

// MaxMessage caps an uploaded message: about 2 minutes of 16 kHz IMA ADPCM.
const MaxMessage = 1 << 20

// Relay stores sealed messages per recipient. It is safe for concurrent use.
type Relay struct {
	mu      sync.Mutex
	senders map[envelope.KeyID]envelope.PublicKey // account directory
	boxes   map[envelope.KeyID][][]byte           // recipient id -> sealed messages, oldest first
}

// NewRelay returns a relay accepting messages from senders.
func NewRelay(senders ...envelope.PublicKey) *Relay {
	r := &Relay{senders: map[envelope.KeyID]envelope.PublicKey{}, boxes: map[envelope.KeyID][][]byte{}}
	for _, k := range senders {
		r.senders[k.SenderID()] = k
	}
	return r
}

// Handler returns the HTTP API.
func (r *Relay) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /messages", r.post)
	mux.HandleFunc("GET /messages/{recipientID}", r.get)
	return mux
}

func (r *Relay) post(w http.ResponseWriter, req *http.Request) {
	msg, err := io.ReadAll(http.MaxBytesReader(w, req.Body, MaxMessage))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "message too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "read error", http.StatusBadRequest)
		return
	}
	info, err := envelope.Inspect(msg) // routing fields only, no key needed
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	sender, ok := r.senders[info.Sender]
	r.mu.Unlock()
	if !ok {
		http.Error(w, envelope.ErrUnknownSender.Error(), http.StatusForbidden)
		return
	}
	// Signatures and framing, checked with the sender's public key: a
	// modified, cut or forged message never reaches a mailbox.
	if info, err = envelope.Verify(bytes.NewReader(msg), sender); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	for _, to := range info.Recipients {
		r.boxes[to] = append(r.boxes[to], msg)
	}
	r.mu.Unlock()
	w.WriteHeader(http.StatusAccepted)
}

func (r *Relay) get(w http.ResponseWriter, req *http.Request) {
	var id envelope.KeyID
	if b, err := hex.DecodeString(req.PathValue("recipientID")); err != nil || len(b) != len(id) {
		http.Error(w, "recipient id: want 16 hex digits", http.StatusBadRequest)
		return
	} else {
		copy(id[:], b)
	}
	r.mu.Lock()
	box := r.boxes[id]
	var msg []byte
	if len(box) > 0 {
		msg, r.boxes[id] = box[0], box[1:]
	}
	r.mu.Unlock()
	if msg == nil {
		http.NotFound(w, req)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Write(msg)
}

type keyList []envelope.PublicKey

func (l *keyList) String() string { return "" }
func (l *keyList) Set(s string) error {
	k, err := envelope.ParsePublicKey(strings.TrimSpace(s))
	if err == nil {
		*l = append(*l, k)
	}
	return err
}

func main() {
	addr := flag.String("addr", "localhost:8080", "listen address")
	var senders keyList
	flag.Var(&senders, "sender", "public key of an approved sender (repeatable)")
	flag.Parse()
	log.Printf("relay for %d senders on %s", len(senders), *addr)
	log.Fatal(http.ListenAndServe(*addr, NewRelay(senders...).Handler()))
}
