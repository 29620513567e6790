package validate

import (
	"context"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/githistory"
)

// refRepo builds a repository with code for the reference rules to check
// against, and opens it. remote is origin's URL ("" for none); with git
// missing the test is skipped. Nothing is added to git's index.
func refRepo(t *testing.T, remote string) *workspace.Workspace {
	t.Helper()
	return refRepoWith(t, remote, false)
}

// refRepoWith is refRepo, with every file added to the index when tracked
// is set (Python's source roots then come from the index).
func refRepoWith(t *testing.T, remote string, tracked bool) *workspace.Workspace {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	root := t.TempDir()
	files := map[string]string{
		".gitignore":                 ".venv/\n",
		".venv/lib/x.py":             "def hidden(): pass\n",
		"server/pkg/__init__.py":     "",
		"server/pkg/kit/__init__.py": "from .other import (\n    Reexported,\n)\n",
		"server/pkg/kit/metadata.py": "class MetadataMixin:\n    pass\n",
		"server/pkg/kit/other.py":    strings.Repeat("\n", 25) + "class Other26:\n    pass\n\nclass Reexported:\n    pass\n",
		"workspace/nav.go":           "package workspace\n\n// findGroupContainer finds it.\n\nfunc findGroupContainer() {}\n\nfunc other() {}\n\n\n",
		"web/src/lib/api.ts":         "export function fetchUser() {}\n",
		// Settings is a Python class and a TypeScript interface: an import
		// in Python can only mean the Python one.
		"server/pkg/kit/settings.py": "class Settings:\n    pass\n",
		"web/src/lib/settings.ts":    "export interface Settings {}\n",
		// Predicate methods: Ruby's is defined without its mark, Elixir's
		// with it (workspace/lang).
		"app/models/comment.rb":            "class Comment\n  def breaks_speed_limit?\n    true\n  end\nend\n",
		"lib/hex/release.ex":               "defmodule Hex.Release do\n  def retire_release?(r), do: r\nend\n",
		"server/pkg/kit/secrets_io.py":     "def _write(s):\n    pass\n\ndef _set_key():\n    pass\n",
		"data/blob.bin":                    "\x00\x01\x02\n\n\n",
		"docs with space/my file.go":       "package docs\n",
		"docs with space/naïve_ünïcode.py": "def café():\n    pass\n",
		"big/huge.go":                      strings.Repeat("// line\n", 100000),
		"handbook/docs.json":               `{"navigation": {"groups": [{"group": "Backend Development", "pages": ["engineering/backend-development/e"]}]}}`,
		"handbook/engineering/backend-development/other-page.mdx": "x\n",
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(content), 0o644))
	}
	if err := os.Symlink("/etc", filepath.Join(root, "link")); err != nil {
		t.Skip("no symlinks here")
	}
	must(t, os.Symlink("/etc/passwd", filepath.Join(root, "link2.go")))
	git := gitIn(t, root)
	git("init", "-q")
	// As in a clone linted before: this run keeps its caches (a clone's
	// first run only makes the folder).
	must(t, os.Mkdir(filepath.Join(root, ".git", "handbook"), 0o755))
	if remote != "" {
		git("remote", "add", "origin", remote)
	}
	if tracked {
		git("add", "-A")
	}
	ws, err := workspace.Open(workspace.Options{Root: root})
	must(t, err)
	return ws
}

// refFindings lints an entry holding body and returns its reference
// findings as "rule: message" lines.
func refFindings(t *testing.T, l *Linter, body string) []string {
	t.Helper()
	src := "---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n" + body + "\n"
	path := filepath.Join(l.ws.Section, "e.mdx")
	var out []string
	for _, f := range l.File(path, []byte(src)) {
		if strings.HasPrefix(f.Rule, "ref-") {
			out = append(out, f.Rule+": "+f.Message)
		}
	}
	return out
}

