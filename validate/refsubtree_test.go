package validate

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// A name imported from a module that does not define it is looked for
// below the module's folder first: one definition there is the
// suggestion, even when the name is defined elsewhere too (which said no
// place before); two there say none, without looking at the rest of the
// repository; none there, the whole repository is looked at, as before.
func TestImportSuggestionNearTheModule(t *testing.T) {
	searchWholeRepository(t)
	ws := refRepoWith(t, "", true)
	files := map[string]string{
		"server/pkg/kit/schemas.py":      "\n\nclass Schema:\n    pass\n",
		"server/pkg/other/schemas.py":    "class Schema:\n    pass\n\nclass OnlyThere:\n    pass\n",
		"server/pkg/kit/a.py":            "class Twice:\n    pass\n",
		"server/pkg/kit/sub/b.py":        "\nclass Twice:\n    pass\n",
		"server/pkg/kit/sub/deep/c.py":   "def deep_helper():\n    pass\n",
		"server/pkg/kit/helpers.py":      "def helper():\n    pass\n",
		"server/pkg/kit/shapes.ts":       "export class TsOnly {}\n",
		"server/pkg/kit/gen/.gitignore":  "*.py\n",
		"server/pkg/kit/gen/made.py":     "class Generated:\n    pass\n",
		"server/pkg/models/generated.py": "class Generated:\n    pass\n",
		"web/src/lib/util.ts":            "export function nearby() {}\n",
		"web/other/util.ts":              "export function nearby() {}\n",
	}
	for name, content := range files {
		writeRel(t, ws.Root, name, content)
	}
	gitIn(t, ws.Root)("add", "-A")
	py := func(s string) string { return "```python\n" + s + "\n```" }
	for _, tc := range []struct {
		name, body, want string
		scan             bool // every source file looked at
	}{
		{"once below, and elsewhere", py("from pkg.kit import Schema"),
			"Schema is not defined in pkg.kit (`server/pkg/kit/__init__.py`); Schema is defined in pkg.kit.schemas, server/pkg/kit/schemas.py:3", false},
		{"once below, in a subfolder", py("from pkg.kit import deep_helper"),
			"deep_helper is not defined in pkg.kit (`server/pkg/kit/__init__.py`); deep_helper is defined in server.pkg.kit.sub.deep.c, server/pkg/kit/sub/deep/c.py:1", false},
		{"twice below", py("from pkg.kit import Twice"),
			"Twice is not defined in pkg.kit (`server/pkg/kit/__init__.py`); fix the import", false},
		{"a module file: its folder", py("from pkg.kit.schemas import helper"),
			"helper is not defined in pkg.kit.schemas (`server/pkg/kit/schemas.py`); helper is defined in pkg.kit.helpers, server/pkg/kit/helpers.py:1", false},
		{"none below, once elsewhere", py("from pkg.kit import OnlyThere"),
			"OnlyThere is not defined in pkg.kit (`server/pkg/kit/__init__.py`); OnlyThere is defined in server.pkg.other.schemas, server/pkg/other/schemas.py:4", true},
		{"below only in another language", py("from pkg.kit import TsOnly"),
			"TsOnly is not defined in pkg.kit (`server/pkg/kit/__init__.py`); fix the import", true},
		{"below only in an ignored file", py("from pkg.kit import Generated"),
			"Generated is not defined in pkg.kit (`server/pkg/kit/__init__.py`); Generated is defined in server.pkg.models.generated, server/pkg/models/generated.py:1", true},
		{"defined nowhere", py("from pkg.kit import Nowhere"),
			"Nowhere is not defined in pkg.kit (`server/pkg/kit/__init__.py`); fix the import", true},
		{"ts: once below, and elsewhere", "```ts\nimport { nearby } from \"@/lib/api\";\n```",
			"nearby is not defined in @/lib/api (`web/src/lib/api.ts`); nearby is defined in web/src/lib/util.ts:1", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := New(ws)
			must(t, err)
			delete(l.severity, RuleRefDrift)
			var scanned atomic.Bool // the sources are read in parallel
			sourceReadHook = func(string) { scanned.Store(true) }
			defer func() { sourceReadHook = nil }()
			got := refFindings(t, l, tc.body)
			if len(got) != 1 || got[0] != "ref-symbol: "+tc.want {
				t.Errorf("got %q\nwant %q", got, "ref-symbol: "+tc.want)
			}
			if scanned := scanned.Load(); scanned != tc.scan {
				t.Errorf("every source file looked at: %v, want %v", scanned, tc.scan)
			}
		})
	}
}

