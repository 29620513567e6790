package workspace

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestCodeLinkerRepository(t *testing.T) {
	root := tree(t, ".git/", "handbook/engineering/backend-development/")
	ws, err := Open(Options{Dir: root})
	if err != nil {
		t.Fatal(err)
	}
	link, err := ws.CodeLinker(ws.Section, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path       string
		start, end int
		want       string
	}{
		{"server/app/kit/locker.py", 3, 7, "../../../server/app/kit/locker.py#L3-L7"},
		{"server/app/kit/locker.py", 3, 3, "../../../server/app/kit/locker.py#L3"},
		{"docs/a b#c.md", 0, 0, "../../../docs/a%20b%23c.md"},
	} {
		if got := link(tc.path, tc.start, tc.end); got != tc.want {
			t.Errorf("link(%q) = %q, want %q", tc.path, got, tc.want)
		}
	}
	if _, err := ws.CodeLinker(ws.Section, "web"); err == nil {
		t.Error("an unknown link base must be an error")
	}
}

func TestCodeLinkerRemote(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	for remote, want := range map[string]string{
		"git@github.com:acme/app.git":          "https://github.com/acme/app/blob/main/server/x.py#L2",
		"https://github.com/acme/app.git":      "https://github.com/acme/app/blob/main/server/x.py#L2",
		"ssh://git@gitlab.example.com/a/b.git": "https://gitlab.example.com/a/b/-/blob/main/server/x.py#L2",
		"git@bitbucket.org:a/b.git":            "https://bitbucket.org/a/b/blob/main/server/x.py#L2",
	} {
		root := t.TempDir()
		for _, args := range [][]string{{"init", "-q"}, {"remote", "add", "origin", remote}} {
			c := exec.Command("git", append([]string{"-C", root}, args...)...)
			c.Env = append(c.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+filepath.Join(root, "none"))
			if out, err := c.CombinedOutput(); err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, out)
			}
		}
		ws, err := Open(Options{Dir: root})
		if err != nil {
			t.Fatal(err)
		}
		link, err := ws.CodeLinker(root, LinkRemote)
		if err != nil {
			t.Fatal(err)
		}
		if got := link("server/x.py", 2, 2); got != want {
			t.Errorf("%s: %q, want %q", remote, got, want)
		}
	}
	ws, _ := Open(Options{Dir: tree(t, ".git/")})
	if _, err := ws.CodeLinker(ws.Root, LinkRemote); err == nil {
		t.Error("no origin must be an error")
	}
}

var updateGolden = flag.Bool("update", false, "rewrite golden files")

// TestCodeLinkerGolden: every link base against GitHub, GitLab, another
// host and no remote, in testdata/links.golden.
func TestCodeLinkerGolden(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	var out strings.Builder
	for _, remote := range []string{
		"https://github.com/acme/app.git", "git@github.com:acme/app.git", "https://gitlab.com/acme/app.git",
		"git@gitlab.example.com:group/sub/app.git", "https://bitbucket.org/acme/app.git", "/srv/git/app.git", "",
	} {
		root := t.TempDir()
		git := func(args ...string) {
			c := exec.Command("git", append([]string{"-C", root}, args...)...)
			c.Env = append(c.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+filepath.Join(root, "none"),
				"GIT_AUTHOR_NAME=a", "GIT_AUTHOR_EMAIL=a@example.com", "GIT_COMMITTER_NAME=a", "GIT_COMMITTER_EMAIL=a@example.com",
				"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
			if b, err := c.CombinedOutput(); err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, b)
			}
		}
		git("init", "-q", "-b", "main")
		git("commit", "-q", "--allow-empty", "-m", "first")
		if remote != "" {
			git("remote", "add", "origin", remote)
		}
		if err := os.MkdirAll(filepath.Join(root, "handbook", "backend-development"), 0o755); err != nil {
			t.Fatal(err)
		}
		ws, err := Open(Options{Dir: root})
		if err != nil {
			t.Fatal(err)
		}
		name := remote
		if name == "" {
			name = "(no remote)"
		}
		fmt.Fprintf(&out, "# %s\n", name)
		for _, base := range []string{"", LinkRepository, LinkRemote, LinkCommit} {
			link, err := ws.CodeLinker(ws.Section, base)
			label := base
			if label == "" {
				label = "default"
			}
			if err != nil {
				fmt.Fprintf(&out, "%-10s error: %v\n", label, err)
				continue
			}
			fmt.Fprintf(&out, "%-10s %s\n", label, link("server/app/locker.py", 3, 7))
			fmt.Fprintf(&out, "%-10s %s\n", label, link("docs/a b.md", 12, 12))
			fmt.Fprintf(&out, "%-10s %s\n", label, link("server/app/", 0, 0))
		}
		// What lint --fix rewrites relative links with (the default
		// link base): a web linker, or why there is none.
		if web, err := ws.WebCodeLinker(); err != nil {
			fmt.Fprintf(&out, "%-10s error: %v\n", "web", err)
		} else {
			fmt.Fprintf(&out, "%-10s %s\n", "web", web("server/app/locker.py", 3, 7))
		}
	}
	golden := filepath.Join("testdata", "links.golden")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./workspace -run TestCodeLinkerGolden -update)", err)
	}
	if out.String() != string(want) {
		t.Errorf("links differ from %s (go test ./workspace -run TestCodeLinkerGolden -update rewrites it):\n%s", golden, out.String())
	}
}

// TestCodeLinkerSubfolderRoot: a root below the top of the git work tree
// (--root examples/shop) links to its files by their path from the top,
// as the code host names them.
func TestCodeLinkerSubfolderRoot(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	top := t.TempDir()
	for _, args := range [][]string{{"init", "-q"}, {"remote", "add", "origin", "git@github.com:acme/app.git"}} {
		c := exec.Command("git", append([]string{"-C", top}, args...)...)
		c.Env = append(c.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+filepath.Join(top, "none"))
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	root := filepath.Join(top, "examples", "shop")
	if err := os.MkdirAll(filepath.Join(root, "handbook"), 0o755); err != nil {
		t.Fatal(err)
	}
	ws, err := Open(Options{Root: root, Dir: root})
	if err != nil {
		t.Fatal(err)
	}
	web, err := ws.WebCodeLinker()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range [][2]string{
		{web("server/x.py", 2, 3), "https://github.com/acme/app/blob/main/examples/shop/server/x.py#L2-L3"},
		{web("server/", 0, 0), "https://github.com/acme/app/tree/main/examples/shop/server"},
	} {
		if tc[0] != tc[1] {
			t.Errorf("got %q, want %q", tc[0], tc[1])
		}
	}
}
