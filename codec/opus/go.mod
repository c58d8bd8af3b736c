module github.com/toyvoice/toyvoice/codec/opus

go 1.25.0

require (
	github.com/thesyncim/gopus v0.1.1
	github.com/toyvoice/toyvoice v0.0.0
)

replace github.com/toyvoice/toyvoice => ../..
