package walk

import (
	"strings"
	"testing"
)

// Cases in the spirit of git's t3070-wildmatch, one or more per syntax
// feature. path is the result with pathname rules (used for patterns that
// contain a slash), name the result without them (used for patterns
// without a slash, always against a single name).
var wildmatchCases = []struct {
	pattern, text string
	path, name    bool
}{
	// literals
	{"foo", "foo", true, true},
	{"foo", "fo", false, false},
	{"foo", "foox", false, false},
	{"", "", true, true},
	{"", "a", false, false},
	{"a$b(c)+d|e.", "a$b(c)+d|e.", true, true}, // regexp bytes are literals
	{"a.c", "abc", false, false},
	// '?'
	{"?", "a", true, true},
	{"??", "a", false, false},
	{"a?c", "a/c", false, true},
	{"*.sw?", "x.swp", true, true},
	{"*.sw?", "x.sw", false, false},
	// '*'
	{"*", "", true, true},
	{"*", "foo", true, true},
	{"*", "foo/bar", false, true},
	{"f*", "foo", true, true},
	{"*o", "foo", true, true},
	{"*o", "fox", false, false},
	{"foo*bar", "foo/bar", false, true},
	{"*/foo", "x/foo", true, true},
	{"*/foo", "x/y/foo", false, true},
	{"*/*", "a/b", true, true},
	{"*/*", "a/b/c", false, true},
	{"a*b*c", "axxbyyc", true, true},
	{"a*b*c", "axxbyy", false, false},
	{"*a*a*a*a*a*a*a*a*a*b", strings.Repeat("a", 60), false, false},
	// '**'
	{"**", "a/b/c", true, true},
	{"**/foo", "foo", true, false},
	{"**/foo", "a/b/foo", true, true},
	{"**/foo", "a/b/foox", false, false},
	{"foo/**", "foo/a/b", true, true},
	{"foo/**", "foo", false, false},
	{"foo/**/bar", "foo/bar", true, false},
	{"foo/**/bar", "foo/a/b/bar", true, true},
	{"foo/**/bar", "foo/a/b/baz", false, false},
	{"foo/**/", "foo/a/", true, true},
	{"a/**/b/**/c", "a/x/b/y/z/c", true, true},
	{"**/a/b", "a/x/a/b", true, true},
	{"**/node_modules/**", "x/node_modules/b.js", true, true},
	{"foo**bar", "foo/x/bar", false, true}, // not between slashes: like '*'
	{"foo**bar", "fooxbar", true, true},
	{"**foo", "a/foo", false, true},
	{"foo/\\**/bar", "foo/x/bar", false, false}, // escaped star is literal
	// brackets
	{"[abc]", "b", true, true},
	{"[abc]", "d", false, false},
	{"[!abc]", "d", true, true},
	{"[^abc]", "d", true, true},
	{"[!abc]", "a", false, false},
	{"[a-c]x", "bx", true, true},
	{"[a-c]x", "dx", false, false},
	{"[]]", "]", true, true},
	{"[]-]", "-", true, true},
	{"[!]]", "a", true, true},
	{"[a-]", "-", true, true},
	{"[\\]]", "]", true, true},
	{"[\\-a]", "-", true, true},
	{"[a\\-c]", "b", false, false},
	{"[[:digit:]]", "5", true, true},
	{"[[:digit:]]", "x", false, false},
	{"[[:alpha:][:digit:]]", "q", true, true},
	{"[[:upper:]]", "a", false, false},
	{"[[:space:]]", " ", true, true},
	{"[[:punct:]]", "!", true, true},
	{"[[:xdigit:]]", "F", true, true},
	{"[[:bogus:]]", "b", false, false}, // unknown class aborts
	{"[[:]x]", ":x]", true, true},      // no ":]": '[' and ':' are members
	{"[[:]x]", "x", false, false},
	{"[abc", "[abc", false, false}, // unterminated: never matches
	{"a[/]b", "a/b", false, true},  // a bracket never matches '/' in paths
	{"[!a]", "/", false, true},
	// escapes
	{"\\*", "*", true, true},
	{"\\*", "x", false, false},
	{"\\?x", "?x", true, true},
	{"\\[a]", "[a]", true, true},
	{"a\\", "a", false, false}, // trailing backslash matches nothing
	{"\\a", "a", true, true},
	// case
	{"*.LOG", "x.log", false, false},
}

func TestWildmatch(t *testing.T) {
	for _, c := range wildmatchCases {
		if got := wildmatch(c.pattern, c.text, true); got != c.path {
			t.Errorf("wildmatch(%q, %q, pathname) = %v, want %v", c.pattern, c.text, got, c.path)
		}
		if got := wildmatch(c.pattern, c.text, false); got != c.name {
			t.Errorf("wildmatch(%q, %q) = %v, want %v", c.pattern, c.text, got, c.name)
		}
	}
}

// escapeGlob makes s a pattern that matches exactly s.
func escapeGlob(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isGlobSpecial(s[i]) {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// FuzzMatch checks properties that hold for any input: no panic and no
// runaway backtracking (the fuzzer's per-input time limit catches that),
// escaped text matches itself and only itself, a pattern without glob
// bytes is a plain comparison, a '*' in place of any folder-free run of
// the text still matches, and the pathname rules only ever narrow a match
// between texts without '/'.
func FuzzMatch(f *testing.F) {
	for _, c := range wildmatchCases {
		f.Add(c.pattern, c.text)
	}
	f.Fuzz(func(t *testing.T, pattern, text string) {
		if len(pattern) > 256 || len(text) > 256 {
			return
		}
		p := wildmatch(pattern, text, true)
		n := wildmatch(pattern, text, false)
		if !strings.Contains(text, "/") && !strings.Contains(pattern, "/") && p != n {
			t.Errorf("wildmatch(%q, %q): pathname %v, plain %v, for a text without '/'", pattern, text, p, n)
		}
		if !strings.ContainsAny(pattern, "*?[\\") && p != (pattern == text) {
			t.Errorf("wildmatch(%q, %q, pathname) = %v for a literal pattern", pattern, text, p)
		}
		if e := escapeGlob(text); !wildmatch(e, text, true) || !wildmatch(e, text, false) {
			t.Errorf("escaped %q does not match itself", text)
		}
		if e := escapeGlob(pattern); pattern != text && wildmatch(e, text, true) {
			t.Errorf("escaped %q matches %q", pattern, text)
		}
		// Replacing the last name with '*' matches whatever it was.
		star := escapeGlob(text[:strings.LastIndexByte(text, '/')+1]) + "*"
		if !wildmatch(star, text, true) {
			t.Errorf("%q does not match %q", star, text)
		}
	})
}
