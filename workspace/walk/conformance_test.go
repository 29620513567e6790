package walk

import (
	"encoding/json"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

func requireGit(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
}

// sharedCase is one scenario of testdata/gitignore-cases.json, recorded
// with git 2.39. The test checks it against the git installed here and
// also checks the recorded answer, so a changed git shows up as such.
type sharedCase struct {
	Name        string            `json:"name"`
	IgnoreFiles map[string]string `json:"ignore_files"`
	Paths       []string          `json:"paths"`
	GitLists    []string          `json:"git_lists"`
	GitIgnores  []string          `json:"git_ignores"`
}

// loadSharedCases reads testdata/gitignore-cases.json.
func loadSharedCases(t *testing.T) []sharedCase {
	t.Helper()
	data, err := os.ReadFile("testdata/gitignore-cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []sharedCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 38 {
		t.Fatalf("only %d shared cases", len(file.Cases))
	}
	return file.Cases
}

func TestConformanceSharedCases(t *testing.T) {
	requireGit(t)
	for _, c := range loadSharedCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			s := scenario{name: c.Name, ignore: c.IgnoreFiles, paths: c.Paths, mustList: c.GitLists, mustSkip: c.GitIgnores}
			s.run(t)
		})
	}
}

// longName is a folder name long enough that git's index v4 needs
// multi-byte prefix lengths.
var longName = strings.Repeat("long-folder-name-", 12)

