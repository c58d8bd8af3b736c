module github.com/toyvoice/toyvoice

go 1.23.0

require (
	github.com/go-audio/audio v1.0.0 // indirect
	golang.org/x/crypto v0.41.0 // indirect
	gonum.org/v1/gonum v0.16.0 // indirect
)
