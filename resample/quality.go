package resample

// Quality selects a filter preset. The measured properties of each preset
// are in the package documentation's quality table.
type Quality uint8

const (
	// Quick: short filter for voice on small microcontrollers. Passband to
	// 0.75 of the lower Nyquist frequency, 75 dB stopband; the transition
	// band straddles Nyquist symmetrically, so aliases land only above the
	// passband (in 0.75…1.0 × Nyquist).
	Quick Quality = iota
	// Medium: the speech default. Passband to 0.85 of the lower Nyquist,
	// 110 dB design stopband, transition band symmetric around Nyquist.
	Medium
	// High: music. Passband to 0.91 of the lower Nyquist, stopband from
	// Nyquist (no aliasing at all), 140 dB design stopband; a cascade with
	// half-band stages where that is cheaper.
	High
	// VeryHigh: archival. Passband to 0.95 of the lower Nyquist, stopband
	// from Nyquist, 180 dB; the float path computes in float64; cascaded
	// like High.
	VeryHigh

	numQualities
)

// String returns the preset's lower-case name, as the CLI spells it.
func (q Quality) String() string {
	switch q {
	case Quick:
		return "quick"
	case Medium:
		return "medium"
	case High:
		return "high"
	case VeryHigh:
		return "veryhigh"
	}
	return "invalid"
}

// preset is a filter specification relative to the lower of the two
// Nyquist frequencies.
type preset struct {
	passMilli int     // passband edge, thousandths of the lower Nyquist
	stopMilli int     // stopband edge, thousandths of the lower Nyquist
	atten     float64 // Kaiser design attenuation, dB
	extraTaps int     // taps added to Kaiser's estimate (it is optimistic at high A)
	wide      bool    // float path computes in float64
	q15       bool    // fixed path uses Q15 coefficients with int32 accumulation
}

var presets = [numQualities]preset{
	Quick:    {passMilli: 750, stopMilli: 1250, atten: 75, extraTaps: 2, q15: true},
	Medium:   {passMilli: 850, stopMilli: 1150, atten: 110},
	High:     {passMilli: 910, stopMilli: 1000, atten: 140},
	VeryHigh: {passMilli: 950, stopMilli: 1000, atten: 180, wide: true},
}
