package validate

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// defsEntry cites names next to a path that does not define them, so
// that each finding says where the name is defined (once: "it is defined
// at path:line"; twice or more: "fix the name or the path"; nowhere: the
// same).
func defsEntry(names ...string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n")
	for _, n := range names {
		b.WriteString("`" + n + "` (`workspace/nav.go:7`).\n\n")
	}
	return b.String()
}

// defsRepo is cacheRepo with sources defining Alpha, Beta and Gamma, and
// an entry asking them.
func defsRepo(t *testing.T) (root string, write func(rel, content string), cite func(names ...string)) {
	root = cacheRepo(t)
	write = func(rel, content string) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, []byte(content), 0o644))
	}
	cite = func(names ...string) {
		write("handbook/engineering/backend-development/e.mdx", defsEntry(names...))
	}
	write("server/a.py", "class Alpha:\n    pass\n")
	write("server/b.py", "\n\nclass Beta:\n    pass\n")
	write("server/c.py", "\n\n\n\nclass Gamma:\n    pass\n\ndef gamma_too():\n    pass\n")
	cite("Alpha", "Beta", "Gamma")
	return root, write, cite
}

// sameAsWithout runs lint with the caches as they are and again without
// any, and fails unless the findings are the same and hold each of want.
func sameAsWithout(t *testing.T, root string, want ...string) (read []string) {
	t.Helper()
	got, read := cacheRun(t, root)
	saved := filepath.Join(root, ".git", "handbook-saved")
	must(t, os.Rename(filepath.Join(root, ".git", "handbook"), saved))
	without, _ := cacheRun(t, root)
	must(t, os.RemoveAll(filepath.Join(root, ".git", "handbook")))
	must(t, os.Rename(saved, filepath.Join(root, ".git", "handbook")))
	if !slices.Equal(got, without) {
		t.Errorf("with the caches:\n%q\nwithout them:\n%q", got, without)
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, w) }) {
			t.Errorf("no finding says %q: %q", w, got)
		}
	}
	return read
}

func readSources(read []string) []string {
	var out []string
	for _, r := range read {
		if s, ok := strings.CutPrefix(r, "source "); ok {
			out = append(out, s)
		}
	}
	return out
}

// Each way the sources can change between runs gives, from the
// definitions cache, the findings a run without it gives; and a run reads
// only the sources that changed.
func TestDefinitionsCacheSeesChanges(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, root string, write func(rel, content string), cite func(names ...string))
		want   []string
		read   []string // the sources the run after the change reads
	}{
		{"nothing", func(*testing.T, string, func(string, string), func(...string)) {},
			[]string{"Alpha is not in `workspace/nav.go`; it is defined at server/a.py:1", "Beta is not in `workspace/nav.go`; it is defined at server/b.py:3"}, nil},
		// A name the last runs did not ask is answered without a read.
		{"a name not asked before", func(t *testing.T, root string, write func(string, string), cite func(...string)) {
			cite("Alpha", "gamma_too")
		}, []string{"gamma_too is not in `workspace/nav.go`; it is defined at server/c.py:8"}, nil},
		{"an edit", func(t *testing.T, root string, write func(string, string), cite func(...string)) {
			write("server/b.py", "class Beta:\n    pass\n\nclass Alpha:\n    pass\n")
		}, []string{"Alpha is not in `workspace/nav.go`; fix the name", "Beta is not in `workspace/nav.go`; it is defined at server/b.py:1"}, []string{"server/b.py"}},
		// Same size, the old modification time: only the change time says.
		{"a same-size edit with the old mtime", func(t *testing.T, root string, write func(string, string), cite func(...string)) {
			p := filepath.Join(root, "server", "a.py")
			fi, err := os.Stat(p)
			must(t, err)
			write("server/a.py", "class Alphb:\n    pass\n")
			must(t, os.Chtimes(p, fi.ModTime(), fi.ModTime()))
		}, []string{"Alpha is not in `workspace/nav.go`; fix the name"}, []string{"server/a.py"}},
		{"a new source", func(t *testing.T, root string, write func(string, string), cite func(...string)) {
			write("server/new/d.py", "def Gamma():\n    pass\n")
		}, []string{"Gamma is not in `workspace/nav.go`; fix the name", "Alpha is not in `workspace/nav.go`; it is defined at server/a.py:1"}, []string{"server/new/d.py"}},
		{"a source removed", func(t *testing.T, root string, write func(string, string), cite func(...string)) {
			must(t, os.Remove(filepath.Join(root, "server", "a.py")))
		}, []string{"Alpha is not in `workspace/nav.go`; fix the name", "Beta is not in `workspace/nav.go`; it is defined at server/b.py:3"}, nil},
		{"a source renamed", func(t *testing.T, root string, write func(string, string), cite func(...string)) {
			must(t, os.Rename(filepath.Join(root, "server", "b.py"), filepath.Join(root, "server", "bb.py")))
		}, []string{"Beta is not in `workspace/nav.go`; it is defined at server/bb.py:3"}, []string{"server/bb.py"}},
		{"a source ignored", func(t *testing.T, root string, write func(string, string), cite func(...string)) {
			write("server/.gitignore", "c.py\n")
		}, []string{"Gamma is not in `workspace/nav.go`; fix the name", "Beta is not in `workspace/nav.go`; it is defined at server/b.py:3"}, nil},
		{"a source turned binary", func(t *testing.T, root string, write func(string, string), cite func(...string)) {
			write("server/a.py", "class Alpha:\n    pass\n\x00")
		}, []string{"Alpha is not in `workspace/nav.go`; fix the name"}, []string{"server/a.py"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root, write, cite := defsRepo(t)
			settled(t)
			cacheRun(t, root) // writes the caches
			time.Sleep(15 * time.Millisecond)
			tc.change(t, root, write, cite)
			read := sameAsWithout(t, root, tc.want...)
			if got := readSources(read); !slices.Equal(got, tc.read) {
				t.Errorf("the run read the sources %q, want %q", got, tc.read)
			}
			// And the run after it, from the cache it wrote.
			read = sameAsWithout(t, root, tc.want...)
			if got := readSources(read); len(got) > 0 {
				t.Errorf("the next run read the sources %q again", got)
			}
		})
	}
}

