package walk

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// scenario describes a tree, how git sees it, and which folder to walk.
// The test builds it in a temporary folder, asks real git for
// `ls-files --cached --others --exclude-standard` and compares.
type scenario struct {
	name   string
	ignore map[string]string // ignore files (or any file with given content), written first
	paths  []string          // files with small content

	symlinks map[string]string // link path -> target
	tracked  []string          // `git add -f`, after the files exist
	intent   []string          // `git add -N` (forces index version 3)
	deleted  []string          // tracked, then removed from the disk
	// replaced are replaced on the disk after the adds (a tracked file,
	// or a folder holding tracked files) by a folder holding an untracked
	// inner.txt (value "/"), a file (value "file") or a symlink to the
	// value.
	replaced map[string]string
	// nested are folders turned into repositories of their own after
	// the parent's adds; submodules are nested repositories with a
	// commit that the parent adds as gitlinks.
	nested     []string
	submodules []string

	infoExclude  string // content of .git/info/exclude
	excludesFile string // content of a file set as core.excludesFile in .git/config
	globalIgnore string // content of $HOME/.config/git/ignore (git's default)
	// globalConfigExcludes sets core.excludesFile in the global config
	// (GIT_CONFIG_GLOBAL) instead of the repository's.
	globalConfigExcludes string

	indexVersion string // `git update-index --index-version N`
	sha256       bool   // `git init --object-format=sha256`
	root         string // folder to walk, relative to the top ("" = top)
	noRepo       bool   // walk before `git init`, compare with git after it
	// worktree commits the tree, adds a linked worktree next to it (its
	// .git is a file, its index and config live elsewhere), writes
	// worktreePaths there and walks it.
	worktree      bool
	worktreePaths []string

	// mustList and mustSkip are sanity checks that the scenario tests
	// what it claims (relative to root).
	mustList, mustSkip []string
}

var gitVars = []string{
	"GIT_AUTHOR_NAME=walk test", "GIT_AUTHOR_EMAIL=walk@example.com",
	"GIT_COMMITTER_NAME=walk test", "GIT_COMMITTER_EMAIL=walk@example.com",
	"GIT_CONFIG_NOSYSTEM=1", "XDG_CONFIG_HOME=",
}

// testEnv is an isolated environment for git and for the walker: HOME in
// a temporary folder, no system config, global config in HOME.
type testEnv struct {
	home string
	vars []string
}

func newTestEnv(t testing.TB) *testEnv {
	home := t.TempDir()
	e := &testEnv{home: home}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") && !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "XDG_") {
			e.vars = append(e.vars, kv)
		}
	}
	e.vars = append(e.vars, gitVars...)
	e.vars = append(e.vars, "HOME="+home, "GIT_CONFIG_GLOBAL="+filepath.Join(home, "gitconfig"))
	return e
}

func (e *testEnv) getenv(key string) string {
	for i := len(e.vars) - 1; i >= 0; i-- {
		if k, v, _ := strings.Cut(e.vars[i], "="); k == key {
			return v
		}
	}
	return ""
}

