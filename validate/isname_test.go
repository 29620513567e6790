package validate

import (
	"regexp"
	"testing"
)

// isName is the regexp it replaced, written by hand, with a predicate or
// bang method's closing ? or ! (valid?, save!) since.
var reNameWas = regexp.MustCompile(`^([A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*)*)[?!]?(?:\(\))?$`)

func TestIsNameAgreesWithRegexp(t *testing.T) {
	for _, s := range []string{"", "X", "x1", "1x", "_", "$el", "a.b.C", "a..b", "a.", ".a", "f()", "f()()", "()", "a.b()",
		"a b", "a-b", "Locker.lock()", "é", "a.1b", "a()b", "set_debounce_key()", "pkg.kit.metadata.MetadataMixin", "a(", "a)",
		"valid?", "save!", "valid?()", "a?.b", "?", "a??", "a.b!", "a()?"} {
		if got, want := isName(s), reNameWas.MatchString(s); got != want {
			t.Errorf("isName(%q) = %v, the regexp says %v", s, got, want)
		}
	}
}

func FuzzIsName(f *testing.F) {
	f.Add("a.b()")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isName(s), reNameWas.MatchString(s); got != want {
			t.Errorf("isName(%q) = %v, the regexp says %v", s, got, want)
		}
	})
}
