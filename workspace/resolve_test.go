package workspace

import (
	"os"
	"path/filepath"
	"testing"
)

// ws.resolve, which starts below the root from its real path, answers as
// Resolve, which walks every path from /: through a root reached by a
// symlink, symlinks below the root (inside, outside, dangling, chained,
// relative with ..), files, and paths that do not exist yet.
func TestWorkspaceResolveIsResolve(t *testing.T) {
	top := tree(t, "real/.git/", "real/handbook/docs.json={}", "real/handbook/backend-development/a.mdx=x",
		"real/plain/deep/f.txt=x", "outside/o/", "outside/file=x")
	link := func(target, name string) {
		if err := os.Symlink(target, filepath.Join(top, name)); err != nil {
			t.Skipf("no symlinks here: %v", err)
		}
	}
	link("real", "root")
	link("../outside", "real/out")
	link("handbook", "real/hb")
	link("hb/backend-development", "real/sec")
	link("nowhere", "real/dangling")
	link("../../plain/deep", "real/handbook/up")
	link(filepath.Join(top, "real", "plain"), "real/abs")
	ws, err := Open(Options{Dir: filepath.Join(top, "root")})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Root != filepath.Join(top, "root") || ws.realRoot == ws.Root {
		t.Fatalf("root %s (real %s): want the root reached through the symlink", ws.Root, ws.realRoot)
	}
	for _, rel := range []string{"", ".", "handbook", "handbook/docs.json", "handbook/backend-development/a.mdx",
		"handbook/new/entry.mdx", "missing", "missing/deeper/x", "plain/deep/f.txt", "plain/deep/f.txt/x",
		"out", "out/o", "out/file", "out/new", "hb", "hb/docs.json", "sec", "sec/a.mdx", "sec/new.mdx",
		"dangling", "dangling/x", "handbook/up", "handbook/up/f.txt", "abs/deep", "abs/new/x", "..", "../outside",
		"handbook/../plain", ".git"} {
		p := filepath.Join(ws.Root, filepath.FromSlash(rel))
		got, gotErr := ws.resolve(p)
		want, wantErr := Resolve(p)
		if got != want || (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
			t.Errorf("%s: ws.resolve = %q, %v; Resolve = %q, %v", rel, got, gotErr, want, wantErr)
		}
	}
}
