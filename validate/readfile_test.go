package validate

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestReadFileAsOS: readFile gives what os.ReadFile gives, content or
// error, for files of several sizes, an empty file, a folder and a
// missing path.
func TestReadFileAsOS(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for _, n := range []int{0, 1, 4095, 4096, 70000} {
		p := filepath.Join(dir, "f"+string(rune('a'+len(names))))
		if err := os.WriteFile(p, bytes.Repeat([]byte("x\n"), n/2+1)[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, p)
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(sub, "e.mdx"), []byte("entry\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(names[1], filepath.Join(sub, "link.mdx")); err != nil {
		t.Fatal(err)
	}
	names = append(names, dir, filepath.Join(dir, "missing"), filepath.Join(sub, "e.mdx"), filepath.Join(sub, "link.mdx"),
		filepath.Join(dir, "gone", "x.mdx"), sub)
	// entryDirs.read opens relative to held folders: the same answers.
	dirs := openEntryDirs(names)
	defer dirs.close()
	for _, p := range names {
		want, werr := os.ReadFile(p)
		for name, read := range map[string]func(string) ([]byte, error){"readFile": readFile, "entryDirs.read": dirs.read} {
			got, gerr := read(p)
			if !bytes.Equal(got, want) || (gerr == nil) != (werr == nil) || gerr != nil && gerr.Error() != werr.Error() {
				t.Errorf("%s: %s = %d bytes, %v; os.ReadFile = %d bytes, %v", p, name, len(got), gerr, len(want), werr)
			}
		}
	}
}

// An entry over maxEntrySize is an error, not read into memory.
func TestReadFileBounded(t *testing.T) {
	p := filepath.Join(t.TempDir(), "huge.mdx")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(maxEntrySize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	if data, err := readFile(p); err == nil || len(data) > 0 {
		t.Errorf("readFile = %d bytes, %v; want an error", len(data), err)
	}
}
