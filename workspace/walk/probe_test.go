package walk

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// checkProbe asks a Probe of root about every path the scenario made (and
// their folders, and every path the walk yielded) and compares its answers
// with the walk's: got are the files Walk yielded, links its symlinks.
// Every scenario of the conformance, shared and random tests runs it, so
// the probe is held to git's answers through the walk's.
func (s *scenario) checkProbe(t *testing.T, e *testEnv, root string, got []string, links map[string]bool) {
	t.Helper()
	var keptWant []string
	p, err := NewProbe(root, Options{Getenv: e.getenv}, func(rel string) bool {
		return strings.HasSuffix(rel, "a") // an arbitrary choice, checked below
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := GitDirOf(root); got != p.GitDir() {
		t.Errorf("%s: GitDirOf = %q, Probe.GitDir = %q", s.name, got, p.GitDir())
	}
	yielded := map[string]Kind{}
	folders := map[string]bool{}
	for _, f := range got {
		yielded[f] = RegularFile
		if links[f] {
			yielded[f] = Symlink
		}
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			folders[d] = true
		}
	}
	// Paths from the top, made relative to the root.
	prefix := ""
	if s.root != "" {
		prefix = s.root + "/"
	}
	var asked []string
	add := func(top string) {
		top = strings.TrimSuffix(top, "/")
		rel, ok := strings.CutPrefix(top, prefix)
		if !ok || rel == "" {
			return
		}
		for d := rel; d != "."; d = path.Dir(d) {
			asked = append(asked, d)
		}
		asked = append(asked, rel+"/missing", rel+"/.git")
	}
	for _, l := range [][]string{s.paths, s.tracked, s.intent, s.deleted, s.nested, s.submodules, s.worktreePaths} {
		for _, q := range l {
			add(q)
		}
	}
	for q := range s.replaced {
		add(q)
	}
	for q := range s.ignore {
		add(q)
	}
	for q := range s.symlinks {
		add(q)
	}
	asked = append(asked, got...)
	for f := range folders {
		asked = append(asked, f)
	}
	slices.Sort(asked)
	asked = slices.Compact(asked)
	// The same questions to probes that may hold no folder open, or only
	// the first few they decide (Linux: the rest are looked up by their
	// whole path): their answers are the same.
	probes := []*Probe{p}
	for _, limit := range []int64{0, heldFds.Load() + 3} {
		q, err := newProbe(root, Options{Getenv: e.getenv}, nil, limit)
		if err != nil {
			t.Fatal(err)
		}
		probes = append(probes, q)
	}
	for i, p := range probes {
		for _, q := range asked {
			want := yielded[q]
			if folders[q] {
				want = Folder
			}
			if k := p.Lookup(q); k != want {
				t.Errorf("%s: Probe.Lookup(%q) = %v, the walk says %v", s.name, q, k, want)
			}
			// LookupInfo answers as Lookup, with the lstat of the path it read
			// (of a path it yields, always).
			if k, fi := p.LookupInfo(q); k != want {
				t.Errorf("%s: Probe.LookupInfo(%q) = %v, the walk says %v", s.name, q, k, want)
			} else if fi != nil || want != Missing {
				now, err := os.Lstat(filepath.Join(root, filepath.FromSlash(q)))
				if fi == nil || err != nil || !sameFile(fi, now) || fi.Mode().Type() != now.Mode().Type() {
					t.Errorf("%s: Probe.LookupInfo(%q) gives %v, lstat says %v (%v)", s.name, q, fi, now, err)
				}
			}
			// A folder's witness is a file the walk yields below it.
			w := p.Witness(q)
			if want == Folder && (yielded[w] == Missing || !strings.HasPrefix(w, q+"/")) || want != Folder && w != "" {
				t.Errorf("%s: Probe.Witness(%q) = %q (Lookup says %v)", s.name, q, w, want)
			}
		}
		if t.Failed() {
			t.Logf("%s: probe %d of %d (descriptor bound per probe: none, the default, a few)", s.name, i+1, len(probes))
			break
		}
	}
	// Asked at once from several goroutines (as validate asks), each from
	// a different place in the list, a fresh probe answers the same: folders
	// decided by one and read by another, ignore files read late.
	concurrent, err := NewProbe(root, Options{Getenv: e.getenv}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range asked {
				q := asked[(i+g*len(asked)/4)%len(asked)]
				want := yielded[q]
				if folders[q] {
					want = Folder
				}
				if k := concurrent.Lookup(q); k != want {
					t.Errorf("%s: concurrent Probe.Lookup(%q) = %v, the walk says %v", s.name, q, k, want)
				}
			}
		}()
	}
	wg.Wait()
	// Below: the walk pruned to each folder (and the root) is the walk's
	// files below it, symlinks told as such.
	for _, q := range append([]string{""}, asked...) {
		var below []string
		p.Below(q, func(f File) {
			if f.Symlink != links[f.Rel] {
				t.Errorf("%s: Probe.Below(%q) yields %q with Symlink %v", s.name, q, f.Rel, f.Symlink)
			}
			below = append(below, f.Rel)
		})
		var want []string
		for _, f := range got {
			if q == "" || strings.HasPrefix(f, q+"/") {
				want = append(want, f)
			}
		}
		slices.Sort(below)
		slices.Sort(want)
		if !slices.Equal(below, want) {
			t.Errorf("%s: Probe.Below(%q) = %q, the walk's files below it are %q", s.name, q, below, want)
		}
	}
	for _, q := range []string{"", ".", "..", "../x", "/etc", "a//b", "./a", "a/./b", "a/../a", "a/", "a/.", "a/..", "a\x00b"} {
		if k := p.Lookup(q); k != Missing {
			t.Errorf("%s: Probe.Lookup(%q) = %v, want Missing", s.name, q, k)
		}
	}
	// Kept paths: the tracked ones under the root that the function chose.
	if !s.noRepo {
		index := append(slices.Clone(s.tracked), append(s.intent, s.deleted...)...)
		for _, q := range index {
			if rel, ok := strings.CutPrefix(q, prefix); ok && strings.HasSuffix(rel, "a") {
				keptWant = append(keptWant, rel)
			}
		}
		slices.Sort(keptWant)
		keptWant = slices.Compact(keptWant)
		kept := slices.Clone(p.Kept())
		slices.Sort(kept)
		if s.worktree {
			keptWant = nil // the worktree's index was written by checkout, not by these adds
			kept = nil
		}
		if !slices.Equal(kept, keptWant) {
			t.Errorf("%s: Probe.Kept() = %q, want %q", s.name, kept, keptWant)
		}
		if !s.worktree {
			for _, q := range asked {
				if got, want := p.Tracked(q), slices.Contains(index, prefix+q); got != want {
					t.Errorf("%s: Probe.Tracked(%q) = %v, want %v", s.name, q, got, want)
				}
			}
		}
	}
}

