package workspace

import (
	"bytes"
	"strings"
)

// plainConfig reads a .handbook.yaml written in the plain shape nearly
// every one has, without yaml.v3: block mappings of the configuration's
// own keys, indented with spaces, whose values are plain words or paths
// (letters, digits, `_`, `.`, `/`, `-`, spaces between) or lists of them
// (block lists, or `[a, b]` on one line), with whole-line and trailing
// comments. ok is false for anything else (another
// key, a quote, a flow list, a tab, a null, a second document, any
// character outside that set), which LoadConfig hands to yaml.v3: that
// decides, and words every error. Where ok is true the result is what
// yaml.v3 gives (the Config it decodes and the lines keyLines finds), a
// property FuzzPlainConfig checks against yaml.v3 itself.
//
// Every command that opens the workspace reads the file, and yaml.v3's
// first decode in a process (its parser, the reflection over Config, code
// first touched) took 0.08-0.1 ms of a run's single-threaded start, more
// than the rest of opening the workspace.
func plainConfig(data []byte) (cfg Config, lines map[string]int, ok bool) {
	ls, ok := plainLines(data)
	if !ok {
		return Config{}, nil, false
	}
	if len(ls) == 0 {
		return Config{}, nil, true // comments and blanks: no document
	}
	r := &plainReader{lines: ls, keyLines: map[string]int{}}
	end, ok := r.mapping(0, "", func(key string, i int) (int, bool) {
		switch key {
		case "handbook":
			return r.scalar(i, &cfg.Handbook)
		case "section":
			return r.scalar(i, &cfg.Section)
		case "nav_group":
			return r.scalar(i, &cfg.NavGroup)
		case "template":
			return r.scalar(i, &cfg.Template)
		case "link_base":
			return r.scalar(i, &cfg.LinkBase)
		case "lint":
			return r.block(i, "lint.", func(key string, i int) (int, bool) {
				switch key {
				case "rules":
					cfg.Lint.Rules = map[string]string{}
					return r.block(i, "lint.rules.", func(rule string, i int) (int, bool) {
						v := ""
						next, ok := r.scalar(i, &v)
						cfg.Lint.Rules[rule] = v
						return next, ok
					})
				case "nav_optional":
					return r.list(i, &cfg.Lint.NavOptional)
				case "frontmatter_keys":
					return r.list(i, &cfg.Lint.FrontmatterKeys)
				case "paths":
					return r.list(i, &cfg.Lint.Paths)
				case "baseline":
					return r.scalar(i, &cfg.Lint.Baseline)
				}
				return 0, false
			})
		case "explore":
			return r.block(i, "explore.", func(key string, i int) (int, bool) {
				if key == "audience" {
					return r.scalar(i, &cfg.Explore.Audience)
				}
				return 0, false // roles and synonyms: yaml.v3
			})
		}
		return 0, false
	})
	if !ok || end != len(ls) {
		return Config{}, nil, false
	}
	return cfg, r.keyLines, true
}

// plainLine is one line of the plain shape that is neither blank nor a
// comment: `key: value`, `key:` or `- value`.
type plainLine struct {
	line   int // 1-based, as yaml.v3 counts
	indent int
	item   bool // `- value`
	key    string
	value  string // "" for `key:`
}

// plainLines splits data into its lines of the plain shape; ok is false
// when a line is none of them.
func plainLines(data []byte) ([]plainLine, bool) {
	var ls []plainLine
	for n := 1; len(data) > 0; n++ {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		for _, c := range line {
			if c < ' ' || c > '~' { // tabs, carriage returns, anything not ASCII
				return nil, false
			}
		}
		s := string(line)
		text := strings.TrimLeft(s, " ")
		if text == "" || text[0] == '#' {
			continue
		}
		l := plainLine{line: n, indent: len(s) - len(text)}
		if rest, ok := strings.CutPrefix(text, "- "); ok {
			l.item, l.value = true, uncomment(rest)
			if !plainValue(l.value) {
				return nil, false
			}
		} else {
			key, rest, found := strings.Cut(text, ":")
			if !found || !plainValue(key) || (rest != "" && rest[0] != ' ') {
				return nil, false
			}
			l.key, l.value = key, uncomment(rest)
			if _, flow := flowList(l.value); l.value != "" && !plainValue(l.value) && !flow {
				return nil, false
			}
		}
		ls = append(ls, l)
	}
	return ls, true
}

