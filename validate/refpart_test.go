package validate

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/handbook-dev/handbook/workspace"
)

// numbered is a Go file of n lines, var declarations but for the lines of
// defs (line → name), which define a func; with a newline at its end
// unless noEOL.
func numbered(n int, defs map[int]string, noEOL bool) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if name, ok := defs[i]; ok {
			fmt.Fprintf(&b, "func %s() {}\n", name)
		} else {
			fmt.Fprintf(&b, "var v%d = %d // a line of about fifty bytes, as code\n", i, i)
		}
	}
	if noEOL {
		return strings.TrimSuffix(b.String(), "\n")
	}
	return b.String()
}

// partEntry cites the files partRepo adds in the ways a file may be read
// in part or must be read whole.
const partEntry = "---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n" +
	// Held: read up to line 20.
	"`Target` (`part/held.go:10`), `part/held.go:5-20`.\n\n" +
	// The symbol moved far below what a part holds.
	"`Far` (`part/moved.go:12`).\n\n" +
	// Past the end: the message gives the whole count.
	"`part/past.go:5000`, `part/past.go:3-6`.\n\n" +
	// The last line of a file without a newline at its end, and one
	// before it.
	"`part/noeol.go:500`, `Last` (`part/noeol.go:499`).\n\n" +
	// A NUL past the 8,000 bytes git looks at: text; one before: binary.
	"`part/nullate.go:2`, `part/binary.go:2`, `part/binary.go:90000`.\n\n" +
	// A line too long to keep in the memo.
	"`Long` (`part/longline.go:3`).\n\n" +
	// Cited by lines and by name without lines: read whole.
	"`part/both.go:2`; `Deep` (`part/both.go`).\n\n" +
	// A reversed range.
	"`part/reversed.go:30-4`.\n"

// partRepo is refRepoWith plus the files partEntry cites; keep says
// whether its runs keep caches (else .git/handbook is a file: none can be
// kept, as in a first run).
func partRepo(t *testing.T, keep bool) *workspace.Workspace {
	ws := refRepoWith(t, "", true)
	long := strings.Repeat("x", maxCachedLine+10)
	files := map[string]string{
		"part/held.go":     numbered(3000, map[int]string{10: "Target"}, false),
		"part/moved.go":    numbered(3000, map[int]string{2900: "Far"}, false),
		"part/past.go":     numbered(3000, nil, false),
		"part/noeol.go":    numbered(500, map[int]string{499: "Last"}, true),
		"part/nullate.go":  numbered(200, nil, false)[:9000] + "\x00" + numbered(2000, nil, false),
		"part/binary.go":   numbered(20, nil, false) + "\x00" + numbered(3000, nil, false),
		"part/longline.go": "package part\n\n// Long " + long + "\nfunc Long() {}\n" + numbered(3000, nil, false),
		"part/both.go":     numbered(3000, map[int]string{2500: "Deep"}, false),
		"part/reversed.go": numbered(3000, nil, false),
	}
	addCitedFiles(t, ws, files, keep, partEntry)
	return ws
}

// addCitedFiles adds files (path from the root → content) to ws's
// repository and the entry e.mdx to its section; keep says whether its
// runs keep caches (else .git/handbook is a file: none can be kept, as in
// a first run).
func addCitedFiles(t *testing.T, ws *workspace.Workspace, files map[string]string, keep bool, entry string) {
	t.Helper()
	for rel, content := range files {
		writeRel(t, ws.Root, rel, content)
	}
	gitIn(t, ws.Root)("add", "-A")
	if !keep {
		dir := filepath.Join(ws.Root, ".git", "handbook")
		must(t, os.Remove(dir))
		must(t, os.WriteFile(dir, nil, 0o644))
	}
	must(t, os.WriteFile(filepath.Join(ws.Section, "e.mdx"), []byte(entry), 0o644))
}