// Scenarios beyond the shared ones: repository features (index, nested
// repositories, submodules, global excludes), file system oddities
// (symlinks, odd names) and ignore-file encodings.
var scenarios = []scenario{
	{
		name:     "tracked-but-ignored",
		ignore:   map[string]string{".gitignore": "*.log\nbuild/\n", "build/sub/.gitignore": "!*\n"},
		paths:    []string{"a.log", "b.log", "build/keep.txt", "build/other.txt", "build/sub/x.txt", "build/sub/y.txt", "src/c.go"},
		tracked:  []string{"a.log", "build/keep.txt", "build/sub/x.txt"},
		mustList: []string{"a.log", "build/keep.txt", "build/sub/x.txt", "src/c.go"},
		mustSkip: []string{"b.log", "build/other.txt", "build/sub/y.txt"},
	},
	{
		name:     "tracked-deleted",
		ignore:   map[string]string{".gitignore": "*.tmp\n"},
		paths:    []string{"gone.txt", "here.txt", "gone.tmp"},
		deleted:  []string{"gone.txt", "gone.tmp"},
		tracked:  []string{"here.txt"},
		mustList: []string{"here.txt"},
	},
	{
		// A Probe tells a folder by looking up the index's first path
		// below it (right in it when there is one): that path deleted,
		// turned into a folder or a symlink, or a submodule, or only
		// further down; the folder is still what the walk says.
		name:   "first-tracked-path-gone",
		ignore: map[string]string{".gitignore": "*.log\n"},
		paths: []string{
			"del/a.txt", "del/b.log", "del2/a.txt", "del2/sub/c.txt", "del3/a.txt", "del3/b.txt",
			"dir/a.txt", "dir/b.log", "link/a.txt", "link/b.log", "only/a.txt", "only/b.log",
			"deep/a/b/c.txt", "deep/z.txt", "deeper/a/b/c.txt", "deeper/a/b/d.log", "mods/z.txt",
			"tf/x.txt", "tl/x.txt", "tl2/x.txt",
		},
		deleted: []string{"del/a.txt", "del2/a.txt", "del3/a.txt", "only/a.txt"},
		tracked: []string{
			"del2/sub/c.txt", "deep/a/b/c.txt", "deep/z.txt", "deeper/a/b/c.txt", "mods/z.txt", "dir/a.txt", "link/a.txt",
			"tf/x.txt", "tl/x.txt", "tl2/x.txt",
		},
		// Tracked files turned into a folder or a symlink; folders holding
		// tracked files turned into a file or a symlink (a Probe opens a
		// path the index has a folder at before it looks it up).
		replaced:   map[string]string{"dir/a.txt": "/", "link/a.txt": "../only", "tf": "file", "tl": "deep", "tl2": "gone"},
		submodules: []string{"mods/sm"},
		mustList:   []string{"del2/sub/c.txt", "del3/b.txt", "dir/a.txt/inner.txt", "link/a.txt", "deeper/a/b/c.txt", "mods/z.txt", "tf", "tl", "tl2"},
		mustSkip:   []string{"del/b.log", "only/b.log", "dir/b.log"},
	},
	{
		name:     "index-v3-intent-to-add",
		ignore:   map[string]string{".gitignore": "*.gen\n"},
		paths:    []string{"a.gen", "b.gen", "c.txt"},
		intent:   []string{"a.gen"},
		mustList: []string{"a.gen"},
		mustSkip: []string{"b.gen"},
	},
	{
		name:   "index-v4-prefix-compression",
		ignore: map[string]string{".gitignore": "*.out\nvendor/\n"},
		paths: []string{
			"server/billing/invoices/service.out", "server/billing/invoices/schemas.out",
			"server/billing/payments/service.out", "server/billing/payments/zz.out",
			"vendor/lib/a.py", "vendor/lib/b.py", "vendor/other/c.py", "x.out",
			// strip counts of 128 and more need more than one varint byte
			longName + "/a.out", longName + "/b/" + longName + ".out", "w.out",
		},
		tracked: []string{
			"server/billing/invoices/service.out", "server/billing/payments/service.out",
			"vendor/lib/a.py", "vendor/other/c.py",
			longName + "/a.out", longName + "/b/" + longName + ".out", "w.out",
		},
		indexVersion: "4",
		mustList:     []string{"server/billing/payments/service.out", "vendor/other/c.py"},
		mustSkip:     []string{"vendor/lib/b.py", "server/billing/payments/zz.out"},
	},
	{
		name:         "index-v2-explicit",
		ignore:       map[string]string{".gitignore": "*\n!.gitignore\n"},
		paths:        []string{"a", "dir/b", "dir/c"},
		tracked:      []string{"dir/b"},
		indexVersion: "2",
		mustList:     []string{"dir/b"},
		mustSkip:     []string{"a", "dir/c"},
	},
	{
		name:     "sha256-index",
		ignore:   map[string]string{".gitignore": "*.log\n"},
		paths:    []string{"a.log", "b.log", "c.txt"},
		tracked:  []string{"a.log"},
		sha256:   true,
		mustList: []string{"a.log"},
		mustSkip: []string{"b.log"},
	},
	{
		name:     "nested-repository-untracked",
		paths:    []string{"a.txt", "nested/inner.txt", "nested/deep/x.txt"},
		nested:   []string{"nested"},
		mustList: []string{"a.txt"},
		mustSkip: []string{"nested/inner.txt"},
	},
	{
		name:     "nested-repository-ignored",
		ignore:   map[string]string{".gitignore": "nested/\n"},
		paths:    []string{"a.txt", "nested/inner.txt"},
		nested:   []string{"nested"},
		mustSkip: []string{"nested/inner.txt"},
	},
	{
		name:     "nested-repository-with-tracked-files",
		paths:    []string{"nested/tracked.txt", "nested/untracked.txt"},
		tracked:  []string{"nested/tracked.txt"},
		nested:   []string{"nested"},
		mustList: []string{"nested/tracked.txt", "nested/untracked.txt"},
	},
	{
		name:       "submodule",
		paths:      []string{"a.txt"},
		submodules: []string{"libs/sub"},
		mustList:   []string{"a.txt"},
	},
	{
		name:     "nested-gitfile",
		ignore:   map[string]string{"wt/.git": "gitdir: ../.git\n"},
		paths:    []string{"a.txt", "wt/b.txt"},
		mustList: []string{"a.txt"},
	},
	{
		name:     "nested-repository-symlinked-dot-git",
		paths:    []string{"a.txt", "inner/x", "n/b"},
		nested:   []string{"inner"},
		symlinks: map[string]string{"n/.git": "../inner/.git"},
		mustList: []string{"a.txt"},
	},
	{
		name:     "empty-dot-git-folder-is-not-a-repository",
		paths:    []string{"a.txt", "fake/.git/", "fake/b.txt"},
		mustList: []string{"a.txt", "fake/b.txt"},
	},
	{
		name:   "symlinks",
		ignore: map[string]string{".gitignore": "ldir/\n"},
		paths:  []string{"real/a.txt", "file.txt"},
		symlinks: map[string]string{
			"lfile": "file.txt", "ldir": "real", "loop": "loop", "up": "..",
			"real/self": ".", "dangling": "nowhere", "abs": "/etc",
		},
		mustList: []string{"lfile", "ldir", "loop", "up", "real/self", "dangling", "abs"},
	},
	{
		name:     "symlinked-gitignore-is-not-read",
		ignore:   map[string]string{"rules": "*.txt\n"},
		paths:    []string{"a.txt", "sub/b.txt"},
		symlinks: map[string]string{"sub/.gitignore": "../rules"},
		mustList: []string{"sub/b.txt"},
	},
	{
		// The probe opens .gitignore relative to its folder: one that is
		// a folder is no ignore file, for git or for it.
		name:     "gitignore-folder-is-not-read",
		ignore:   map[string]string{".gitignore": "*.log\n"},
		paths:    []string{"a.log", "b.txt", "sub/.gitignore/c.txt", "sub/d.txt", "sub/e.log"},
		mustList: []string{"b.txt", "sub/.gitignore/c.txt", "sub/d.txt"},
		mustSkip: []string{"a.log", "sub/e.log"},
	},
	{
		name:     "symlink-ignored-by-name",
		ignore:   map[string]string{".gitignore": "l*\n"},
		paths:    []string{"x"},
		symlinks: map[string]string{"link": "x"},
		mustSkip: []string{"link"},
	},
	{
		name:        "info-exclude",
		ignore:      map[string]string{".gitignore": "!keep.tmp\n"},
		paths:       []string{"a.tmp", "keep.tmp", "sub/b.tmp", "local/x"},
		infoExclude: "# local\n*.tmp\n/local\n",
		mustList:    []string{"keep.tmp"},
		mustSkip:    []string{"a.tmp", "sub/b.tmp", "local/x"},
	},
	{
		name:         "core-excludes-file-repo-config",
		paths:        []string{"a.swp", "b.txt", ".idea/x.xml", "info.bak"},
		excludesFile: "*.swp\n.idea/\n",
		infoExclude:  "*.bak\n!a.swp\n",
		mustList:     []string{"b.txt", "a.swp"},
		mustSkip:     []string{".idea/x.xml", "info.bak"},
	},
	{
		name:                 "core-excludes-file-global-config",
		ignore:               map[string]string{".gitignore": "!keep.swp\n"},
		paths:                []string{"a.swp", "keep.swp", "b.txt"},
		globalConfigExcludes: "*.swp\n",
		mustList:             []string{"keep.swp", "b.txt"},
		mustSkip:             []string{"a.swp"},
	},
	{
		name:         "default-global-ignore",
		paths:        []string{".DS_Store", "sub/.DS_Store", "a.txt"},
		globalIgnore: ".DS_Store\n",
		mustList:     []string{"a.txt"},
		mustSkip:     []string{".DS_Store", "sub/.DS_Store"},
	},
	{
		name:   "hidden-files",
		ignore: map[string]string{".gitignore": ".env\n"},
		paths: []string{
			".github/workflows/ci.yml", ".env", ".env.example", ".config/x", "a/.hidden",
		},
		mustList: []string{".github/workflows/ci.yml", ".env.example", "a/.hidden"},
		mustSkip: []string{".env"},
	},
	{
		name: "deep-nesting",
		ignore: map[string]string{
			".gitignore":                 "*.o\n",
			"a/b/c/.gitignore":           "!keep.o\n/d/e/*.tmp\n",
			"a/b/c/d/e/f/g/h/.gitignore": "*.txt\n!last.txt\n",
		},
		paths: []string{
			"a/b/c/d/e/f/g/h/i/j/k/x.o", "a/b/c/keep.o", "a/b/c/d/e/f/g/h/keep.o",
			"a/b/c/d/e/y.tmp", "a/b/c/d/e/f/y.tmp", "a/b/c/d/e/f/g/h/i/z.txt",
			"a/b/c/d/e/f/g/h/i/last.txt",
		},
		mustList: []string{"a/b/c/d/e/f/g/h/keep.o", "a/b/c/d/e/f/y.tmp", "a/b/c/d/e/f/g/h/i/last.txt"},
		mustSkip: []string{"a/b/c/d/e/f/g/h/i/j/k/x.o", "a/b/c/d/e/y.tmp", "a/b/c/d/e/f/g/h/i/z.txt"},
	},
	{
		name:     "unicode-names",
		ignore:   map[string]string{".gitignore": "café/\nnaïve*.txt\n日本?.md\n"},
		paths:    []string{"café/x", "cafe/x", "naïve-1.txt", "naive.txt", "日本語.md", "日本.md", "Ünïcødé/ö.py"},
		mustList: []string{"cafe/x", "naive.txt", "Ünïcødé/ö.py"},
		mustSkip: []string{"café/x", "naïve-1.txt"},
	},
	{
		name: "spaces-and-brackets",
		ignore: map[string]string{".gitignore": "my file.txt\n\\[draft\\]*\nweird\\ \n" +
			"[[]x]\ntab\there\n"},
		paths: []string{
			"my file.txt", "my  file.txt", "[draft] notes.md", "draft notes.md",
			"weird ", "weird", "[x]", "x]", "tab\there", "dir with space/a b.txt",
		},
		mustList: []string{"my  file.txt", "draft notes.md", "weird", "dir with space/a b.txt"},
		mustSkip: []string{"my file.txt", "[draft] notes.md", "weird ", "[x]", "tab\there"},
	},
	{
		name:     "crlf-gitignore",
		ignore:   map[string]string{".gitignore": "*.log\r\n!keep.log\r\nbuild/  \r\n\r\n# c\r\n", "sub/.gitignore": "x\r"},
		paths:    []string{"a.log", "keep.log", "build/a", "sub/x", "sub/y"},
		mustList: []string{"keep.log", "sub/y"},
		mustSkip: []string{"a.log", "build/a", "sub/x"},
	},
	{
		name:     "bom-gitignore",
		ignore:   map[string]string{".gitignore": "\xef\xbb\xbf*.log\n\xef\xbb\xbfmid\n"},
		paths:    []string{"a.log", "mid", "\xef\xbb\xbfmid"},
		mustSkip: []string{"a.log", "\xef\xbb\xbfmid"},
		mustList: []string{"mid"},
	},
	{
		name:     "no-trailing-newline",
		ignore:   map[string]string{".gitignore": "*.a\n*.b"},
		paths:    []string{"x.a", "x.b", "x.c"},
		mustList: []string{"x.c"},
	},
	{
		name:     "root-is-subfolder",
		ignore:   map[string]string{".gitignore": "*.log\n/top-only\npkg/gen/\n", "pkg/.gitignore": "!keep.log\n"},
		paths:    []string{"pkg/a.log", "pkg/keep.log", "pkg/top-only", "pkg/gen/x.py", "pkg/src/y.py", "other/z.py"},
		root:     "pkg",
		mustList: []string{"keep.log", "top-only", "src/y.py"},
		mustSkip: []string{"a.log", "gen/x.py"},
	},
	{
		name:     "root-inside-ignored-folder",
		ignore:   map[string]string{".gitignore": "build/\n", "build/out/.gitignore": "!*\n"},
		paths:    []string{"build/out/a.txt", "build/out/b.txt", "build/out/sub/c.txt"},
		tracked:  []string{"build/out/sub/c.txt"},
		root:     "build/out",
		mustList: []string{"sub/c.txt"},
		mustSkip: []string{"a.txt"},
	},
	{
		name:          "linked-worktree",
		ignore:        map[string]string{".gitignore": "*.log\n"},
		paths:         []string{"a.txt", "b.log"},
		tracked:       []string{".gitignore", "a.txt", "b.log"},
		infoExclude:   "*.tmp\n",
		worktree:      true,
		worktreePaths: []string{"new.txt", "new.log", "new.tmp"},
		mustList:      []string{"a.txt", "b.log", "new.txt"},
		mustSkip:      []string{"new.log", "new.tmp"},
	},
	{
		name:     "no-repository",
		ignore:   map[string]string{".gitignore": "*.log\nbuild/\n!keep.log\n", "sub/.gitignore": "/x\n"},
		paths:    []string{"a.log", "keep.log", "build/y", "sub/x", "sub/deeper/x", "z"},
		noRepo:   true,
		mustList: []string{"keep.log", "sub/deeper/x", "z"},
		mustSkip: []string{"a.log", "build/y", "sub/x"},
	},
	{
		name:     "empty-and-comment-only-gitignore",
		ignore:   map[string]string{".gitignore": "", "a/.gitignore": "# nothing\n\n   \n", "b/.gitignore": "!\n/\n!/\n"},
		paths:    []string{"x", "a/x", "b/x"},
		mustList: []string{"x", "a/x", "b/x"},
	},
	{
		name:     "gitignore-ignoring-itself",
		ignore:   map[string]string{".gitignore": ".gitignore\n*.x\n", "sub/.gitignore": "!*.x\n"},
		paths:    []string{"a.x", "sub/b.x"},
		mustList: []string{"sub/b.x"},
		mustSkip: []string{".gitignore", "sub/.gitignore", "a.x"},
	},
	{
		name:     "star-star-quirks",
		ignore:   map[string]string{".gitignore": "x**/y\n**z\na/**b\n/c/**\n"},
		paths:    []string{"x/y", "xq/y", "xq/r/y", "qz", "d/qz", "a/b", "a/q/b", "a/qb", "c/d/e", "e/c/d"},
		mustList: []string{"e/c/d"},
	},
	{
		name:     "posix-classes",
		ignore:   map[string]string{".gitignore": "[[:digit:]]*\n*[[:upper:]].txt\n[[:bogus:]]x\n[[:alpha:]-]z\n"},
		paths:    []string{"1a", "a1", "aB.txt", "ab.txt", "x", "-z", "qz", "3z"},
		mustList: []string{"a1", "ab.txt", "x"},
		mustSkip: []string{"1a", "3z", "aB.txt", "-z", "qz"},
	},
}

