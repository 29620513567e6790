package validate

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/walk"
)

// pyOracle is the module index the resolver replaced, built from every
// file git lists: a .py file's module counts from the first folder above
// it that is not a package when that folder holds a package (a source
// root), and from the repository root. Names two files answer to are left
// out (which one won was never defined).
func pyOracle(files map[string]bool) (mods map[string]string, tops map[string]bool) {
	mods, tops = map[string]string{}, map[string]bool{}
	both := map[string]bool{}
	pkg := func(dir string) bool {
		_, ok := files[dir+"/__init__.py"]
		return ok
	}
	holdsPackage := func(dir string) bool {
		for p := range files {
			if rest, ok := strings.CutPrefix(p, dir+"/"); ok && strings.Count(rest, "/") == 1 && strings.HasSuffix(rest, "/__init__.py") {
				return true
			}
		}
		return false
	}
	add := func(mod, file string) {
		if f, ok := mods[mod]; ok && f != file {
			both[mod] = true
		}
		mods[mod] = file
		top, _, _ := strings.Cut(mod, ".")
		if strings.Contains(mod, ".") || strings.HasSuffix(file, "/__init__.py") {
			tops[top] = true
		}
	}
	for p, link := range files {
		if link || !strings.HasSuffix(p, ".py") {
			continue
		}
		stem := strings.TrimSuffix(strings.TrimSuffix(p, ".py"), "/__init__")
		if stem == "__init__" {
			continue
		}
		root := path.Dir(stem)
		for root != "." && pkg(root) {
			root = path.Dir(root)
		}
		rel := stem
		if root != "." {
			rel = strings.TrimPrefix(stem, root+"/")
		}
		if root == "." || holdsPackage(root) {
			add(strings.ReplaceAll(rel, "/", "."), p)
		}
		add(strings.ReplaceAll(stem, "/", "."), p)
	}
	for m := range both {
		delete(mods, m)
	}
	return mods, tops
}

// TestPythonModulesAsIndexed holds the resolver, which asks about the few
// files a module can be, to the index of every module it replaced: on
// source roots at every depth, modules outside packages, root folders
// that are no package, and packages git does not track yet under a
// source root it knows — whether the roots come from git's index or from
// a walk.
func TestPythonModulesAsIndexed(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	tracked := []string{
		"server/polar/__init__.py", "server/polar/openapi.py", "server/polar/kit/__init__.py", "server/polar/kit/db.py",
		"server/polar/kit/loose/script.py", "src/app/__init__.py", "src/app/main.py", "lib.py", "tools/gen.py", "server/main.py",
		"docs/source/conf.py", "services/api/src/svc/__init__.py", "services/api/src/svc/handlers/__init__.py",
		"services/api/src/svc/handlers/user.py", "web/app.ts", "pkg/__init__.py", "pkg/sub/__init__.py", "pkg/sub/m.py",
		".gitignore",
	}
	untracked := []string{"server/polar/fresh.py", "server/newtop/__init__.py", "server/newtop/x.py", "src/app/new/__init__.py", "venv/lib/site.py"}
	mods := []string{
		"polar", "polar.openapi", "polar.kit", "polar.kit.db", "polar.kit.loose", "polar.kit.loose.script", "script",
		"server.polar.openapi", "server", "server.polar", "app", "app.main", "app.new", "src.app.main", "lib", "tools",
		"tools.gen", "gen", "docs", "docs.source.conf", "conf", "svc", "svc.handlers", "svc.handlers.user",
		"services.api.src.svc.handlers.user", "handlers.user", "pkg", "pkg.sub", "pkg.sub.m", "sub.m", "polar.fresh",
		"newtop", "newtop.x", "fastapi", "fastapi.routing", "os.path", "polar.gone", "tools.gone", "web", "web.app",
		"venv", "site", "polar..kit", "polar.", "kit.db", "main", "server.main",
	}
	for _, indexed := range []bool{true, false} {
		t.Run(map[bool]string{true: "index", false: "walk"}[indexed], func(t *testing.T) {
			root := t.TempDir()
			for _, f := range append(append([]string{}, tracked...), untracked...) {
				content := ""
				if f == ".gitignore" {
					content = "venv/\n"
				}
				must(t, os.MkdirAll(filepath.Join(root, filepath.Dir(f)), 0o755))
				must(t, os.WriteFile(filepath.Join(root, f), []byte(content), 0o644))
			}
			git := gitIn(t, root)
			git("init", "-q")
			if indexed {
				git(append([]string{"add", "--"}, tracked...)...)
			}
			ws, err := workspace.Open(workspace.Options{Root: root})
			must(t, err)
			x := newRepoIndex(ws)
			x.listing()
			files := map[string]bool{}
			for _, f := range x.list {
				files[f.rel] = f.link
			}
			wantMods, wantTops := pyOracle(files)
			x.py.sourceRoots()
			if x.py.indexed != indexed {
				t.Fatalf("roots from the index: %v, want %v", x.py.indexed, indexed)
			}
			// Each root folder holding a tracked .py file is given one,
			// kept from the index reader's memory, which later paths reuse.
			wantTop := map[string]bool{}
			for _, f := range tracked {
				if top, _, ok := strings.Cut(f, "/"); ok && indexed && strings.HasSuffix(f, ".py") {
					wantTop[top] = true
				}
			}
			for top, f := range x.py.pyTopDir {
				if indexed && (!wantTop[top] || !slices.Contains(tracked, f) || !strings.HasPrefix(f, top+"/")) {
					t.Errorf("the index gives the root folder %q the .py file %q", top, f)
				}
				delete(wantTop, top)
			}
			if len(wantTop) > 0 {
				t.Errorf("the index gives no .py file to the root folders %v", wantTop)
			}
			for _, m := range mods {
				file, ours := x.pyModule(m)
				top, _, _ := strings.Cut(m, ".")
				if want := wantMods[m]; file != want || ours != (want != "" || wantTops[top]) {
					t.Errorf("pyModule(%q) = %q, %v; the index of every module says %q, %v", m, file, ours, want, want != "" || wantTops[top])
				}
			}
			for p, link := range files {
				if link || !strings.HasSuffix(p, ".py") {
					continue
				}
				want := ""
				for m, f := range wantMods {
					if f == p && (want == "" || len(m) < len(want)) {
						want = m
					}
				}
				if got := x.moduleOf(p); got != want {
					t.Errorf("moduleOf(%q) = %q, want %q", p, got, want)
				}
			}
			if x.kind("venv/lib/site.py") != walk.Missing {
				t.Errorf("an ignored file is listed")
			}
		})
	}
}

