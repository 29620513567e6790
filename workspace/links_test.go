package workspace

import (
	"os/exec"
	"path/filepath"
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
		"ssh://git@gitlab.example.com/a/b.git": "https://gitlab.example.com/a/b/blob/main/server/x.py#L2",
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
