package validate

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/internal/cli"
)

// TestUnreadableFile: an unreadable entry fails the run with exit 2 and
// names the path, while the other entries are still linted.
func TestUnreadableFile(t *testing.T) {
	ws := testWorkspace(t, "")
	dir := ws.Section
	must(t, os.WriteFile(filepath.Join(dir, "readable.mdx"), []byte("no frontmatter\n"), 0o644))
	secret := filepath.Join(dir, "secret.mdx")
	must(t, os.WriteFile(secret, []byte("x"), 0o000))
	if _, err := os.ReadFile(secret); err == nil {
		t.Skip("this user reads files without read permission (root); nothing to test")
	}
	var out, errOut bytes.Buffer
	err := Run(Options{IO: &cli.IO{Out: &out, ErrOut: &errOut}, Root: ws.Root, Dir: ws.Root})
	if err == nil || errors.Is(err, cli.ErrFindings) || cli.ExitCode(err) != cli.ExitUsage {
		t.Fatalf("Run: %v, want an exit-2 error", err)
	}
	if !strings.Contains(errOut.String(), "secret.mdx: permission denied") {
		t.Errorf("stderr does not name the unreadable file:\n%s", errOut.String())
	}
	if !strings.Contains(out.String(), "readable.mdx:1:1: error: no frontmatter") {
		t.Errorf("the readable file was not linted:\n%s", out.String())
	}
}

// TestLargeFile lints a 5 MB entry of long code fences, JSX blocks and
// prose: it must finish (no quadratic scan) and report what is wrong.
func TestLargeFile(t *testing.T) {
	const unit = "<Info>\n  A callout.\n\n  # not a heading\n</Info>\n\n```python\n# a comment\nx = 1\n```\n\n{/* note */} Prose line.\n\n"
	head := "---\ntitle: \"Big\"\ndescription: \"A very long entry.\"\n---\n\nSummary.\n\n## When to use\n\n"
	ws := testWorkspace(t, "")
	l, err := New(ws)
	must(t, err)
	rulesOf := func(src string) string {
		var rules []string
		for _, f := range l.File("big.mdx", []byte(src)) {
			rules = append(rules, f.Rule)
		}
		return strings.Join(rules, ",")
	}
	// Just under the line bound, every construct is still read and masked.
	var b strings.Builder
	b.WriteString(head)
	for strings.Count(b.String(), "\n")+strings.Count(unit, "\n") < MaxBodyLines {
		b.WriteString(unit)
	}
	if got := rulesOf(b.String()); got != "section-missing" { // one finding names both
		t.Errorf("%d lines: findings %v", strings.Count(b.String(), "\n"), got)
	}
	// 5 MB is past it: one finding, and the body is not parsed.
	for b.Len() < 5<<20 {
		b.WriteString(unit)
	}
	if got := rulesOf(b.String()); got != RuleEntrySize {
		t.Errorf("5 MB: findings %v, want only %s", got, RuleEntrySize)
	}
}

// TestUnclosedJSXStaysLinear: thousands of JSX tags that never close must
// not make the masker rescan the file for each one.
func TestUnclosedJSXStaysLinear(t *testing.T) {
	// Just under MaxBodyLines, so the body is parsed, not cut by the bound.
	src := "---\ntitle: x\n---\n\n" + strings.Repeat("<Info>\ntext\n\n", MaxBodyLines/3-10)
	d := Parse([]byte(src), nil)
	if d.TooDeep != 0 {
		t.Fatalf("the body was not parsed (bound passed at line %d)", d.TooDeep)
	}
	if len(d.Paragraphs) != 0 {
		t.Errorf("%d paragraphs, want 0: each unclosed <Info> block ends at its blank line", len(d.Paragraphs))
	}
}

func TestFIFOIsNotRead(t *testing.T) {
	ws := testWorkspace(t, "")
	fifo := filepath.Join(ws.Section, "pipe.mdx")
	if err := mkfifo(fifo); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	var out, errOut bytes.Buffer
	err := Run(Options{IO: &cli.IO{Out: &out, ErrOut: &errOut}, Root: ws.Root, Dir: ws.Root, Paths: []string{fifo}})
	if cli.ExitCode(err) != cli.ExitUsage || !strings.Contains(errOut.String(), "not a regular file") {
		t.Fatalf("Run: %v\n%s", err, errOut.String())
	}
	// Walking the folder skips it.
	if err := Run(Options{IO: &cli.IO{Out: &out, ErrOut: &errOut}, Root: ws.Root, Dir: ws.Root}); err != nil {
		t.Fatalf("Run over the folder: %v", err)
	}
}
