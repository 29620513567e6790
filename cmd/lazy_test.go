package cmd

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/internal/cli"
)

// A run builds only the subcommand it names (commandsFor); whatever the
// arguments, it prints and exits exactly as with every command built.
func TestOnlyTheNamedCommandIsBuilt(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"--version"}, {"-v"}, {"--version", "--root", root}, {}, {"--help"}, {"-h"}, {"help"}, {"help", "lint"},
		{"lint", "--help"}, {"--root", root, "lint", "--format", "json", "handbook/backend-development/nope.mdx"},
		{"--root=" + root, "status", "--help"}, {"lint", "--bogus"}, {"nosuch"}, {"lnit"}, {"--bogus"},
		{"completion", "bash"}, {"__complete", "li"}, {"__complete", "lint", "--format", ""}, {"new", "--help"},
		{"-v", "lint"}, {"explore"}, {"draft", "--help"}, {"mcp", "--help"}, {"skill", "--help"}, {"--", "lint"},
		{"--root"}, {"--root", root, "--version"}, {"--root", root, "-v", "lint"}, {"--version", "lint"},
	} {
		set := commandsFor(args)
		lazyOut, lazyErr, lazyCode := runIn(args, set)
		fullOut, fullErr, fullCode := runIn(args, commandSet{all: true})
		if lazyOut != fullOut || lazyErr != fullErr || lazyCode != fullCode {
			t.Errorf("%q (building %+v): exit %d, stdout %q, stderr %q\nwith every command: exit %d, stdout %q, stderr %q",
				args, set, lazyCode, lazyOut, lazyErr, fullCode, fullOut, fullErr)
		}
	}
	if set := commandsFor([]string{"--root", "x", "lint", "a.mdx"}); set.all || set.only != "lint" {
		t.Errorf("handbook --root x lint builds %+v, want lint alone", set)
	}
	if set := commandsFor([]string{"--version"}); set.all || set.only != "" {
		t.Errorf("handbook --version builds %+v, want no subcommand", set)
	}
}

func runIn(args []string, set commandSet) (stdout, stderr string, code int) {
	var out, errOut bytes.Buffer
	ios := &cli.IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	code = run(args, ios, set)
	return out.String(), errOut.String(), code
}

// A subcommand's registered name is the one its command answers to.
func TestSubcommandNames(t *testing.T) {
	g := &globals{io: &cli.IO{}, root: new(string)}
	for _, sc := range subcommands {
		if got := sc.build(g).Name(); got != sc.name {
			t.Errorf("registered as %q, but the command is %q", sc.name, got)
		}
	}
}