// partFindings lints entry in a first run of the repository makeRepo
// builds (no cache can be kept: files are read in part) and checks that
// its reference findings are those of checks that read each file whole:
// as they go, in a run that keeps the cache, and in the warm run after
// that one. It returns them.
func partFindings(t *testing.T, makeRepo func(keep bool) *workspace.Workspace, entry string, drift bool) []string {
	t.Helper()
	cold := makeRepo(false)
	got, _ := partLint(t, cold.Root, drift)
	l2, err := New(refRepoOpen(t, cold.Root))
	must(t, err)
	if !drift {
		delete(l2.severity, RuleRefDrift)
	}
	var asTheyGo []string
	for _, f := range l2.File(filepath.Join(cold.Section, "e.mdx"), []byte(entry)) {
		if strings.HasPrefix(f.Rule, "ref-") {
			asTheyGo = append(asTheyGo, fmt.Sprintf("%d:%d %s: %s", f.Line, f.Column, f.Rule, f.Message))
		}
	}
	kept := makeRepo(true)
	settled(t)
	first, _ := partLint(t, kept.Root, drift)
	warm, _ := partLint(t, kept.Root, drift)
	for name, want := range map[string][]string{"as they go": asTheyGo, "cache kept": first, "warm": warm} {
		if !slices.Equal(got, want) {
			t.Errorf("first run, read in part:\n%q\n%s:\n%q", got, name, want)
		}
	}
	return got
}

// partHolding cites the files partRepo adds by references that hold
// only: no check looks further than the cited lines.
const partHolding = "---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n" +
	"`Target` (`part/held.go:10`), `part/held.go:5-20`, `part/nullate.go:2`, `part/binary.go:2`,\n" +
	"`part/reversed.go:30-4`, `part/noeol.go:500`, `part/both.go:2`; `Deep` (`part/both.go`).\n"

// partLint lints partEntry with a new linter, with drift or not, and
// returns its reference findings and the linter.
func partLint(t *testing.T, root string, drift bool) ([]string, *Linter) {
	t.Helper()
	l, err := New(refRepoOpen(t, root))
	must(t, err)
	if !drift {
		delete(l.severity, RuleRefDrift)
	}
	rep, failed, err := l.lint(&fileSet{files: []string{filepath.Join(l.ws.Section, "e.mdx")}})
	must(t, err)
	if len(failed) > 0 {
		t.Fatalf("unreadable: %v", failed)
	}
	var out []string
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.Rule, "ref-") {
			out = append(out, fmt.Sprintf("%d:%d %s: %s", f.Line, f.Column, f.Rule, f.Message))
		}
	}
	return out, l
}

// A first run reads a cited file only up to its last cited line when its
// references cite lines and hold, and gives the findings of checks that
// read every file whole (as they go, or with a cache kept): a reference
// that does not hold, a line past the end, a name without lines or a
// binary file all see the whole file.
func TestPartialReadsGiveTheSameFindings(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("files are read whole here")
	}
	for _, drift := range []bool{false, true} {
		t.Run(fmt.Sprintf("drift=%v", drift), func(t *testing.T) {
			got := partFindings(t, func(keep bool) *workspace.Workspace { return partRepo(t, keep) }, partEntry, drift)
			if len(got) < 3 {
				t.Fatalf("too few findings: %q", got)
			}
			for _, w := range []string{"Far is at part/moved.go:2900", "`part/past.go` has 3000 lines", "30-4 of `part/reversed.go`"} {
				if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, w) }) {
					t.Errorf("no finding says %q: %q", w, got)
				}
			}
		})
	}
	// Which files are read in part, in a run where every reference holds
	// (see TestPartialReadsAfterABrokenReference for one that does not).
	ws := partRepo(t, false)
	must(t, os.WriteFile(filepath.Join(ws.Section, "e.mdx"), []byte(partHolding), 0o644))
	if got, l := partLint(t, ws.Root, false); len(got) != 1 || !strings.Contains(got[0], "30-4") {
		t.Errorf("findings %q, want only the reversed range's", got)
	} else {
		for rel, partial := range map[string]bool{
			"part/held.go": true, "part/nullate.go": true, "part/reversed.go": true,
			"part/noeol.go": false, "part/binary.go": false, "part/both.go": false,
		} {
			f := l.repo.srcs[rel]
			if f == nil {
				t.Errorf("%s was not read", rel)
				continue
			}
			if f.partial != partial {
				t.Errorf("%s read in part: %v, want %v (%d lines)", rel, f.partial, partial, f.lines)
			}
		}
	}
}

