module github.com/toyvoice/toyvoice/eval/vad

go 1.23.0

require github.com/toyvoice/toyvoice v0.0.0

replace github.com/toyvoice/toyvoice => ../..
