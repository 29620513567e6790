package validate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
)

// The cited files are read before the checks, and the text of a file
// whose references hold is not kept: the checks find what they ask known.
// A file with a reference that does not hold keeps its text, and a
// question nobody foresaw reads the text again. The findings are those of
// checks that read each file as they go.
func TestPrefetchKeepsOnlyTextTheChecksNeed(t *testing.T) {
	ws := refRepoWith(t, "", true)
	holding := "`findGroupContainer` (`workspace/nav.go:5`) and `workspace/nav.go:1-3`; `big/huge.go:100001` is past the end.\n\n" +
		"```python\nfrom pkg.kit.metadata import MetadataMixin\n```\n"
	for _, tc := range []struct {
		name, body string
		kept       map[string]bool // by cited file: its text is kept
	}{
		{"holding", holding, map[string]bool{"workspace/nav.go": false, "server/pkg/kit/metadata.py": false, "big/huge.go": false}},
		// Other26 is at line 26: the checks look for it in the text.
		{"moved", "`Other26` (`server/pkg/kit/other.py:20`) moved.\n", map[string]bool{"server/pkg/kit/other.py": true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			entry := "---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n" + tc.body
			path := filepath.Join(ws.Section, "e.mdx")
			must(t, os.WriteFile(path, []byte(entry), 0o644))
			l, err := New(ws)
			must(t, err)
			delete(l.severity, RuleRefDrift)
			rep, failed, err := l.lint(&fileSet{files: []string{path}})
			must(t, err)
			if len(failed) > 0 {
				t.Fatalf("unreadable: %v", failed)
			}
			var got []string
			for _, f := range rep.Findings {
				got = append(got, f.Rule+": "+f.Message)
			}
			// The same entry checked by a linter that reads each file as
			// the checks ask for it (check resolves the references itself
			// when given none).
			l2, err := New(ws)
			must(t, err)
			delete(l2.severity, RuleRefDrift)
			findings, _ := l2.check(path, Parse([]byte(entry), l2.sections), nil)
			var want []string
			for _, f := range findings {
				want = append(want, f.Rule+": "+f.Message)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("findings with the files read first:\n%q\nread as checked:\n%q", got, want)
			}
			for rel, kept := range tc.kept {
				f := l.repo.srcs[rel]
				if f == nil {
					t.Errorf("%s was not read", rel)
					continue
				}
				if (f.src != nil) != kept {
					t.Errorf("%s: text kept %v, want %v", rel, f.src != nil, kept)
				}
			}
			if tc.name == "moved" && !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "ref-symbol: Other26 is at") }) {
				t.Errorf("no finding for the moved Other26: %q", got)
			}
			if tc.name != "holding" {
				return
			}
			// A question nobody foresaw reads the text again.
			nav := l.repo.srcs["workspace/nav.go"]
			if got := string(nav.line(7)); got != "func other() {}" {
				t.Errorf("line 7 of workspace/nav.go read again = %q", got)
			}
			if got := string(nav.line(5)); got != "func findGroupContainer() {}" {
				t.Errorf("line 5 of workspace/nav.go = %q", got)
			}
			if nav.lineCount() != 9 {
				t.Errorf("workspace/nav.go has %d lines, want 9", nav.lineCount())
			}
		})
	}
}

// The probe is made ahead of the references only when an entry cites
// code: lint of entries citing nothing reads neither the index nor the
// ignore files.
func TestProbeMadeOnlyForEntriesCitingCode(t *testing.T) {
	ws := refRepoWith(t, "", true)
	for _, tc := range []struct {
		name, body string
		probed     bool
	}{
		{"prose", "Nothing to cite here.\n", false},
		{"a path", "See `workspace/nav.go`.\n", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(ws.Section, "e.mdx")
			must(t, os.WriteFile(path, []byte("---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n"+tc.body), 0o644))
			l, err := New(ws)
			must(t, err)
			var made atomic.Bool
			probeHook = func(rel string) {
				if rel == "" {
					made.Store(true)
				}
			}
			defer func() { probeHook = nil }()
			if _, _, err := l.lint(&fileSet{files: []string{path}}); err != nil {
				t.Fatal(err)
			}
			if made.Load() != tc.probed {
				t.Errorf("probe made: %v, want %v", made.Load(), tc.probed)
			}
		})
	}
}
