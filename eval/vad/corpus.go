package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"os/exec"
)

// Sentences spoken by the target voices (things said to or by a toy).
var sentences = []string{
	"Hello teddy, do you want to play with me today?",
	"Good night sweetheart, sleep well and dream of the sea.",
	"Can you tell me a story about the little red fox?",
	"I built a tower with seven blocks, and then it fell down!",
	"Mummy says we are going to the park after lunch.",
	"What sound does a cow make? Moo!",
	"Grandpa is coming on Sunday with a big chocolate cake.",
	"One, two, three, four, five. Ready or not, here I come.",
	"My favourite colour is purple, like a grape.",
	"Please remember to brush your teeth before bed.",
	"The dinosaur was very hungry, so it ate all the leaves.",
	"Where did you hide my yellow ball?",
	"I love you to the moon and back.",
	"Let's sing the song about the wheels on the bus.",
	"It is raining outside, so we will stay in and draw.",
	"Happy birthday! You are four years old today.",
}

// Sentences for the babble (other speakers in the room); never targets.
var babbleSentences = []string{
	"The meeting has been moved to Thursday afternoon at three.",
	"Did anyone see where I left the car keys this morning?",
	"We need milk, bread, eggs and some apples from the shop.",
	"The weather forecast says it will be sunny all weekend long.",
	"I think the train was delayed again because of the snow.",
	"Could you pass me the salt and the pepper, please?",
	"She said the new restaurant on the corner is really good.",
	"There is a football match on television tonight at eight.",
}

// voice is an espeak-ng voice setting: name (with variant), words per
// minute and pitch (0-99).
type voice struct {
	name  string
	speed int
	pitch int
}

var targetVoices = []voice{
	{"en-us", 150, 50}, {"en-gb", 175, 40}, {"en-us+f3", 140, 70},
	{"en-gb-scotland+m3", 190, 35}, {"en-us+f4", 125, 85}, {"en-gb-x-rp+klatt", 165, 55},
	{"en-029+m1", 200, 45}, {"en-us+f2", 160, 99}, // the last: child-like pitch
}

var babbleVoices = []voice{
	{"en-gb+m2", 170, 30}, {"en-us+f1", 160, 60}, {"en-gb-x-gbclan", 180, 45}, {"en-us-nyc+m4", 150, 40},
}

// espeak synthesises text and returns its samples at espeak's native rate.
func espeak(v voice, text string) ([]float64, int, error) {
	cmd := exec.Command("espeak-ng", "-v", v.name, "-s", fmt.Sprint(v.speed), "-p", fmt.Sprint(v.pitch), "--stdout", text)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, 0, fmt.Errorf("espeak-ng -v %s: %v: %s", v.name, err, stderr.String())
	}
	return parseWAV(out)
}

// parseWAV reads a mono 16-bit PCM WAV (as espeak-ng writes it; its data
// chunk size may be a placeholder, so the data runs to the end).
func parseWAV(b []byte) ([]float64, int, error) {
	if len(b) < 12 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return nil, 0, errors.New("not a WAV file")
	}
	rate := 0
	p := 12
	for p+8 <= len(b) {
		id := string(b[p : p+4])
		sz := int(binary.LittleEndian.Uint32(b[p+4:]))
		p += 8
		switch id {
		case "fmt ":
			if p+16 > len(b) {
				return nil, 0, errors.New("short fmt chunk")
			}
			if ch := binary.LittleEndian.Uint16(b[p+2:]); ch != 1 {
				return nil, 0, errors.New("not mono")
			}
			if bits := binary.LittleEndian.Uint16(b[p+14:]); bits != 16 {
				return nil, 0, errors.New("not 16-bit")
			}
			rate = int(binary.LittleEndian.Uint32(b[p+4:]))
		case "data":
			d := b[p:]
			if sz < len(d) && sz > 0 {
				d = d[:sz]
			}
			x := make([]float64, len(d)/2)
			for i := range x {
				x[i] = float64(int16(binary.LittleEndian.Uint16(d[2*i:]))) / 32768
			}
			return x, rate, nil
		}
		p += sz + sz&1
	}
	return nil, 0, errors.New("no data chunk")
}

