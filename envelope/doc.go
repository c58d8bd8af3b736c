// Package envelope seals voice messages end to end: encoded audio and its
// metadata are encrypted on the sender's device to the recipients' public
// keys and signed by the sender, so a stolen database or bucket yields
// nothing, a relay can check who sent a message without hearing it, and a
// toy plays only messages from senders its family approved.
//
// The wire format (version 1) is specified in docs/envelope-format.md, with
// test vectors in testdata/. It is built from standard parts:
//
//   - HPKE, [RFC 9180] base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
//     ChaCha20-Poly1305 (fast without AES hardware), wraps a random content
//     key once per recipient, so any conformant HPKE implementation can
//     unwrap it. It is implemented here from golang.org/x/crypto primitives
//     (Go 1.23, TinyGo) and checked against the RFC's Appendix A.2.1 vectors
//     and, with Go ≥ 1.26, against crypto/hpke in both directions.
//   - The payload is cut into chunks sealed with ChaCha20-Poly1305 under
//     counter nonces with a final-chunk flag (the STREAM construction, as in
//     age), so a toy opens and plays a long message chunk by chunk and
//     reordering, duplication and truncation are detected.
//   - Ed25519 ([RFC 8032]) signs the header (before any audio is released)
//     and the whole message (final signature); a relay verifies both with
//     the sender's public key and no private key ([Verify]).
//   - Metadata (codec, sample rate, channels, duration, created time,
//     message id) travels inside the ciphertext. A relay sees only what it
//     routes on: recipient key ids, the sender key id and sizes ([Inspect]).
//
// # Use
//
// Each participant has a [PrivateKey] ([GenerateKey]); its [PublicKey] is
// both the key messages are sealed to and the key that verifies the
// messages it sends. A phone seals:
//
//	msg, err := envelope.Seal(nil, adpcm, &envelope.Metadata{Codec: envelope.CodecIMAADPCM, SampleRate: 16000}, parentKey, []envelope.PublicKey{toyPub})
//
// A toy keeps one [Opener] with its key, its family's [Contacts] and a
// [ReplayWindow], and plays a message chunk by chunk:
//
//	if err := o.Begin(file); err != nil { ... }   // sender, signature, replay checked
//	for {
//		chunk, err := o.Next()                    // authenticated audio
//		if err == io.EOF { break }
//		...
//	}
//
// or opens a message held in memory with [Opener.Open], which verifies
// everything before it returns any audio. [Seal] and [NewSealer] (streaming,
// one chunk of memory) write messages.
//
// # Rejections
//
// Every rejection matches exactly one sentinel with [errors.Is]: a message
// from a sender not in Contacts ([ErrUnknownSender]), sealed to someone else
// ([ErrNotRecipient]), replayed ([ErrReplay]), cut short ([ErrTruncated]),
// modified, reordered, duplicated or extended ([ErrTampered]), or signed by
// the wrong key ([ErrBadSignature]); [ErrMalformed] and [ErrUnsupported]
// cover bytes that are not a version-1 envelope. The tests flip every bit
// of a sealed message and check that Open, the streaming opener and Verify
// reject each one.
//
// # Keys, rotation and crypto-shredding
//
// Key ids are the first 8 bytes of a labelled SHA-256 of the public key
// ([PublicKey.RecipientID], [PublicKey.SenderID]). To rotate, generate a new
// key, distribute its public key, seal to both keys during the changeover,
// and open with both ([NewOpener] takes a list); then destroy the old one.
// Deleting every copy of a family's private keys ([PrivateKey.Destroy] for
// the copy in memory; flash, key files and backups by the application)
// makes every stored message sealed to that family unreadable, wherever the
// ciphertext is kept. That is how a deletion request is honoured: the
// backend never holds a key that opens a message, so there is nothing else
// to delete.
//
// # Threat model
//
// Assets: children's and parents' voices, and the metadata of who talks to
// whom and when. The table maps each threat to the ETSI EN 303 645 (V2.1.1)
// provisions for consumer IoT, whose scope names connected children's toys.
//
//   - A stolen database or bucket (the CloudPets breach) gets ciphertext:
//     no audio, no codec, duration or time, only sizes and key ids. Private
//     keys never leave the devices that open messages (5.4 secure storage of
//     sensitive security parameters; 5.8 personal data protected at rest).
//   - A malicious or compromised relay can drop, delay or reorder whole
//     messages and learn sizes and key ids. It cannot read them (HPKE to the
//     recipient's key), alter them (every chunk is authenticated and both
//     signatures cover the header and the ciphertext), replay them to a toy
//     (message id in the replay window) or attribute them to someone else
//     (5.5 communicate securely; 5.8 personal data protected in transit).
//   - A stranger with an app account knows the toy's public key and can
//     seal messages to it, but the toy refuses any sender not in its
//     Contacts before doing any public-key work (ErrUnknownSender), and
//     claiming an approved sender's key id fails the header signature
//     (ErrBadSignature) before any audio plays (5.5; 5.13 validate input).
//   - A lost or stolen toy exposes its private key if the attacker extracts
//     flash: the messages sealed to that key, and the Contacts list. It
//     cannot forge messages from the parents (it holds no parent signing
//     key). The family rotates the toy's key and removes it from the
//     parents' recipient lists; destroying the old key crypto-shreds what it
//     could open (5.4; 5.11 make it easy to delete user data).
//   - Hostile input: every parser (header, stanzas, metadata, keys, replay
//     window state) checks sizes before allocating, never panics, and is
//     fuzzed (FuzzOpen); no allocation exceeds the declared lengths, which
//     are checked against the input first (5.13).
//
// Not covered: forward secrecy against a later compromise of a recipient
// key (HPKE base mode has none, RFC 9180 §9.7.4; rotate keys), hiding
// message sizes and timing, and a co-recipient of the same message (who
// knows its content key) altering the chunks a streaming toy has already
// played before the final signature fails. The one-shot [Opener.Open]
// releases nothing until the final signature verified.
//
// # Memory
//
// An [Opener] keeps its fixed state in the struct (784 bytes on 64-bit Go)
// plus one chunk buffer of chunk size + 16 bytes (1040 bytes for the
// default 1 KiB chunks), allocated once and reused. Per message it
// allocates about 9 KiB of short-lived garbage on 64-bit Go (HKDF and HMAC
// states, the HPKE context, the two ciphers), independent of the message
// length and tested to stay under 10 KiB; per chunk it allocates nothing.
// Under TinyGo on cortex-m-qemu (64 KB RAM, about 46 KB of heap) a whole
// Open runs next to the test harness (TestVectorsOpen, TestOpenHeap); the
// Opener, its chunk buffer and its hash and cipher states stay resident
// (a few KB), while TinyGo's less precise escape analysis turns the X25519
// and Ed25519 temporaries into 140–190 KB of garbage per message that its
// collector reclaims as it goes. TinyGo's X25519 and Ed25519 also need more
// than the 4 KB goroutine stack cortex-m-qemu defaults to: build firmware
// (and run those tests) with -stack-size=8KB. Sealing on the device needs
// crypto/ed25519's precomputed base-point table in addition: 30,736 bytes
// of .bss under TinyGo, which leaves a 64 KB firmware that also plays and
// records 4.8 KB of heap (examples/firmware/seal_baremetal.go has the
// measurements).
//
// [RFC 9180]: https://www.rfc-editor.org/rfc/rfc9180.html
// [RFC 8032]: https://www.rfc-editor.org/rfc/rfc8032.html
package envelope
