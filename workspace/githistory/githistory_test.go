package githistory

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func gitRepo(t *testing.T) (dir string, git func(args ...string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir = t.TempDir()
	git = func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	git("init", "-q", "-b", "main")
	return dir, git
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func lines(n int, tag string) string {
	var sb strings.Builder
	for i := 1; i <= n; i++ {
		sb.WriteString(tag)
		sb.WriteString("\n")
	}
	return sb.String()
}

func TestDriftOfFileAndRange(t *testing.T) {
	dir, git := gitRepo(t)
	write(t, dir, "code/a.go", lines(20, "x"))
	write(t, dir, "doc/e.mdx", "entry\n")
	git("add", ".")
	git("commit", "-q", "-m", "entry")
	// Insert 2 lines at the top: lines 10-12 move to 12-14, untouched.
	write(t, dir, "code/a.go", "new\nnew\n"+lines(20, "x"))
	git("commit", "-qam", "add header")
	// Change old line 11 (now 13).
	content := strings.Split("new\nnew\n"+lines(20, "x"), "\n")
	content[12] = "changed"
	write(t, dir, "code/a.go", strings.Join(content, "\n"))
	git("commit", "-qam", "change a line")

	h, err := Load(context.Background(), Options{Root: dir, Entries: []string{"doc/e.mdx"}, Paths: []string{"code/a.go"}})
	if err != nil {
		t.Fatal(err)
	}
	if h.State != OK {
		t.Fatalf("state %v", h.State)
	}
	d, ok := h.Since("doc/e.mdx", "code/a.go", 0, 0)
	if !ok || d.Commits != 2 || d.Added != 3 || d.Deleted != 1 || d.Newest.Subject != "change a line" {
		t.Errorf("whole file: %+v ok=%v", d, ok)
	}
	// The range changed (one line of it): the file's commits since are
	// counted, and the lines changed in the range.
	d, _ = h.Since("doc/e.mdx", "code/a.go", 10, 12)
	if d.Commits != 2 || d.Added != 1 || d.Deleted != 1 || d.Start != 12 || d.End != 14 || d.Newest.Subject != "change a line" {
		t.Errorf("range 10-12: %+v", d)
	}
	d, _ = h.Since("doc/e.mdx", "code/a.go", 1, 5)
	if d.Commits != 0 || d.Start != 3 || d.End != 7 {
		t.Errorf("range 1-5 (insertion before it): %+v", d)
	}
	// An uncommitted edit of the entry counts as an edit: no drift.
	write(t, dir, "doc/e.mdx", "entry, edited\n")
	h, err = Load(context.Background(), Options{Root: dir, Entries: []string{"doc/e.mdx"}, Paths: []string{"code/a.go"}})
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := h.Since("doc/e.mdx", "code/a.go", 0, 0); !ok || d.Commits != 0 {
		t.Errorf("edited entry: %+v ok=%v", d, ok)
	}
}

func TestStates(t *testing.T) {
	dir := t.TempDir()
	if h, err := Load(context.Background(), Options{Root: dir, Entries: []string{"e.mdx"}}); err != nil || h.State != NotGit {
		t.Errorf("non-git folder: %v %v", h, err)
	}
	dir, git := gitRepo(t)
	if h, err := Load(context.Background(), Options{Root: dir, Entries: []string{"e.mdx"}}); err != nil || h.State != NoCommits {
		t.Errorf("no commits: %v %v", h, err)
	}
	write(t, dir, "e.mdx", "x\n")
	git("add", ".")
	git("commit", "-qm", "one")
	write(t, dir, "e.mdx", "y\n")
	git("commit", "-qam", "two")
	clone := filepath.Join(t.TempDir(), "c")
	git("clone", "-q", "--depth=1", "file://"+dir, clone)
	if h, err := Load(context.Background(), Options{Root: clone, Entries: []string{"e.mdx"}}); err != nil || h.State != Shallow {
		t.Errorf("shallow clone: %v %v", h, err)
	}
	git("checkout", "-q", "--detach", "HEAD~1")
	if h, err := Load(context.Background(), Options{Root: dir, Entries: []string{"e.mdx"}}); err != nil || h.State != OK {
		t.Errorf("detached HEAD: %v %v", h, err)
	}
}

func TestShift(t *testing.T) {
	for _, tc := range []struct {
		hunks         []Hunk
		start, end    int
		wantS, wantE  int
		gone, touched bool
	}{
		{[]Hunk{{2, 0, 3, 2}}, 5, 7, 7, 9, false, false}, // insertion before
		{[]Hunk{{5, 0, 6, 1}}, 5, 7, 5, 8, false, true},  // insertion inside
		{[]Hunk{{7, 0, 8, 1}}, 5, 7, 5, 7, false, false}, // insertion after the last line
		{[]Hunk{{1, 2, 0, 0}}, 5, 7, 3, 5, false, false}, // deletion before
		{[]Hunk{{5, 3, 4, 0}}, 5, 7, 5, 4, true, true},   // the range deleted
		{[]Hunk{{6, 1, 6, 3}}, 5, 7, 5, 9, false, true},  // a line replaced by three
	} {
		s, e, gone := Shift(tc.hunks, tc.start, tc.end)
		_, _, touched := Overlap(tc.hunks, tc.start, tc.end)
		if gone != tc.gone || touched != tc.touched || !gone && (s != tc.wantS || e != tc.wantE) {
			t.Errorf("%v on %d-%d: got %d-%d gone=%v touched=%v, want %d-%d gone=%v touched=%v",
				tc.hunks, tc.start, tc.end, s, e, gone, touched, tc.wantS, tc.wantE, tc.gone, tc.touched)
		}
	}
}

func TestRenames(t *testing.T) {
	dir, git := gitRepo(t)
	write(t, dir, "e.mdx", "x\n")
	write(t, dir, "a/old.go", lines(30, "package a // long enough to be detected"))
	git("add", ".")
	git("commit", "-qm", "one")
	git("mv", "a/old.go", "a/mid.go")
	git("commit", "-qm", "two")
	if err := os.Mkdir(filepath.Join(dir, "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	git("mv", "a/mid.go", "b/new file.go")
	git("commit", "-qm", "three")
	h, err := Load(context.Background(), Options{Root: dir, Entries: []string{"e.mdx"}, Paths: []string{"a/old.go", "a/mid.go"}})
	if err != nil {
		t.Fatal(err)
	}
	moved, err := h.Renames(context.Background(), dir, []string{"a/old.go", "a/mid.go"})
	if err != nil {
		t.Fatal(err)
	}
	// Both renames are in the log (both old paths are asked about), so
	// the chain leads to where the file is now.
	if moved["a/old.go"] != "b/new file.go" || moved["a/mid.go"] != "b/new file.go" {
		t.Errorf("renames: %v", moved)
	}
	// A path the log was not asked about is not followed.
	if moved, _ := h.Renames(context.Background(), dir, []string{"x.go"}); len(moved) != 0 {
		t.Errorf("renames of an unknown path: %v", moved)
	}
	if _, asked := h.Moved(); asked {
		t.Errorf("Moved answers though Load was given no missing path")
	}
	// Given the missing paths, Load asks the same question itself.
	h, err = Load(context.Background(), Options{Root: dir, Entries: []string{"e.mdx"}, Paths: []string{"a/old.go", "a/mid.go"}, Missing: []string{"a/old.go", "a/mid.go"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, asked := h.Moved(); !asked || !maps.Equal(got, moved) {
		t.Errorf("Moved() = %v, %v; Renames said %v", got, asked, moved)
	}
}

// TestRootInsideRepository: paths are relative to the root even when it
// is a folder of the repository (handbook --root examples/shop).
func TestRootInsideRepository(t *testing.T) {
	dir, git := gitRepo(t)
	write(t, dir, "sub/doc/e.mdx", "entry\n")
	write(t, dir, "sub/code/a.go", "a\n")
	git("add", ".")
	git("commit", "-q", "-m", "one")
	write(t, dir, "sub/code/a.go", "a\nb\n")
	git("commit", "-qam", "two")
	h, err := Load(context.Background(), Options{Root: filepath.Join(dir, "sub"), Entries: []string{"doc/e.mdx"}, Paths: []string{"code/a.go"}})
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := h.Since("doc/e.mdx", "code/a.go", 0, 0); !ok || d.Commits != 1 || d.Added != 1 {
		t.Errorf("drift: %+v ok=%v", d, ok)
	}
	write(t, dir, "sub/doc/e.mdx", "edited\n")
	h, _ = Load(context.Background(), Options{Root: filepath.Join(dir, "sub"), Entries: []string{"doc/e.mdx"}, Paths: []string{"code/a.go"}})
	if _, dirty := h.LastEdit("doc/e.mdx"); !dirty {
		t.Errorf("an uncommitted entry below the top is edited now")
	}
}

// TestMergeEditsTheEntry: a merge is an edit of an entry only when the
// merge itself changed it (a conflict resolved); a merge that takes the
// branch's entry leaves the branch's commit as the last edit, so code
// changed on the main line meanwhile is drift.
func TestMergeEditsTheEntry(t *testing.T) {
	dir, git := gitRepo(t)
	at := func(day int) {
		d := fmt.Sprintf("2026-01-%02dT10:00:00Z", day)
		t.Setenv("GIT_AUTHOR_DATE", d)
		t.Setenv("GIT_COMMITTER_DATE", d)
	}
	load := func() *History {
		h, err := Load(context.Background(), Options{Root: dir, Entries: []string{"e.mdx"}, Paths: []string{"a.go"}})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	at(1)
	write(t, dir, "e.mdx", "entry\n")
	write(t, dir, "a.go", "a\n")
	git("add", ".")
	git("commit", "-qm", "one")
	git("checkout", "-qb", "side")
	at(2)
	write(t, dir, "e.mdx", "entry, edited\n")
	git("commit", "-qam", "edit the entry")
	git("checkout", "-q", "main")
	at(3)
	write(t, dir, "a.go", "a\nb\n")
	git("commit", "-qam", "code")
	at(4)
	git("merge", "-q", "--no-edit", "side")
	h := load()
	if c, _ := h.LastEdit("e.mdx"); c == nil || c.Subject != "edit the entry" {
		t.Errorf("last edit: %+v, want the branch's commit", c)
	}
	if d, ok := h.Since("e.mdx", "a.go", 0, 0); !ok || d.Commits != 1 || d.Newest.Subject != "code" {
		t.Errorf("drift after the merge: %+v ok=%v", d, ok)
	}

	// A conflict in the entry, resolved in the merge: the merge edited it.
	git("checkout", "-qb", "side2")
	at(5)
	write(t, dir, "e.mdx", "side two\n")
	git("commit", "-qam", "side two")
	git("checkout", "-q", "main")
	at(6)
	write(t, dir, "e.mdx", "main two\n")
	write(t, dir, "a.go", "a\nb\nc\n")
	git("commit", "-qam", "main two")
	at(7)
	cmd := exec.Command("git", "-C", dir, "merge", "-q", "--no-edit", "side2")
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
	_ = cmd.Run() // the conflict
	write(t, dir, "e.mdx", "resolved\n")
	git("commit", "-qam", "merge side2")
	h = load()
	if c, _ := h.LastEdit("e.mdx"); c == nil || !c.Merge {
		t.Errorf("last edit: %+v, want the merge that resolved the entry", c)
	}
	if d, ok := h.Since("e.mdx", "a.go", 0, 0); !ok || d.Commits != 0 {
		t.Errorf("drift after the resolving merge: %+v ok=%v", d, ok)
	}
}