// TestReferenceRules runs every rule over a repository whose files git
// does not track yet, and over the same files tracked: the answers are the
// same whether the Python packages come from a walk or from the index.
func TestReferenceRules(t *testing.T) {
	for _, tracked := range []bool{false, true} {
		t.Run(map[bool]string{false: "untracked", true: "tracked"}[tracked], func(t *testing.T) {
			testReferenceRules(t, refRepoWith(t, "git@github.com:acme/shop.git", tracked))
		})
	}
}

func testReferenceRules(t *testing.T, ws *workspace.Workspace) {
	l, err := New(ws)
	must(t, err)
	py := func(s string) string { return "```python\n" + s + "\n```" }
	ts := func(s string) string { return "```ts\n" + s + "\n```" }
	for _, tc := range []struct {
		name, body string
		want       string // "" means no finding; else a substring of the one finding
	}{
		{"path", "See `workspace/nav.go`.", ""},
		{"folder", "See `server/pkg/`.", ""},
		{"line", "See `workspace/nav.go:5`.", ""},
		{"range", "See `workspace/nav.go:5-7`.", ""},
		{"hash range in code", "See `workspace/nav.go#L5-L7`.", ""},
		{"line past the end", "See `workspace/nav.go:500`.", "ref-lines: `workspace/nav.go` has 9 lines, so line 500 is past its end"},
		{"range past the end", "See `workspace/nav.go:5-12`.", "ref-lines: `workspace/nav.go` has 9 lines, so lines 5-12 are past its end"},
		{"backwards range", "See `workspace/nav.go:7-5`.", "ref-lines: line range 7-5 of `workspace/nav.go` ends before it starts"},
		{"missing file", "See `workspace/gone.go`.", "ref-missing: file `workspace/gone.go` does not exist; fix the path"},
		{"missing file, same name elsewhere", "See `server/api.ts`.", "ref-missing: file `server/api.ts` does not exist: the only file of that name is `web/src/lib/api.ts`"},
		{"glob under a folder", "CI runs on changes to `server/pkg/**` and `workspace/*.go`.", ""},
		{"glob under a missing folder", "CI runs on changes to `server/pkg/gone/**`.", "ref-missing: folder `server/pkg/gone` does not exist"},
		{"glob at the top", "Files matching `*.go`.", ""},
		{"missing folder, not in history: an example", "See `server/gone/x.py`.", ""},
		{"missing file in a folder that exists", "See `server/pkg/gone/`.", "ref-missing: folder `server/pkg/gone` does not exist"},
		{"symbol at its line", "`findGroupContainer` (`workspace/nav.go:5`)", ""},
		{"symbol moved", "`findGroupContainer` (`workspace/nav.go:7`)", "ref-symbol: findGroupContainer is at workspace/nav.go:5, not line 7"},
		{"symbol gone", "`noSuchThing`, `workspace/nav.go:7`", "ref-symbol: noSuchThing is not in `workspace/nav.go`; fix the name or the path"},
		{"symbol in another file", "`MetadataMixin` (`workspace/nav.go:7`)", "ref-symbol: MetadataMixin is not in `workspace/nav.go`; it is defined at server/pkg/kit/metadata.py:1"},
		{"symbol without line", "`findGroupContainer` in `workspace/nav.go`", ""},
		{"ruby predicate at its line", "`breaks_speed_limit?` (`app/models/comment.rb:2`)", ""},
		{"ruby predicate moved", "`breaks_speed_limit?` (`app/models/comment.rb:4`)", "ref-symbol: breaks_speed_limit is at app/models/comment.rb:2, not line 4"},
		{"elixir predicate moved", "`retire_release?` (`lib/hex/release.ex:1`)", "ref-symbol: retire_release? is at lib/hex/release.ex:2, not line 1"},
		{"ignored path", "See `.venv/lib/x.py`.", ""},
		{"ignored path, missing", "See `.venv/lib/gone.py`.", ""},
		{"example folder", "See `examples/foo/bar.py`.", ""},
		{"escapes the repository", "See `../../../etc/passwd` and [x](../../../../../etc/passwd).", ""},
		{"absolute", "See `/etc/passwd`.", ""},
		{"behind a symlink", "See `link/passwd:1`.", ""},
		{"symlink", "See `link2.go:3`.", ""},
		{"binary", "See `data/blob.bin:2`.", ""},
		{"big file", "See `big/huge.go:99999`.", ""},
		{"big file, past its end", "See `big/huge.go:100001`.", "ref-lines: `big/huge.go` has 100000 lines"},
		{"spaces", "See `docs with space/my file.go:1` and [f](../../../docs%20with%20space/my%20file.go#L1).", ""},
		{"unicode", "See `docs with space/naïve_ünïcode.py:1` and [u](../../../docs%20with%20space/na%C3%AFve_%C3%BCn%C3%AFcode.py#L2).", ""},
		{"unicode, past the end", "See [u](../../../docs%20with%20space/na%C3%AFve_%C3%BCn%C3%AFcode.py#L9).", "ref-lines: `docs with space/naïve_ünïcode.py` has 2 lines"},
		{"spaces, missing", "See [f](../../../docs%20with%20space/gone%20file.go).", "ref-missing: file `docs with space/gone file.go` does not exist"},
		{"tight list item", "- `workspace/gone.go`\n- `workspace/nav.go`", "ref-missing: file `workspace/gone.go` does not exist"},
		{"loose list item", "- `workspace/gone.go`\n\n- `workspace/nav.go`", "ref-missing: file `workspace/gone.go` does not exist"},
		{"table", "| a | b |\n| --- | --- |\n| `workspace/gone.go` | x |", "ref-missing: file `workspace/gone.go` does not exist"},
		{"comment", "Text {/* `workspace/gone.go` */} here.", ""},
		{"between comments", "A {/* `a/gone.go` */} `workspace/gone.go` {/* `b/gone.go` */} b {/* `c/gone.go` */}.", "ref-missing: file `workspace/gone.go` does not exist"},
		{"after comments", "{/* x */} a {/* `a/gone.go` */}\n\nB {/* y */} `workspace/gone.go`.", "ref-missing: file `workspace/gone.go` does not exist"},
		{"relative link", "[nav](../../../workspace/nav.go#L5-L7)", ""},
		{"relative link past the end", "[nav](../../../workspace/nav.go#L50)", "ref-lines: `workspace/nav.go` has 9 lines, so line 50 is past its end"},
		{"relative link missing", "[nav](../../../workspace/gone.go)", "ref-missing: file `workspace/gone.go` does not exist"},
		{"page link", "[other](./other-page) and [gone](./gone-page) and [abs](/engineering/x)", ""},
		{"github blob", "[n](https://github.com/acme/shop/blob/main/workspace/nav.go#L5-L7)", ""},
		{"github blob, branch with slashes", "[n](https://github.com/acme/shop/blob/feature/x/workspace/nav.go#L50)", "ref-lines: `workspace/nav.go` has 9 lines, so line 50"},
		{"github blob, commit", "<https://github.com/acme/shop/blob/0123456789abcdef/workspace/gone.go>", "ref-missing: file `workspace/gone.go` does not exist"},
		{"github tree", "See https://github.com/acme/shop/tree/main/server/pkg.", ""},
		{"github tree missing", "[t](https://github.com/acme/shop/tree/main/server/pkg/gone)", "ref-missing: folder `server/pkg/gone` does not exist"},
		{"other repository", "[o](https://github.com/other/repo/blob/main/workspace/gone.go)", ""},
		{"other host", "[o](https://gitlab.com/acme/shop/-/blob/main/workspace/gone.go)", ""},
		{"malformed URL", "[m](https://github.com/acme/shop/blob/%zz/gone) and [n](https://[::1)", ""},
		{"path from a source root", "See `pkg/kit/metadata.py:1` and `pkg/kit/`.", ""},
		{"path from a source root, past the end", "See `pkg/kit/metadata.py:50`.", "ref-lines: `server/pkg/kit/metadata.py` has 2 lines, so line 50 is past its end"},
		{"path from a source root, symbol moved", "`MetadataMixin` (`pkg/kit/metadata.py:2`)", "ref-symbol: MetadataMixin is at server/pkg/kit/metadata.py:1, not line 2"},
		{"path from a source root, missing", "See `pkg/kit/gone.py`.", "ref-missing: file `server/pkg/kit/gone.py` does not exist"},
		{"path from a source root, missing folder", "See `pkg/gone/x.py`.", ""},
		{"path under no package", "See `kit/metadata.py` and `fastapi/routing.py`.", ""},
		{"python import", py("from pkg.kit.metadata import MetadataMixin\nimport pkg.kit.other"), ""},
		{"python re-export", py("from pkg.kit import (\n    Reexported,\n    metadata,\n)"), ""},
		{"python not defined", py("from pkg.kit.metadata import Nope"), "ref-symbol: Nope is not defined in pkg.kit.metadata (`server/pkg/kit/metadata.py`); fix the import"},
		{"python defined elsewhere", py("from pkg.kit import Other26"), "ref-symbol: Other26 is not defined in pkg.kit (`server/pkg/kit/__init__.py`); Other26 is defined in pkg.kit.other, server/pkg/kit/other.py:26"},
		{"python defined elsewhere, and in TypeScript", py("from pkg.kit import Settings"), "ref-symbol: Settings is not defined in pkg.kit (`server/pkg/kit/__init__.py`); Settings is defined in pkg.kit.settings, server/pkg/kit/settings.py:1"},
		{"python missing module", py("from pkg.gone import X"), "ref-missing: module `pkg.gone` is not in the repository"},
		{"python third party", py("from fastapi import Depends\nimport os.path"), ""},
		{"qualified name", "`pkg.kit.metadata.MetadataMixin`", ""},
		{"ts import", ts("import { fetchUser } from \"@/lib/api\";\nimport React from 'react';"), ""},
		{"ts import not defined", ts("import { nope } from '../lib/api'"), "ref-symbol: nope is not defined in ../lib/api"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := refFindings(t, l, tc.body)
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("want no finding, got %q", got)
			case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
				t.Errorf("want one finding with %q, got %q", tc.want, got)
			}
		})
	}
}

