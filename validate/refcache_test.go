package validate

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/walk"
)

// cacheEntry is an entry citing code in most of the ways the reference
// rules check: lines that hold their symbol and lines that do not, ranges
// past the end, imports defined, re-exported and not, a binary and a
// 100,000-line file.
const cacheEntry = "---\ntitle: \"T\"\ndescription: \"D\"\n---\n\n" +
	"`findGroupContainer` (`workspace/nav.go:5`) and `findGroupContainer` (`workspace/nav.go:7`).\n\n" +
	"`noSuchThing`, `workspace/nav.go:7`; `MetadataMixin` (`workspace/nav.go:7`).\n\n" +
	"Bare names: `Other26`, `set_key()`, `NotDefinedAnywhere`.\n\n" +
	"Odd paths: `café` (`docs with space/naïve_ünïcode.py:1`), `docs with space/my file.go:3`, `link2.go:3`, `link/passwd:1`, `../../../etc/passwd`, [m](https://[::1).\n\n" +
	"`findGroupContainer` in `workspace/nav.go`; `workspace/nav.go:5-12` and `workspace/nav.go:500`.\n\n" +
	"`MetadataMixin` (`pkg/kit/metadata.py:2`), `data/blob.bin:2`, `big/huge.go:99999`, `big/huge.go:100001`.\n\n" +
	"```python\nfrom pkg.kit.metadata import MetadataMixin, Nope\nfrom pkg.kit import (\n    Reexported,\n    Other26,\n)\n```\n\n" +
	"```ts\nimport { fetchUser, nope } from \"@/lib/api\";\n```\n"

// cacheRun lints the entry of the repository at ws's root with a new
// linter, as `handbook lint` does (the cache is read and written), and
// returns its findings and the cited files it read.
func cacheRun(t *testing.T, root string) (findings []string, read []string) {
	t.Helper()
	ws := refRepoOpen(t, root)
	l, err := New(ws)
	must(t, err)
	delete(l.severity, RuleRefDrift) // lint without drift
	var mu sync.Mutex
	citedReadHook = func(rel string) {
		mu.Lock()
		defer mu.Unlock()
		read = append(read, rel)
	}
	sourceReadHook = func(abs string) {
		mu.Lock()
		defer mu.Unlock()
		rel, _ := filepath.Rel(root, abs)
		read = append(read, "source "+filepath.ToSlash(rel))
	}
	probeHook = func(rel string) {
		mu.Lock()
		defer mu.Unlock()
		read = append(read, "probe "+rel)
	}
	walkHook = func() {
		mu.Lock()
		defer mu.Unlock()
		read = append(read, "walk")
	}
	defer func() { citedReadHook, sourceReadHook, probeHook, walkHook = nil, nil, nil, nil }()
	rep, failed, err := l.lint(&fileSet{files: []string{filepath.Join(ws.Section, "e.mdx")}})
	must(t, err)
	if len(failed) > 0 {
		t.Fatalf("unreadable: %v", failed)
	}
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.Rule, "ref-") {
			findings = append(findings, f.Rule+": "+f.Message)
		}
	}
	slices.Sort(findings)
	slices.Sort(read)
	return findings, read
}

// settled makes the files of the repository old enough to be cached, by
// moving the cache's clock an hour on.
func settled(t *testing.T) {
	cacheNow = func() time.Time { return time.Now().Add(time.Hour) }
	t.Cleanup(func() { cacheNow = time.Now })
}

func cacheRepo(t *testing.T) string {
	if runtime.GOOS != "linux" {
		t.Skip("cited files are cached on Linux only")
	}
	ws := refRepoWith(t, "", true)
	must(t, os.WriteFile(filepath.Join(ws.Section, "e.mdx"), []byte(cacheEntry), 0o644))
	searchWholeRepository(t) // the caches of the repository-wide lookups too
	return ws.Root
}

func cacheFile(root string) string { return filepath.Join(root, ".git", "handbook", citedCacheName) }

