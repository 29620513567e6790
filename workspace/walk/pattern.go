package walk

import (
	"bytes"
	"iter"
	"strings"
)

// pattern is one parsed line of an ignore file, following git's
// parse_path_pattern and the matching in dir.c (match_basename,
// match_pathname).
type pattern struct {
	text     string // the glob, without '!', trailing '/' or leading '/'
	negative bool   // "!pat": re-include
	dirOnly  bool   // "pat/": matches folders only
	basename bool   // no slash: matched against the name at any depth
	endsWith bool   // "*literal": a plain suffix test
	literal  int    // length of text before the first glob byte
}

// patternList is the content of one ignore file. base is the folder the
// file applies to, relative to the repository top, with a trailing '/'
// ("" for the top).
type patternList struct {
	base     string
	patterns []pattern
	// Most lines of a real ignore file are a literal name (node_modules/,
	// .env), "*" and an extension (*.pyc) or a literal path (/build,
	// server/.env); when a file has enough of them, maps answer those by
	// name, by each extension of a name and by path at once, and only the
	// other patterns (slow, by index) are tried one by one, from the last
	// down to the best map answer, so the last matching line still wins.
	byName, byExt, byPath map[string]lastMatch
	slow                  []int
}

// lastMatch is the index of the last pattern under one map key that
// matches anything (-1 if none) and of the last that also matches files
// (not "name/").
type lastMatch struct{ any, file int }

// minIndexed is how many literal or extension patterns make the maps pay
// off over trying each pattern (a variable so tests can index every list).
var minIndexed = 4

var utf8BOM = []byte("\xef\xbb\xbf")

// fileLines yields the lines of an ignore or attributes file the way git's
// add_patterns_from_buffer and read_attr_from_buf split them: a UTF-8 BOM
// is skipped and lines end at '\n'. The '\r' before it is left for the
// caller, since the two files test a line before and after trimming it.
func fileLines(data []byte) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		data := bytes.TrimPrefix(data, utf8BOM)
		for len(data) > 0 {
			line := data
			if i := bytes.IndexByte(data, '\n'); i >= 0 {
				line, data = data[:i], data[i+1:]
			} else {
				data = nil
			}
			if !yield(line) {
				return
			}
		}
	}
}

// parseIgnore parses the content of an ignore file the way git's
// add_patterns_from_buffer does: a UTF-8 BOM is skipped, lines end at '\n'
// with an optional '\r' before it, blank lines and lines starting with '#'
// are skipped, and unescaped trailing spaces are trimmed.
func parseIgnore(base string, data []byte) *patternList {
	pl := &patternList{base: base}
	for line := range fileLines(data) {
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if i := bytes.IndexByte(line, 0); i >= 0 {
			line = line[:i] // git reads patterns as C strings
		}
		if p, ok := parsePattern(trimTrailingSpaces(string(line))); ok {
			pl.patterns = append(pl.patterns, p)
		}
	}
	pl.index()
	return pl
}

// indexKey returns the map and key a pattern can be looked up by, or nil.
func (pl *patternList) indexKey(p *pattern) (map[string]lastMatch, string) {
	switch {
	case !p.basename && p.literal == len(p.text):
		return pl.byPath, p.text
	case !p.basename:
		return nil, ""
	case p.literal == len(p.text):
		return pl.byName, p.text
	case p.endsWith && strings.HasPrefix(p.text, "*.") && !strings.Contains(p.text[2:], "."):
		return pl.byExt, p.text[1:]
	}
	return nil, ""
}

// index builds the maps when enough patterns fit them.
func (pl *patternList) index() {
	pl.byName, pl.byExt, pl.byPath = map[string]lastMatch{}, map[string]lastMatch{}, map[string]lastMatch{}
	n := 0
	for i := range pl.patterns {
		if m, _ := pl.indexKey(&pl.patterns[i]); m != nil {
			n++
		}
	}
	if n < minIndexed {
		pl.byName, pl.byExt, pl.byPath = nil, nil, nil
		return
	}
	for i := range pl.patterns {
		p := &pl.patterns[i]
		m, key := pl.indexKey(p)
		if m == nil {
			pl.slow = append(pl.slow, i)
			continue
		}
		lm, ok := m[key]
		if !ok {
			lm = lastMatch{-1, -1}
		}
		lm.any = i
		if !p.dirOnly {
			lm.file = i
		}
		m[key] = lm
	}
}