// resample converts x from rate in to rate out with a Kaiser-windowed sinc
// (64 taps at the lower rate's bandwidth; evaluation-only, float64).
func resample(x []float64, in, out int) []float64 {
	if in == out {
		return append([]float64(nil), x...)
	}
	n := int(int64(len(x)) * int64(out) / int64(in))
	y := make([]float64, n)
	fc := 0.5 * math.Min(1, float64(out)/float64(in)) * 0.94 // cycles per input sample
	half := int(math.Ceil(32 / math.Min(1, float64(out)/float64(in))))
	const beta, nw = 8.0, 4096
	win := make([]float64, nw+1) // Kaiser window over r in [0, 1]
	for i := range win {
		r := float64(i) / nw
		win[i] = bessI0(beta*math.Sqrt(1-r*r)) / bessI0(beta)
	}
	for j := range y {
		t := float64(j) * float64(in) / float64(out)
		c := int(math.Floor(t))
		var acc float64
		for k := c - half + 1; k <= c+half; k++ {
			if k < 0 || k >= len(x) {
				continue
			}
			m := t - float64(k)
			r := m / float64(half)
			if r <= -1 || r >= 1 {
				continue
			}
			s := 2 * fc
			if m != 0 {
				s = math.Sin(2*math.Pi*fc*m) / (math.Pi * m)
			}
			acc += x[k] * s * win[int(math.Abs(r)*nw+0.5)]
		}
		y[j] = acc
	}
	return y
}

func bessI0(x float64) float64 {
	s, t := 1.0, 1.0
	for k := 1; k < 40; k++ {
		t *= (x / 2) / float64(k)
		s += t * t
	}
	return s
}

// utterance is one clean sentence at the corpus rates.
type utterance struct {
	v    voice
	text string
	x    map[int][]float64 // rate -> samples
}

// synth makes utterances for every (voice, sentence) pair chosen by rng.
func synth(rng *rand.Rand, voices []voice, texts []string, count int, rates []int) ([]utterance, error) {
	var us []utterance
	for i := 0; i < count; i++ {
		v := voices[i%len(voices)]
		v.speed += rng.Intn(21) - 10
		text := texts[rng.Intn(len(texts))]
		x, r, err := espeak(v, text)
		if err != nil {
			return nil, err
		}
		u := utterance{v: v, text: text, x: map[int][]float64{}}
		for _, rate := range rates {
			u.x[rate] = trim(resample(x, r, rate))
		}
		us = append(us, u)
	}
	return us, nil
}

// trim cuts espeak's leading and trailing digital silence (|x| < 2^-15).
func trim(x []float64) []float64 {
	a, b := 0, len(x)
	for a < b && math.Abs(x[a]) < 1.0/32768 {
		a++
	}
	for b > a && math.Abs(x[b-1]) < 1.0/32768 {
		b--
	}
	return x[a:b]
}

// Ground truth, per 10 ms frame (labelRule in RESULTS.md):
//   - a frame is speech if the clean utterance's RMS over the frame is
//     within 40 dB of the utterance's loudest frame;
//   - gaps of non-speech frames shorter than 200 ms between speech frames
//     of the same utterance are speech (phrase-internal pauses).
const (
	labelRelDB  = -40.0
	labelGapMax = 20 // frames
)

func labelFrames(x []float64, rate int) []bool {
	n := rate / 100
	nf := (len(x) + n - 1) / n
	rms := make([]float64, nf)
	peak := 0.0
	for f := range rms {
		var s float64
		end := min(len(x), (f+1)*n)
		for _, v := range x[f*n : end] {
			s += v * v
		}
		rms[f] = math.Sqrt(s / float64(n))
		peak = math.Max(peak, rms[f])
	}
	thr := peak * math.Pow(10, labelRelDB/20)
	lab := make([]bool, nf)
	last := -1
	for f := range rms {
		if rms[f] > thr {
			if last >= 0 && f-last-1 < labelGapMax {
				for g := last + 1; g < f; g++ {
					lab[g] = true
				}
			}
			lab[f] = true
			last = f
		}
	}
	return lab
}

// track is the clean target signal at one rate with its frame labels.
type track struct {
	rate   int
	x      []float64
	labels []bool
}

// buildTrack concatenates the utterances in a random order with random
// silences (0.4-2.5 s, and 1 s at each end), each utterance at a random
// active level between -32 and -20 dBFS. Utterance starts are aligned to
// 10 ms frames so labels stay exact.
func buildTrack(rng *rand.Rand, us []utterance, rate int) track {
	n := rate / 100
	order := rng.Perm(len(us))
	var t track
	t.rate = rate
	pad := func(frames int) {
		t.x = append(t.x, make([]float64, frames*n)...)
		t.labels = append(t.labels, make([]bool, frames)...)
	}
	pad(100)
	for i, k := range order {
		u := us[k].x[rate]
		lab := labelFrames(u, rate)
		// active level: RMS over speech frames
		var s float64
		var c int
		for f, l := range lab {
			if l {
				for _, v := range u[f*n : min(len(u), (f+1)*n)] {
					s += v * v
					c++
				}
			}
		}
		level := -32 + 12*rng.Float64()
		g := math.Pow(10, level/20) / math.Sqrt(s/float64(c))
		frames := len(lab)
		seg := make([]float64, frames*n)
		for j, v := range u {
			seg[j] = v * g
		}
		t.x = append(t.x, seg...)
		t.labels = append(t.labels, lab...)
		if i < len(order)-1 {
			pad(40 + rng.Intn(211))
		}
	}
	pad(100)
	return t
}