// A clone's first run (no caches' folder yet: a fresh clone in CI) makes
// the folder and keeps nothing, with the findings of any run; the second
// keeps its caches.
func TestFirstRunOnlyMakesTheCacheFolder(t *testing.T) {
	root := cacheRepo(t)
	dir := filepath.Join(root, ".git", "handbook")
	must(t, os.Remove(dir))
	settled(t)
	first, _ := cacheRun(t, root)
	names, err := os.ReadDir(dir)
	if err != nil || len(names) != 0 {
		t.Fatalf("after the first run the caches' folder holds %v (err %v), want it made and empty", names, err)
	}
	second, _ := cacheRun(t, root)
	if !slices.Equal(first, second) {
		t.Errorf("first run:\n%q\nsecond:\n%q", first, second)
	}
	for _, name := range []string{citedCacheName, defsCacheName} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the second run kept no %s: %v", name, err)
		}
	}
}

func TestCitedCacheGivesTheSameFindings(t *testing.T) {
	root := cacheRepo(t)
	settled(t)
	cold, read := cacheRun(t, root)
	if len(cold) < 8 {
		t.Fatalf("the entry should have many findings, got %q", cold)
	}
	if len(read) == 0 {
		t.Fatalf("a cold run read no cited file")
	}
	for _, name := range []string{citedCacheName, defsCacheName} {
		if _, err := os.Stat(filepath.Join(root, ".git", "handbook", name)); err != nil {
			t.Fatalf("no cache written: %v", err)
		}
	}
	if !slices.ContainsFunc(read, func(s string) bool { return strings.HasPrefix(s, "source ") }) {
		t.Fatalf("the cold run read no source for the definitions: %q", read)
	}
	// A cited file the checks look further in keeps its text, which the
	// definitions index shares. One whose references all hold may not
	// (prefetch: read before a reference that does not hold was seen),
	// and the index reads it again.
	holding := []string{"big/huge.go", "docs with space/my file.go", "docs with space/naïve_ünïcode.py"}
	for _, p := range read {
		if slices.Contains(read, "source "+p) && !slices.Contains(holding, p) {
			t.Errorf("%s was read twice: as a cited file and as a source", p)
		}
	}
	warm, read := cacheRun(t, root)
	if !slices.Equal(warm, cold) {
		t.Errorf("from the cache:\n%q\nwithout it:\n%q", warm, cold)
	}
	if len(read) > 0 {
		t.Errorf("a warm run read %q or asked the probe; the caches should have answered", read)
	}
	// Nothing new was learnt: the caches are not written again.
	before, err := os.Stat(cacheFile(root))
	must(t, err)
	beforeDefs, err := os.Stat(filepath.Join(root, ".git", "handbook", defsCacheName))
	must(t, err)
	cacheRun(t, root)
	if after, err := os.Stat(cacheFile(root)); err != nil || !os.SameFile(before, after) {
		t.Errorf("a run that learnt nothing rewrote the cache")
	}
	if after, err := os.Stat(filepath.Join(root, ".git", "handbook", defsCacheName)); err != nil || !os.SameFile(beforeDefs, after) {
		t.Errorf("a run that learnt nothing rewrote the definitions cache")
	}
}

