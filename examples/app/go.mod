module github.com/toyvoice/toyvoice/examples/app

go 1.23.0

require github.com/toyvoice/toyvoice v0.0.0

require (
	golang.org/x/crypto v0.41.0 // indirect
	golang.org/x/sys v0.35.0 // indirect
)

replace github.com/toyvoice/toyvoice => ../..
