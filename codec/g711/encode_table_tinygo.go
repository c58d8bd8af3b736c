//go:build tinygo

package g711

// TinyGo targets include microcontrollers with a few tens of KiB of RAM:
// no encoding tables there, the slice encoders compute every code.

func muLawEncodeTable() *[1 << 14]byte { return nil }

func aLawEncodeTable() *[1 << 12]byte { return nil }