// Sources that go shift the places of those after them in the cache: a
// cache written after a removal must point each definition at its own
// file, and a name asked only later finds it there.
func TestDefinitionsCacheRenumbersSources(t *testing.T) {
	root, _, cite := defsRepo(t)
	settled(t)
	cacheRun(t, root)
	time.Sleep(15 * time.Millisecond)
	must(t, os.Remove(filepath.Join(root, "server", "a.py")))
	cacheRun(t, root) // writes the cache without a.py
	cite("Beta", "Gamma", "gamma_too")
	read := sameAsWithout(t, root, "Beta is not in `workspace/nav.go`; it is defined at server/b.py:3", "Gamma is not in `workspace/nav.go`; it is defined at server/c.py:5", "gamma_too is not in `workspace/nav.go`; it is defined at server/c.py:8")
	if got := readSources(read); len(got) > 0 {
		t.Errorf("read the sources %q", got)
	}
}

// A source changed just before the run is not kept (its stat data could
// stay the same through another change in the same tick): the next run
// reads it again.
func TestDefinitionsCacheSkipsFreshSources(t *testing.T) {
	root, write, _ := defsRepo(t)
	settled(t)
	cacheRun(t, root)
	cacheNow = time.Now // from here on, files changed now are fresh
	time.Sleep(15 * time.Millisecond)
	write("server/b.py", "class Beta:\n    pass\n")
	for range 2 {
		read := sameAsWithout(t, root, "Beta is not in `workspace/nav.go`; it is defined at server/b.py:1")
		if got := readSources(read); !slices.Equal(got, []string{"server/b.py"}) {
			t.Errorf("read the sources %q, want server/b.py each run", got)
		}
	}
}

// A cache whose checksum holds but whose record of a name cannot be read
// (never written so) answers nothing: the files do.
func TestDefinitionsCacheDamagedRecord(t *testing.T) {
	root, _, _ := defsRepo(t)
	settled(t)
	cacheRun(t, root)
	x := newRepoIndex(refRepoOpen(t, root))
	c := x.defsCache()
	if c.names() < 3 {
		t.Fatalf("the cache holds %d names", c.names())
	}
	// Every record's offset past the end, the checksum made again.
	var e encoder
	e.b = []byte(defsCacheMagic)
	e.key(x.cacheStore().exe)
	e.str(root)
	e.uvarint(uint64(len(c.paths)))
	e.str(strings.Join(c.paths, "\x00"))
	for _, k := range c.keys {
		e.key(k)
	}
	e.uvarint(uint64(c.names()))
	e.str(strings.Repeat("\xff\xff\xff\x7f", c.names()))
	e.str(c.records)
	must(t, os.WriteFile(filepath.Join(root, ".git", "handbook", defsCacheName), appendSum(e.b), 0o644))
	if d := newRepoIndex(refRepoOpen(t, root)).defsCache(); d.names() != c.names() {
		t.Fatalf("the damaged cache was not read: %d names", d.names())
	}
	read := sameAsWithout(t, root, "Alpha is not in `workspace/nav.go`; it is defined at server/a.py:1")
	if len(readSources(read)) == 0 {
		t.Errorf("the damaged cache answered")
	}
}

// A repository with more sources than the cache keeps has its names
// scanned for one by one (as where no cache can be kept), not every
// definition listed each run for a cache that is never written.
func TestDefinitionsCacheTooManySources(t *testing.T) {
	root, _, _ := defsRepo(t)
	settled(t)
	defer func(n int) { maxCachedSources = n }(maxCachedSources)
	maxCachedSources = 2
	x := newRepoIndex(refRepoOpen(t, root))
	if got := x.defsOf("Beta"); len(got) != 1 || got[0].path != "server/b.py" {
		t.Errorf("Beta: %v", got)
	}
	if x.defs.indexed || x.defs.listed.Load() {
		t.Errorf("every definition was listed for a cache that cannot be kept")
	}
}
