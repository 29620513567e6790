package validate

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/handbook-dev/handbook/templates"
)

// BenchmarkParseEntries parses the entries of testdata/repo's handbook, or of the
// folder HANDBOOK_PARSE_ENTRIES names (e.g. a bench/refs clone's
// handbook/backend-development), one Parse per entry per iteration.
func BenchmarkParseEntries(b *testing.B) {
	dir := os.Getenv("HANDBOOK_PARSE_ENTRIES")
	if dir == "" {
		dir = filepath.Join("testdata", "repo", "handbook", "engineering", "backend-development")
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.mdx"))
	must(b, err)
	var srcs [][]byte
	size := 0
	for _, n := range names {
		src, err := os.ReadFile(n)
		must(b, err)
		srcs = append(srcs, src)
		size += len(src)
	}
	tmpl := templates.Sections(templates.BackendDevelopment)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			Parse(src, tmpl)
		}
	}
}
