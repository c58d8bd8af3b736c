module github.com/toyvoice/toyvoice/cmd/toyvoice

go 1.25.0

require (
	github.com/toyvoice/toyvoice v0.0.0
	github.com/toyvoice/toyvoice/codec/opus v0.0.0
)

require github.com/thesyncim/gopus v0.1.1 // indirect

require (
	github.com/rogpeppe/go-internal v1.14.1
	golang.org/x/crypto v0.41.0 // indirect
	golang.org/x/sys v0.35.0 // indirect
	golang.org/x/tools v0.26.0 // indirect
)

replace (
	github.com/toyvoice/toyvoice => ../..
	github.com/toyvoice/toyvoice/codec/opus => ../../codec/opus
)