func TestCitedCacheSeesChanges(t *testing.T) {
	root := cacheRepo(t)
	settled(t)
	cacheRun(t, root)
	// The symbol moves down a line (a longer file), and the module stops
	// defining MetadataMixin, with the same size and an older time.
	nav := filepath.Join(root, "workspace", "nav.go")
	must(t, os.WriteFile(nav, []byte("package workspace\n\n\n// findGroupContainer finds it.\n\nfunc findGroupContainer() {}\n\nfunc other() {}\n\n\n"), 0o644))
	meta := filepath.Join(root, "server", "pkg", "kit", "metadata.py")
	must(t, os.WriteFile(meta, []byte("class MetadataMixes:\n    pass\n"), 0o644))
	old := time.Now().Add(-48 * time.Hour)
	must(t, os.Chtimes(meta, old, old))
	// MetadataMixin is now defined in other.py, a source the entry does
	// not cite: the definitions cache must see it.
	other := filepath.Join(root, "server", "pkg", "kit", "other.py")
	src, err := os.ReadFile(other)
	must(t, err)
	must(t, os.WriteFile(other, append(src, "\nclass MetadataMixin:\n    pass\n"...), 0o644))
	got, read := cacheRun(t, root)
	// (A cited file the definitions index read is not read again, nor a
	// source the lookup below the imported module's folder read first.)
	wasRead := func(p string) bool { return slices.Contains(read, p) || slices.Contains(read, "source "+p) }
	if !wasRead("workspace/nav.go") || !wasRead("server/pkg/kit/metadata.py") || !wasRead("server/pkg/kit/other.py") {
		t.Errorf("changed files were not read again: read %q", read)
	}
	must(t, os.Remove(cacheFile(root)))
	want, _ := cacheRun(t, root)
	if !slices.Equal(got, want) {
		t.Errorf("after a change, with the cache:\n%q\nwithout it:\n%q", got, want)
	}
	for _, w := range []string{"findGroupContainer is at workspace/nav.go:6, not line 5", "MetadataMixin is not defined in pkg.kit.metadata", "MetadataMixin is not in `workspace/nav.go`; it is defined at server/pkg/kit/other.py:32"} {
		if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, w) }) {
			t.Errorf("no finding says %q: %q", w, got)
		}
	}
}

func TestCitedCacheCorruptIsIgnored(t *testing.T) {
	root := cacheRepo(t)
	settled(t)
	want, _ := cacheRun(t, root)
	data, err := os.ReadFile(cacheFile(root))
	must(t, err)
	for name, bad := range map[string][]byte{
		"garbage":   []byte("not a cache at all"),
		"truncated": data[:len(data)/2],
		"flipped":   flip(t, data, "func findGroupContainer"),
		"empty":     nil,
	} {
		must(t, os.WriteFile(cacheFile(root), bad, 0o644))
		must(t, os.WriteFile(filepath.Join(root, ".git", "handbook", defsCacheName), bad, 0o644))
		got, read := cacheRun(t, root)
		if !slices.Equal(got, want) {
			t.Errorf("%s cache: findings\n%q\nwant\n%q", name, got, want)
		}
		if len(read) == 0 {
			t.Errorf("%s cache: answers were taken from it", name)
		}
	}
}

// Files changed just before they were read are not cached: their stat
// data could stay the same through another change in the same tick.
func TestCitedCacheSkipsFreshFiles(t *testing.T) {
	root := cacheRepo(t)
	cacheRun(t, root)
	if _, err := os.Stat(cacheFile(root)); err == nil {
		t.Errorf("files written a moment ago were cached")
	}
	_, read := cacheRun(t, root)
	if len(read) == 0 {
		t.Errorf("fresh files were answered from a cache")
	}
}

func TestCitedCacheOfAnotherBuildOrRoot(t *testing.T) {
	data := []byte(citedCacheMagic)
	var e encoder
	e.b = data
	e.key(fileKey{ino: 1, ctime: 2})
	e.str("/r")
	e.uvarint(0)
	if _, err := decodeCitedCache(appendSum(e.b), "/r", fileKey{ino: 1, ctime: 2}); err != nil {
		t.Fatalf("a well-formed cache does not decode: %v", err)
	}
	if _, err := decodeCitedCache(appendSum(e.b), "/other", fileKey{ino: 1, ctime: 2}); err == nil {
		t.Errorf("another root's cache was used")
	}
	if _, err := decodeCitedCache(appendSum(e.b), "/r", fileKey{ino: 1, ctime: 3}); err == nil {
		t.Errorf("another build's cache was used")
	}
}

