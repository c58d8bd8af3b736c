package codec_test

import (
	"errors"
	"testing"

	"github.com/toyvoice/toyvoice/codec"
)

func TestCorruptError(t *testing.T) {
	for _, c := range []struct {
		off  int64
		want string
	}{
		{0, "codec: corrupt input at byte 0: bad"},
		{1234567, "codec: corrupt input at byte 1234567: bad"},
		{-3, "codec: corrupt input at byte -3: bad"},
	} {
		var err error = &codec.CorruptError{Offset: c.off, Reason: "bad"}
		if got := err.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
		if !errors.Is(err, codec.ErrCorrupt) {
			t.Errorf("errors.Is(%v, ErrCorrupt) = false", err)
		}
		var ce *codec.CorruptError
		if !errors.As(err, &ce) || ce.Offset != c.off {
			t.Errorf("errors.As lost the offset")
		}
		if errors.Is(err, codec.ErrChannels) {
			t.Errorf("CorruptError matches ErrChannels")
		}
	}
}

func TestRefine(t *testing.T) {
	err := codec.Refine("x: bad rate", codec.ErrSampleRate)
	if err.Error() != "x: bad rate" {
		t.Errorf("Error() = %q", err.Error())
	}
	if !errors.Is(err, err) || !errors.Is(err, codec.ErrSampleRate) {
		t.Error("refined sentinel does not match itself and its base")
	}
	if errors.Is(err, codec.ErrChannels) || errors.Is(err, codec.Refine("x: bad rate", codec.ErrSampleRate)) {
		t.Error("refined sentinel matches an unrelated error")
	}
}
