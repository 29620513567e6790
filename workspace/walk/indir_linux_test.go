package walk

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestInDirOpensTheFile: every file the walk yields can be opened by name
// relative to the folder descriptor it comes with, while fn runs, and it
// is that file (its content is its path); a File made by hand has none.
func TestInDirOpensTheFile(t *testing.T) {
	dir := t.TempDir()
	rels := []string{"top.txt", "a/one.txt", "a/b/two.txt", "a/b/c/three.txt", "d/four.txt"}
	for _, rel := range rels {
		writeFile(t, filepath.Join(dir, rel), rel)
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	_, err := Walk(dir, Options{Workers: 2}, func(f File) {
		fd, name, ok := f.InDir()
		if !ok || name != filepath.Base(f.Rel) {
			t.Errorf("%s: InDir() = %d, %q, %v", f.Rel, fd, name, ok)
			return
		}
		h, err := syscall.Openat(fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != nil {
			t.Errorf("%s: openat: %v", f.Rel, err)
			return
		}
		defer syscall.Close(h)
		buf := make([]byte, 64)
		n, _ := syscall.Read(h, buf)
		if string(buf[:n]) != f.Rel {
			t.Errorf("%s: opened a file holding %q", f.Rel, buf[:n])
		}
		mu.Lock()
		seen[f.Rel] = true
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(rels) {
		t.Errorf("opened %d files, want %d", len(seen), len(rels))
	}
	if _, _, ok := (File{Rel: "top.txt", Abs: filepath.Join(dir, "top.txt")}).InDir(); ok {
		t.Error("a File made by hand has a folder descriptor")
	}
	// The walk keeps no folder open once it returns.
	fds, _ := os.ReadDir("/proc/self/fd")
	for _, e := range fds {
		if target, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && len(target) >= len(dir) && target[:len(dir)] == dir {
			t.Errorf("descriptor %s still open on %s", e.Name(), target)
		}
	}
}

// TestIdleWorkersShareAFoldersFiles: a worker with no folder left to read
// takes files of the folder another worker is visiting, with the folder
// still open for it, so that no worker is left alone with a big folder at
// the end of the walk. The first file's visit waits until another worker
// has visited a file of the same folder, which never happens when only
// the worker that listed a folder visits its files.
func TestIdleWorkersShareAFoldersFiles(t *testing.T) {
	dir := t.TempDir()
	const n = 40
	for i := range n {
		rel := filepath.Join("big", fmt.Sprintf("f%02d.txt", i))
		writeFile(t, filepath.Join(dir, rel), filepath.ToSlash(rel))
	}
	var mu sync.Mutex
	seen := map[string]int{}
	other := make(chan struct{})
	var closeOther sync.Once
	var first atomic.Int64 // the visitor of the first file, plus one
	var visitors atomic.Int64
	_, err := WalkEach(dir, Options{Workers: 2}, func() func(File) {
		id := visitors.Add(1)
		return func(f File) {
			fd, name, ok := f.InDir()
			if !ok {
				t.Errorf("%s: no folder descriptor", f.Rel)
				return
			}
			h, err := syscall.Openat(fd, name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
			if err != nil {
				t.Errorf("%s: openat: %v", f.Rel, err)
				return
			}
			buf := make([]byte, 64)
			m, _ := syscall.Read(h, buf)
			syscall.Close(h)
			if string(buf[:m]) != f.Rel {
				t.Errorf("%s: opened a file holding %q", f.Rel, buf[:m])
			}
			mu.Lock()
			seen[f.Rel]++
			mu.Unlock()
			switch {
			case first.CompareAndSwap(0, id):
				select {
				case <-other:
				case <-time.After(10 * time.Second):
					t.Error("no other worker visited a file of the folder")
				}
			case first.Load() != id:
				closeOther.Do(func() { close(other) })
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != n {
		t.Errorf("visited %d files, want %d", len(seen), n)
	}
	for rel, k := range seen {
		if k != 1 {
			t.Errorf("%s visited %d times", rel, k)
		}
	}
}

// sameFile is os.SameFile for the stat data of a Probe too (made from
// fstatat, not by os.Lstat): the same device and inode.
func sameFile(a, b os.FileInfo) bool {
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && sa.Dev == sb.Dev && sa.Ino == sb.Ino
}

// TestProbeHoldsFoldersBounded: a probe keeps the folders it decided
// open, never more than its bound, and closes them once it is no longer
// reachable.
func TestProbeHoldsFoldersBounded(t *testing.T) {
	dir := t.TempDir()
	for _, rel := range []string{"a/b/c/one.txt", "a/b/d/two.txt", "e/f/three.txt", "g/four.txt"} {
		writeFile(t, filepath.Join(dir, rel), rel)
	}
	open := func() (n int) {
		fds, _ := os.ReadDir("/proc/self/fd")
		for _, e := range fds {
			if target, err := os.Readlink("/proc/self/fd/" + e.Name()); err == nil && len(target) >= len(dir) && target[:len(dir)] == dir {
				n++
			}
		}
		return n
	}
	ask := func(limit int64) {
		openBefore, heldBefore := open(), heldFds.Load()
		p, err := newProbe(dir, Options{}, nil, limit)
		if err != nil {
			t.Fatal(err)
		}
		for _, rel := range []string{"a/b/c/one.txt", "a/b/d", "e/f/three.txt", "g", "g/four.txt"} {
			if k := p.Lookup(rel); k == Missing {
				t.Errorf("limit %d: Lookup(%q) = Missing", limit, rel)
			}
		}
		// 8 folders decided: the root, a, a/b, a/b/c, a/b/d, e, e/f, g.
		want := min(8, limit-heldBefore)
		if n := open() - openBefore; int64(n) != want {
			t.Errorf("bound %d (%d held before): the probe holds %d folders open, want %d", limit, heldBefore, n, want)
		}
		runtime.KeepAlive(p)
	}
	ask(maxHeldFds)
	before := heldFds.Load()
	ask(before + 2)
	for i := 0; i < 100 && open() > 0; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := open(); n > 0 {
		t.Errorf("%d folders still open after the probes were dropped", n)
	}
}

// TestProbeOpenFileInItsFolder: a file Lookup found opens relative to
// its folder's held descriptor, and is that file; a symlink is not
// followed; a folder the probe does not hold (not looked up, or past the
// bound on descriptors) is left to the caller (held false).
func TestProbeOpenFileInItsFolder(t *testing.T) {
	dir := t.TempDir()
	for _, rel := range []string{"top.txt", "a/one.txt", "a/b/two.txt", "c/three.txt"} {
		writeFile(t, filepath.Join(dir, rel), rel)
	}
	if err := os.Symlink("one.txt", filepath.Join(dir, "a", "link.txt")); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int64{maxHeldFds, 0} {
		p, err := newProbe(dir, Options{}, nil, limit)
		if err != nil {
			t.Fatal(err)
		}
		for _, rel := range []string{"top.txt", "a/one.txt", "a/b/two.txt", "a/link.txt"} {
			p.Lookup(rel)
		}
		for _, tc := range []struct {
			rel       string
			held, err bool
		}{
			{"top.txt", true, false}, {"a/one.txt", true, false}, {"a/b/two.txt", true, false},
			{"a/link.txt", true, true}, {"a/missing.txt", true, true},
			{"c/three.txt", false, false}, // c was never looked up
		} {
			fd, held, err := p.OpenFile(tc.rel, syscall.O_RDONLY)
			if limit == 0 {
				tc.held, tc.err = false, false
			}
			if held != tc.held || (err != nil) != tc.err {
				t.Errorf("limit %d, %s: held %v, err %v; want held %v, an error %v", limit, tc.rel, held, err, tc.held, tc.err)
			}
			if !held || err != nil {
				continue
			}
			buf := make([]byte, 64)
			n, _ := syscall.Read(fd, buf)
			syscall.Close(fd)
			if string(buf[:n]) != tc.rel {
				t.Errorf("%s: opened a file holding %q", tc.rel, buf[:n])
			}
		}
	}
}
