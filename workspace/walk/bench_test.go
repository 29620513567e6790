package walk

import (
	"os/exec"
	"sync/atomic"
	"testing"

	"github.com/handbook-dev/handbook/workspace/walk/walktest"
)

// benchTree generates a monorepo-shaped tree of about files files (plus
// ignored bulk), committed to a git index.
func benchTree(b *testing.B, files int) string {
	b.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("git not installed")
	}
	dir := b.TempDir()
	if _, err := walktest.Generate(dir, walktest.Options{Files: files, Seed: 1, Git: true}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func benchmarkWalk(b *testing.B, files, workers int) {
	dir := benchTree(b, files)
	b.ResetTimer()
	for b.Loop() {
		var n atomic.Int64
		st, err := Walk(dir, Options{Workers: workers}, func(File) { n.Add(1) })
		if err != nil || st.Files == 0 {
			b.Fatal(err, st)
		}
		b.ReportMetric(float64(st.Files), "files/op")
	}
}

// BenchmarkWalk5k walks the 5,000-file tree of the explore speed target
// (go test -bench Walk -run '^$' ./workspace/walk).
func BenchmarkWalk5k(b *testing.B)          { benchmarkWalk(b, 5000, 0) }
func BenchmarkWalk5kOneWorker(b *testing.B) { benchmarkWalk(b, 5000, 1) }
func BenchmarkWalk20k(b *testing.B)         { benchmarkWalk(b, 20000, 0) }

// BenchmarkIgnoreMatch is the per-path cost of deciding a file against a
// typical stack of ignore files.
func BenchmarkIgnoreMatch(b *testing.B) {
	root := parseIgnore("", []byte("node_modules/\n__pycache__/\n*.pyc\n.venv/\n/build/\n*.log\n!keep.log\n.env\n*.tmp\ndist/\n**/generated/**\ndocs/*.pdf\n"))
	sub := parseIgnore("server/", []byte("*.sqlite\n/local/\n!important.sqlite\n"))
	w := &walker{}
	stack := &frame{list: sub, parent: &frame{list: root}}
	paths := [][2]string{
		{"server/pkg/mod/service.py", "service.py"},
		{"server/pkg/mod/x.pyc", "x.pyc"},
		{"server/a/generated/b.py", "b.py"},
		{"server/keep.log", "keep.log"},
	}
	for b.Loop() {
		for _, p := range paths {
			w.isExcluded(p[0], p[1], false, stack)
		}
	}
}
