package main

import (
	"encoding/binary"
	"io"

	zaf "github.com/zaf/g711"

	"github.com/toyvoice/toyvoice/bench/internal/cref"
	"github.com/toyvoice/toyvoice/bench/internal/harness"
	"github.com/toyvoice/toyvoice/bench/internal/signal"
	"github.com/toyvoice/toyvoice/codec/adpcm"
	"github.com/toyvoice/toyvoice/codec/g711"
	"github.com/toyvoice/toyvoice/codec/g722"
)

var (
	sinkBytes []byte
	sinkPCM   []int16
	sinkInt   int
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// codecs benchmarks G.711, IMA ADPCM and G.722 on 16 kHz speech.
func codecs(out io.Writer, o opts) {
	const rate = 16000
	n := int(o.seconds * rate)
	pcm := signal.Speech(n, rate)
	le := make([]byte, 2*n) // zaf/g711 takes little-endian bytes
	for i, v := range pcm {
		binary.LittleEndian.PutUint16(le[2*i:], uint16(v))
	}
	bytesBuf := make([]byte, 0, n+16)
	pcmBuf := make([]int16, 0, 2*n+16)

	mu := must(g711.NewEncoder(g711.MuLaw))
	al := must(g711.NewEncoder(g711.ALaw))
	muD := must(g711.NewDecoder(g711.MuLaw))
	alD := must(g711.NewDecoder(g711.ALaw))
	muCodes := must(mu.AppendEncode(nil, pcm))
	alCodes := must(al.AppendEncode(nil, pcm))

	var ws []*harness.Workload
	wl := func(name string, impls ...*harness.Impl) {
		ws = append(ws, &harness.Workload{Name: name, Samples: n, Seconds: o.seconds, Impls: impls})
	}
	wl("G.711 µ-law encode",
		&harness.Impl{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() { sinkBytes = must(mu.AppendEncode(bytesBuf[:0], pcm)) }},
		&harness.Impl{Name: "spandsp", Kind: harness.C, Op: func() { cref.ULawEncode(bytesBuf[:n], pcm) }},
		&harness.Impl{Name: "zaf/g711", Kind: harness.Go, Op: func() { sinkBytes = zaf.EncodeUlaw(le) }},
	)
	wl("G.711 µ-law decode",
		&harness.Impl{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() { sinkPCM = must(muD.AppendDecode(pcmBuf[:0], muCodes)) }},
		&harness.Impl{Name: "spandsp", Kind: harness.C, Op: func() { cref.ULawDecode(pcmBuf[:n], muCodes) }},
		&harness.Impl{Name: "zaf/g711", Kind: harness.Go, Op: func() { sinkBytes = zaf.DecodeUlaw(muCodes) }},
	)
	wl("G.711 A-law encode",
		&harness.Impl{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() { sinkBytes = must(al.AppendEncode(bytesBuf[:0], pcm)) }},
		&harness.Impl{Name: "spandsp", Kind: harness.C, Op: func() { cref.ALawEncode(bytesBuf[:n], pcm) }},
		&harness.Impl{Name: "zaf/g711", Kind: harness.Go, Op: func() { sinkBytes = zaf.EncodeAlaw(le) }},
	)
	wl("G.711 A-law decode",
		&harness.Impl{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() { sinkPCM = must(alD.AppendDecode(pcmBuf[:0], alCodes)) }},
		&harness.Impl{Name: "spandsp", Kind: harness.C, Op: func() { cref.ALawDecode(pcmBuf[:n], alCodes) }},
		&harness.Impl{Name: "zaf/g711", Kind: harness.Go, Op: func() { sinkBytes = zaf.DecodeAlaw(alCodes) }},
	)

	// IMA ADPCM, raw 4-bit stream, high nibble first (spandsp DVI4).
	ae := must(adpcm.NewEncoder(1))
	ad := must(adpcm.NewDecoder(1))
	imaE := must(cref.NewIMA(cref.DVI4, n))
	imaD := must(cref.NewIMA(cref.DVI4, n))
	imaCodes := must(ae.AppendEncode(nil, pcm))
	ae.Reset()
	wl("IMA ADPCM encode",
		&harness.Impl{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() {
			ae.Reset()
			sinkBytes = must(ae.AppendEncode(bytesBuf[:0], pcm))
		}},
		&harness.Impl{Name: "spandsp", Kind: harness.C, Op: func() {
			imaE.Reset()
			sinkInt = imaE.Encode(bytesBuf[:n], pcm)
		}},
	)
	wl("IMA ADPCM decode",
		&harness.Impl{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() {
			ad.Reset()
			sinkPCM = must(ad.AppendDecode(pcmBuf[:0], imaCodes))
		}},
		&harness.Impl{Name: "spandsp", Kind: harness.C, Op: func() {
			imaD.Reset()
			sinkInt = imaD.Decode(pcmBuf[:2*n], imaCodes)
		}},
	)

	// G.722 at 64 kbit/s.
	ge := must(g722.NewEncoder())
	gd := must(g722.NewDecoder())
	spE := must(cref.NewG722Encoder(64000))
	spD := must(cref.NewG722Decoder(64000))
	g722Codes := must(ge.AppendEncode(nil, pcm))
	ge.Reset()
	wl("G.722 64k encode",
		&harness.Impl{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() {
			ge.Reset()
			sinkBytes = must(ge.AppendEncode(bytesBuf[:0], pcm))
		}},
		&harness.Impl{Name: "spandsp", Kind: harness.C, Op: func() {
			spE.Reset()
			sinkInt = spE.Encode(bytesBuf[:n], pcm)
		}},
	)
	wl("G.722 64k decode",
		&harness.Impl{Name: "toyvoice", Kind: harness.Toyvoice, Op: func() {
			gd.Reset()
			sinkPCM = must(gd.AppendDecode(pcmBuf[:0], g722Codes))
		}},
		&harness.Impl{Name: "spandsp", Kind: harness.C, Op: func() {
			spD.Reset()
			sinkInt = spD.Decode(pcmBuf[:2*n], g722Codes)
		}},
	)

	t := harness.NewTable()
	for _, w := range ws {
		harness.Measure(w, o.cfg)
		t.AddWorkload(w)
	}
	section(out, "Codecs", "1 s of 16 kHz mono speech per operation; ns per input sample (encode) or output sample (decode). G.711 and G.722 in toyvoice go through the codec.Encoder/Decoder API with Reset per operation; spandsp's contexts are re-initialised in place; zaf/g711 takes and returns little-endian byte slices and allocates its output.")
	t.Markdown(out)
}