// Without drift, a reference that does not hold keeps only its own
// file's text: the files read after it are still read in part, since
// where the name went is looked for below that file's folder only. With
// drift the checks may list every source's definitions, so the files read
// after it keep their whole text, for those lookups.
func TestPartialReadsAfterABrokenReference(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("files are read whole here")
	}
	// One worker: prefetch reads the files in the entry's order, the
	// broken reference's first.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	ws := partRepo(t, false)
	entry := "---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n" +
		"`Far` (`part/moved.go:12`), `Target` (`part/held.go:10`), `part/reversed.go:3-4`.\n"
	must(t, os.WriteFile(filepath.Join(ws.Section, "e.mdx"), []byte(entry), 0o644))
	for _, drift := range []bool{false, true} {
		got, l := partLint(t, ws.Root, drift)
		if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "Far is at part/moved.go:2900") }) {
			t.Errorf("drift %v: no finding says where Far is: %q", drift, got)
		}
		for rel, partial := range map[string]bool{"part/moved.go": false, "part/held.go": !drift, "part/reversed.go": !drift} {
			if f := l.repo.srcs[rel]; f == nil || f.partial != partial {
				t.Errorf("drift %v: %s read in part: %v, want %v", drift, rel, f != nil && f.partial, partial)
			}
		}
	}
}

// A file read in part knows it has at least the lines read, and reads
// the rest when asked about a line past them or its count; never a line
// cut short or a count of the part.
func TestPartialFileReadsTheRestWhenAsked(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("files are read whole here")
	}
	ws := partRepo(t, false)
	must(t, os.WriteFile(filepath.Join(ws.Section, "e.mdx"), []byte(partHolding), 0o644))
	_, l := partLint(t, ws.Root, false)
	f := l.repo.srcs["part/held.go"]
	if f == nil || !f.partial || f.lines < 20 || f.lines >= 3000 {
		t.Fatalf("part/held.go not read in part: %+v", f)
	}
	if f.src != nil {
		t.Errorf("the part was kept")
	}
	want := strings.Split(numbered(3000, map[int]string{10: "Target"}, false), "\n")
	if !f.hasLine(f.lines) || f.src != nil {
		t.Errorf("a line read was asked for again")
	}
	next := f.lines + 1 // the line the part may cut short
	if got := string(f.line(next)); got != want[next-1] {
		t.Errorf("line %d = %q, want %q", next, got, want[next-1])
	}
	for _, n := range []int{2999, 3000} {
		if !f.hasLine(n) || string(f.line(n)) != want[n-1] {
			t.Errorf("line %d = %q (has it: %v), want %q", n, f.line(n), f.hasLine(n), want[n-1])
		}
	}
	if f.hasLine(3001) || f.line(3001) != nil || f.lineCount() != 3000 {
		t.Errorf("count %d, has line 3001 %v: want 3000 lines", f.lineCount(), f.hasLine(3001))
	}
	if at, ok := f.nearestDefinition("Target", 2000); !ok || at != 10 {
		t.Errorf("Target found at %d, %v; want 10", at, ok)
	}
}

