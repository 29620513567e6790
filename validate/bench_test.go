package validate

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkFile parses and lints one realistic entry (bench/lint compares
// the whole command with markdownlint-cli2).
func BenchmarkFile(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "repo", "handbook", "engineering", "backend-development", "task-debouncing.mdx"))
	must(b, err)
	ws := testWorkspace(b, "")
	l, err := New(ws)
	must(b, err)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		l.File("task-debouncing.mdx", src)
	}
}
