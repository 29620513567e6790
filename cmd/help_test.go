package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/internal/cli"
)

func helpOf(t *testing.T, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	ios := &cli.IO{In: strings.NewReader(""), Out: &out, ErrOut: &out, Getenv: func(string) string { return "" }}
	if code := Run(append(args, "--help"), ios); code != 0 {
		t.Fatalf("%v --help: exit %d\n%s", args, code, out.String())
	}
	return out.String()
}

// Help fits a standard 80-column terminal, flag descriptions included.
func TestHelpFitsEightyColumns(t *testing.T) {
	for _, args := range [][]string{{}, {"new"}, {"explore"}, {"draft"}, {"lint"}, {"status"}, {"mcp"}, {"skill"}, {"completion"}} {
		for i, line := range strings.Split(helpOf(t, args...), "\n") {
			if n := utf8.RuneCountInString(line); n > helpWidth {
				t.Errorf("handbook %s --help, line %d is %d columns:\n%s", strings.Join(args, " "), i+1, n, line)
			}
		}
	}
}

// The root help lists each command once (cobra's "Available Commands").
func TestRootHelpListsCommandsOnce(t *testing.T) {
	help := helpOf(t)
	for _, c := range []string{"new", "explore", "draft", "lint"} {
		if n := len(regexp.MustCompile(`(?m)^  `+c+` `).FindAllString(help, -1)); n != 1 {
			t.Errorf("%q is listed %d times:\n%s", c, n, help)
		}
	}
}

// Every entry path a help example names exists in this repository, so a
// newcomer trying the example here does not meet "no such file".
func TestHelpExamplesNameRealFiles(t *testing.T) {
	repo, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	mdx := regexp.MustCompile(`[\w./-]+\.mdx\b`)
	for _, c := range NewRootCmd(&cli.IO{}).Commands() {
		for _, p := range mdx.FindAllString(c.Example, -1) {
			if _, err := os.Stat(filepath.Join(repo, p)); err != nil {
				t.Errorf("handbook %s --help: the example names %s, which does not exist here", c.Name(), p)
			}
		}
	}
}

// Every --format says its values the same way: "output format: text or
// json", "output format: text, json or github".
func TestFormatHelpWordedAlike(t *testing.T) {
	want := regexp.MustCompile(`^output format: ([a-z]+, )*[a-z]+ or [a-z]+$`)
	for _, c := range NewRootCmd(&cli.IO{}).Commands() {
		if f := c.Flags().Lookup("format"); f != nil && !want.MatchString(f.Usage) {
			t.Errorf("handbook %s --format: %q, want the form %q", c.Name(), f.Usage, "output format: text, json or github")
		}
	}
}
