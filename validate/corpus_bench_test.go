package validate

import (
	"os"
	"testing"

	"github.com/handbook-dev/handbook/workspace"
)

// BenchmarkLintCorpus lints a whole generated repository the way `handbook
// lint` does (without printing); HANDBOOK_LINT_CORPUS names it, e.g. the
// repo bench/lint/run.sh generates. It is skipped without one.
func BenchmarkLintCorpus(b *testing.B) {
	dir := os.Getenv("HANDBOOK_LINT_CORPUS")
	if dir == "" {
		b.Skip("HANDBOOK_LINT_CORPUS is not set; point it at a repository bench/lint/gen wrote")
	}
	ws, err := workspace.Open(workspace.Options{Dir: dir})
	must(b, err)
	for b.Loop() {
		l, err := New(ws)
		must(b, err)
		set, err := collect(ws, dir, nil)
		must(b, err)
		if _, _, err := l.lint(set); err != nil {
			b.Fatal(err)
		}
	}
}