// Each way the files below an imported module's folder can change
// between runs gives, from the subtrees cache, the findings a run without
// it gives; and a run that changed nothing there asks the probe nothing.
func TestSubtreesCacheSeesChanges(t *testing.T) {
	entry := "---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n" +
		"```python\nfrom pkg.kit import Near1, Near2, Near3\n```\n"
	write := writeRel
	for _, tc := range slices.Concat([]cacheChange{
		{"a second definition in a new subfolder", func(t *testing.T, root string) {
			write(t, root, "server/pkg/kit/sub/more.py", "class Near1:\n    pass\n")
		}},
		{"a second definition in a subfolder", func(t *testing.T, root string) {
			write(t, root, "server/pkg/kit/deep/more.py", "class Near1:\n    pass\n")
		}},
		{"a defining file removed", func(t *testing.T, root string) {
			must(t, os.Remove(filepath.Join(root, "server", "pkg", "kit", "near.py")))
		}},
		{"a defining file renamed", func(t *testing.T, root string) {
			must(t, os.Rename(filepath.Join(root, "server", "pkg", "kit", "near.py"), filepath.Join(root, "server", "pkg", "kit", "near2.py")))
		}},
		{"a subfolder renamed", func(t *testing.T, root string) {
			must(t, os.Rename(filepath.Join(root, "server", "pkg", "kit", "deep"), filepath.Join(root, "server", "pkg", "kit", "deeper")))
		}},
		{"the module's folder replaced", func(t *testing.T, root string) {
			kit := filepath.Join(root, "server", "pkg", "kit")
			must(t, os.Rename(kit, kit+"_old"))
			write(t, root, "server/pkg/kit/__init__.py", "")
			write(t, root, "server/pkg/kit/near.py", "\nclass Near1:\n    pass\n")
		}},
		{"an ignored file tracked", func(t *testing.T, root string) {
			gitIn(t, root)("add", "-f", "server/pkg/kit/gen/n3.py")
		}},
		{"a subfolder made a repository of its own", func(t *testing.T, root string) {
			gitIn(t, filepath.Join(root, "server", "pkg", "kit", "deep"))("init", "-q")
		}},
		{"a defining file edited", func(t *testing.T, root string) {
			write(t, root, "server/pkg/kit/near.py", "\n\nclass Near1:\n    pass\n")
		}},
	}, ignoreChanges("server/pkg/kit/near.py", "server/pkg/kit", "server")) {
		t.Run(tc.name, func(t *testing.T) {
			root := cacheRepo(t)
			write(t, root, "handbook/engineering/backend-development/e.mdx", entry)
			// Untracked, so that ignore files decide whether they are listed.
			write(t, root, "server/pkg/kit/near.py", "class Near1:\n    pass\n")
			write(t, root, "server/pkg/kit/deep/n2.py", "class Near2:\n    pass\n")
			write(t, root, "server/pkg/kit/gen/.gitignore", "n3.py\n")
			write(t, root, "server/pkg/kit/gen/n3.py", "class Near3:\n    pass\n")
			// Each defined elsewhere too: a stale answer of none below
			// the folder would say no place instead of the one below.
			write(t, root, "server/elsewhere/x.py", "class Near1:\n    pass\n\nclass Near2:\n    pass\n\nclass Near3:\n    pass\n")
			settled(t)
			cacheRun(t, root)
			if _, err := os.Stat(filepath.Join(root, ".git", "handbook", subtreesCacheName)); err != nil {
				t.Fatalf("no subtrees cache written: %v", err)
			}
			warm, _ := cacheRun(t, root)
			sameAfterChange(t, root, "subtrees", warm, tc.change)
			if !slices.ContainsFunc(warm, func(s string) bool { return strings.Contains(s, "Near1 is defined in pkg.kit.near") }) {
				t.Errorf("no suggestion from below the module's folder: %q", warm)
			}
		})
	}
}

// A warm run on a repository whose files are tracked (the paths cache
// answers for them) reads nothing and never makes the probe, for a
// suggestion from below the module's folder as for the rest.
func TestSubtreesCacheWarmRunReadsNothing(t *testing.T) {
	root := cacheRepo(t)
	write := func(rel, content string) { writeRel(t, root, rel, content) }
	write("handbook/engineering/backend-development/e.mdx", "---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n"+
		"```python\nfrom pkg.kit import Near1\n```\n")
	write("server/pkg/kit/deep/near.py", "class Near1:\n    pass\n")
	write("server/elsewhere/near.py", "class Near1:\n    pass\n")
	gitIn(t, root)("add", "-A")
	settled(t)
	cold, read := cacheRun(t, root)
	if !slices.Contains(read, "probe ") {
		t.Fatalf("a cold run made no probe: %q", read)
	}
	want := "ref-symbol: Near1 is not defined in pkg.kit (`server/pkg/kit/__init__.py`); Near1 is defined in server.pkg.kit.deep.near, server/pkg/kit/deep/near.py:1"
	if len(cold) != 1 || cold[0] != want {
		t.Fatalf("got %q, want %q", cold, want)
	}
	warm, read := cacheRun(t, root)
	if !slices.Equal(warm, cold) {
		t.Errorf("warm %q, cold %q", warm, cold)
	}
	if len(read) > 0 {
		t.Errorf("a warm run read %q or asked the probe", read)
	}
}

