package walk

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReadDirLargeFolder lists a folder whose entries need many
// getdents64 calls and buffer growth, with every entry type.
func TestReadDirLargeFolder(t *testing.T) {
	dir := t.TempDir()
	var want []string
	for i := range 1500 {
		name := fmt.Sprintf("%04d-%s", i, strings.Repeat("x", 120))
		writeFile(t, filepath.Join(dir, name), "")
		want = append(want, name)
	}
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("sub", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	var s dirScratch
	defer s.closeDir()
	slash := withSlash(dir)
	for round := range 2 { // the second round reuses the grown buffers
		entries, err := s.readDir(slash)
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		types := map[string]os.FileMode{}
		for _, e := range entries {
			types[e.name(slash)] = e.typ
			if e.typ.IsRegular() {
				files = append(files, e.name(slash))
			}
		}
		slices.Sort(files)
		if !slices.Equal(files, want) {
			t.Fatalf("round %d: %d files listed, want %d", round, len(files), len(want))
		}
		if !types["sub"].IsDir() || types["link"]&os.ModeSymlink == 0 || len(types) != len(want)+2 {
			t.Errorf("round %d: sub %v, link %v, %d entries", round, types["sub"], types["link"], len(types))
		}
	}
	if _, err := s.readDir(withSlash(filepath.Join(dir, "missing"))); err == nil {
		t.Error("missing folder: no error")
	}
}