// uncomment is s without a trailing comment (` #` onwards) and the spaces
// around what is left.
func uncomment(s string) string {
	if i := strings.Index(s, " #"); i >= 0 {
		s = s[:i]
	}
	return strings.Trim(s, " ")
}

// plainValue reports whether s is a plain scalar that yaml.v3 decodes into
// a string as its own text: made of letters, digits, `_`, `.`, `/`, `-`
// and spaces inside, not starting with `-`, and not a word that means
// null.
func plainValue(s string) bool {
	if s == "" || s[0] == '-' || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '/' || c == '-' || c == ' ') {
			return false
		}
	}
	switch s {
	case "null", "Null", "NULL":
		return false
	}
	return true
}

// flowList reads a one-line list of plain values, `[a, b]`.
func flowList(s string) ([]string, bool) {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return nil, false
	}
	inner := s[1 : len(s)-1]
	items := []string{}
	if strings.Trim(inner, " ") == "" {
		return items, true
	}
	for _, item := range strings.Split(inner, ",") {
		if item = strings.Trim(item, " "); !plainValue(item) {
			return nil, false
		}
		items = append(items, item)
	}
	return items, true
}

// plainReader walks the lines of the plain shape.
type plainReader struct {
	lines    []plainLine
	keyLines map[string]int
}

// mapping reads the keys at lines[i]'s indentation from i on, giving each
// to field (which returns where its value ends), and returns where the
// mapping ends. prefix is the dotted path of the mapping ("lint.").
func (r *plainReader) mapping(i int, prefix string, field func(key string, i int) (int, bool)) (int, bool) {
	indent := r.lines[i].indent
	seen := map[string]bool{}
	for i < len(r.lines) && r.lines[i].indent >= indent {
		l := r.lines[i]
		if l.indent != indent || l.item || seen[l.key] {
			return 0, false
		}
		seen[l.key] = true
		r.keyLines[prefix+l.key] = l.line
		next, ok := field(l.key, i)
		if !ok {
			return 0, false
		}
		i = next
	}
	return i, true
}

// scalar reads the value of the key at lines[i] into v.
func (r *plainReader) scalar(i int, v *string) (int, bool) {
	l := r.lines[i]
	// A more indented line after it would continue the value.
	if !plainValue(l.value) || i+1 < len(r.lines) && r.lines[i+1].indent > l.indent {
		return 0, false
	}
	*v = l.value
	return i + 1, true
}

// block reads the mapping below the key at lines[i].
func (r *plainReader) block(i int, prefix string, field func(key string, i int) (int, bool)) (int, bool) {
	if r.lines[i].value != "" || i+1 == len(r.lines) || r.lines[i+1].indent <= r.lines[i].indent {
		return 0, false
	}
	return r.mapping(i+1, prefix, field)
}

// list reads the list below the key at lines[i] (its items indented as
// far as the key, or further).
func (r *plainReader) list(i int, v *[]string) (int, bool) {
	key := r.lines[i]
	if key.value != "" {
		items, ok := flowList(key.value)
		if !ok || i+1 < len(r.lines) && r.lines[i+1].indent > key.indent {
			return 0, false
		}
		*v = items
		return i + 1, true
	}
	if i+1 == len(r.lines) || !r.lines[i+1].item || r.lines[i+1].indent < key.indent {
		return 0, false
	}
	indent := r.lines[i+1].indent
	var items []string
	for i++; i < len(r.lines) && r.lines[i].indent >= indent && (r.lines[i].indent > key.indent || r.lines[i].item); i++ {
		if l := r.lines[i]; !l.item || l.indent != indent {
			return 0, false
		}
		items = append(items, r.lines[i].value)
	}
	*v = items
	return i, true
}
