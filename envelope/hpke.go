package envelope

// This file implements the part of HPKE (RFC 9180) the envelope format
// uses, from golang.org/x/crypto primitives, so the package needs nothing
// newer than Go 1.23 and builds under TinyGo:
//
//	mode  mode_base (0x00)                        RFC 9180 §5.1.1
//	KEM   DHKEM(X25519, HKDF-SHA256)   0x0020     RFC 9180 §4.1, §7.1
//	KDF   HKDF-SHA256                  0x0001     RFC 9180 §4, §7.2
//	AEAD  ChaCha20-Poly1305            0x0003     RFC 9180 §5.2, §7.3
//
// It is checked against the RFC's Appendix A.2.1 test vectors
// (testdata/rfc9180-a2-base.txt) and, with Go ≥ 1.26, against the
// standard library's crypto/hpke in both directions.
//
// [RFC 9180]: https://www.rfc-editor.org/rfc/rfc9180.html

import (
	"crypto/cipher"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"

	"golang.org/x/crypto/chacha20poly1305"
	"golang.org/x/crypto/curve25519"
	"golang.org/x/crypto/hkdf"
)

// HPKE algorithm identifiers of the only suite this format uses
// (RFC 9180 §7.1, §7.2, §7.3).
const (
	KEMID  = 0x0020 // DHKEM(X25519, HKDF-SHA256)
	KDFID  = 0x0001 // HKDF-SHA256
	AEADID = 0x0003 // ChaCha20Poly1305
)

const (
	hpkeNsecret = 32 // KEM shared secret
	hpkeNenc    = 32 // encapsulated key
	hpkeNpk     = 32
	hpkeNsk     = 32
	hpkeNk      = 32 // AEAD key
	hpkeNn      = 12 // AEAD nonce
	hpkeNt      = 16 // AEAD tag
	hpkeNh      = 32 // KDF output
)

var (
	// suite_id for the KEM: concat("KEM", I2OSP(kem_id, 2)), RFC 9180 §4.1.
	kemSuiteID = []byte{'K', 'E', 'M', 0x00, 0x20}
	// suite_id for the key schedule: concat("HPKE", I2OSP(kem_id, 2),
	// I2OSP(kdf_id, 2), I2OSP(aead_id, 2)), RFC 9180 §5.1.
	hpkeSuiteID = []byte{'H', 'P', 'K', 'E', 0x00, 0x20, 0x00, 0x01, 0x00, 0x03}
)

var errHPKE = errors.New("envelope: hpke failure")

// labeledExtract is LabeledExtract(salt, label, ikm), RFC 9180 §4.
func labeledExtract(suite, salt []byte, label string, ikm []byte) []byte {
	var buf [128]byte
	b := append(buf[:0], "HPKE-v1"...)
	b = append(b, suite...)
	b = append(b, label...)
	b = append(b, ikm...)
	return hkdf.Extract(sha256.New, b, salt)
}

// labeledExpand is LabeledExpand(prk, label, info, L), RFC 9180 §4, writing
// L = len(out) bytes to out.
func labeledExpand(out []byte, suite, prk []byte, label string, info []byte) {
	var buf [192]byte
	b := binary.BigEndian.AppendUint16(buf[:0], uint16(len(out)))
	b = append(b, "HPKE-v1"...)
	b = append(b, suite...)
	b = append(b, label...)
	b = append(b, info...)
	if _, err := io.ReadFull(hkdf.Expand(sha256.New, prk, b), out); err != nil {
		panic("envelope: hkdf expand: " + err.Error()) // L is always ≤ 255*Nh here
	}
}

// x25519 is DH(sk, pk) of RFC 9180 §7.1: X25519 (RFC 7748 §5), failing on
// the all-zero output of a low-order point (RFC 9180 §7.1.4).
func x25519(dst *[32]byte, sk, pk []byte) error {
	out, err := curve25519.X25519(sk, pk)
	if err != nil {
		return ErrKey
	}
	copy(dst[:], out)
	return nil
}

// deriveKeyPair is DeriveKeyPair(ikm) for X25519, RFC 9180 §7.1.3.
func deriveKeyPair(ikm []byte) (sk, pk [32]byte, err error) {
	prk := labeledExtract(kemSuiteID, nil, "dkp_prk", ikm)
	labeledExpand(sk[:], kemSuiteID, prk, "sk", nil)
	err = x25519(&pk, sk[:], curve25519.Basepoint)
	return sk, pk, err
}

// extractAndExpand is DHKEM's ExtractAndExpand(dh, kem_context), RFC 9180
// §4.1.
func extractAndExpand(dh *[32]byte, enc, pkR []byte) (shared [hpkeNsecret]byte) {
	var ctx [hpkeNenc + hpkeNpk]byte
	copy(ctx[:], enc)
	copy(ctx[hpkeNenc:], pkR)
	prk := labeledExtract(kemSuiteID, nil, "eae_prk", dh[:])
	labeledExpand(shared[:], kemSuiteID, prk, "shared_secret", ctx[:])
	return shared
}

