package validate

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/internal/lazyre"
)

// The regular expressions the hand-written matchers replaced: the oracle.
var (
	reLineSuffix = lazyre.New(`:(\d+)(?:-(\d+))?$`)
	reHashLines  = lazyre.New(`^L(\d+)(?:-L?(\d+))?$`)
	rePyFrom     = lazyre.New(`^\s*from\s+([A-Za-z_][\w.]*)\s+import\s+(.*)$`)
	rePyImport   = lazyre.New(`^\s*import\s+([A-Za-z_][\w.]*(?:\s+as\s+\w+)?(?:\s*,\s*[A-Za-z_][\w.]*(?:\s+as\s+\w+)?)*)\s*(?:#.*)?$`)
	reWord       = lazyre.New(`[A-Za-z_$][\w$]*`)
)

// checkMatchers compares every matcher with its regexp on one text.
func checkMatchers(t *testing.T, s string) {
	t.Helper()
	if got, want := matchLineSuffix(s), reLineSuffix.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
		t.Errorf("matchLineSuffix(%q) = %v, the regexp says %v", s, got, want)
	}
	first, last, ok := matchHashLines(s)
	m := reHashLines.FindStringSubmatch(s)
	if ok != (m != nil) || ok && (first != m[1] || last != m[2]) {
		t.Errorf("matchHashLines(%q) = %q, %q, %v; the regexp says %q", s, first, last, ok, m)
	}
	if got, want := matchPyFrom(s), rePyFrom.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
		t.Errorf("matchPyFrom(%q) = %v, the regexp says %v", s, got, want)
	}
	if got, want := matchPyImport(s), rePyImport.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
		t.Errorf("matchPyImport(%q) = %v, the regexp says %v", s, got, want)
	}
	if got, want := wordAt(s), reWord.FindStringIndex(s); !slices.Equal(got, want) {
		t.Errorf("wordAt(%q) = %v, the regexp says %v", s, got, want)
	}
}

// TestMatchersAgreeWithRegexps builds texts from the pieces the patterns
// care about, in random order, and compares each matcher with its regexp.
func TestMatchersAgreeWithRegexps(t *testing.T) {
	for _, s := range []string{
		"a.go:12", "a.go:12-20", "a:1:2", ":5", "a.go:", "a.go:1-", "a.go:-2", "a.go:1-2-3", "x:١٢",
		"L10", "L10-L20", "L10-20", "L", "L-1", "L1-L", "l10",
		"from a.b import X, Y", "  from a import (", "from a import", "from a  import  b ", "from a importx",
		"import a.b as c, d", "import a as", "import a as ", "import a as  ,b", "import a as #x", "import a asx", "import a,", "import a # c", "import a as b.c", "\fimport\ta",
		"x$y", "$", "9a", "",
	} {
		checkMatchers(t, s)
	}
	pieces := []string{"from", "import", "as", "a", "a.b", "_x", "B9", "$", "9", "1", "12", ":", "-", "L", ",", "#", "(", ")", "*", ".", " ", "  ", "\t", "\f", "\r", "\n", "é", "\xff"}
	r := rand.New(rand.NewPCG(7, 7))
	for range 100000 {
		var b strings.Builder
		for i, n := 0, r.IntN(8); i < n; i++ {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		checkMatchers(t, b.String())
		if t.Failed() {
			return
		}
	}
}

func FuzzMatchers(f *testing.F) {
	for _, s := range []string{"a.go:12-20", "L1-L2", "from a import b", "import a as b, c # x", "x$y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkMatchers(t, s) })
}

func TestIndexSpanStart(t *testing.T) {
	for _, s := range []string{"", "abc", "a`b", "\\", "x]y", "<", "plain text, then a `code` span", "é<", "\xff]"} {
		if got, want := indexSpanStart([]byte(s)), strings.IndexAny(s, "\\`]<"); got != want {
			t.Errorf("indexSpanStart(%q) = %d, strings.IndexAny says %d", s, got, want)
		}
	}
}