// Lint without drift looks for a name that is not where an entry says only
// below the cited file's or module's folder: it reads no other source
// (wholeRepository), and says so without a place. With drift it looks in
// the whole repository.
func TestNameElsewhereOnlyNearWithoutDrift(t *testing.T) {
	ws := refRepoWith(t, "", true)
	for name, content := range map[string]string{
		"server/pkg/kit/sub/moved.py":    "\nclass Moved:\n    pass\n",
		"server/pkg/models/generated.py": "class Generated:\n    pass\n",
	} {
		writeRel(t, ws.Root, name, content)
	}
	gitIn(t, ws.Root)("add", "-A")
	body := "```python\nfrom pkg.kit import Generated\n```\n\n`Moved` (`server/pkg/kit/metadata.py:1`) and `Generated` (`server/pkg/kit/metadata.py:1`)."
	for _, tc := range []struct {
		drift bool
		want  []string
	}{
		{false, []string{
			"ref-symbol: Generated is not defined in pkg.kit (`server/pkg/kit/__init__.py`); fix the import",
			"ref-symbol: Moved is not in `server/pkg/kit/metadata.py`; it is defined at server/pkg/kit/sub/moved.py:2; cite that",
			"ref-symbol: Generated is not in `server/pkg/kit/metadata.py`; fix the name or the path",
		}},
		{true, []string{
			"ref-symbol: Generated is not defined in pkg.kit (`server/pkg/kit/__init__.py`); Generated is defined in server.pkg.models.generated, server/pkg/models/generated.py:1",
			"ref-symbol: Moved is not in `server/pkg/kit/metadata.py`; it is defined at server/pkg/kit/sub/moved.py:2; cite that",
			"ref-symbol: Generated is not in `server/pkg/kit/metadata.py`; it is defined at server/pkg/models/generated.py:1; cite that",
		}},
	} {
		l, err := New(ws)
		must(t, err)
		if !tc.drift {
			delete(l.severity, RuleRefDrift)
		}
		var mu sync.Mutex
		var read []string
		sourceReadHook = func(abs string) {
			mu.Lock()
			defer mu.Unlock()
			read = append(read, abs)
		}
		got := refFindings(t, l, body)
		sourceReadHook = nil
		var symbols []string
		for _, f := range got {
			if strings.HasPrefix(f, "ref-symbol: ") {
				symbols = append(symbols, f)
			}
		}
		if strings.Join(symbols, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("drift %v:\n%s\nwant:\n%s", tc.drift, strings.Join(symbols, "\n"), strings.Join(tc.want, "\n"))
		}
		if !tc.drift && len(read) > 0 {
			t.Errorf("without drift, the repository's sources were read: %q", read)
		}
	}
}

// Without drift, a folder holding more sources than maxNearSources (near
// the top of a repository: most of its sources) is not searched for where
// a name went: that would cost what the whole repository's search does.
func TestNameElsewhereNotBelowABigFolderWithoutDrift(t *testing.T) {
	ws := refRepoWith(t, "", true)
	write := func(rel, content string) { writeRel(t, ws.Root, rel, content) }
	write("server/big/x.py", "def here():\n    pass\n")
	write("server/big/deep/far.py", "class Far:\n    pass\n")
	for i := range maxNearSources {
		write(fmt.Sprintf("server/big/m%03d.py", i), "x = 1\n")
	}
	gitIn(t, ws.Root)("add", "-A")
	for _, drift := range []bool{false, true} {
		l, err := New(ws)
		must(t, err)
		if !drift {
			delete(l.severity, RuleRefDrift)
		}
		got := refFindings(t, l, "`Far` (`server/big/x.py:1`)")
		want := "ref-symbol: Far is not in `server/big/x.py`; fix the name or the path"
		if drift {
			want = "ref-symbol: Far is not in `server/big/x.py`; it is defined at server/big/deep/far.py:1; cite that"
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("drift %v: %q, want %q", drift, got, want)
		}
	}
}
