package walk

import (
	"bytes"
	"path"
	"sort"
	"strings"
)

// Attributes answers which git attributes a path has, from the
// .gitattributes files of a tree, with git's rules (gitattributes(5)):
// patterns match as in .gitignore, relative to the folder of their file,
// except that negative patterns are ignored and a pattern naming a folder
// does not cover the files below it ("dir/**" does); a deeper file
// overrides a shallower one, and within a file the last line that sets an
// attribute wins. "attr" and "attr=true" set it, "-attr" and "attr=false"
// unset it, "!attr" returns it to unspecified.
//
// It reads no files itself: the caller hands it the content of each
// .gitattributes it meets (explore sees them in its one pass over the
// walked files), in any order. The built-in macro "binary" and
// user-defined macros are not expanded: handbook only asks about
// linguist-* attributes, which are never macros.
type Attributes struct {
	files []attrFile // deepest folder first
}

type attrFile struct {
	base  string // folder relative to the top, with a trailing '/' ("" for the top)
	lines []attrLine
}

type attrLine struct {
	pat    pattern
	states []attrState
}

type attrState struct {
	name  string
	value string // "set", "unset", "" (unspecified) or the value given
}

// Add records the content of the .gitattributes file at rel (its path
// relative to the top, e.g. "server/.gitattributes").
func (a *Attributes) Add(rel string, data []byte) {
	base := path.Dir(rel)
	if base == "." {
		base = ""
	} else {
		base += "/"
	}
	f := attrFile{base: base}
	for line := range fileLines(data) {
		line = bytes.TrimSuffix(line, []byte{'\r'})
		fields := strings.Fields(string(line))
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") || strings.HasPrefix(fields[0], "[attr]") {
			continue
		}
		if strings.HasPrefix(fields[0], "!") || strings.HasPrefix(fields[0], `"`) {
			// Negative patterns are forbidden in attribute files (git
			// warns and ignores them); quoted patterns are not read.
			continue
		}
		p, ok := parsePattern(fields[0])
		if !ok || p.dirOnly {
			continue // "dir/" never matches a file in an attributes file
		}
		var states []attrState
		for _, fl := range fields[1:] {
			switch {
			case strings.HasPrefix(fl, "-"):
				states = append(states, attrState{fl[1:], "unset"})
			case strings.HasPrefix(fl, "!"):
				states = append(states, attrState{fl[1:], ""})
			case strings.Contains(fl, "="):
				i := strings.IndexByte(fl, '=')
				states = append(states, attrState{fl[:i], fl[i+1:]})
			default:
				states = append(states, attrState{fl, "set"})
			}
		}
		f.lines = append(f.lines, attrLine{pat: p, states: states})
	}
	if len(f.lines) > 0 {
		// Deepest first; two files of the same depth never both apply
		// to one path, so their order does not matter.
		depth := strings.Count(base, "/")
		i := sort.Search(len(a.files), func(i int) bool { return strings.Count(a.files[i].base, "/") < depth })
		a.files = append(a.files, attrFile{})
		copy(a.files[i+1:], a.files[i:])
		a.files[i] = f
	}
}

// Empty reports whether no attribute file set anything.
func (a *Attributes) Empty() bool { return a == nil || len(a.files) == 0 }

// Get is safe for concurrent use once every file is added.
//
// Get returns the value of attribute name for the file at rel, as git
// check-attr prints it ("set", "unset" or the value after "="), and whether
// any line specified it.
func (a *Attributes) Get(rel, name string) (string, bool) {
	if a.Empty() {
		return "", false
	}
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	for _, f := range a.files {
		if !strings.HasPrefix(rel, f.base) {
			continue
		}
		for i := len(f.lines) - 1; i >= 0; i-- {
			l := &f.lines[i]
			for j := len(l.states) - 1; j >= 0; j-- {
				st := l.states[j]
				if st.name != name || !l.pat.matches(rel, base, f.base, false) {
					continue
				}
				if st.value == "" {
					return "", false // "!attr": unspecified, whatever shallower files say
				}
				return st.value, true
			}
		}
	}
	return "", false
}

// IsSet reports whether the attribute is set to true for rel
// (linguist-generated, linguist-generated=true; not =false).
func (a *Attributes) IsSet(rel, name string) bool {
	v, ok := a.Get(rel, name)
	return ok && v != "unset" && v != "false"
}
