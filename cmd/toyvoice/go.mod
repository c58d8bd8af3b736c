module github.com/toyvoice/toyvoice/cmd/toyvoice

go 1.23.0

require github.com/toyvoice/toyvoice v0.0.0

require github.com/rogpeppe/go-internal v1.14.1 // indirect

replace github.com/toyvoice/toyvoice => ../..
