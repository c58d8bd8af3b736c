// Command toyvoice is the sox-like command-line tool of the toyvoice audio
// library: inspect, convert and process voice messages, and run the demo
// pipeline on the bundled recording.
//
// Usage:
//
//	toyvoice <command> [arguments]
//
// Run `toyvoice help` for the list of commands. Exit status is 0 on
// success, 1 on bad input (with a one-line error on standard error) and 2
// on usage errors.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one subcommand. Each lives in its own file and registers
// itself from an init function, so areas of the CLI can grow independently.
type command struct {
	name    string
	args    string // argument synopsis, e.g. "IN OUT [--codec c]"
	summary string // one line
	run     func(env *env, args []string) error
}

// env carries the process's streams so commands can be tested in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("toyvoice: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// usageError makes the process exit with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

func main() {
	os.Exit(run(&env{os.Stdin, os.Stdout, os.Stderr}, os.Args[1:]))
}

// run executes one invocation and returns the exit status.
func run(e *env, args []string) int {
	if len(args) == 0 {
		printHelp(e.stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fmt.Fprintf(e.stdout, "usage: toyvoice %s %s\n\n%s\n", c.name, c.args, c.summary)
				return 0
			}
		}
		printHelp(e.stdout)
		return 0
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "toyvoice: unknown command %q (run 'toyvoice help')\n", name)
		return 2
	}
	err := c.run(e, args[1:])
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) || errors.Is(err, flag.ErrHelp) {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(e.stderr, "toyvoice %s: %v\n", name, err)
		}
		fmt.Fprintf(e.stderr, "usage: toyvoice %s %s\n", c.name, c.args)
		return 2
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintf(e.stderr, "toyvoice %s: %s\n", name, msg)
	return 1
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "toyvoice: audio for connected toys: codecs, resampling, VAD, loudness, sealed messages")
	fmt.Fprintln(w, "\nusage: toyvoice <command> [arguments]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-10s %s\n", n, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'toyvoice help <command>' for a command's arguments.")
}

// parseFlags parses args with fs, allowing flags before, between and after
// positional arguments (`convert IN OUT --codec ulaw`). A lone "--" ends
// flag parsing. Errors are usage errors.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