func FuzzDecodeCitedCache(f *testing.F) {
	var e encoder
	e.b = []byte(citedCacheMagic)
	e.key(fileKey{ino: 1})
	e.str("/r")
	e.uvarint(1)
	encodeFile(&e, "a.go", &cachedFile{key: fileKey{ino: 2}, lines: 3, memo: fileMemo{lines: map[int][]byte{1: []byte("x")}, answers: map[string][]int{"mX": {1}}}})
	f.Add(appendSum(e.b))
	f.Add([]byte(citedCacheMagic + "\xff\xff\xff\xff"))
	var defs encoder
	defs.b = []byte(defsCacheMagic)
	defs.key(fileKey{ino: 1})
	defs.str("/r")
	defs.uvarint(2)
	defs.str("a.py\x00b.py")
	defs.key(fileKey{ino: 3})
	defs.key(fileKey{ino: 4})
	defs.uvarint(2)
	var recs encoder
	recs.str("X")
	recs.uvarint(2)
	recs.uvarint(0)
	recs.uvarint(4)
	recs.uvarint(9)
	recs.uvarint(1)
	recs.uvarint(1)
	recs.uvarint(2)
	second := len(recs.b)
	recs.str("Y")
	recs.uvarint(0)
	defs.str(string([]byte{0, 0, 0, 0, byte(second), 0, 0, 0}))
	defs.str(string(recs.b))
	f.Add(appendSum(defs.b))
	var paths encoder
	paths.b = []byte(pathsCacheMagic)
	paths.key(fileKey{ino: 1})
	paths.str("/r")
	paths.stamp(stamp{ino: 5})
	encodePyInfo(&paths, &pyIndexInfo{indexed: true, inits: []string{"a/__init__.py"}, topDir: map[string]string{"a": "a/b.py"}})
	paths.uvarint(1)
	paths.str("a")
	paths.stamp(stamp{ino: 6, mode: 0o40755})
	paths.uvarint(0)
	paths.uvarint(1)
	paths.str("a/b.go")
	paths.uvarint(1)
	paths.uvarint(1)
	paths.uvarint(0)
	f.Add(appendSum(paths.b))
	var listing encoder
	listing.b = []byte(listingCacheMagic)
	listing.key(fileKey{ino: 1})
	listing.str("/r")
	listing.uvarint(uint64(len(walk.Env)))
	for range walk.Env {
		listing.str("")
	}
	listing.uvarint(2)
	listing.str("/r")
	listing.uvarint(1)
	listing.stamp(stamp{ino: 7, mode: 0o40755})
	listing.str("/r/.gitignore")
	listing.uvarint(0)
	listing.uvarint(2)
	listing.str("a.py\x00b/c.go")
	listing.uvarint(1)
	listing.uvarint(1)
	f.Add(appendSum(listing.b))
	var subtrees encoder
	subtrees.b = []byte(subtreesCacheMagic)
	subtrees.key(fileKey{ino: 1})
	subtrees.str("/r")
	subtrees.uvarint(uint64(len(walk.Env)))
	for range walk.Env {
		subtrees.str("")
	}
	subtrees.uvarint(1)
	subtrees.str("a")
	subtrees.uvarint(2)
	subtrees.str("/r/a")
	subtrees.uvarint(1)
	subtrees.stamp(stamp{ino: 8, mode: 0o40755})
	subtrees.str("/r/a/.gitignore")
	subtrees.uvarint(0)
	subtrees.uvarint(2)
	subtrees.str("a/b.py\x00a/c/d.py")
	f.Add(appendSum(subtrees.b))
	f.Fuzz(func(t *testing.T, data []byte) {
		if d, err := openDecoder(data, subtreesCacheMagic, "/r", fileKey{ino: 1}); err == nil {
			if env, dirs, err := decodeSubtrees(d); err == nil {
				if len(env) != len(walk.Env) || len(dirs) > maxCachedSubtrees {
					t.Errorf("%d values, %d folders", len(env), len(dirs))
				}
				for dir, s := range dirs {
					if len(s.inputs) > maxListingInputs || len(s.sources) > maxSubtreeSources {
						t.Errorf("%s: %d inputs, %d sources", dir, len(s.inputs), len(s.sources))
					}
				}
			}
		}
		if d, err := openDecoder(data, listingCacheMagic, "/r", fileKey{ino: 1}); err == nil {
			if env, inputs, list, err := decodeListing(d); err == nil && (len(env) != len(walk.Env) || len(inputs) > maxListingInputs || len(list) > maxListed) {
				t.Errorf("%d values, %d inputs, %d files", len(env), len(inputs), len(list))
			}
		}
		files, err := decodeCitedCache(data, "/r", fileKey{ino: 1})
		if err == nil && len(files) > maxCachedFiles {
			t.Errorf("%d files", len(files))
		}
		if d, err := openDecoder(data, pathsCacheMagic, "/r", fileKey{ino: 1}); err == nil {
			d.stamp()
			decodePyInfo(d)
			if _, entries, err := decodePaths(d); err == nil && len(entries) > maxCachedPaths {
				t.Errorf("%d paths", len(entries))
			}
		}
		if d, err := openDecoder(data, defsCacheMagic, "/r", fileKey{ino: 1}); err == nil {
			if c, err := decodeDefs(d); err == nil {
				if len(c.paths) > maxCachedSources || c.names() > maxCachedDefNames {
					t.Errorf("%d sources, %d names", len(c.paths), c.names())
				}
				check := func(defs []cachedDef) {
					for _, def := range defs {
						if def.source < 0 || def.source >= len(c.paths) {
							t.Errorf("a definition in source %d of %d", def.source, len(c.paths))
						}
					}
				}
				for _, name := range []string{"X", "Y", "Z", ""} {
					defs, _ := c.lookup(name) // never a panic
					check(defs)
				}
				for k := range c.names() {
					if _, d, ok := c.record(k); ok {
						defs, _ := c.defs(&d, nil)
						check(defs)
					}
				}
			}
		}
	})
}