// The cited files' cache keeps a file's whole count, never the lines a
// part holds: a later run takes the cache's count for the file's (a line
// past them would be "past the end").
func TestCitedCacheKeepsWholeCountOfAPart(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("cited files are cached on Linux only")
	}
	ws := partRepo(t, true)
	settled(t)
	rel := "part/held.go"
	abs := filepath.Join(ws.Root, filepath.FromSlash(rel))
	f := &codeFile{path: rel, abs: abs, lines: 20, partial: true, cached: true, fresh: true, key: lstatKey(abs)}
	store := openCacheStore(filepath.Join(ws.Root, ".git"), ws.Root)
	(&citedCache{store: store, files: map[string]*cachedFile{}}).save(map[string]*codeFile{rel: f})
	e := openCitedCache(openCacheStore(filepath.Join(ws.Root, ".git"), ws.Root)).files[rel]
	if e == nil || e.lines != 3000 {
		t.Fatalf("cached entry %+v, want 3000 lines", e)
	}
	// And a run over it: the line past the part is no finding.
	must(t, os.WriteFile(filepath.Join(ws.Section, "e.mdx"), []byte("---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n`part/held.go:2999`, `part/held.go:3001`\n"), 0o644))
	got, _ := partLint(t, ws.Root, false)
	if len(got) != 1 || !strings.Contains(got[0], "has 3000 lines, so line 3001 is past its end") {
		t.Errorf("findings %q, want only line 3001 past the end of 3000 lines", got)
	}
}

// readCodePart gives a prefix of the file holding the lines asked for
// and git's binary test's bytes, or the whole file (whole true); over many
// shapes of file.
func TestReadCodePartGivesAPrefix(t *testing.T) {
	dir := t.TempDir()
	var cases []string
	for _, n := range []int{0, 1, 2, 50, 300, 3000, 40000} {
		for _, eol := range []bool{true, false} {
			cases = append(cases, numbered(n, nil, !eol))
		}
	}
	cases = append(cases, strings.Repeat("\n", 30000), strings.Repeat("y", 70000)+"\n"+numbered(100, nil, false),
		numbered(5, nil, false)+strings.Repeat("z", 100000)+"\n"+numbered(5, nil, false))
	for i, content := range cases {
		p := filepath.Join(dir, fmt.Sprint(i))
		must(t, os.WriteFile(p, []byte(content), 0o644))
		total := strings.Count(content, "\n")
		for _, lines := range []int{-1, 0, 1, 2, 7, 49, 50, 51, 299, 2999, 3000, 3001, 20000, 39999, 40001} {
			for _, buf := range [][]byte{nil, make([]byte, 0, 16), make([]byte, 0, 1<<20)} {
				src, _, whole, ok := readCodePart(p, openIn{}, maxCodeFile, buf, lines, nil)
				if !ok {
					t.Fatalf("case %d: not read", i)
				}
				switch {
				case whole && string(src) != content:
					t.Errorf("case %d, %d lines: whole, %d bytes of %d", i, lines, len(src), len(content))
				case whole:
				case lines < 0 || !strings.HasPrefix(content, string(src)) || len(src) >= len(content):
					t.Errorf("case %d, %d lines: a part of %d bytes of %d that is no prefix", i, lines, len(src), len(content))
				case bytes.Count(src, []byte("\n")) < lines || bytes.Count(src, []byte("\n")) > total || len(src) < binaryPrefix:
					t.Errorf("case %d, %d lines: a part of %d bytes, %d newlines", i, lines, len(src), bytes.Count(src, []byte("\n")))
				}
				if runtime.GOOS != "windows" && i < 14 && lines >= 0 && lines < total/4 && len(content) > 64<<10 && whole {
					t.Errorf("case %d: %d of %d lines asked, and %d bytes read whole", i, lines, total, len(content))
				}
			}
		}
	}
}

// A first run opens each cited file relative to its folder, which the
// probe holds open from looking the path up, not by its whole path.
func TestCitedFilesOpenedInTheirFolder(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the probe holds folders open on Linux only")
	}
	ws := partRepo(t, false)
	var mu sync.Mutex
	opened := map[string]bool{}
	spared := map[string]bool{}
	openInHook = func(rel, what string, yes bool) {
		mu.Lock()
		defer mu.Unlock()
		if what == "stat" {
			spared[rel] = yes
			return
		}
		opened[rel] = yes
	}
	defer func() { openInHook = nil }()
	got, _ := partLint(t, ws.Root, false)
	// Read in part, whole, and (once a reference did not hold) whole
	// with the text kept.
	for _, rel := range []string{"part/held.go", "part/moved.go", "part/past.go", "part/noeol.go", "part/nullate.go",
		"part/binary.go", "part/longline.go", "part/both.go", "part/reversed.go"} {
		if inFolder, ok := opened[rel]; !ok || !inFolder {
			t.Errorf("%s: opened in its folder %v (asked: %v); opened: %v", rel, inFolder, ok, opened)
		}
		// No cache keeps its stat data: the probe's lstat stands for fstat.
		if !spared[rel] {
			t.Errorf("%s: fstat'ed, though the probe's stat was there", rel)
		}
	}
	// (TestPartialReadsGiveTheSameFindings compares the findings with
	// checks that open the files by path.)
	_ = got
}

