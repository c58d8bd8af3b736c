package envelope

import (
	"bytes"
	_ "embed"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"
)

//go:embed testdata/rfc9180-a2-base.txt
var rfc9180A2 string

// rfcVector is RFC 9180 Appendix A.2.1 parsed: the setup fields, then one
// map per encryption and per exported value.
type rfcVector struct {
	setup   map[string]string
	encs    []map[string]string
	exports []map[string]string
}

func parseRFCVector(t *testing.T, text string) rfcVector {
	t.Helper()
	v := rfcVector{setup: map[string]string{}}
	cur := v.setup
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		k, val, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("bad vector line %q", line)
		}
		val = strings.TrimSpace(val)
		switch k {
		case "sequence number":
			cur = map[string]string{}
			v.encs = append(v.encs, cur)
		case "exporter_context":
			cur = map[string]string{}
			v.exports = append(v.exports, cur)
		}
		cur[k] = val
	}
	return v
}

func unhex(t *testing.T, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatalf("bad hex %q: %v", s, err)
	}
	return b
}

func checkHex(t *testing.T, name string, got []byte, want string) {
	t.Helper()
	if hex.EncodeToString(got) != want {
		t.Errorf("%s = %x, want %s", name, got, want)
	}
}

// TestRFC9180Vectors checks the HPKE implementation against RFC 9180
// Appendix A.2.1 (DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
// ChaCha20Poly1305, mode_base): key derivation, Encap/Decap, every key
// schedule value, all six encryptions (sender and recipient side) and
// the three exported values.
func TestRFC9180Vectors(t *testing.T) {
	v := parseRFCVector(t, rfc9180A2)
	s := v.setup
	if s["mode"] != "0" || s["kem_id"] != strconv.Itoa(KEMID) || s["kdf_id"] != strconv.Itoa(KDFID) || s["aead_id"] != strconv.Itoa(AEADID) {
		t.Fatalf("vector is for another suite: %v", s)
	}
	if len(v.encs) != 6 || len(v.exports) != 3 {
		t.Fatalf("vector has %d encryptions, %d exports; want 6, 3", len(v.encs), len(v.exports))
	}
	info := unhex(t, s["info"])

	skE, pkE, err := deriveKeyPair(unhex(t, s["ikmE"]))
	if err != nil {
		t.Fatal(err)
	}
	checkHex(t, "skEm", skE[:], s["skEm"])
	checkHex(t, "pkEm", pkE[:], s["pkEm"])
	skR, pkR, err := deriveKeyPair(unhex(t, s["ikmR"]))
	if err != nil {
		t.Fatal(err)
	}
	checkHex(t, "skRm", skR[:], s["skRm"])
	checkHex(t, "pkRm", pkR[:], s["pkRm"])

	shared, enc, err := encap(pkR[:], unhex(t, s["ikmE"]))
	if err != nil {
		t.Fatal(err)
	}
	checkHex(t, "enc", enc[:], s["enc"])
	checkHex(t, "shared_secret (Encap)", shared[:], s["shared_secret"])
	shared2, err := decap(enc[:], skR[:], pkR[:])
	if err != nil {
		t.Fatal(err)
	}
	checkHex(t, "shared_secret (Decap)", shared2[:], s["shared_secret"])

	_, sender, err := setupBaseS(pkR[:], info, unhex(t, s["ikmE"]))
	if err != nil {
		t.Fatal(err)
	}
	checkHex(t, "key_schedule_context", sender.ksc[:], s["key_schedule_context"])
	checkHex(t, "secret", sender.secret[:], s["secret"])
	checkHex(t, "key", sender.key[:], s["key"])
	checkHex(t, "base_nonce", sender.baseNonce[:], s["base_nonce"])
	checkHex(t, "exporter_secret", sender.exporterSecret[:], s["exporter_secret"])
	recipient, err := setupBaseR(enc[:], skR[:], pkR[:], info)
	if err != nil {
		t.Fatal(err)
	}

	for _, e := range v.encs {
		seq, err := strconv.ParseUint(e["sequence number"], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		sender.seq, recipient.seq = seq, seq
		n := sender.nonce()
		checkHex(t, "nonce "+e["sequence number"], n[:], e["nonce"])
		ct := sender.seal(nil, unhex(t, e["aad"]), unhex(t, e["pt"]))
		checkHex(t, "ct "+e["sequence number"], ct, e["ct"])
		pt, err := recipient.open(nil, unhex(t, e["aad"]), unhex(t, e["ct"]))
		if err != nil {
			t.Errorf("open seq %d: %v", seq, err)
		}
		checkHex(t, "pt "+e["sequence number"], pt, e["pt"])
		if sender.seq != seq+1 || recipient.seq != seq+1 {
			t.Errorf("sequence number not incremented")
		}
	}
	for _, e := range v.exports {
		l, _ := strconv.Atoi(e["L"])
		out := make([]byte, l)
		recipient.export(out, unhex(t, e["exporter_context"]))
		checkHex(t, "export "+e["exporter_context"], out, e["exported_value"])
	}

	// A modified ciphertext or aad must not open, and must not advance
	// the sequence number.
	recipient.seq = 0
	ct := unhex(t, v.encs[0]["ct"])
	ct[3] ^= 1
	if _, err := recipient.open(nil, unhex(t, v.encs[0]["aad"]), ct); err == nil || recipient.seq != 0 {
		t.Errorf("tampered ciphertext opened (err %v, seq %d)", err, recipient.seq)
	}
	if _, err := recipient.open(nil, []byte("Count-1"), unhex(t, v.encs[0]["ct"])); err == nil {
		t.Errorf("ciphertext opened with the wrong aad")
	}
}

// TestHPKELowOrder checks that encapsulating to, or decapsulating from, a
// low-order point fails (RFC 9180 §7.1.4) instead of yielding a key that
// depends only on public values.
func TestHPKELowOrder(t *testing.T) {
	var zero [32]byte
	if _, _, err := encap(zero[:], bytes.Repeat([]byte{7}, 32)); err == nil {
		t.Error("encap to the zero point succeeded")
	}
	sk, pk, _ := deriveKeyPair(bytes.Repeat([]byte{9}, 32))
	if _, err := decap(zero[:], sk[:], pk[:]); err == nil {
		t.Error("decap of the zero point succeeded")
	}
}