func appendSum(b []byte) []byte {
	return binary.LittleEndian.AppendUint32(append([]byte{}, b...), checksum(b))
}

func refRepoOpen(t *testing.T, root string) *workspace.Workspace {
	t.Helper()
	ws, err := workspace.Open(workspace.Options{Root: root})
	must(t, err)
	return ws
}

// flip changes a letter of the text at in data (a cached line).
func flip(t *testing.T, data []byte, at string) []byte {
	i := bytes.Index(data, []byte(at))
	if i < 0 {
		t.Fatalf("%q is not in the cache", at)
	}
	out := append([]byte{}, data...)
	out[i+len(at)-1] ^= 0x20
	return out
}

// Each change to the repository that changes what the probe says of a
// cited path gives, from the paths cache, the findings a run without any
// cache gives.
func TestPathsCacheSeesChanges(t *testing.T) {
	entry := cacheEntry + "\nAlso `workspace/gone.go`, `server/pkg/kit/other.py:26`, `server/pkg/`, `web/src/lib/api.ts:9`, `server/pkg/kit/`, `server/gone/x.py:5`, `link/passwd:50` and `server/extra.py:9`.\n"
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, root string)
	}{
		{"nothing", func(t *testing.T, root string) {}},
		{"a missing file made", func(t *testing.T, root string) {
			must(t, os.WriteFile(filepath.Join(root, "workspace", "gone.go"), []byte("package workspace\n"), 0o644))
		}},
		{"a missing folder made", func(t *testing.T, root string) {
			must(t, os.MkdirAll(filepath.Join(root, "server", "gone"), 0o755))
			must(t, os.WriteFile(filepath.Join(root, "server", "gone", "x.py"), []byte("x = 1\n"), 0o644))
		}},
		{"a symlink to a folder swapped for a folder", func(t *testing.T, root string) {
			must(t, os.Remove(filepath.Join(root, "link")))
			must(t, os.Mkdir(filepath.Join(root, "link"), 0o755))
			must(t, os.WriteFile(filepath.Join(root, "link", "passwd"), []byte("x\n"), 0o644))
		}},
		{"a cited file removed", func(t *testing.T, root string) {
			must(t, os.Remove(filepath.Join(root, "server", "pkg", "kit", "other.py")))
		}},
		{"a folder on the way swapped for a symlink", func(t *testing.T, root string) {
			src := filepath.Join(root, "web", "src")
			must(t, os.Rename(src, filepath.Join(root, "web", "src2")))
			must(t, os.Symlink("src2", src))
		}},
		{"a folder on the way to several cited paths swapped for a symlink", func(t *testing.T, root string) {
			// One row of the cache's table of stamps, which every answer
			// below server/pkg rests on.
			pkg := filepath.Join(root, "server", "pkg")
			must(t, os.Rename(pkg, filepath.Join(root, "server", "pkg2")))
			must(t, os.Symlink("pkg2", pkg))
		}},
		{"a cited folder removed", func(t *testing.T, root string) {
			must(t, os.RemoveAll(filepath.Join(root, "server", "pkg", "kit")))
		}},
		{"an untracked file ignored", func(t *testing.T, root string) {
			must(t, os.WriteFile(filepath.Join(root, ".gitignore"), []byte(".venv/\nextra.py\n"), 0o644))
		}},
		{"untracked and ignored", func(t *testing.T, root string) {
			gitIn(t, root)("rm", "-q", "--cached", "server/pkg/kit/other.py")
			must(t, os.WriteFile(filepath.Join(root, ".gitignore"), []byte(".venv/\nother.py\n"), 0o644))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := cacheRepo(t)
			must(t, os.WriteFile(filepath.Join(root, "handbook", "engineering", "backend-development", "e.mdx"), []byte(entry), 0o644))
			must(t, os.WriteFile(filepath.Join(root, "server", "extra.py"), []byte("x = 1\n"), 0o644)) // untracked
			settled(t)
			cacheRun(t, root)
			if _, err := os.Stat(filepath.Join(root, ".git", "handbook", pathsCacheName)); err != nil {
				t.Fatalf("no paths cache written: %v", err)
			}
			warm, read := cacheRun(t, root)
			// Only the untracked file, and its folder if the probe found it
			// first there, are asked again.
			if slices.ContainsFunc(read, func(s string) bool {
				return strings.HasPrefix(s, "probe ") && s != "probe server/extra.py" && s != "probe server" && s != "probe "
			}) {
				t.Errorf("a warm run asked the probe: %q", read)
			}
			tc.change(t, root)
			got, _ := cacheRun(t, root)
			freshCaches(t, root)
			want, _ := cacheRun(t, root)
			if !slices.Equal(got, want) {
				t.Errorf("with the paths cache:\n%q\nwithout it:\n%q", got, want)
			}
			if tc.name != "nothing" && slices.Equal(want, warm) {
				t.Errorf("the change changed no finding: %q", want)
			}
		})
	}
}