func TestGitLabURLs(t *testing.T) {
	ws := refRepo(t, "https://gitlab.com/acme/platform/shop.git")
	l, err := New(ws)
	must(t, err)
	if got := refFindings(t, l, "[n](https://gitlab.com/acme/platform/shop/-/blob/main/workspace/nav.go#L5-7)"); len(got) > 0 {
		t.Errorf("valid GitLab link: %q", got)
	}
	got := refFindings(t, l, "[n](https://gitlab.com/acme/platform/shop/-/blob/main/workspace/nav.go#L5-70)")
	if len(got) != 1 || !strings.Contains(got[0], "ref-lines: `workspace/nav.go` has 9 lines, so lines 5-70") {
		t.Errorf("GitLab range past the end: %q", got)
	}
}

// TestBareNames: a name defined once is a reference (to its file, for
// drift) and a name defined nowhere is prose; neither is ever a finding.
func TestBareNames(t *testing.T) {
	ws := refRepo(t, "")
	l, err := New(ws)
	must(t, err)
	doc := Parse([]byte("Use `findGroupContainer()` and `Locker.lock()`, `fetchUser`, `_set_key`, `breaks_speed_limit?`, `retire_release?`, not `nothing_here` nor `other`; the `_read` or `_write` scope.\n"), nil)
	refs := l.references(filepath.Join(ws.Section, "e.mdx"), doc)
	var got []string
	for _, r := range refs {
		got = append(got, r.Symbol+"→"+r.Path)
	}
	// `other` is defined once too (nav.go), but a plain lower-case word is
	// prose: a command, an English word; so is one with only a leading
	// underscore (`_write`, a scope's suffix here).
	want := []string{"findGroupContainer→workspace/nav.go", "fetchUser→web/src/lib/api.ts", "_set_key→server/pkg/kit/secrets_io.py", "breaks_speed_limit?→app/models/comment.rb", "retire_release?→lib/hex/release.ex"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRelPathAndEscape(t *testing.T) {
	for _, tc := range []struct{ from, to, want string }{
		{"handbook/backend-development", "server/kit/helpers.py", "../../server/kit/helpers.py"},
		{"handbook/backend-development", "handbook/x.go", "../x.go"},
		{".", "a/b.go", "a/b.go"},
		{"a/b", "a/b/c.go", "c.go"},
	} {
		if got := relPath(tc.from, tc.to); got != tc.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
	if got := pathEscape("docs with space/naïve+x.py"); got != "docs%20with%20space/naïve%2Bx.py" {
		t.Errorf("pathEscape: %q", got)
	}
}

// TestOneWordIsNotAFolder: `server` is prose (a command, a word); `server/`
// cites the folder.
func TestOneWordIsNotAFolder(t *testing.T) {
	ws := refRepo(t, "")
	l, err := New(ws)
	must(t, err)
	doc := Parse([]byte("Run `big` or `server`, see `server/` and `go.mod`.\n"), nil)
	var got []string
	for _, r := range l.references(filepath.Join(ws.Section, "e.mdx"), doc) {
		got = append(got, r.Path)
	}
	if strings.Join(got, " ") != "server" {
		t.Errorf("references %q, want only the folder written server/", got)
	}
}

// TestLinkTarget holds the references' reading of a link destination to
// CommonMark's, which linkDestination gives the MDX check too: a control
// byte ends a bare destination, and an escaped `>` stays inside <…>.
func TestLinkTarget(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"server/x.py#L3) after", "server/x.py#L3"},
		{"  a/(b)/c.go) x", "a/(b)/c.go"},
		{"<a b/c.go>) x", "a b/c.go"},
		{`<a\>b.go>) x`, `a\>b.go`},
		{"<a/b.go", ""},
		{"<a\n>)", ""},
		{"a/b.go\x0bmore)", "a/b.go"},
	} {
		s, e := linkTarget([]byte(tt.src), 0)
		if got := tt.src[s:e]; got != tt.want {
			t.Errorf("linkTarget(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// isCleanPath says yes only when path.Clean leaves a path as it is, and
// does for the relative paths entries cite.
func TestIsCleanPath(t *testing.T) {
	for _, p := range []string{"", ".", "..", "a", "a/b", "a/", "/a", "a//b", "a/./b", "a/../b", "./a", "../a", "a/..", "a/.", ".a", "a..b", "..a/b.", "a/b/c.go", "/", "//", "a b/c d.py"} {
		clean := p != "" && path.Clean(p) == p
		if got := isCleanPath(p); got && !clean {
			t.Errorf("isCleanPath(%q) = true, path.Clean changes it", p)
		} else if !got && clean && !strings.HasPrefix(p, "/") && !strings.HasPrefix(p, ".") {
			t.Errorf("isCleanPath(%q) = false, path.Clean leaves it", p)
		}
	}
}

// TestCitedLinesOverHistory: where a plain path:line's lines are found
// decides, not where git's history maps them (which is wrong for an entry
// merged from a branch): found once elsewhere, they go there; found at the
// place cited, they stay; found twice or not at all, they are not moved.
func TestCitedLinesOverHistory(t *testing.T) {
	ws := refRepo(t, "")
	root := ws.Root
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", root}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	entry := "handbook/engineering/backend-development/e.mdx"
	must(t, os.MkdirAll(filepath.Join(root, filepath.Dir(entry)), 0o755))
	must(t, os.WriteFile(filepath.Join(root, entry), []byte("x\n"), 0o644))
	must(t, os.WriteFile(filepath.Join(root, "code.py"), []byte("a\nunique\npass\nb\npass\n"), 0o644))
	git("add", "-A")
	git("commit", "-q", "-m", "entry")
	must(t, os.WriteFile(filepath.Join(root, "code.py"), []byte("# h\n\na\nb\nunique\npass\nb\npass\n"), 0o644))
	git("commit", "-q", "-am", "code moves")
	l, err := New(ws)
	must(t, err)
	h, err := githistory.Load(context.Background(), githistory.Options{Root: root, Entries: []string{entry}, Paths: []string{"code.py"}})
	must(t, err)
	l.hist = h
	defer l.closeBlobs()
	for _, tc := range []struct {
		line, mapped int
		want         int    // 0: not moved
		why          string // part of the reason when not moved
	}{
		{2, 9, 5, ""},        // found once, elsewhere than history says
		{2, 5, 5, ""},        // found once, where history says
		{3, 6, 0, "2 times"}, // "pass" twice
		{1, 3, 3, ""},        // "a" once
		{4, 7, 0, "2 times"}, // "b" twice now
	} {
		r := &Ref{Kind: refPath, Path: "code.py", Line: tc.line, EndLine: tc.line}
		start, _, why := l.findCitedLines(entry, r, githistory.Drift{Start: tc.mapped, End: tc.mapped})
		if tc.want != 0 && (why != "" || start != tc.want) || tc.want == 0 && !strings.Contains(why, tc.why) {
			t.Errorf("line %d mapped to %d: found at %d (%q), want %d (%q)", tc.line, tc.mapped, start, why, tc.want, tc.why)
		}
	}
}

// TestRefChangedAloneReadsNothing: with every other reference rule off,
// ref-changed has nothing to say without --changed-since, so the
// repository is not looked at.
func TestRefChangedAloneReadsNothing(t *testing.T) {
	ws := refRepo(t, "")
	l, err := New(ws)
	must(t, err)
	for _, r := range []string{RuleRefMissing, RuleRefLines, RuleRefSymbol, RuleRefDrift} {
		delete(l.severity, r)
	}
	refFindings(t, l, "See `workspace/gone.go:3`.")
	if l.repo != nil {
		t.Errorf("the repository was indexed for ref-changed without --changed-since")
	}
	l.since = "HEAD"
	if !l.refsOn() {
		t.Errorf("with --changed-since, ref-changed needs the references")
	}
}

// gitIn runs git in root with no system or global configuration, failing
// the test with git's output when it fails.
func gitIn(t *testing.T, root string) func(args ...string) {
	return func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", root}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
}

// Without ref-drift and --changed-since, bare names are not looked up (no
// walk, no source file stat'ed or read for them), and the findings and
// fixes are those of a run that looks them up: no other rule can say
// anything of a name's definition.
func TestBareNamesOnlyWhereARuleNeedsThem(t *testing.T) {
	searchWholeRepository(t) // the same suggestions either way
	ws := refRepo(t, "")
	l, err := New(ws)
	must(t, err)
	delete(l.severity, RuleRefDrift)
	scans, walks := 0, 0
	nameScanHook = func(string) { scans++ }
	walkHook = func() { walks++ }
	defer func() { nameScanHook, walkHook, bareNamesAlways = nil, nil, false }()
	doc := Parse([]byte("Use `findGroupContainer()` and `Locker.lock()`, `fetchUser`, `_set_key`, `Other26`.\n"), nil)
	for _, r := range l.references(filepath.Join(ws.Section, "e.mdx"), doc) {
		t.Errorf("a reference without drift: %s → %s", r.Symbol, r.Path)
	}
	if scans+walks > 0 {
		t.Errorf("bare names were looked up: %d scans, %d walks", scans, walks)
	}
	for _, body := range []string{
		"Use `findGroupContainer()` and `Locker.lock()`, `fetchUser`, `_set_key`, `NotDefinedAnywhere`, `Other26`.",
		"`findGroupContainer` (`workspace/nav.go:7`) and again `findGroupContainer`; `MetadataMixin` (`workspace/nav.go:7`).",
		"`findGroupContainer` (`workspace/nav.go:5-9`) and `findGroupContainer` on the same line.",
		"`pkg.kit.metadata.MetadataMixin`, `pkg.kit.metadata.Nope`, `pkg.gone.X`, `pkg.kit.Reexported`.",
		"`Reexported` in `server/pkg/kit/` and `MetadataMixin`, `server/pkg/kit/other.py:26`.",
		"```python\nfrom pkg.kit import Other26, Reexported\n```\n\nThen `Other26` and `Reexported`.",
	} {
		bareNamesAlways = false
		without := refFindings(t, l, body)
		bareNamesAlways = true
		with := refFindings(t, l, body)
		if !slices.Equal(without, with) {
			t.Errorf("%q: without names looked up:\n%q\nwith them:\n%q", body, without, with)
		}
	}
	bareNamesAlways = false
	l.severity[RuleRefDrift] = DefaultSeverity[RuleRefDrift]
	if refs := l.references(filepath.Join(ws.Section, "e.mdx"), doc); len(refs) != 4 {
		t.Errorf("with drift, the names cite %d definitions, want 4", len(refs))
	}
}

// freshCaches empties the caches' folder of the repository at root, as
// before a clone's second run: the next run keeps its caches.
func freshCaches(t *testing.T, root string) {
	t.Helper()
	dir := filepath.Join(root, ".git", "handbook")
	must(t, os.RemoveAll(dir))
	must(t, os.Mkdir(dir, 0o755))
}

// searchWholeRepository makes the test's runs look for names that are not
// where an entry says in the whole repository, as a run with drift does
// (wholeRepository), whatever rules they keep.
func searchWholeRepository(t *testing.T) {
	t.Helper()
	wholeRepositoryAlways = true
	t.Cleanup(func() { wholeRepositoryAlways = false })
}

// writeRel writes content to the file rel below root, making its folders.
func writeRel(t *testing.T, root, rel, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	must(t, os.MkdirAll(filepath.Dir(p), 0o755))
	must(t, os.WriteFile(p, []byte(content), 0o644))
}

// cacheChange is a change to a repository between two runs, which a cache
// must notice.
type cacheChange struct {
	name   string
	change func(t *testing.T, root string)
}

// ignoreChanges are the ways git can come to ignore the untracked file
// rel that a cached walk listed: an ignore file made in a folder on its
// way (dirs, from the root), the top one edited, info/exclude, another
// global excludes file.
func ignoreChanges(rel string, dirs ...string) []cacheChange {
	base := path.Base(rel)
	var out []cacheChange
	for _, dir := range dirs {
		out = append(out, cacheChange{"ignored by a new ignore file in " + dir + "/", func(t *testing.T, root string) {
			writeRel(t, root, dir+"/.gitignore", base+"\n")
		}})
	}
	return append(out,
		cacheChange{"ignored by an edited ignore file", func(t *testing.T, root string) {
			writeRel(t, root, ".gitignore", ".venv/\n"+base+"\n")
		}},
		cacheChange{"ignored by info/exclude", func(t *testing.T, root string) {
			writeRel(t, root, ".git/info/exclude", base+"\n")
		}},
		cacheChange{"ignored by another global excludes file (XDG_CONFIG_HOME)", func(t *testing.T, root string) {
			xdg := t.TempDir()
			writeRel(t, xdg, "git/ignore", base+"\n")
			t.Setenv("XDG_CONFIG_HOME", xdg)
		}},
	)
}

// sameAfterChange makes change to the repository at root after a warm run
// whose findings are warm, and fails unless a run with the caches then
// gives the findings of a run without them (what is named cache: a stale
// answer) and the change changed a finding (else it tests nothing).
func sameAfterChange(t *testing.T, root, cache string, warm []string, change func(t *testing.T, root string)) {
	t.Helper()
	// Stat times are coarse: the change must fall in a later tick.
	time.Sleep(15 * time.Millisecond)
	change(t, root)
	got, _ := cacheRun(t, root)
	freshCaches(t, root)
	want, _ := cacheRun(t, root)
	if !slices.Equal(got, want) {
		t.Errorf("with the %s cache:\n%q\nwithout it:\n%q", cache, got, want)
	}
	if slices.Equal(want, warm) {
		t.Errorf("the change changed no finding: %q", want)
	}
}
