//go:build !tinygo && !js && !wasip1

// Package tools finds the external programs (sox, ffmpeg, …) that
// cross-check tests run. A missing tool skips the test, unless the
// environment says TOYVOICE_REQUIRE_TOOLS=1 (as the project's test script
// does after installing them), where it fails the test instead.
package tools

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of the named program or skips (fails, when tools are
// required) the test.
func Need(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("TOYVOICE_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s not found on PATH, and TOYVOICE_REQUIRE_TOOLS=1", name)
		}
		t.Skipf("%s not found on PATH (set TOYVOICE_REQUIRE_TOOLS=1 to fail instead)", name)
	}
	return p
}

// Run runs the program with args and returns its standard output; a failure
// fails the test with the program's standard error.
func Run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	p := Need(t, name)
	cmd := exec.Command(p, args...)
	var stderr []byte
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		stderr = ee.Stderr
	}
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, stderr)
	}
	return out
}
