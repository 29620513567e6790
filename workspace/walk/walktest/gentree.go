// Package walktest generates deterministic trees shaped like the monorepo
// handbook users work in, for walker benchmarks: a Python/FastAPI server
// in the per-module layout, a TypeScript client, a Mintlify handbook, and
// the bulk that real repositories ignore (node_modules, .venv,
// __pycache__, build output) behind nested .gitignore files.
package walktest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
)

// Options shape a generated tree.
type Options struct {
	Files   int    // files the walk should yield (roughly); ignored bulk comes on top
	Seed    uint64 // same seed, same tree
	Content int    // bytes per file (0: a short line)
	Git     bool   // run git init and git add -A (needs git on PATH)
}

// Generate writes the tree into dir (which should be empty) and returns
// how many files it wrote, ignored ones included.
func Generate(dir string, opts Options) (int, error) {
	g := &gen{dir: dir, r: rand.New(rand.NewPCG(opts.Seed, 0x9e3779b9)), content: opts.Content}
	g.write(".gitignore", "node_modules/\n__pycache__/\n*.pyc\n.venv/\n/build/\n*.log\n!keep.log\n.env\n")
	g.write(".github/workflows/ci.yml", "on: push\n")
	g.write("server/migrations/.gitignore", "*.tmp\n")
	g.write("clients/.gitignore", ".next/\ndist/\n*.tsbuildinfo\n")
	g.write("handbook/docs.json", "{\"navigation\": {\"groups\": []}}\n")
	modules := []string{"endpoints", "service", "repository", "schemas", "tasks"}
	// Packages grow with the tree so that doubling Files doubles the
	// folders too, as in a real code base.
	pkgs := max(opts.Files/80, 4)
	for g.listed < opts.Files && g.err == nil {
		pkg := fmt.Sprintf("pkg%04d", g.r.IntN(pkgs))
		mod := fmt.Sprintf("mod%02d", g.r.IntN(16))
		switch g.r.IntN(10) {
		case 0, 1, 2, 3:
			base := filepath.Join("server", pkg, mod)
			for _, m := range modules {
				g.write(filepath.Join(base, m+".py"), "")
			}
			g.write(filepath.Join(base, "__init__.py"), "")
			g.ignored(filepath.Join(base, "__pycache__", "service.cpython-312.pyc"))
			g.ignored(filepath.Join(base, "__pycache__", "tasks.cpython-312.pyc"))
		case 4:
			g.write(filepath.Join("server", "models", pkg+".py"), "")
			g.write(filepath.Join("server", "migrations", "versions", fmt.Sprintf("%04d_%s.py", g.r.IntN(9999), pkg)), "")
			g.ignored(filepath.Join("server", "migrations", "versions", fmt.Sprintf("%04d.tmp", g.r.IntN(9999))))
		case 5:
			g.write(filepath.Join("server", "tests", pkg, "test_"+mod+".py"), "")
			g.ignored(filepath.Join("server", "tests", pkg, "run.log"))
		case 6, 7:
			d := filepath.Join("clients", "apps", "web", "src", "components", pkg)
			g.write(filepath.Join(d, mod+".tsx"), "")
			g.write(filepath.Join(d, mod+".test.ts"), "")
			g.ignored(filepath.Join("clients", "apps", "web", ".next", "cache", pkg+mod+".js"))
		case 8:
			g.write(filepath.Join("handbook", "engineering", "backend-development", pkg+"-"+mod+".mdx"), "")
		case 9:
			for i := range 6 {
				g.ignored(filepath.Join("clients", "node_modules", pkg, "lib", fmt.Sprintf("m%d.js", i)))
				g.ignored(filepath.Join(".venv", "lib", "python3.12", "site-packages", pkg, fmt.Sprintf("m%d.py", i)))
			}
		}
	}
	if g.err != nil {
		return g.total, g.err
	}
	if opts.Git {
		for _, args := range [][]string{{"init", "-q", "."}, {"add", "-A"}} {
			cmd := exec.Command("git", args...)
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				return g.total, fmt.Errorf("git %v: %v: %s", args, err, out)
			}
		}
	}
	return g.total, nil
}

type gen struct {
	dir     string
	r       *rand.Rand
	content int
	listed  int // files the walk should yield
	total   int // files written
	seen    map[string]bool
	err     error
}

func (g *gen) write(rel, content string) {
	if g.create(rel, content) {
		g.listed++
	}
}

func (g *gen) ignored(rel string) {
	g.create(rel, "")
}

// create writes a file once; it reports whether the file is new.
func (g *gen) create(rel, content string) bool {
	if g.err != nil || g.seen[rel] {
		return false
	}
	if g.seen == nil {
		g.seen = map[string]bool{}
	}
	g.seen[rel] = true
	if content == "" {
		content = fmt.Sprintf("# %s\n", rel)
		for len(content) < g.content {
			content += fmt.Sprintf("def f%d():\n    return %d\n", len(content), g.r.IntN(1000))
		}
	}
	p := filepath.Join(g.dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.err = err
		return false
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		g.err = err
		return false
	}
	g.total++
	return true
}
