// Package cref wraps the C reference implementations the benchmarks compare
// against (spandsp, speexdsp, libsoxr, libsamplerate, libebur128), through
// cgo, from Debian's -dev packages. bench/ is its own module, so the library
// never needs a C compiler; these wrappers are separate from the library's
// test-only internal/cref (which another module cannot import).
//
// Every wrapper keeps its C state across calls and does one cgo call per
// buffer, so a benchmark times the C code, not the cgo crossing per sample.
// Memory the C libraries allocate is invisible to Go's allocation counters.
package cref
