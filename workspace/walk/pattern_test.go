package walk

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestTrimTrailingSpaces(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a", "a"},
		{"a   ", "a"},
		{"a\\ ", "a\\ "},
		{"a\\  ", "a\\ "},
		{"a \\ ", "a \\ "},
		{"a\t", "a\t"}, // only spaces are trimmed
		{"   ", ""},
		{"a\\", "a\\"},
		{"a b ", "a b"},
	} {
		if got := trimTrailingSpaces(c.in); got != c.want {
			t.Errorf("trimTrailingSpaces(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseIgnore(t *testing.T) {
	for _, c := range []struct {
		name, in string
		want     []string // pattern texts, '!' and '/' markers restored
	}{
		{"plain", "a\nb\n", []string{"a", "b"}},
		{"no final newline", "a\nb", []string{"a", "b"}},
		{"comments and blanks", "# c\n\n  \na\n #not a comment\n", []string{"a", " #not a comment"}},
		{"escaped hash and bang", "\\#a\n\\!b\n", []string{"\\#a", "\\!b"}},
		{"crlf", "a\r\nb/\r\n", []string{"a", "b/"}},
		{"bom only at start", "\xef\xbb\xbfa\n\xef\xbb\xbfb\n", []string{"a", "\xef\xbb\xbfb"}},
		{"trailing spaces", "a  \nb\\ \n", []string{"a", "b\\ "}},
		{"negation and dir", "!a/\n!!b\n", []string{"!a/", "!!b"}},
		{"leading slash only anchors", "/a\n/a/b\n", []string{"/a", "a/b"}},
		{"never-matching lines dropped", "!\n/\n!/\n\r\n", nil},
		{"nul ends the line", "a\x00b\n", []string{"a"}},
	} {
		pl := parseIgnore("", []byte(c.in))
		var got []string
		for _, p := range pl.patterns {
			got = append(got, p.String())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: parseIgnore(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

// String renders a parsed pattern back in gitignore syntax (tests only).
func (p pattern) String() string {
	s := p.text
	if !p.basename && !strings.Contains(s, "/") {
		s = "/" + s
	}
	if p.dirOnly {
		s += "/"
	}
	if p.negative {
		s = "!" + s
	}
	return s
}

func TestPatternMatches(t *testing.T) {
	const (
		no   = 0
		excl = 1
		incl = -1
	)
	for _, c := range []struct {
		line, base, path string
		dir              bool
		want             int
	}{
		// a name pattern matches at any depth below its file
		{"foo", "", "foo", false, excl},
		{"foo", "", "a/b/foo", false, excl},
		{"foo", "", "foo/x", false, no}, // the folder matches, not its files
		{"foo", "", "foobar", false, no},
		{"foo", "sub/", "foo", false, excl}, // name patterns ignore base
		{"*.log", "", "x/a.log", false, excl},
		{"*.log", "", "x/a.log.txt", false, no},
		// trailing slash: folders only
		{"foo/", "", "foo", false, no},
		{"foo/", "", "foo", true, excl},
		{"foo/", "", "a/foo", true, excl},
		// a slash anywhere anchors to the file's folder
		{"/foo", "", "foo", false, excl},
		{"/foo", "", "a/foo", false, no},
		{"doc/frotz", "", "doc/frotz", false, excl},
		{"doc/frotz", "", "a/doc/frotz", false, no},
		{"doc/frotz", "a/", "a/doc/frotz", false, excl},
		{"/out", "pkg/", "pkg/out", false, excl},
		{"/out", "pkg/", "out", false, no},
		{"/out", "pkg/", "pkg/sub/out", false, no},
		{"/out", "pkg/", "pkgx/out", false, no},
		{"a/*.txt", "", "a/b.txt", false, excl},
		{"a/*.txt", "", "a/c/b.txt", false, no},
		{"a/**/b", "", "a/b", false, excl},
		{"a/**/b", "", "a/x/y/b", false, excl},
		{"**/b", "", "x/y/b", false, excl},
		{"a/**", "", "a/x/y", false, excl},
		{"a/**", "", "a", true, no},
		// literal prefix and the rest
		{"abc/d*", "", "abc/dx", false, excl},
		{"abc/d*", "", "ab", false, no},
		{"abc/def", "", "abc/de", false, no},
		{"abc/def", "", "abc/defg", false, no},
		// negation
		{"!keep", "", "keep", false, incl},
		{"!keep/", "", "keep", true, incl},
		{"!keep/", "", "keep", false, no},
		// escapes and odd bytes
		{"\\!x", "", "!x", false, excl},
		{"\\#x", "", "#x", false, excl},
		{"a\\ ", "", "a ", false, excl},
		{"file(1).txt", "", "file(1).txt", false, excl},
		{"foo+bar", "", "fooobar", false, no},
		{"$RECYCLE.BIN/", "", "$RECYCLE.BIN", true, excl},
		{"foo|bar", "", "bar", false, no},
	} {
		pl := parseIgnore(c.base, []byte(c.line+"\n"))
		name := c.path[strings.LastIndexByte(c.path, '/')+1:]
		if got := pl.match(c.path, name, c.dir); got != c.want {
			t.Errorf("%q in %q/.gitignore on %q (dir %v) = %d, want %d", c.line, c.base, c.path, c.dir, got, c.want)
		}
	}
}

func TestLastMatchingLineWins(t *testing.T) {
	pl := parseIgnore("", []byte("*.log\n!keep.log\nkeep.log\n!*.log\n*.log\n"))
	if got := pl.match("keep.log", "keep.log", false); got != 1 {
		t.Errorf("got %d, want the last line (*.log) to exclude", got)
	}
	pl = parseIgnore("", []byte("*.log\n!keep.log\n"))
	if got := pl.match("keep.log", "keep.log", false); got != -1 {
		t.Errorf("got %d, want the last line (!keep.log) to re-include", got)
	}
}

// TestIndexedMatchEqualsLinear: with the maps, every list decides every
// path as trying each pattern from the last does, on generated lists that
// mix literal names, extensions, folder-only lines, negations and globs.
func TestIndexedMatchEqualsLinear(t *testing.T) {
	pieces := []string{"a", "b.log", "a.txt", "x.tar.gz", ".h", "build", "*.log", "*.txt", "*.gz", "*.tar.gz", "*.", "*.h",
		"b*", "[ab]*", "*b", "a/b", "**/a.txt", "?.h", "a\\?", "/a", "/build", "a/a.txt", "/a/b.log", "b*/a"}
	names := []string{"a", "b.log", "a.txt", "x.tar.gz", "y.gz", ".h", "build", "a.", "b", "ab", "a?", "c.log.txt"}
	r := rand.New(rand.NewPCG(7, 7))
	defer func(n int) { minIndexed = n }(minIndexed)
	for round := 0; round < 3000; round++ {
		var lines []string
		for i, n := 0, 1+r.IntN(12); i < n; i++ {
			l := pieces[r.IntN(len(pieces))]
			if r.IntN(3) == 0 {
				l = "!" + l
			}
			if r.IntN(4) == 0 {
				l += "/"
			}
			lines = append(lines, l)
		}
		data := []byte(strings.Join(lines, "\n"))
		for _, base := range []string{"", "a/"} {
			minIndexed = 1000
			linear := parseIgnore(base, data)
			minIndexed = 1
			indexed := parseIgnore(base, data)
			for _, name := range names {
				for _, dir := range []string{"", "a/", "a/a/", "b/a/"} {
					for _, isDir := range []bool{false, true} {
						if got, want := indexed.match(dir+name, name, isDir), linear.match(dir+name, name, isDir); got != want {
							t.Fatalf("%q (in %q) on %s%s (dir %v): indexed %d, linear %d", lines, base, dir, name, isDir, got, want)
						}
					}
				}
			}
		}
	}
}
