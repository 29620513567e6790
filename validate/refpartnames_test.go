package validate

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/lang"
)

// pyNumbered is a Python file of n lines, assignments but for the lines
// of lines (line → text).
func pyNumbered(n int, lines map[int]string) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if text, ok := lines[i]; ok {
			b.WriteString(text + "\n")
		} else {
			fmt.Fprintf(&b, "v%d = %d  # a line of about fifty bytes, as code\n", i, i)
		}
	}
	return b.String()
}

// namesEntry cites the files namesRepo adds by names without lines and by
// imports, in the ways a file may be read in part (the names near its
// top) or must be read whole.
const namesEntry = "---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n" +
	// Mentioned near the top: read up to there. Also defined near the
	// end: the checks that list every place see both.
	"`Early` (`part/early.go`).\n\n" +
	// Mentioned in a comment only: a mention is what is checked.
	"`Mentioned` (`part/mention.go`).\n\n" +
	// Cited by lines at the top and by a name far below.
	"`part/mixed.go:10`; `Both` (`part/mixed.go`).\n\n" +
	// Not in the file: read whole, and looked for elsewhere.
	"`Absent` (`part/absent.go`).\n\n" +
	// A binary file: nothing is asked of it.
	"`Bin` (`part/bin.go`).\n\n" +
	"```python\n" +
	// Defined near the top, under a decorator, over several lines.
	"from pkg.part.names import Top, Decorated, Multi\n" +
	// Mentioned near the top, defined far below: a mention is no
	// definition.
	"from pkg.part.late import Late\n" +
	// Re-exported, not defined: read whole.
	"from pkg.part.reexp import Again\n" +
	// Not defined; a near name far below (did you mean).
	"from pkg.part.typo import Nowhere\n" +
	"```\n\n" +
	"```ts\nimport { tsEarly } from './web/part/mod'\n```\n"

// namesRepo is refRepoWith plus the files namesEntry cites; keep says
// whether its runs keep caches (else none can be kept: a first run).
func namesRepo(t *testing.T, keep bool, entry string) *workspace.Workspace {
	ws := refRepoWith(t, "", true)
	files := map[string]string{
		"part/early.go":               numbered(3000, map[int]string{40: "Early", 2950: "EarlyToo"}, false) + "// Early again\n",
		"part/mention.go":             numbered(3000, nil, false)[:4000] + "// Mentioned here\n" + numbered(3000, nil, false),
		"part/mixed.go":               numbered(3000, map[int]string{2000: "Both"}, false),
		"part/absent.go":              numbered(3000, map[int]string{2900: "Absnt"}, false),
		"part/bin.go":                 numbered(20, nil, false) + "\x00" + numbered(3000, map[int]string{30: "Bin"}, false),
		"server/pkg/part/__init__.py": "",
		"server/pkg/part/names.py": pyNumbered(3000, map[int]string{
			30: "class Top:", 31: "    pass",
			200: "@decorator", 201: "def Decorated():", 202: "    pass",
			400: "def Multi(", 401: "    a,", 402: "):", 403: "    pass",
			2900: "def Top():", 2901: "    pass", // defined twice
		}),
		"server/pkg/part/late.py": pyNumbered(3000, map[int]string{
			20: "# Late is defined below", 50: "x = Late()",
			2000: "class Late:", 2001: "    pass",
		}),
		"server/pkg/part/reexp.py": "from .names import (\n    Again,\n)\n" + pyNumbered(3000, nil),
		"server/pkg/part/typo.py":  pyNumbered(3000, map[int]string{2950: "def Nowhre():", 2951: "    pass"}),
		"web/part/mod.ts": func() string {
			var b strings.Builder
			for i := 1; i <= 3000; i++ {
				if i == 30 {
					b.WriteString("export function tsEarly() {}\n")
					continue
				}
				fmt.Fprintf(&b, "const v%d = %d; // a line of about fifty bytes, as code\n", i, i)
			}
			return b.String()
		}(),
	}
	addCitedFiles(t, ws, files, keep, entry)
	return ws
}