// TestDefinitionsByNameAsListed: a name looked for in the kept sources has
// the definitions that listing every definition gives it, extents
// included, and so do names asked after the switch to the full listing.
func TestDefinitionsByNameAsListed(t *testing.T) {
	ws := refRepo(t, "")
	root := ws.Root
	must(t, os.WriteFile(filepath.Join(root, "server/pkg/kit/twice.py"), []byte("class Other26:\n    def lock(self):\n        pass\n\n    def other(self):\n        pass\n\nlock = 1\n"), 0o644))
	names := []string{"Other26", "Reexported", "MetadataMixin", "findGroupContainer", "other", "lock", "fetchUser", "_write", "café", "nowhere", "pass"}
	x := newRepoIndex(ws)
	var want = map[string][]defAt{}
	for _, n := range names {
		want[n] = slices.Clone(x.allDefinitions()[n])
		slices.SortFunc(want[n], cmpDefAt)
	}
	settled(t)
	// Rounds: names scanned one by one (no cache can be kept), past the
	// budget, then with the definitions cache: written, then read.
	for round := range 4 {
		y := newRepoIndex(ws)
		switch round {
		case 0:
			noDefsCache(y)
		case 1:
			noDefsCache(y)
			y.defs.asked.Store(maxNameScans) // past the budget: the full listing answers
		}
		for _, n := range names {
			got := slices.Clone(y.defsOf(n))
			slices.SortFunc(got, cmpDefAt)
			if !slices.Equal(got, want[n]) {
				t.Errorf("round %d: defsOf(%q) = %v, the listing says %v", round, n, got, want[n])
			}
		}
		if round == 0 && y.defs.all != nil {
			t.Errorf("the names were answered from the full listing")
		}
		if round >= 2 && (!y.defs.indexed || y.defs.all != nil) {
			t.Errorf("round %d: the names were not answered from the definitions cache", round)
		}
		if round == 3 && slices.ContainsFunc(y.defs.sources, func(s *defSource) bool { return s.cacheAt < 0 }) {
			t.Errorf("round %d: sources were listed again", round)
		}
		y.saveCache()
	}
	if len(want["Other26"]) != 2 || len(want["lock"]) < 2 {
		t.Errorf("the fixture lost its repeated names: %v %v", want["Other26"], want["lock"])
	}
}

// TestNameScannedOnce: two entries' workers asking for the same name at
// the same time share one scan of the sources, and the same answer.
func TestNameScannedOnce(t *testing.T) {
	ws := refRepo(t, "")
	x := newRepoIndex(ws)
	noDefsCache(x)
	var scans atomic.Int32
	release := make(chan struct{})
	nameScanHook = func(string) {
		if scans.Add(1) == 1 {
			<-release // the first scan waits until the second asker is there
		}
	}
	defer func() { nameScanHook = nil }()
	var first, second []defAt
	var wg sync.WaitGroup
	wg.Go(func() { first = x.defsOf("MetadataMixin") })
	for scans.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	wg.Go(func() { second = x.defsOf("MetadataMixin") })
	time.Sleep(50 * time.Millisecond) // the second asker waits for the name, or scans on its own
	close(release)
	wg.Wait()
	if n := scans.Load(); n != 1 {
		t.Errorf("MetadataMixin was scanned for %d times, want once", n)
	}
	if len(first) == 0 || !slices.Equal(first, second) {
		t.Errorf("the askers got %v and %v", first, second)
	}
}

// noDefsCache makes x's run one that keeps no cache, whose names are
// scanned one by one.
func noDefsCache(x *repoIndex) {
	x.storeOnce.Do(func() { x.store = &cacheStore{root: x.root} })
}
