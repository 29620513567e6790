package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// TestGatheredNamesOnePass: where no definitions cache can be kept, the
// names the checks of several entries look up in the whole repository
// are looked for in one pass over the sources, each read once, and the
// findings are those of checks that look each name up as they ask it.
func TestGatheredNamesOnePass(t *testing.T) {
	searchWholeRepository(t)
	ws := refRepoWith(t, "", true)
	// A file where the caches' folder would be: none can be kept (CI's
	// fresh clone reads none either).
	must(t, os.Remove(filepath.Join(ws.Root, ".git", "handbook")))
	must(t, os.WriteFile(filepath.Join(ws.Root, ".git", "handbook"), nil, 0o644))
	bodies := []string{
		// Symbols next to a path that does not define them: one defined
		// once elsewhere, one twice (Python and TypeScript).
		"`MetadataMixin` (`workspace/nav.go:7`) and `Settings` (`workspace/nav.go:7`).",
		// The same name again, and one cited without lines.
		"`Other26` (`workspace/nav.go`); `MetadataMixin` (`workspace/nav.go:5`).",
		// Imported names no module below pkg.kit's folder defines.
		"```python\nfrom pkg.kit import fetchUser, findGroupContainer\n```",
	}
	var files []string
	for i, body := range bodies {
		p := filepath.Join(ws.Section, string(rune('a'+i))+".mdx")
		must(t, os.WriteFile(p, []byte("---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n"+body+"\n"), 0o644))
		files = append(files, p)
	}
	l, err := New(ws)
	must(t, err)
	delete(l.severity, RuleRefDrift)
	var mu sync.Mutex
	var passes [][]string
	reads := map[string]int{}
	namesScanHook = func(names []string) { passes = append(passes, slices.Clone(names)) }
	sourceReadHook = func(abs string) {
		mu.Lock()
		defer mu.Unlock()
		reads[abs]++
	}
	defer func() { namesScanHook, sourceReadHook = nil, nil }()
	rep, failed, err := l.lint(&fileSet{files: files})
	must(t, err)
	if len(failed) > 0 {
		t.Fatalf("unreadable: %v", failed)
	}
	if l.repo.defs.indexed {
		t.Fatalf("the run kept a definitions cache")
	}
	if len(passes) != 1 {
		t.Errorf("%d passes over the sources (%q), want one", len(passes), passes)
	} else if slices.Sort(passes[0]); !slices.Equal(passes[0], []string{"MetadataMixin", "Other26", "Settings", "fetchUser", "findGroupContainer"}) {
		t.Errorf("the pass looked for %q", passes[0])
	}
	if len(reads) == 0 {
		t.Errorf("no source was read")
	}
	for abs, n := range reads {
		if n > 1 {
			t.Errorf("%s was read %d times", abs, n)
		}
	}
	namesScanHook, sourceReadHook = nil, nil

	// Each entry checked alone, each name looked up as asked.
	one, err := New(ws)
	must(t, err)
	delete(one.severity, RuleRefDrift)
	var want, got []string
	for _, p := range files {
		src, err := os.ReadFile(p)
		must(t, err)
		for _, f := range one.Check(p, Parse(src, one.sections)) {
			if strings.HasPrefix(f.Rule, "ref-") {
				want = append(want, fmt.Sprintf("%s:%d:%d %s %s", filepath.Base(f.Path), f.Line, f.Column, f.Rule, f.Message))
			}
		}
	}
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.Rule, "ref-") {
			got = append(got, fmt.Sprintf("%s:%d:%d %s %s", filepath.Base(f.Path), f.Line, f.Column, f.Rule, f.Message))
		}
	}
	if len(want) != 6 || !slices.Equal(got, want) {
		t.Errorf("gathered:\n%s\nas asked:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range []string{
		"MetadataMixin is not in `workspace/nav.go`; it is defined at server/pkg/kit/metadata.py:1; cite that",
		"fetchUser is not defined in pkg.kit (`server/pkg/kit/__init__.py`); fix the import",
	} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, w) }) {
			t.Errorf("no finding says %q", w)
		}
	}
}

// TestWaitingFindingKeepsItsPlace: a finding made once its lookup is
// answered sits where it was asked among the others, so findings at one
// place keep the order of a run that looks names up as asked.
func TestWaitingFindingKeepsItsPlace(t *testing.T) {
	ws := refRepo(t, "")
	l, err := New(ws)
	must(t, err)
	c := &checker{doc: Parse([]byte("x\n"), nil), path: "e.mdx", later: &defsLater{}}
	c.at(0, RuleRefSymbol, "first")
	l.withDefs(c, "MetadataMixin", func(defs []defAt) { c.at(0, RuleRefSymbol, "second: %d", len(defs)) })
	l.withDefs(c, "NoSuchName", func([]defAt) {})
	c.at(0, RuleRefSymbol, "third")
	if len(c.out) != 4 || len(c.later.names) != 2 {
		t.Fatalf("out %v, names %v", c.out, c.later.names)
	}
	l.makeWaiting(c)
	var msgs []string
	for _, f := range c.out {
		msgs = append(msgs, f.Message)
	}
	if want := []string{"first", "second: 1", "third"}; !slices.Equal(msgs, want) {
		t.Errorf("findings %q, want %q", msgs, want)
	}
}

// TestScanNamesAsDefsOf: one pass for many names (each looked for by its
// bytes, or past maxPassNames from each file's listing) answers what
// defsOf answers one name at a time.
func TestScanNamesAsDefsOf(t *testing.T) {
	ws := refRepo(t, "")
	names := []string{"MetadataMixin", "Settings", "Other26", "Reexported", "findGroupContainer", "other", "fetchUser", "_write", "_set_key", "breaks_speed_limit", "retire_release?", "café", "hidden", "NotDefinedAnywhere", "pass"}
	for _, many := range []bool{false, true} {
		asked := slices.Clone(names[:maxPassNames])
		if many {
			asked = slices.Clone(names)
			for i := 0; len(asked) <= max(maxPassNames, maxNameScans); i++ {
				asked = append(asked, fmt.Sprintf("Missing%d", i))
			}
		}
		x := newRepoIndex(ws)
		noDefsCache(x)
		got := x.scanNames(x.sourcePaths(), asked)
		y := newRepoIndex(ws)
		noDefsCache(y)
		defined := 0
		for _, name := range asked {
			want := y.defsOf(name)
			if !slices.Equal(got[name], want) {
				t.Errorf("%d names: %s: %v, defsOf: %v", len(asked), name, got[name], want)
			}
			if len(want) > 0 {
				defined++
			}
		}
		if defined < 8 {
			t.Errorf("the fixture defines only %d of the names", defined)
		}
	}
}