func (k Kind) String() string {
	return [...]string{"Missing", "RegularFile", "Symlink", "Folder"}[k]
}

// TestProbeWitnessIsTracked: a folder that holds a tracked file among
// untracked ones is witnessed by a tracked one, whatever the listing's
// order, so that a caller can keep the answer (validate keeps a folder's
// only when its witness is tracked).
func TestProbeWitnessIsTracked(t *testing.T) {
	e := newTestEnv(t)
	dir := t.TempDir()
	e.git(t, dir, "init", "-q")
	for i := range 40 {
		writeFile(t, filepath.Join(dir, "pkg", "untracked"+string(rune('a'+i%26))+string(rune('a'+i/26))+".txt"), "x")
	}
	writeFile(t, filepath.Join(dir, "pkg", "tracked.txt"), "x")
	writeFile(t, filepath.Join(dir, "pkg", "sub", "deep.txt"), "x")
	e.git(t, dir, "add", "pkg/tracked.txt", "pkg/sub/deep.txt")
	p, err := NewProbe(dir, Options{Getenv: e.getenv}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if k := p.Lookup("pkg"); k != Folder {
		t.Fatalf("Lookup(pkg) = %v", k)
	}
	if w := p.Witness("pkg"); !p.Tracked(w) || path.Dir(w) != "pkg" {
		t.Errorf("Witness(pkg) = %q, want the tracked file in it", w)
	}
}

// TestProbeFolderOfAFoundFile: once Lookup found a tracked file, the
// folders above it are folders without being listed, and the file is
// their witness.
func TestProbeFolderOfAFoundFile(t *testing.T) {
	e := newTestEnv(t)
	dir := t.TempDir()
	e.git(t, dir, "init", "-q")
	writeFile(t, filepath.Join(dir, "pkg", "sub", "deep.txt"), "x")
	writeFile(t, filepath.Join(dir, "pkg", "other.txt"), "x")
	e.git(t, dir, "add", "pkg")
	p, listing := probeListing(t, e, dir)
	if k := p.Lookup("pkg/sub/deep.txt"); k != RegularFile {
		t.Fatalf("Lookup(pkg/sub/deep.txt) = %v", k)
	}
	for _, q := range []string{"pkg", "pkg/sub"} {
		if k := p.Lookup(q); k != Folder {
			t.Errorf("Lookup(%s) = %v", q, k)
		}
		if w := p.Witness(q); w != "pkg/sub/deep.txt" {
			t.Errorf("Witness(%s) = %q, want the file found below it", q, w)
		}
	}
	if listed := listing(); len(listed) > 0 {
		t.Errorf("listed %q", listed)
	}
}

// probeListing is a probe of dir and what it has listed since it was
// made: the folders it read as inputs (NewProbe's own reading not counted).
func probeListing(t *testing.T, e *testEnv, dir string) (*Probe, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var listed []string
	p, err := NewProbe(dir, Options{Getenv: e.getenv, Inputs: func(abs string, found bool) {
		if fi, err := os.Lstat(abs); err == nil && fi.IsDir() {
			mu.Lock()
			listed = append(listed, abs)
			mu.Unlock()
		}
	}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	listed = nil
	mu.Unlock()
	return p, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(listed)
	}
}

// TestProbeFolderByItsFirstPath: a folder holding tracked files is told
// one by looking up the index's first tracked path in it (one lstat), not
// by listing it; listed only when that path is gone from the disk.
func TestProbeFolderByItsFirstPath(t *testing.T) {
	e := newTestEnv(t)
	dir := t.TempDir()
	e.git(t, dir, "init", "-q")
	for _, f := range []string{"pkg/sub/deep.txt", "pkg/b.txt", "pkg/c.txt", "gone/a.txt", "gone/b.txt", "down/a/b/c.txt"} {
		writeFile(t, filepath.Join(dir, f), "x")
	}
	e.git(t, dir, "add", ".")
	if err := os.Remove(filepath.Join(dir, "gone", "a.txt")); err != nil {
		t.Fatal(err)
	}
	p, listing := probeListing(t, e, dir)
	for q, witness := range map[string]string{"pkg": "pkg/b.txt", "down": "down/a/b/c.txt", "down/a": "down/a/b/c.txt"} {
		if k := p.Lookup(q); k != Folder {
			t.Errorf("Lookup(%s) = %v", q, k)
		}
		if w := p.Witness(q); w != witness {
			t.Errorf("Witness(%s) = %q, want %q", q, w, witness)
		}
	}
	if listed := listing(); len(listed) > 0 {
		t.Errorf("listed %q", listed)
	}
	if k := p.Lookup("gone"); k != Folder || p.Witness("gone") != "gone/b.txt" {
		t.Errorf("Lookup(gone) = %v, witness %q", k, p.Witness("gone"))
	}
	if listed, want := listing(), filepath.Join(dir, "gone"); !slices.Equal(listed, []string{want}) {
		t.Errorf("listed %q, want %q (its first path is gone)", listed, want)
	}
}

// TestProbeDecidesAFolderOnce: goroutines asking about a folder another
// one is deciding wait for its answer instead of deciding it again (each
// opened the folder, and all but one closed it).
func TestProbeDecidesAFolderOnce(t *testing.T) {
	e := newTestEnv(t)
	dir := t.TempDir()
	e.git(t, dir, "init", "-q")
	writeFile(t, filepath.Join(dir, "pkg", "a.txt"), "x")
	writeFile(t, filepath.Join(dir, "pkg", "b.txt"), "x")
	e.git(t, dir, "add", "pkg/a.txt")
	p, err := NewProbe(dir, Options{Getenv: e.getenv}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	calls := map[string]int{}
	inside := make(chan struct{})
	decideHook = func(rel string) {
		mu.Lock()
		calls[rel]++
		first := calls[rel] == 1
		mu.Unlock()
		if rel == "pkg" && first {
			close(inside)
			time.Sleep(20 * time.Millisecond) // the others ask meanwhile
		}
	}
	defer func() { decideHook = nil }()
	var wg sync.WaitGroup
	ask := func(q string, want Kind) {
		defer wg.Done()
		if k := p.Lookup(q); k != want {
			t.Errorf("Lookup(%s) = %v, want %v", q, k, want)
		}
	}
	wg.Add(1)
	go ask("pkg/a.txt", RegularFile)
	<-inside
	for _, q := range []string{"pkg/a.txt", "pkg/b.txt", "pkg", "pkg/c.txt"} {
		wg.Add(1)
		go ask(q, map[string]Kind{"pkg/a.txt": RegularFile, "pkg/b.txt": RegularFile, "pkg": Folder}[q])
	}
	wg.Wait()
	if calls["pkg"] != 1 {
		t.Errorf("pkg decided %d times", calls["pkg"])
	}
}