// A temporary file a killed run left is removed by the next write, not one
// another run may be writing now.
func TestCacheSweepsLeftovers(t *testing.T) {
	root := cacheRepo(t)
	dir := filepath.Join(root, ".git", "handbook")
	must(t, os.MkdirAll(dir, 0o755))
	old := filepath.Join(dir, citedCacheName+"-123.tmp")
	recent := filepath.Join(dir, citedCacheName+"-456.tmp")
	must(t, os.WriteFile(old, []byte("half"), 0o600))
	must(t, os.WriteFile(recent, []byte("half"), 0o600))
	past := time.Now().Add(-time.Hour)
	must(t, os.Chtimes(old, past, past))
	settled(t)
	cacheRun(t, root)
	if _, err := os.Stat(old); err == nil {
		t.Errorf("a leftover temporary file was kept")
	}
	if _, err := os.Stat(recent); err != nil {
		t.Errorf("a temporary file being written was removed")
	}
	if _, err := os.Stat(cacheFile(root)); err != nil {
		t.Errorf("no cache written: %v", err)
	}
}

// TestPathsCacheThroughASymlinkedRoot: a repository opened through a
// symlink (--root link, or a shell that cd'd through one) keys a missing
// path whose nearest folder is the root by the root folder's stat data,
// not the link's: a file made at the top then changes the finding at once.
func TestPathsCacheThroughASymlinkedRoot(t *testing.T) {
	root := cacheRepo(t)
	link := filepath.Join(t.TempDir(), "link")
	must(t, os.Symlink(root, link))
	entry := cacheEntry + "\nAlso `NOTES.md:5`, `docs/NOTES.md:5`.\n"
	must(t, os.WriteFile(filepath.Join(root, "handbook", "engineering", "backend-development", "e.mdx"), []byte(entry), 0o644))
	settled(t)
	cacheRun(t, link)
	before, _ := cacheRun(t, link)
	must(t, os.WriteFile(filepath.Join(root, "NOTES.md"), []byte("one\n"), 0o644))
	must(t, os.Mkdir(filepath.Join(root, "docs"), 0o755))
	must(t, os.WriteFile(filepath.Join(root, "docs", "NOTES.md"), []byte("one\n"), 0o644))
	got, _ := cacheRun(t, link)
	freshCaches(t, root)
	want, _ := cacheRun(t, link)
	if !slices.Equal(got, want) {
		t.Errorf("with the paths cache:\n%q\nwithout it:\n%q", got, want)
	}
	if slices.Equal(want, before) {
		t.Errorf("making the files changed no finding: %q", want)
	}
}