// namesHolding cites namesRepo's files by references that hold and that
// a part of each answers.
const namesHolding = "---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n" +
	"`Early` (`part/early.go`), `Mentioned` (`part/mention.go`), `part/mixed.go:10`; `Both` (`part/mixed.go`).\n\n" +
	"```python\nfrom pkg.part.names import Top, Decorated, Multi\nfrom pkg.part.late import Late\n```\n\n" +
	"```ts\nimport { tsEarly } from './web/part/mod'\n```\n"

// A first run reads a file cited by a name without lines or by an import
// only up to where the name is mentioned or defined, and gives the
// findings of checks that read every file whole (as they go, or with a
// cache kept), drift on and off: a name not found, a re-export, a near
// name all see the whole file.
func TestPartialReadsOfNamesGiveTheSameFindings(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("files are read whole here")
	}
	for _, drift := range []bool{false, true} {
		t.Run(fmt.Sprintf("drift=%v", drift), func(t *testing.T) {
			got := partFindings(t, func(keep bool) *workspace.Workspace { return namesRepo(t, keep, namesEntry) }, namesEntry, drift)
			for _, w := range []string{"Absent is not in `part/absent.go`", "did you mean Nowhre?"} {
				if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, w) }) {
					t.Errorf("no finding says %q: %q", w, got)
				}
			}
			for _, w := range []string{"Top", "Decorated", "Multi", "Late", "Again", "Early", "Mentioned", "Both", "tsEarly"} {
				if slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, w+" is not") }) {
					t.Errorf("%s is reported: %q", w, got)
				}
			}
		})
	}
	// Which files are read in part where every reference holds.
	ws := namesRepo(t, false, namesHolding)
	got, l := partLint(t, ws.Root, false)
	if len(got) != 0 {
		t.Fatalf("findings %q, want none", got)
	}
	for rel, upTo := range map[string]int{
		"part/early.go": 40, "part/mention.go": 80, "part/mixed.go": 2000,
		"server/pkg/part/names.py": 400, "server/pkg/part/late.py": 2000, "web/part/mod.ts": 30,
	} {
		f := l.repo.srcs[rel]
		if f == nil {
			t.Errorf("%s was not read", rel)
			continue
		}
		if !f.partial || f.lines < upTo {
			t.Errorf("%s: read in part %v, %d lines; want a part of %d lines at least", rel, f.partial, f.lines, upTo)
		}
		if f.src != nil {
			t.Errorf("%s: the part was kept", rel)
		}
	}
}

// What a part showed answers only the question it was read for; every
// other question about the file (every line mentioning a name, every
// definition, a name the part does not define) is the whole file's.
func TestPartOfNamesAnswersOnlyWhatItShowed(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("files are read whole here")
	}
	ws := namesRepo(t, false, namesHolding)
	_, l := partLint(t, ws.Root, false)
	early := l.repo.srcs["part/early.go"]
	names := l.repo.srcs["server/pkg/part/names.py"]
	if early == nil || !early.partial || names == nil || !names.partial {
		t.Fatalf("not read in part: %+v, %+v", early, names)
	}
	if _, ok := early.memo.answers[question('m', "Early", 0)]; ok {
		t.Errorf("the lines of the part mentioning Early are kept as the file's")
	}
	if got := early.mentions("Early"); !slices.Equal(got, []int{40, 3001}) {
		t.Errorf("Early mentioned at %v, want [40 3001]", got)
	}
	if !early.mentioned("EarlyToo") || early.mentioned("Nowhere") {
		t.Errorf("mentioned: EarlyToo %v, Nowhere %v; want true, false", early.mentioned("EarlyToo"), early.mentioned("Nowhere"))
	}
	if got := names.definedAt("Top"); !slices.Equal(got, []int{30, 2900}) {
		t.Errorf("Top defined at %v, want [30 2900]", got)
	}
	if !names.defines("Top") || names.defines("Nowhere") {
		t.Errorf("defines: Top %v, Nowhere %v", names.defines("Top"), names.defines("Nowhere"))
	}
	if n := names.lineCount(); n != 3000 {
		t.Errorf("names.py: %d lines, want 3000", n)
	}
}

