module github.com/toyvoice/toyvoice

go 1.23.0

require (
	github.com/go-audio/audio v1.0.0
	golang.org/x/crypto v0.41.0
)

require golang.org/x/sys v0.35.0