// TestCacheSweepStaysInItsFolder: a repository whose path holds glob
// characters sweeps its own leftovers and no other folder's.
func TestCacheSweepStaysInItsFolder(t *testing.T) {
	made := cacheRepo(t)
	parent := t.TempDir()
	root := filepath.Join(parent, "proj [old]")
	must(t, os.Rename(made, root))
	other := filepath.Join(parent, "proj o", ".git", "handbook")
	must(t, os.MkdirAll(other, 0o755))
	dir := filepath.Join(root, ".git", "handbook")
	must(t, os.MkdirAll(dir, 0o755))
	past := time.Now().Add(-time.Hour)
	mine, theirs := filepath.Join(dir, citedCacheName+"-1.tmp"), filepath.Join(other, citedCacheName+"-1.tmp")
	for _, p := range []string{mine, theirs} {
		must(t, os.WriteFile(p, []byte("half"), 0o600))
		must(t, os.Chtimes(p, past, past))
	}
	settled(t)
	cacheRun(t, root)
	if _, err := os.Stat(theirs); err != nil {
		t.Errorf("another repository's file was removed: %v", err)
	}
	if _, err := os.Stat(mine); err == nil {
		t.Errorf("the repository's own leftover was kept")
	}
}

// Each change to the repository that changes the list of its files (or
// which of them git lists) gives, from the listing cache, the findings a
// run without any cache gives: the names defined once, and the only file
// of a missing path's name, rest on that list.
func TestListingCacheSeesChanges(t *testing.T) {
	// A name cited at a place that does not define it is looked for in
	// every source file: the finding says where it is defined.
	entry := cacheEntry + "\nAlso `Listed1` (`workspace/nav.go:7`), `Listed2` (`workspace/nav.go:7`), `Listed3` (`workspace/nav.go:7`) and `server/pkg/kit/moved.py`.\n"
	write := writeRel
	for _, tc := range slices.Concat([]cacheChange{
		{"a second definition in a new file", func(t *testing.T, root string) {
			write(t, root, "server/pkg/kit/more.py", "class Listed1:\n    pass\n")
		}},
		{"a definition in a new folder", func(t *testing.T, root string) {
			write(t, root, "server/newpkg/deep/x.py", "def Listed3():\n    pass\n\nclass Listed2:\n    pass\n")
		}},
		{"the only file of a name made", func(t *testing.T, root string) {
			write(t, root, "web/moved.py", "x = 1\n")
		}},
		{"the only file of a name made in a cited file's folder", func(t *testing.T, root string) {
			// workspace/ is on the way to a cited file: the paths cache
			// took its stat data this run, which the listing's check uses.
			write(t, root, "workspace/moved.py", "x = 1\n")
		}},
		{"a second file of that name made", func(t *testing.T, root string) {
			write(t, root, "docs with space/moved.py", "x = 1\n")
		}},
		{"a defining file removed", func(t *testing.T, root string) {
			must(t, os.Remove(filepath.Join(root, "server", "listed.py")))
		}},
		{"a defining file renamed to no source", func(t *testing.T, root string) {
			must(t, os.Rename(filepath.Join(root, "server", "listed.py"), filepath.Join(root, "server", "listed.txt")))
		}},
		{"an ignored file tracked", func(t *testing.T, root string) {
			gitIn(t, root)("add", "-f", ".venv/lib/moved.py")
		}},
		{"a tracked ignored file untracked", func(t *testing.T, root string) {
			gitIn(t, root)("rm", "-q", "--cached", "server/pkg/kit/ignored_def.py")
		}},
	}, ignoreChanges("server/listed.py", "server")) {
		t.Run(tc.name, func(t *testing.T) {
			root := cacheRepo(t)
			write(t, root, "handbook/engineering/backend-development/e.mdx", entry)
			write(t, root, "server/listed.py", "class Listed1:\n    pass\n\ndef Listed2():\n    pass\n") // untracked
			write(t, root, ".venv/lib/moved.py", "x = 1\n")                                              // ignored
			write(t, root, "server/pkg/kit/ignored_def.py", "def Listed3():\n    pass\n")
			write(t, root, "server/pkg/kit/.gitignore", "ignored_def.py\n")
			gitIn(t, root)("add", "-f", "server/pkg/kit/ignored_def.py")
			settled(t)
			cacheRun(t, root)
			if _, err := os.Stat(filepath.Join(root, ".git", "handbook", listingCacheName)); err != nil {
				t.Fatalf("no listing cache written: %v", err)
			}
			warm, read := cacheRun(t, root)
			if slices.Contains(read, "walk") {
				t.Errorf("a warm run walked the repository")
			}
			sameAfterChange(t, root, "listing", warm, tc.change)
		})
	}
}

