package validate

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMayImportIsExact: the test run before the import patterns only
// skips lines none of them matches.
func TestMayImportIsExact(t *testing.T) {
	words := []string{"from", "import", "export", "type", "require", "require(", "'x'", "\"y\"", ")", "a.b", "as", "c", ",", "(", "{ d }", "#", "fromx", "importer", "*"}
	r := rand.New(rand.NewPCG(5, 5))
	for range 50000 {
		var b strings.Builder
		b.WriteString([]string{"", " ", "\t", "  \f", "\r"}[r.IntN(5)])
		for i, n := 0, 1+r.IntN(6); i < n; i++ {
			if i > 0 {
				b.WriteString([]string{" ", "", "\t"}[r.IntN(3)])
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		line := b.String()
		if (rePyFrom.MatchString(line) || rePyImport.MatchString(line)) && !mayImport([]byte(line), true) {
			t.Fatalf("%q: a Python pattern matches, mayImport says no", line)
		}
		if (reTSImport.MatchString(line) || reRequire.MatchString(line)) && !mayImport([]byte(line), false) {
			t.Fatalf("%q: a TypeScript pattern matches, mayImport says no", line)
		}
	}
}
