module github.com/toyvoice/toyvoice/bench/opus

go 1.25.0

require (
	github.com/pion/opus v0.1.0
	github.com/toyvoice/toyvoice/bench v0.0.0
	github.com/toyvoice/toyvoice/codec/opus v0.0.0
)

require (
	github.com/thesyncim/gopus v0.1.1 // indirect
	github.com/toyvoice/toyvoice v0.0.0 // indirect
)

replace (
	github.com/toyvoice/toyvoice => ../..
	github.com/toyvoice/toyvoice/bench => ..
	github.com/toyvoice/toyvoice/codec/opus => ../../codec/opus
)
