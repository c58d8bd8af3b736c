// Package cref wraps C reference implementations (spandsp, libebur128, …)
// through cgo for cross-check tests. Every cgo file here carries the build
// tag `cref`, so the library never needs a C compiler: without the tag this
// package is empty. The project's test script runs `go test -tags cref`
// after installing the Debian -dev packages.
package cref
