//go:build go1.26 && !tinygo

// Cross-checks against the standard library's crypto/hpke (Go ≥ 1.26),
// an independent RFC 9180 implementation.

package envelope

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ed25519"
	"crypto/hkdf"
	"crypto/hpke"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"testing"

	"golang.org/x/crypto/chacha20poly1305"
)

var stdSuite = struct {
	kem  hpke.KEM
	kdf  hpke.KDF
	aead hpke.AEAD
}{hpke.DHKEM(ecdh.X25519()), hpke.HKDFSHA256(), hpke.ChaCha20Poly1305()}

// TestStdlibHPKEOpensOurs seals with this package and opens with
// crypto/hpke, then the other way round, over several messages per
// context (sequence numbers) and the exporter.
func TestStdlibHPKEOpensOurs(t *testing.T) {
	if stdSuite.kem.ID() != KEMID || stdSuite.kdf.ID() != KDFID || stdSuite.aead.ID() != AEADID {
		t.Fatal("suite ids differ from crypto/hpke's")
	}
	info := []byte("toyvoice cross-check")
	for i := 0; i < 20; i++ {
		ikmR := make([]byte, 32)
		ikmE := make([]byte, 32)
		rand.Read(ikmR)
		rand.Read(ikmE)
		skR, pkR, err := deriveKeyPair(ikmR)
		if err != nil {
			t.Fatal(err)
		}
		// Same DeriveKeyPair.
		stdPriv, err := stdSuite.kem.DeriveKeyPair(ikmR)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(stdPriv.PublicKey().Bytes(), pkR[:]) {
			t.Fatal("DeriveKeyPair: public keys differ")
		}
		stdPriv2, err := stdSuite.kem.NewPrivateKey(skR[:])
		if err != nil {
			t.Fatal(err)
		}

		// Ours → stdlib.
		enc, sender, err := setupBaseS(pkR[:], info, ikmE)
		if err != nil {
			t.Fatal(err)
		}
		recv, err := hpke.NewRecipient(enc[:], stdPriv2, stdSuite.kdf, stdSuite.aead, info)
		if err != nil {
			t.Fatal(err)
		}
		for seq := 0; seq < 3; seq++ {
			pt := make([]byte, 7*i+seq)
			rand.Read(pt)
			aad := []byte{byte(seq)}
			pt2, err := recv.Open(aad, sender.seal(nil, aad, pt))
			if err != nil || !bytes.Equal(pt, pt2) {
				t.Fatalf("crypto/hpke cannot open our seq %d: %v", seq, err)
			}
		}
		ours := make([]byte, 42)
		sender.export(ours, []byte("ctx"))
		theirs, _ := recv.Export("ctx", 42)
		if !bytes.Equal(ours, theirs) {
			t.Fatal("exports differ")
		}

		// stdlib → ours.
		stdPub, err := stdSuite.kem.NewPublicKey(pkR[:])
		if err != nil {
			t.Fatal(err)
		}
		enc2, stdSender, err := hpke.NewSender(stdPub, stdSuite.kdf, stdSuite.aead, info)
		if err != nil {
			t.Fatal(err)
		}
		ctx, err := setupBaseR(enc2, skR[:], pkR[:], info)
		if err != nil {
			t.Fatal(err)
		}
		for seq := 0; seq < 3; seq++ {
			pt := make([]byte, 5*i+seq)
			rand.Read(pt)
			ct, _ := stdSender.Seal([]byte("aad"), pt)
			pt2, err := ctx.open(nil, []byte("aad"), ct)
			if err != nil || !bytes.Equal(pt, pt2) {
				t.Fatalf("we cannot open crypto/hpke's seq %d: %v", seq, err)
			}
		}
		theirs, _ = stdSender.Export("", 32)
		ours = make([]byte, 32)
		ctx.export(ours, nil)
		if !bytes.Equal(ours, theirs) {
			t.Fatal("exports differ (stdlib sender)")
		}
	}
}

