package validate

import (
	"os"
	"path/filepath"
	"testing"
)

// TestStatPathIsStatData checks that the stat data taken relative to the
// root folder are those of the whole path, symlinks followed or not, for
// paths below the root, the root itself, and paths beside it whose name
// starts with the root's.
func TestStatPathIsStatData(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "repo")
	for _, d := range []string{"repo/src/pkg", "repox/src"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"repo/src/pkg/a.py", "repox/src/b.py"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, to := range map[string]string{"repo/link": "src", "repo/src/dangling": "gone", "repo/src/file-link": "pkg/a.py"} {
		if err := os.Symlink(to, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	x := &repoIndex{root: root}
	paths := []string{root, root + "/src", root + "/src/pkg", root + "/src/pkg/a.py", root + "/link", root + "/link/pkg/a.py",
		root + "/src/dangling", root + "/src/file-link", root + "/missing", root + "/src/pkg/a.py/x",
		dir + "/repox/src", dir + "/repox/src/b.py", dir, "/"}
	for _, p := range paths {
		for _, follow := range []bool{false, true} {
			want, wantOK := statData(p, follow)
			got, gotOK := x.statPath(p, follow)
			if got != want || gotOK != wantOK {
				t.Errorf("%s (follow %v): got %+v %v, want %+v %v", p, follow, got, gotOK, want, wantOK)
			}
		}
	}
	if x.rootFd.fd == 0 {
		t.Error("the root folder was not held open: nothing was stat'ed relative to it")
	}
	for _, rel := range []string{"src", "src/pkg/a.py", "link", "src/dangling", "missing"} {
		for _, follow := range []bool{false, true} {
			want, wantOK := statData(root+"/"+rel, follow)
			if got, gotOK := x.statRel(rel, follow); got != want || gotOK != wantOK {
				t.Errorf("%s (follow %v): got %+v %v, want %+v %v", rel, follow, got, gotOK, want, wantOK)
			}
		}
	}
}