// readCodePart stops at the first chunk whose whole lines answer, and
// never on a line cut at a chunk's end; a name nowhere, or only where a
// definition is wanted, reads the whole file.
func TestReadCodePartStopsWhereTheNameIs(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("files are read whole here")
	}
	dir := t.TempDir()
	const line = 51 // bytes of a line of numbered, about
	for _, at := range []int{1, 100, 160, 161, 162, 163, 320, 321, 322, 323, 640, 641, 642, 1500, 2999, 3000, -1} {
		for _, defined := range []bool{false, true} {
			lines := map[int]string{}
			if at > 0 {
				lines[at] = "class Wanted:"
			}
			lines[5] = "# Wantedly, Unwanted, _Wanted: not the word"
			if defined {
				lines[7] = "x = Wanted()  # a mention, no definition"
			}
			content := pyNumbered(3000, lines)
			p := filepath.Join(dir, "f.py")
			must(t, os.WriteFile(p, []byte(content), 0o644))
			g := &partGoal{lang: lang.Of("f.py")}
			g.want("Wanted", defined)
			src, _, whole, ok := readCodePart(p, openIn{}, maxCodeFile, nil, 0, g.enough)
			if !ok || !strings.HasPrefix(content, string(src)) {
				t.Fatalf("at %d: not read, or no prefix", at)
			}
			part := src[:bytes.LastIndexByte(src, '\n')+1]
			has := bytes.Contains(part, []byte("class Wanted:\n"))
			switch {
			case at < 0 && !whole:
				t.Errorf("no Wanted: a part of %d bytes", len(src))
			case at > 0 && !has:
				t.Errorf("Wanted at %d (defined %v): a part of %d bytes without its line", at, defined, len(src))
			case at > 0 && at < 2000 && (whole || len(src) > 2*at*line+16<<10):
				t.Errorf("Wanted at %d: read %d bytes (whole %v)", at, len(src), whole)
			}
		}
	}
}

// A part holds a definition as the whole file does: Defines judges a line
// alone, so a prefix of whole lines defines a name exactly when the whole
// file defines it on one of those lines (partGoal rests on it).
func TestDefinesOnAPrefixOfWholeLines(t *testing.T) {
	cases := map[string]string{
		"a.py": "@decorator\ndef f(\n    a,\n):\n    pass\n\nclass C(\n    B,\n):\n    x = 1\n\nasync def g(): pass\n",
		"a.ts": "export const X: Foo<\n  Bar\n> = 1;\nexport function y(\n  a: number,\n) {}\n@Component({})\nexport class Z {}\n",
		"a.go": "func (r *T) M(\n\ta int,\n) {}\n\ntype (\n\tA int\n\tB int\n)\n",
		"a.rb": "class K\n  def m?\n  end\nend\n",
	}
	for file, src := range cases {
		l := lang.Of(file)
		for _, d := range l.Definitions([]byte(src)) {
			at := l.DefinedAt([]byte(src), d.Name)
			for cut, n := 0, 0; cut <= len(src); n++ {
				prefix := []byte(src[:cut])
				want := len(at) > 0 && at[0] <= n
				if got := l.Defines(prefix, d.Name); got != want {
					t.Errorf("%s: the first %d lines define %s: %v, want %v", file, n, d.Name, got, want)
				}
				k := strings.IndexByte(src[cut:], '\n')
				if k < 0 {
					break
				}
				cut += k + 1
			}
		}
	}
}

// partGoal.enough judges whole lines only: a line cut short by the end
// of a read ("Wanted" of "WantedMore", "class Wanted" of "class
// Wanted2:") answers nothing until the rest of it is read.
func TestPartGoalJudgesWholeLines(t *testing.T) {
	src := pyNumbered(200, nil) + "x = WantedMore()\nclass Wanted2:\n    pass\n" + pyNumbered(200, nil)
	for _, defined := range []bool{false, true} {
		for _, cut := range []string{"x = Wanted", "class Wanted"} {
			g := &partGoal{lang: lang.Of("f.py")}
			g.want("Wanted", defined)
			end := strings.Index(src, cut) + len(cut)
			if g.enough([]byte(src[:end])) || g.enough([]byte(src[:end+1])) || g.enough([]byte(src)) {
				t.Errorf("cut after %q (defined %v): Wanted found", cut, defined)
			}
		}
	}
}
