package validate

import (
	"os"
	"path/filepath"
	"testing"
)

// readCode reads regular files within the limit and nothing else; a
// symlink is never followed, even to a readable file.
func TestReadCode(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.py")
	if err := os.WriteFile(file, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.py")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.py")
	if err := os.Symlink(file, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	for _, tc := range []struct {
		name  string
		limit int64
		want  string
		ok    bool
	}{
		{file, 100, "x = 1\n", true},
		{file, 6, "x = 1\n", true},
		{file, 5, "", false},
		{empty, 5, "", true},
		{link, 100, "", false},
		{dir, 100, "", false},
		{filepath.Join(dir, "missing.py"), 100, "", false},
	} {
		got, ok := readCode(tc.name, tc.limit)
		if ok != tc.ok || string(got) != tc.want {
			t.Errorf("readCode(%s, %d) = %q, %v; want %q, %v", filepath.Base(tc.name), tc.limit, got, ok, tc.want, tc.ok)
		}
	}
}