// The decoder reads varints from a string as binary.Uvarint reads them
// from bytes: the same value and length, and an error where it gives one
// (truncated, longer than ten bytes, past 64 bits).
func TestDecoderUvarintAsBinary(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := [][]byte{{}, {0x80}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02},
		{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}}
	for _, v := range []uint64{0, 1, 127, 128, 300, 1 << 31, 1<<63 - 1, 1 << 63, ^uint64(0)} {
		cases = append(cases, binary.AppendUvarint(nil, v))
	}
	for range 20000 {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = byte(r.Uint32())
			if r.IntN(3) == 0 {
				b[i] |= 0x80
			}
		}
		cases = append(cases, b)
	}
	for _, b := range cases {
		want, n := binary.Uvarint(b)
		d := &decoder{b: string(b)}
		got := d.uvarint()
		if d.bad != (n <= 0) || !d.bad && (got != want || len(d.b) != len(b)-n) {
			t.Fatalf("% x: decoder gives %d (bad %v, %d bytes left), binary.Uvarint %d, %d", b, got, d.bad, len(d.b), want, n)
		}
	}
}

// A change of any one bit, or of the length, changes the checksum.
func TestChecksumSeesDamage(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 7, 8, 9, 63, 64, 1000} {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		sum := checksum(b)
		for i := range n * 8 {
			b[i/8] ^= 1 << (i % 8)
			if checksum(b) == sum {
				t.Fatalf("%d bytes: flipping bit %d keeps the checksum", n, i)
			}
			b[i/8] ^= 1 << (i % 8)
		}
		if n > 0 && checksum(b[:n-1]) == sum || checksum(append(b, 0)) == sum {
			t.Fatalf("%d bytes: a byte more or less keeps the checksum", n)
		}
	}
}
