package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run the CLI in-process as the "toyvoice"
// command (FiloSottile/age's cmd/age tests work the same way).
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"toyvoice": func() { os.Exit(run(&env{os.Stdin, os.Stdout, os.Stderr}, os.Args[1:])) },
	})
}

// TestScripts runs testdata/script/*.txtar: each is a shell-like script of
// toyvoice invocations with their expected output and exit status.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			// Scripts get the bundled recording as message.wav.
			return os.WriteFile(e.Getenv("WORK")+"/message.wav", bundledMessage, 0o644)
		},
	})
}