// encap is Encap(pkR) of RFC 9180 §4.1 with the ephemeral key pair derived
// from ikmE (GenerateKeyPair is DeriveKeyPair(random(Nsk)), §7.1.3).
func encap(pkR, ikmE []byte) (shared [hpkeNsecret]byte, enc [hpkeNenc]byte, err error) {
	skE, pkE, err := deriveKeyPair(ikmE)
	if err != nil {
		return shared, enc, err
	}
	var dh [32]byte
	if err := x25519(&dh, skE[:], pkR); err != nil {
		return shared, enc, err
	}
	enc = pkE
	return extractAndExpand(&dh, enc[:], pkR), enc, nil
}

// decap is Decap(enc, skR) of RFC 9180 §4.1.
func decap(enc, skR, pkR []byte) (shared [hpkeNsecret]byte, err error) {
	var dh [32]byte
	if err := x25519(&dh, skR, enc); err != nil {
		return shared, err
	}
	return extractAndExpand(&dh, enc, pkR), nil
}

// hpkeContext is the encryption context of RFC 9180 §5.1 in base mode.
type hpkeContext struct {
	ksc            [1 + 2*hpkeNh]byte // key_schedule_context (kept for the test vectors)
	secret         [hpkeNh]byte
	key            [hpkeNk]byte
	baseNonce      [hpkeNn]byte
	exporterSecret [hpkeNh]byte
	seq            uint64
	aead           cipher.AEAD
}

// keyScheduleBase is KeySchedule(mode_base, shared_secret, info, "", ""),
// RFC 9180 §5.1.
func keyScheduleBase(shared []byte, info []byte) (*hpkeContext, error) {
	c := new(hpkeContext)
	pskIDHash := labeledExtract(hpkeSuiteID, nil, "psk_id_hash", nil)
	infoHash := labeledExtract(hpkeSuiteID, nil, "info_hash", info)
	c.ksc[0] = 0x00 // mode_base
	copy(c.ksc[1:], pskIDHash)
	copy(c.ksc[1+hpkeNh:], infoHash)
	copy(c.secret[:], labeledExtract(hpkeSuiteID, shared, "secret", nil))
	labeledExpand(c.key[:], hpkeSuiteID, c.secret[:], "key", c.ksc[:])
	labeledExpand(c.baseNonce[:], hpkeSuiteID, c.secret[:], "base_nonce", c.ksc[:])
	labeledExpand(c.exporterSecret[:], hpkeSuiteID, c.secret[:], "exp", c.ksc[:])
	aead, err := chacha20poly1305.New(c.key[:])
	if err != nil {
		return nil, err
	}
	c.aead = aead
	return c, nil
}

// nonce is ComputeNonce(seq), RFC 9180 §5.2.
func (c *hpkeContext) nonce() [hpkeNn]byte {
	n := c.baseNonce
	var s [8]byte
	binary.BigEndian.PutUint64(s[:], c.seq)
	for i := range s {
		n[hpkeNn-8+i] ^= s[i]
	}
	return n
}

// seal is ContextS.Seal(aad, pt), RFC 9180 §5.2, appending to dst.
func (c *hpkeContext) seal(dst, aad, pt []byte) []byte {
	n := c.nonce()
	c.seq++
	return c.aead.Seal(dst, n[:], pt, aad)
}

// open is ContextR.Open(aad, ct), RFC 9180 §5.2, appending to dst.
func (c *hpkeContext) open(dst, aad, ct []byte) ([]byte, error) {
	n := c.nonce()
	out, err := c.aead.Open(dst, n[:], ct, aad)
	if err != nil {
		return dst, errHPKE
	}
	c.seq++
	return out, nil
}

// export is Context.Export(exporter_context, L), RFC 9180 §5.3.
func (c *hpkeContext) export(out, exporterContext []byte) {
	labeledExpand(out, hpkeSuiteID, c.exporterSecret[:], "sec", exporterContext)
}

// setupBaseS is SetupBaseS(pkR, info), RFC 9180 §5.1.1, with the ephemeral
// key derived from ikmE.
func setupBaseS(pkR, info, ikmE []byte) (enc [hpkeNenc]byte, c *hpkeContext, err error) {
	shared, enc, err := encap(pkR, ikmE)
	if err != nil {
		return enc, nil, err
	}
	c, err = keyScheduleBase(shared[:], info)
	return enc, c, err
}

// setupBaseR is SetupBaseR(enc, skR, info), RFC 9180 §5.1.1; pkR is
// pk(skR), which the caller has at hand.
func setupBaseR(enc, skR, pkR, info []byte) (*hpkeContext, error) {
	shared, err := decap(enc, skR, pkR)
	if err != nil {
		return nil, err
	}
	return keyScheduleBase(shared[:], info)
}
