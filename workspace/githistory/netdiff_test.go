package githistory

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestNetDiffMatchesGit is a differential test against git itself: the
// changes Load reads for each entry commit, through deduplicated pairs of
// blobs in written trees, are exactly what `git diff-tree -p -U0 E HEAD`
// says of the paths that commit's entries cite, and nothing else (an
// entry's changes are read only for what it cites). The history has what
// the trees must reproduce: files created and deleted, a mode change, a
// binary file, a file the attributes call binary, a file that becomes a
// symlink, names with spaces and unicode, names git orders around a folder
// (`a-b`, `a.txt`, `a/`), files unchanged between entry commits (one pair
// for several commits) and two entries written in one commit.
func TestNetDiffMatchesGit(t *testing.T) {
	for _, sub := range []string{"", "sub/"} {
		t.Run("root="+sub, func(t *testing.T) { testNetDiff(t, sub, "") })
	}
	// A SHA-256 repository: the trees and the pack's index are hashed
	// with it.
	t.Run("sha256", func(t *testing.T) { testNetDiff(t, "", "sha256") })
	// The temporary object store is named in a list git splits at colons.
	t.Run("tmpdir with a colon and a quote", func(t *testing.T) {
		tmp := filepath.Join(t.TempDir(), `a:b"c`)
		if err := os.Mkdir(tmp, 0o755); err != nil {
			t.Skip("no such folder name here:", err)
		}
		t.Setenv("TMPDIR", tmp)
		testNetDiff(t, "", "")
	})
}

func testNetDiff(t *testing.T, sub, format string) {
	dir, git := gitRepo(t)
	if format != "" {
		if err := os.RemoveAll(filepath.Join(dir, ".git")); err != nil {
			t.Fatal(err)
		}
		git("init", "-q", "-b", "main", "--object-format="+format)
	}
	w := func(name, content string) { write(t, dir, sub+name, content) }
	w(".gitattributes", "*.dat -diff\n")
	w("x/a-b.txt", lines(5, "ab"))
	w("x/a.txt", lines(5, "a"))
	w("x/a/b.txt", lines(5, "b"))
	w("x/a/c d é.txt", lines(3, "u"))
	w("x/gone.txt", "gone\n")
	w("x/run.sh", "echo\n")
	w("x/blob.bin", "\x00\x01\x02")
	w("x/table.dat", "1\n2\n")
	w("x/link", "target\n")
	w("y/keep.go", lines(10, "k"))
	w("doc/e1.mdx", "one\n")
	git("add", ".")
	git("commit", "-qm", "one")

	w("x/a.txt", "a\nA\na\na\n")
	w("y/keep.go", lines(12, "k"))
	w("doc/e2.mdx", "two\n")
	w("doc/e3.mdx", "three\n")
	git("add", ".")
	git("commit", "-qm", "two")

	w("doc/e4.mdx", "four\n") // nothing cited changes between two and this
	git("add", ".")
	git("commit", "-qm", "three")

	w("x/a/b.txt", "b\nB\n")
	w("x/a/c d é.txt", lines(4, "u"))
	w("x/a-b.txt", lines(6, "ab"))
	w("x/new.txt", "new\n")
	w("x/blob.bin", "\x00\x03")
	w("x/table.dat", "1\n3\n")
	if err := os.Remove(filepath.Join(dir, sub+"x/gone.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, sub+"x/run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, sub+"x/link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.txt", filepath.Join(dir, sub+"x/link")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	w("y/keep.go", lines(9, "k"))
	git("add", "-A")
	git("commit", "-qm", "four")

	cites := map[string][]string{
		"doc/e1.mdx": {"x"},
		"doc/e2.mdx": {"x/a.txt", "y/keep.go"},
		"doc/e3.mdx": {"x/a/"},
		"doc/e4.mdx": {"x/a-b.txt", "x/gone.txt", "x/link", "x/run.sh"},
	}
	var entries, paths []string
	seen := map[string]bool{}
	for e, ps := range cites {
		entries = append(entries, e)
		for _, p := range ps {
			if !seen[p] {
				seen[p] = true
				paths = append(paths, p)
			}
		}
	}
	sort.Strings(entries)
	sort.Strings(paths)
	h, err := Load(context.Background(), Options{Root: filepath.Join(dir, sub), Entries: entries, Paths: paths, Cites: cites})
	if err != nil {
		t.Fatal(err)
	}
	bases := map[string][]string{}
	for _, e := range entries {
		c, _ := h.LastEdit(e)
		if c == nil {
			t.Fatalf("%s: no last commit", e)
		}
		bases[c.Hash] = append(bases[c.Hash], cites[e]...)
	}
	if len(bases) != 3 {
		t.Fatalf("entry commits: %d, want 3 (e2 and e3 share one)", len(bases))
	}
	for base, ps := range bases {
		want := oracleDiff(t, filepath.Join(dir, sub), base, ps)
		got := map[string]FileChange{}
		for p, f := range h.net[base] {
			got[p] = *f
		}
		if len(want) == 0 {
			t.Fatalf("base %s: the oracle sees no change; the fixture is wrong", base[:7])
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("base %s, paths %v:\n got %s\nwant %s", base[:7], ps, show(got), show(want))
		}
	}
}

// oracleDiff is git's own diff from base to HEAD over paths.
func oracleDiff(t *testing.T, root, base string, paths []string) map[string]FileChange {
	t.Helper()
	args := append([]string{"-C", root, "-c", "core.quotePath=false", "diff-tree", "-r", "-p", "-U0", "--relative",
		"--no-renames", "--no-color", "--no-ext-diff", "--no-textconv", base, "HEAD", "--"}, paths...)
	cmd := exec.Command("git", args...)
	cmd.Env = append(os.Environ(), "GIT_LITERAL_PATHSPECS=1", "LC_ALL=C")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git diff-tree: %v", err)
	}
	all := &Commit{}
	if err := parseLog(bytes.NewReader(out), all, func(*Commit) bool { return true }); err != nil {
		t.Fatal(err)
	}
	m := map[string]FileChange{}
	for _, f := range all.Files {
		m[f.Path] = f
	}
	return m
}

func show(m map[string]FileChange) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&sb, "\n  %q %+v", k, m[k])
	}
	return sb.String()
}

