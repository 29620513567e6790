package validate

import (
	"fmt"
	"strings"
	"testing"
)

// TestRelinkEdits: the edits --fix makes inside a link it rewrites to the
// code host (a renamed path, moved lines) go into that one rewrite; when
// the rewrite is refused they stand alone.
func TestRelinkEdits(t *testing.T) {
	src := []byte("See [a](../../x.py#L2-L3) and `y.py:4`.")
	target := strings.Index(string(src), "../../x.py")
	end := target + len("../../x.py#L2-L3")
	path := edit{start: target + len("../../"), end: target + len("../../x.py"), text: "core/x.py", rule: RuleRefMissing}
	lines := edit{start: target + len("../../x.py#"), end: end, text: "L4-L5", rule: RuleRefDrift}
	other := edit{start: strings.Index(string(src), "4`"), end: strings.Index(string(src), "4`") + 1, text: "6", rule: RuleRefSymbol}
	web := func(ok bool) func(string) (string, bool) {
		return func(t string) (string, bool) { return "https://host/" + t, ok }
	}
	for _, tc := range []struct {
		ok   bool
		want string
	}{
		{true, `[link-outside-docs "https://host/../../core/x.py#L4-L5" ref-symbol "6"]`},
		{false, `[ref-drift "L4-L5" ref-missing "core/x.py" ref-symbol "6"]`},
	} {
		link := edit{start: target, end: end, text: "https://host/../../x.py#L2-L3", rule: RuleLinkOutsideDocs, relink: web(tc.ok)}
		got := relinkEdits(src, []edit{link, lines, path, other})
		var b []string
		for _, e := range got {
			b = append(b, fmt.Sprintf("%s %q", e.rule, e.text))
		}
		if s := "[" + strings.Join(b, " ") + "]"; s != tc.want {
			t.Errorf("relink ok=%v: %s, want %s", tc.ok, s, tc.want)
		}
	}
}
