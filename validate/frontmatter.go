package validate

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// flatFrontmatter reads the frontmatter nearly every entry has, one
// `key: value` line per key, into the nodes yaml.v3 would give, without
// yaml.v3: its scanner, parser and per-token allocations were a tenth of
// lint's CPU for a few lines. It returns nil for anything else (nesting,
// lists, comments, blank lines, escapes, tabs, CR, non-ASCII, duplicate or
// typed keys, values that are not plainly strings), which yaml.v3 then
// reads; FuzzFlatFrontmatter checks every answer it gives against yaml.v3.
//
// Each line is a key (up to 1,000 characters) of letters, digits, '_', '-' and ':' starting with a
// letter, then ": " and a value that is either quoted (double quotes
// without a backslash, or single quotes without a doubled quote) and
// followed by nothing but spaces, or a plain string: starting with a letter,
// not true/false/null in any of YAML's spellings, with no ": ", " #" or
// trailing ':'.
func flatFrontmatter(y []byte) *yaml.Node {
	lines := bytes.Count(y, []byte("\n"))
	if len(y) > 0 && y[len(y)-1] != '\n' {
		lines++
	}
	if lines == 0 {
		return nil
	}
	nodes := make([]yaml.Node, 1+2*lines)
	content := make([]*yaml.Node, 0, 2*lines)
	// Keys and values are substrings of one copy of the text.
	text := string(y)
	m := &nodes[0]
	*m = yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	for line, off := 1, 0; off < len(y); line++ {
		end := len(y)
		next := end
		if i := bytes.IndexByte(y[off:], '\n'); i >= 0 {
			end, next = off+i, off+i+1
		}
		k, v, ok := flatLine(y[off:end])
		if !ok {
			return nil
		}
		name := text[off : off+k]
		for i := 0; i < len(content); i += 2 {
			if content[i].Value == name {
				return nil // yaml.v3 reports the duplicate
			}
		}
		key, val := &nodes[1+len(content)], &nodes[2+len(content)]
		*key = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: name, Line: line, Column: 1}
		*val = yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Line: line, Column: v + 1}
		raw := strings.TrimRight(text[off+v:end], " ")
		switch raw[0] {
		case '"':
			val.Style, val.Value = yaml.DoubleQuotedStyle, raw[1:len(raw)-1]
		case '\'':
			val.Style, val.Value = yaml.SingleQuotedStyle, raw[1:len(raw)-1]
		default:
			val.Value = raw
		}
		content = append(content, key, val)
		off = next
	}
	m.Content = content
	return m
}

// flatLine checks one line as flatFrontmatter describes and returns the
// key's length and where the value starts.
func flatLine(l []byte) (key, value int, ok bool) {
	if len(l) == 0 || !isLetter(l[0]) {
		return 0, 0, false
	}
	for _, c := range l {
		if c < 0x20 || c > 0x7e {
			return 0, 0, false // tabs, CR, control characters, non-ASCII
		}
	}
	key = bytes.Index(l, []byte(": "))
	if key < 0 || key > 1000 { // yaml.v3 reads an implicit key of at most 1,024 characters
		return 0, 0, false
	}
	for _, c := range l[:key] {
		if !isLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-' && c != ':' {
			return 0, 0, false
		}
	}
	if yamlKeyword(l[:key]) || l[key-1] == ':' {
		return 0, 0, false
	}
	value = key + 2
	for value < len(l) && l[value] == ' ' {
		value++
	}
	raw := bytes.TrimRight(l[value:], " ")
	if len(raw) == 0 {
		return 0, 0, false // null: yaml.v3 places it differently
	}
	switch q := raw[0]; {
	case q == '"' || q == '\'':
		inner := raw[1:]
		closing := bytes.IndexByte(inner, q)
		if len(raw) < 2 || closing != len(inner)-1 || q == '"' && bytes.IndexByte(inner, '\\') >= 0 {
			return 0, 0, false
		}
	case isLetter(q):
		if yamlKeyword(raw) || raw[len(raw)-1] == ':' || bytes.Contains(raw, []byte(": ")) || bytes.Contains(raw, []byte(" #")) {
			return 0, 0, false
		}
	default:
		return 0, 0, false
	}
	return key, value, true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// yamlKeyword: plain words yaml.v3 resolves to a bool or null, not a string.
func yamlKeyword(w []byte) bool {
	switch string(w) {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return true
	}
	return false
}

// duplicateKey reports a top-level key given twice. yaml.v3 checks this only
// when it decodes into a map or struct, not into a yaml.Node, but Mintlify's
// YAML parser rejects the file, and which of the two values lint would read
// is a guess.
func duplicateKey(m *yaml.Node, fmLine int) *PosError {
	seen := make(map[string]int, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if first, ok := seen[k.Value]; ok {
			return &PosError{Line: fmLine + k.Line, Column: k.Column,
				Msg: fmt.Sprintf("key %q is given twice (lines %d and %d)", k.Value, fmLine+first, fmLine+k.Line)}
		}
		seen[k.Value] = k.Line
	}
	return nil
}