func TestConformanceScenarios(t *testing.T) {
	requireGit(t)
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			if len(s.symlinks) > 0 && !canSymlink(t) {
				t.Skip("symlinks not supported here")
			}
			s.run(t)
		})
	}
}

func canSymlink(t *testing.T) bool {
	d := t.TempDir()
	return os.Symlink("x", d+"/l") == nil
}

// TestNestedRepositoryNotEntered makes sure nothing below a nested
// repository is read: a walker that entered it and dropped its files
// afterwards would pass the list comparison but pay for the reads. The
// nested folder itself is listed once, which is how its .git is found.
func TestNestedRepositoryNotEntered(t *testing.T) {
	requireGit(t)
	e := newTestEnv(t)
	top := t.TempDir()
	s := scenario{paths: []string{"a.txt", "nested/x/y/z.txt"}, nested: []string{"nested"}}
	s.build(t, top)
	s.initRepo(t, e, top)
	_, _, st := walkList(t, e, top)
	if st.Dirs != 2 || st.NestedRepos != 1 {
		t.Errorf("Dirs = %d, NestedRepos = %d; want 2 and 1", st.Dirs, st.NestedRepos)
	}
}

// TestUnreadableFolderIsCounted makes folders unreadable in two ways: a
// folder that vanishes between its parent's listing and its own read
// (works for any user), and a folder without permissions (not for root).
func TestUnreadableFolderIsCounted(t *testing.T) {
	top := t.TempDir()
	writeFile(t, top+"/a.txt", "x")
	writeFile(t, top+"/gone/b.txt", "x")
	writeFile(t, top+"/open/c.txt", "x")
	locked := os.Geteuid() != 0
	if locked {
		writeFile(t, top+"/locked/d.txt", "x")
		if err := os.Chmod(top+"/locked", 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(top+"/locked", 0o755)
	}
	var errs, files []string
	st, err := Walk(top, Options{Workers: 1, Getenv: func(string) string { return "" },
		OnError: func(p string, err error) { errs = append(errs, p) },
	}, func(f File) {
		files = append(files, f.Rel)
		if f.Rel == "a.txt" {
			// The parent has been listed; its subfolders are read later.
			if err := os.RemoveAll(top + "/gone"); err != nil {
				t.Error(err)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	want := 1
	if locked {
		want = 2
	}
	if st.Unreadable != want || len(errs) != want {
		t.Errorf("Unreadable = %d, errors %q; want %d", st.Unreadable, errs, want)
	}
	slices.Sort(files)
	if !slices.Equal(files, []string{"a.txt", "open/c.txt"}) {
		t.Errorf("files = %q", files)
	}
}

func TestRootErrors(t *testing.T) {
	if _, err := Walk(t.TempDir()+"/missing", Options{}, func(File) {}); err == nil {
		t.Error("missing root: no error")
	}
	f := t.TempDir() + "/file"
	writeFile(t, f, "x")
	if _, err := Walk(f, Options{}, func(File) {}); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("file root: err = %v", err)
	}
}