// TestIndependentOpen opens a sealed message with a second implementation
// written only from docs/envelope-format.md, using crypto/hpke for the
// stanza, crypto/hkdf for the keys, crypto/ed25519 for both signatures and
// x/crypto's ChaCha20-Poly1305 for metadata and chunks.
func TestIndependentOpen(t *testing.T) {
	toyKey, mumKey := mustKey("indep-toy"), mustKey("indep-mum")
	payload := testPayload(3*256 + 99)
	meta := testMeta()
	msg, err := Seal(nil, payload, &meta, mumKey, []PublicKey{mustKey("x").Public(), toyKey.Public()}, WithChunkSize(256))
	if err != nil {
		t.Fatal(err)
	}
	toyRaw := toyKey.AppendBinary(nil)
	mumPub := mumKey.Public().AppendBinary(nil)

	// §Header.
	be := binary.BigEndian
	if string(msg[:4]) != "TVEN" || msg[4] != 1 || be.Uint16(msg[6:]) != 0x20 || be.Uint16(msg[8:]) != 1 || be.Uint16(msg[10:]) != 3 {
		t.Fatal("fixed header")
	}
	C := 1 << msg[5]
	L := int(be.Uint64(msg[20:]))
	n := int(msg[28])
	// §Keys: key ids.
	id := func(label string, k []byte) []byte {
		h := sha256.Sum256(append([]byte(label), k...))
		return h[:8]
	}
	toyPubX, _ := ecdh.X25519().NewPrivateKey(toyRaw[:32])
	myID := id("toyvoice envelope v1 recipient id", toyPubX.PublicKey().Bytes())
	if !bytes.Equal(msg[12:20], id("toyvoice envelope v1 sender id", mumPub[32:])) {
		t.Fatal("sender id")
	}
	var stanza []byte
	for i := 0; i < n; i++ {
		s := msg[29+88*i : 29+88*(i+1)]
		if bytes.Equal(s[:8], myID) {
			stanza = s
		}
	}
	if stanza == nil {
		t.Fatal("no stanza")
	}
	h0 := 29 + 88*n
	// §Signatures: header signature.
	hdrSig := msg[h0+80 : h0+144]
	hh := sha256.Sum256(msg[:h0+80])
	if !ed25519.Verify(mumPub[32:], append([]byte("toyvoice envelope v1 header signature"), hh[:]...), hdrSig) {
		t.Fatal("header signature")
	}
	// §Content key: HPKE base mode, info "toyvoice envelope v1", aad = fixed header.
	sk, err := stdSuite.kem.NewPrivateKey(toyRaw[:32])
	if err != nil {
		t.Fatal(err)
	}
	r, err := hpke.NewRecipient(stanza[8:40], sk, stdSuite.kdf, stdSuite.aead, []byte("toyvoice envelope v1"))
	if err != nil {
		t.Fatal(err)
	}
	contentKey, err := r.Open(msg[:29], stanza[40:])
	if err != nil {
		t.Fatal(err)
	}
	// §Key derivation.
	hpre := sha256.Sum256(msg[:h0])
	prk, _ := hkdf.Extract(sha256.New, contentKey, hpre[:])
	mk, _ := hkdf.Expand(sha256.New, prk, "toyvoice envelope v1 metadata key", 32)
	pk, _ := hkdf.Expand(sha256.New, prk, "toyvoice envelope v1 payload key", 32)
	// §Metadata.
	ma, _ := chacha20poly1305.New(mk)
	mp, err := ma.Open(nil, make([]byte, 12), msg[h0:h0+80], nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mp[:16], meta.MessageID[:]) || int64(be.Uint64(mp[16:])) != meta.Created.UnixMilli() ||
		be.Uint32(mp[32:]) != 16000 || mp[36] != 1 || string(mp[38:38+int(mp[37])]) != "adpcm-ima" {
		t.Fatalf("metadata %x", mp)
	}
	// §Payload: STREAM chunks.
	pa, _ := chacha20poly1305.New(pk)
	pos := h0 + 144
	var out []byte
	N := (L + C - 1) / C
	for i := 0; i < N; i++ {
		size := C
		if i == N-1 {
			size = L - (N-1)*C
		}
		nonce := make([]byte, 12)
		be.PutUint64(nonce[3:], uint64(i))
		if i == N-1 {
			nonce[11] = 1
		}
		out, err = pa.Open(out, nonce, msg[pos:pos+size+16], nil)
		if err != nil {
			t.Fatalf("chunk %d: %v", i, err)
		}
		pos += size + 16
	}
	if !bytes.Equal(out, payload) {
		t.Fatal("payload differs")
	}
	// §Signatures: final signature.
	all := sha256.Sum256(msg[:pos])
	if pos+64 != len(msg) || !ed25519.Verify(mumPub[32:], append([]byte("toyvoice envelope v1 final signature"), all[:]...), msg[pos:]) {
		t.Fatal("final signature")
	}
}
