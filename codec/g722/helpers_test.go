package g722

import (
	"math"
	"testing"
)

func equalPCM(t testing.TB, what string, got, want []int16) bool {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d samples, want %d", what, len(got), len(want))
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s: first difference at sample %d: got %d, want %d", what, i, got[i], want[i])
			return false
		}
	}
	return true
}

func snrDB(ref, x []int16) float64 {
	var s, e float64
	for i := range ref {
		d := float64(ref[i]) - float64(x[i])
		s += float64(ref[i]) * float64(ref[i])
		e += d * d
	}
	if e == 0 {
		return math.Inf(1)
	}
	return 10 * math.Log10(s/e)
}