// TestTreeObjectsAsGitWritesThem: the trees written for the pairs are the
// objects `git mktree` makes of the same entries (git's order of names
// around a folder: `a-b.txt`, `a.txt`, `a/`; modes as git writes them),
// the pack holding them is one `git verify-pack` accepts, and git reads
// them from the temporary store, a second pack included.
func TestTreeObjectsAsGitWritesThem(t *testing.T) {
	dir, git := gitRepo(t)
	blob := func(s string) string {
		write(t, dir, "f", s)
		return strings.TrimSpace(git("hash-object", "-w", "f"))
	}
	x, y, z := blob("x\n"), blob("y\n"), blob("z\n")
	root := &treeNode{}
	root.add("a-b.txt", "100644", x)
	root.add("a.txt", "100755", y)
	root.add("a/b c.txt", "100644", z)
	store := t.TempDir()
	objs := newObjectSet(false)
	got, err := objs.tree(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := objs.writePack(store); err != nil {
		t.Fatal(err)
	}
	second := &treeNode{}
	second.add("z.txt", "100644", z)
	other, err := objs.tree(second)
	if err != nil {
		t.Fatal(err)
	}
	if err := objs.writePack(store); err != nil {
		t.Fatal(err)
	}
	idx, _ := filepath.Glob(filepath.Join(store, "pack", "*.idx"))
	if len(idx) != 2 {
		t.Fatalf("packs: %v, want 2", idx)
	}
	for _, f := range idx {
		if out, err := exec.Command("git", "-C", dir, "verify-pack", "-v", f).CombinedOutput(); err != nil {
			t.Errorf("git verify-pack %s: %v\n%s", f, err, out)
		}
	}
	mktree := func(in string) string {
		cmd := exec.Command("git", "-C", dir, "mktree")
		cmd.Stdin = strings.NewReader(in)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git mktree: %v", err)
		}
		return strings.TrimSpace(string(out))
	}
	sub := mktree("100644 blob " + z + "\tb c.txt\n")
	want := mktree("100644 blob " + x + "\ta-b.txt\n100755 blob " + y + "\ta.txt\n040000 tree " + sub + "\ta\n")
	if got != want {
		t.Errorf("tree id %s, git's %s", got, want)
	}
	for tree, want := range map[string]string{got: "a-b.txt\na.txt\na/b c.txt\n", other: "z.txt\n"} {
		cmd := exec.Command("git", "-C", dir, "ls-tree", "-r", "--name-only", tree)
		cmd.Env = append(os.Environ(), "GIT_ALTERNATE_OBJECT_DIRECTORIES="+store)
		out, err := cmd.CombinedOutput()
		if err != nil || string(out) != want {
			t.Errorf("git ls-tree of the written tree: %v\n%s", err, out)
		}
	}
}