// The probe's stat data stand for the open file's, taken before the file
// is read: a file changed since (longer, shorter, no longer a regular
// file) reads as it is now, as when fstat'ed.
func TestReadCodePartWithStaleStat(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no stat data to give here")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "f.go")
	other := filepath.Join(dir, "other.go")
	content := numbered(3000, nil, false)
	must(t, os.WriteFile(p, []byte(content), 0o644))
	for _, n := range []int{0, 10, 2999, len(content) - 1, len(content) + 1, len(content) * 2} {
		must(t, os.WriteFile(other, bytes.Repeat([]byte("x"), n), 0o644))
		fi, err := os.Lstat(other)
		must(t, err)
		for _, lines := range []int{-1, 5, 2500, 4000} {
			want, wkey, wwhole, wok := readCodePart(p, openIn{}, maxCodeFile, nil, lines, nil)
			got, gkey, gwhole, gok := readCodePart(p, openIn{stat: fi.Sys()}, maxCodeFile, nil, lines, nil)
			if gok != wok || !strings.HasPrefix(content, string(got)) || gwhole && string(got) != content || (wwhole && gwhole) && string(got) != string(want) {
				t.Errorf("stat of %d bytes, %d lines: %d bytes (whole %v, ok %v), want %d (whole %v, ok %v)", n, lines, len(got), gwhole, gok, len(want), wwhole, wok)
			}
			if !gwhole && bytes.Count(got, []byte("\n")) < lines {
				t.Errorf("stat of %d bytes, %d lines: a part of %d newlines", n, lines, bytes.Count(got, []byte("\n")))
			}
			_, _ = wkey, gkey
		}
	}
	// A folder's stat data, or a path now a folder: not read as a file.
	fi, err := os.Lstat(dir)
	must(t, err)
	if got, _, _, ok := readCodePart(p, openIn{stat: fi.Sys()}, maxCodeFile, nil, -1, nil); !ok || string(got) != content {
		t.Errorf("with a folder's stat data: %d bytes, %v; want the file", len(got), ok)
	}
	fi, err = os.Lstat(p)
	must(t, err)
	if got, _, _, ok := readCodePart(dir, openIn{stat: fi.Sys()}, maxCodeFile, nil, -1, nil); ok || got != nil {
		t.Errorf("a folder read with a file's stat data: %d bytes, %v", len(got), ok)
	}
}

// A file read in part that shrinks before the rest is read keeps the
// lines it was told to have: no answer of the run says it has fewer lines
// than another did (a line cited and found is never "past the end").
func TestPartialFileShrunkKeepsItsLines(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("files are read whole here")
	}
	ws := partRepo(t, false)
	must(t, os.WriteFile(filepath.Join(ws.Section, "e.mdx"), []byte(partHolding), 0o644))
	_, l := partLint(t, ws.Root, false)
	f := l.repo.srcs["part/held.go"]
	if f == nil || !f.partial {
		t.Fatalf("part/held.go not read in part: %+v", f)
	}
	told := f.lines
	writeRel(t, ws.Root, "part/held.go", numbered(5, nil, false))
	if n := f.lineCount(); n < told || !f.hasLine(told) {
		t.Errorf("after the file shrank: %d lines, has line %d: %v; it was told to have %d at least", n, told, f.hasLine(told), told)
	}
}