func (e *testEnv) git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = e.vars
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, stderr.String())
	}
	return string(out)
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// build creates the scenario's tree in top; repository set-up happens in
// initRepo so that noRepo scenarios can be walked in between.
func (s *scenario) build(t testing.TB, top string) {
	for p, c := range s.ignore {
		writeFile(t, filepath.Join(top, p), c)
	}
	for _, p := range s.paths {
		if strings.HasSuffix(p, "/") {
			if err := os.MkdirAll(filepath.Join(top, p), 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		writeFile(t, filepath.Join(top, p), "x\n")
	}
	for link, target := range s.symlinks {
		l := filepath.Join(top, link)
		if err := os.MkdirAll(filepath.Dir(l), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, l); err != nil {
			t.Fatal(err)
		}
	}
}

func (s *scenario) initRepo(t testing.TB, e *testEnv, top string) {
	args := []string{"init", "-q"}
	if s.sha256 {
		args = append(args, "--object-format=sha256")
	}
	e.git(t, top, append(args, ".")...)
	if s.infoExclude != "" {
		writeFile(t, filepath.Join(top, ".git", "info", "exclude"), s.infoExclude)
	}
	if s.excludesFile != "" {
		f := filepath.Join(e.home, "repo-excludes")
		writeFile(t, f, s.excludesFile)
		e.git(t, top, "config", "core.excludesFile", f)
	}
	if s.globalConfigExcludes != "" {
		writeFile(t, filepath.Join(e.home, "global-excludes"), s.globalConfigExcludes)
		writeFile(t, filepath.Join(e.home, "gitconfig"), "[core]\n\texcludesFile = ~/global-excludes\n")
	}
	if s.globalIgnore != "" {
		writeFile(t, filepath.Join(e.home, ".config", "git", "ignore"), s.globalIgnore)
	}
	for _, sub := range s.submodules {
		dir := filepath.Join(top, sub)
		writeFile(t, filepath.Join(dir, "inner.txt"), "x\n")
		e.git(t, dir, "init", "-q", ".")
		e.git(t, dir, "add", "inner.txt")
		e.git(t, dir, "commit", "-q", "-m", "inner")
		e.git(t, top, "add", sub)
	}
	if len(s.tracked)+len(s.deleted) > 0 {
		e.git(t, top, append([]string{"add", "-f", "--"}, append(slices.Clone(s.tracked), s.deleted...)...)...)
	}
	if len(s.intent) > 0 {
		e.git(t, top, append([]string{"add", "-f", "-N", "--"}, s.intent...)...)
	}
	for _, d := range s.deleted {
		if err := os.Remove(filepath.Join(top, d)); err != nil {
			t.Fatal(err)
		}
	}
	for p, to := range s.replaced {
		abs := filepath.Join(top, p)
		if err := os.RemoveAll(abs); err != nil {
			t.Fatal(err)
		}
		switch to {
		case "/":
			writeFile(t, filepath.Join(abs, "inner.txt"), "x\n")
		case "file":
			writeFile(t, abs, "x\n")
		default:
			if err := os.Symlink(to, abs); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, n := range s.nested {
		e.git(t, filepath.Join(top, n), "init", "-q", ".")
	}
	if s.indexVersion != "" {
		e.git(t, top, "update-index", "--index-version", s.indexVersion)
	}
}

// gitList runs git in dir and returns its list split into what the walker
// must yield (paths that exist as files or symlinks) and what it cannot
// (folders: nested repositories and submodules; tracked files missing on
// disk).
func gitList(t testing.TB, e *testEnv, dir string) (files, folders, missing []string) {
	out := e.git(t, dir, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
	seen := map[string]bool{}
	for _, p := range strings.Split(strings.TrimSuffix(out, "\x00"), "\x00") {
		if p == "" || seen[p] {
			continue
		}
		seen[p] = true
		fi, err := os.Lstat(filepath.Join(dir, p))
		switch {
		case err != nil:
			missing = append(missing, p)
		case fi.IsDir():
			folders = append(folders, p)
		default:
			files = append(files, p)
		}
	}
	slices.Sort(files)
	return files, folders, missing
}

// walkList runs the walker and returns the sorted relative paths.
func walkList(t testing.TB, e *testEnv, root string) ([]string, map[string]bool, Stats) {
	var mu sync.Mutex
	var got []string
	links := map[string]bool{}
	st, err := Walk(root, Options{Getenv: e.getenv, OnError: func(p string, err error) {
		t.Errorf("walk error on %s: %v", p, err)
	}}, func(f File) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, f.Rel)
		if f.Symlink {
			links[f.Rel] = true
		}
		if want := filepath.Join(root, filepath.FromSlash(f.Rel)); f.Abs != want {
			t.Errorf("Abs of %s = %s, want %s", f.Rel, f.Abs, want)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if st.Files != len(got) {
		t.Errorf("Stats.Files = %d, yielded %d", st.Files, len(got))
	}
	// The same walk with listings and folders' paths reused folder after
	// folder (paths copied, as Options.Transient asks; without OnError,
	// which would keep folders' paths from being reused) yields the same.
	var again []string
	againLinks := map[string]bool{}
	_, err = Walk(root, Options{Getenv: e.getenv, Transient: true}, func(f File) {
		mu.Lock()
		defer mu.Unlock()
		again = append(again, strings.Clone(f.Rel))
		if f.Symlink {
			againLinks[strings.Clone(f.Rel)] = true
		}
		if want := filepath.Join(root, filepath.FromSlash(f.Rel)); f.Abs != want {
			t.Errorf("transient: Abs of %s = %s, want %s", f.Rel, f.Abs, want)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(again)
	if !slices.Equal(got, again) || !maps.Equal(links, againLinks) {
		t.Errorf("transient walk differs (-plain only, +transient only):\n%s", diffLists(got, again))
	}
	return got, links, st
}

// run checks one scenario against git.
func (s *scenario) run(t *testing.T) {
	e := newTestEnv(t)
	top := filepath.Join(t.TempDir(), "repo")
	if err := os.MkdirAll(top, 0o755); err != nil {
		t.Fatal(err)
	}
	s.build(t, top)
	root := filepath.Join(top, filepath.FromSlash(s.root))
	var got []string
	var links map[string]bool
	var st Stats
	if s.noRepo {
		got, links, st = walkList(t, e, root)
		s.checkProbe(t, e, root, got, links)
	}
	s.initRepo(t, e, top)
	if s.worktree {
		e.git(t, top, "commit", "-q", "--allow-empty", "-m", "base")
		wt := top + "-wt"
		e.git(t, top, "worktree", "add", "-q", wt)
		for _, p := range s.worktreePaths {
			writeFile(t, filepath.Join(wt, p), "x\n")
		}
		root = wt
	}
	if !s.noRepo {
		got, links, st = walkList(t, e, root)
		s.checkProbe(t, e, root, got, links)
	}
	want, folders, _ := gitList(t, e, root)
	if !slices.Equal(got, want) {
		t.Errorf("walker and git differ (-git only, +walker only):\n%s", diffLists(want, got))
	}
	folders = slices.DeleteFunc(folders, func(p string) bool { return s.replaced[path.Join(s.root, p)] == "/" }) // no repositories
	if !s.noRepo && st.NestedRepos != len(folders) {
		t.Errorf("Stats.NestedRepos = %d, git lists folders %q", st.NestedRepos, folders)
	}
	for _, p := range s.mustList {
		if !slices.Contains(want, p) {
			t.Errorf("scenario broken: git does not list %s", p)
		}
	}
	for _, p := range s.mustSkip {
		if slices.Contains(want, p) {
			t.Errorf("scenario broken: git lists %s", p)
		}
	}
	for link := range s.symlinks {
		rel := strings.TrimPrefix(strings.TrimPrefix(link, s.root), "/")
		if slices.Contains(got, rel) && !links[rel] {
			t.Errorf("%s yielded without Symlink set", rel)
		}
	}
	for _, p := range got {
		if top := strings.TrimPrefix(s.root+"/"+p, "/"); links[p] && s.symlinks[top] == "" && (s.replaced[top] == "" || s.replaced[top] == "/" || s.replaced[top] == "file") {
			t.Errorf("%s marked as a symlink", p)
		}
	}
}

func diffLists(want, got []string) string {
	var b strings.Builder
	for _, p := range want {
		if !slices.Contains(got, p) {
			b.WriteString("- " + p + "\n")
		}
	}
	for _, p := range got {
		if !slices.Contains(want, p) {
			b.WriteString("+ " + p + "\n")
		}
	}
	return b.String()
}
