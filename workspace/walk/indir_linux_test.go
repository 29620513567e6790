package walk

import (
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
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
