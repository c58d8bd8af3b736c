package envelope

import (
	"encoding/binary"
	"time"
)

// Contacts is a toy's allow-list: the public keys of the senders its
// family approved. Open refuses a message whose sender key id is not in
// the list (ErrUnknownSender) before it does any public-key work, and then
// checks the signatures with the listed key, so knowing a toy's public key
// (or a contact's key id) is not enough to make it speak.
//
// Contacts is not safe for concurrent mutation; build it, then share it.
type Contacts struct {
	keys []PublicKey
}

// NewContacts returns a list holding keys.
func NewContacts(keys ...PublicKey) *Contacts {
	c := &Contacts{keys: make([]PublicKey, 0, len(keys))}
	for _, k := range keys {
		c.Add(k)
	}
	return c
}

// Add approves k. Adding a key twice is harmless.
func (c *Contacts) Add(k PublicKey) {
	for _, have := range c.keys {
		if have == k {
			return
		}
	}
	c.keys = append(c.keys, k)
}

// Remove withdraws approval of the sender key with the given id (key
// rotation, or a contact the family no longer trusts) and reports whether
// it was listed.
func (c *Contacts) Remove(sender KeyID) bool {
	for i, k := range c.keys {
		if k.SenderID() == sender {
			c.keys = append(c.keys[:i], c.keys[i+1:]...)
			return true
		}
	}
	return false
}

// Lookup returns the approved key with the given sender id.
func (c *Contacts) Lookup(sender KeyID) (PublicKey, bool) {
	if c != nil {
		for _, k := range c.keys {
			if k.SenderID() == sender {
				return k, true
			}
		}
	}
	return PublicKey{}, false
}

// Len returns the number of approved keys.
func (c *Contacts) Len() int { return len(c.keys) }

// ReplayWindow remembers the ids of the last messages a toy played, in a
// fixed amount of memory (24 bytes per entry), so a recorded message
// cannot be played to the child again by replaying it. When the window is
// full the entry with the oldest creation time is forgotten, and from then
// on a message created before the oldest remembered one is refused as
// well: the window cannot tell whether it was seen. Save it across reboots
// with AppendBinary and UnmarshalBinary.
type ReplayWindow struct {
	ids     []MessageID
	created []int64 // Unix milliseconds
	n       int
}

// NewReplayWindow returns a window remembering size ids, 1 ≤ size ≤ 65536.
func NewReplayWindow(size int) (*ReplayWindow, error) {
	if size < 1 || size > 1<<16 {
		return nil, ErrOption
	}
	return &ReplayWindow{ids: make([]MessageID, size), created: make([]int64, size)}, nil
}

// Size returns the capacity; Len the number of remembered ids.
func (w *ReplayWindow) Size() int { return len(w.ids) }

// Len returns the number of remembered ids.
func (w *ReplayWindow) Len() int { return w.n }

// Check returns ErrReplay if id was seen, or if the window is full and
// created is older than every remembered message. It does not record id.
func (w *ReplayWindow) Check(id MessageID, created time.Time) error {
	ms := created.UnixMilli()
	oldest := int64(1<<63 - 1)
	for i := 0; i < w.n; i++ {
		if w.ids[i] == id {
			return ErrReplay
		}
		if w.created[i] < oldest {
			oldest = w.created[i]
		}
	}
	if w.n == len(w.ids) && ms < oldest {
		return ErrReplay
	}
	return nil
}

// Record remembers id, forgetting the oldest entry if the window is full.
func (w *ReplayWindow) Record(id MessageID, created time.Time) {
	ms := created.UnixMilli()
	if w.n < len(w.ids) {
		w.ids[w.n], w.created[w.n] = id, ms
		w.n++
		return
	}
	old := 0
	for i := 1; i < w.n; i++ {
		if w.created[i] < w.created[old] {
			old = i
		}
	}
	if ms < w.created[old] {
		return // older than everything remembered: Check refuses it anyway
	}
	w.ids[old], w.created[old] = id, ms
}

// Reset forgets everything without freeing memory.
func (w *ReplayWindow) Reset() { w.n = 0 }

// AppendBinary appends the window's state: a 4-byte count followed by
// that many entries of message id (16) ‖ created (8, big-endian Unix ms).
func (w *ReplayWindow) AppendBinary(dst []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(w.n))
	for i := 0; i < w.n; i++ {
		dst = append(dst, w.ids[i][:]...)
		dst = binary.BigEndian.AppendUint64(dst, uint64(w.created[i]))
	}
	return dst
}

// UnmarshalBinary restores a state written by AppendBinary. Entries beyond
// the window's size keep the newest ones.
func (w *ReplayWindow) UnmarshalBinary(b []byte) error {
	if len(b) < 4 {
		return ErrMalformed
	}
	n := binary.BigEndian.Uint32(b)
	b = b[4:]
	if uint64(len(b)) != uint64(n)*24 {
		return ErrMalformed
	}
	w.Reset()
	for ; len(b) > 0; b = b[24:] {
		var id MessageID
		copy(id[:], b)
		w.Record(id, time.UnixMilli(int64(binary.BigEndian.Uint64(b[16:]))))
	}
	return nil
}