// trimTrailingSpaces drops trailing spaces unless the last one is escaped
// with a backslash (git's trim_trailing_spaces; tabs are kept).
func trimTrailingSpaces(s string) string {
	lastSpace := -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			if lastSpace < 0 {
				lastSpace = i
			}
		case '\\':
			i++
			if i >= len(s) {
				return s
			}
			lastSpace = -1
		default:
			lastSpace = -1
		}
	}
	if lastSpace >= 0 {
		return s[:lastSpace]
	}
	return s
}

// parsePattern turns one trimmed line into a pattern. ok is false for
// patterns that can never match anything (empty after removing '!' and
// '/'), so they cost nothing at match time.
func parsePattern(s string) (pattern, bool) {
	var p pattern
	if strings.HasPrefix(s, "!") {
		p.negative = true
		s = s[1:]
	}
	if strings.HasSuffix(s, "/") {
		p.dirOnly = true
		s = s[:len(s)-1]
	}
	p.basename = !strings.Contains(s, "/")
	p.literal = len(s)
	if i := strings.IndexAny(s, "*?[\\"); i >= 0 {
		p.literal = i
	}
	if strings.HasPrefix(s, "*") && !strings.ContainsAny(s[1:], "*?[\\") {
		p.endsWith = true
	}
	if !p.basename && strings.HasPrefix(s, "/") {
		// The leading slash only anchors, which every pattern with a
		// slash already is; it is not part of what is compared.
		s = s[1:]
		p.literal--
	}
	p.text = s
	return p, s != ""
}

// matches reports whether the pattern matches the path (relative to the
// repository top; name is its last element) of a folder (isDir) or of
// anything else. base is the folder of the ignore file the pattern comes
// from, with a trailing slash.
func (p *pattern) matches(path, name, base string, isDir bool) bool {
	if p.dirOnly && !isDir {
		return false
	}
	if p.basename {
		switch {
		case p.literal == len(p.text):
			return name == p.text
		case p.endsWith:
			return strings.HasSuffix(name, p.text[1:])
		default:
			// The bytes before the first glob byte must be there as
			// they are (".coverage.*"): most names fail here.
			return strings.HasPrefix(name, p.text[:p.literal]) && wildmatch(p.text[p.literal:], name[p.literal:], false)
		}
	}
	// Anchored pattern: relative to base, matched with pathname rules.
	if !strings.HasPrefix(path, base) {
		return false
	}
	rest := path[len(base):]
	if p.literal > 0 {
		if p.literal > len(rest) || rest[:p.literal] != p.text[:p.literal] {
			return false
		}
		if p.literal == len(p.text) {
			return len(rest) == p.literal
		}
		return wildmatch(p.text[p.literal:], rest[p.literal:], true)
	}
	return wildmatch(p.text, rest, true)
}

// match returns the decision of the last pattern in the list that matches:
// 1 excluded, -1 re-included, 0 no pattern matched.
func (pl *patternList) match(path, name string, isDir bool) int {
	if pl.byName != nil {
		return pl.matchIndexed(path, name, isDir)
	}
	for i := len(pl.patterns) - 1; i >= 0; i-- {
		p := &pl.patterns[i]
		if p.matches(path, name, pl.base, isDir) {
			if p.negative {
				return -1
			}
			return 1
		}
	}
	return 0
}

// matchIndexed is match with the maps: the best (last) map answer, unless
// a later pattern that is not in the maps matches.
func (pl *patternList) matchIndexed(path, name string, isDir bool) int {
	best := -1
	pick := func(lm lastMatch, ok bool) {
		if !ok {
			return
		}
		if isDir {
			best = max(best, lm.any)
		} else {
			best = max(best, lm.file)
		}
	}
	lm, ok := pl.byName[name]
	pick(lm, ok)
	if len(pl.byPath) > 0 && strings.HasPrefix(path, pl.base) {
		lm, ok := pl.byPath[path[len(pl.base):]]
		pick(lm, ok)
	}
	if len(pl.byExt) > 0 {
		// "*.gz" and "*.tar.gz" both match a.tar.gz: try every suffix
		// from a dot.
		for i := strings.LastIndexByte(name, '.'); i >= 0; i = strings.LastIndexByte(name[:i], '.') {
			lm, ok := pl.byExt[name[i:]]
			pick(lm, ok)
		}
	}
	for k := len(pl.slow) - 1; k >= 0 && pl.slow[k] > best; k-- {
		p := &pl.patterns[pl.slow[k]]
		if p.matches(path, name, pl.base, isDir) {
			if p.negative {
				return -1
			}
			return 1
		}
	}
	if best < 0 {
		return 0
	}
	if pl.patterns[best].negative {
		return -1
	}
	return 1
}
