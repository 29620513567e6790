package walk

import (
	"fmt"
	"os"
	"path/filepath"
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
