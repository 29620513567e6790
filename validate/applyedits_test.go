package validate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/handbook-dev/handbook/internal/cli"
)

// TestFixPrintsNothingWhenTheWriteFails: lint --fix rewrites entries in one
// transaction, and a failure part-way puts every entry back. It must then not
// have printed "fixed:" for the entries it wrote before the failure: those
// lines would describe changes that are no longer on disk.
func TestFixPrintsNothingWhenTheWriteFails(t *testing.T) {
	ws := testWorkspace(t, "")
	first := filepath.Join(ws.Section, "a-first.mdx")
	body := []byte("See `code/x.go:3`.\n")
	must(t, os.WriteFile(first, body, 0o644))
	gone := filepath.Join(ws.Section, "b-gone.mdx") // removed after lint: reading it fails
	at := bytes.Index(body, []byte("3`"))
	rep := &Report{edits: map[string][]edit{
		first: {{start: at, end: at + 1, text: "7", rule: RuleRefSymbol}},
		gone:  {{start: 0, end: 1, text: "x", rule: RuleRefSymbol}},
	}}
	var errOut bytes.Buffer
	changed, err := applyEdits(&cli.IO{ErrOut: &errOut}, ws, rep, filepath.ToSlash)
	if err == nil || changed {
		t.Fatalf("applyEdits = %v, %v; want an error and nothing changed", changed, err)
	}
	if bytes.Contains(errOut.Bytes(), []byte("fixed:")) {
		t.Errorf("printed a fix that was undone:\n%s", errOut.String())
	}
	if got, _ := os.ReadFile(first); !bytes.Equal(got, body) {
		t.Errorf("%s = %q after the failed fix; want it put back", first, got)
	}
}
