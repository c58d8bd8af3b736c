module github.com/toyvoice/toyvoice/bench

go 1.23.0

require (
	github.com/go-audio/audio v1.0.0
	github.com/go-audio/wav v1.1.0
	github.com/gopxl/beep/v2 v2.1.1
	github.com/toyvoice/toyvoice v0.0.0
	github.com/zaf/g711 v1.4.0
)

require (
	github.com/go-audio/riff v1.0.0 // indirect
	github.com/pkg/errors v0.9.1 // indirect
	golang.org/x/sys v0.35.0 // indirect
)

replace github.com/toyvoice/toyvoice => ../
