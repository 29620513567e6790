package workspace

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/tailscale/hujson"

	"github.com/handbook-dev/handbook/internal/safefile"
)

// Nav is a parsed docs.json. Edits are made by splicing bytes at the offsets
// hujson reports, never by re-encoding, so every byte the edit does not need
// to touch (indentation, key order, inline arrays) stays as it was.
type Nav struct {
	Path string
	Data []byte
	root hujson.Value
	bom  int // length of a leading UTF-8 byte order mark, skipped when parsing
	abs  string
	// refs are the files the $ref objects of this file name, by the start
	// offset of the object (navref.go).
	refs map[int]*Nav
}

// NavPage is one page listed in the navigation.
type NavPage struct {
	Page   string
	Group  string // innermost group holding it; "" outside any group
	Line   int    // 1-based position of the string in its file
	Column int
	// File names the JSON file listing it: docs.json, or a file it refers
	// to with $ref (named as the Nav's Path is).
	File string
	// Where is the page's place in the navigation, as a breadcrumb
	// ("language en › tab Documentation › group Backend Development").
	Where string
	// API: an OpenAPI operation ("GET /users"), generated, with no file.
	API bool
}

// SyntaxError is a docs.json that is not valid JSON.
type SyntaxError struct {
	Path   string
	Line   int
	Column int
	Msg    string
	// Shape is set for valid JSON whose navigation is ambiguous (a
	// duplicate "pages" key, a "pages" that is not an array): readers
	// disagree about it, so handbook reports it instead of guessing.
	Shape bool
}

func (e *SyntaxError) Error() string {
	what := "invalid JSON: "
	if e.Shape {
		what = ""
	}
	file := "docs.json"
	if filepath.Base(e.Path) != file {
		file = "it" // a file docs.json refers to with $ref, named first
	}
	return fmt.Sprintf("%s:%d:%d: %s%s; fix %s (nothing was changed)", e.Path, e.Line, e.Column, what, e.Msg, file)
}

// LoadNav reads and parses the docs.json at path, and the files its $ref
// objects name.
func LoadNav(path string) (*Nav, error) {
	data, err := safefile.Read(path, safefile.DocsJSONLimit)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return loadNavTree(path, abs, data, nil)
}

var utf8BOM = []byte("\xef\xbb\xbf")

// ParseNav parses docs.json content. It accepts only standard JSON, which is
// what Mintlify reads, and reports the first error at its line and column.
func ParseNav(path string, data []byte) (*Nav, error) {
	n := &Nav{Path: path, Data: data}
	body := data
	if bytes.HasPrefix(body, utf8BOM) {
		n.bom = len(utf8BOM)
		body = body[n.bom:]
	}
	// json.Valid checks without building a tree; only an invalid file is
	// decoded again, for the position of its error.
	if !json.Valid(body) {
		// Unmarshal checks validity before decoding, so this builds nothing.
		var probe any
		err := json.Unmarshal(body, &probe)
		off := 0
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			off = int(se.Offset) - 1
		case errors.As(err, &te):
			off = int(te.Offset)
		}
		if len(bytes.TrimSpace(body)) == 0 {
			off = 0
		}
		line, col := lineCol(data, n.bom+max(off, 0))
		msg := strings.TrimPrefix(err.Error(), "json: ")
		if len(bytes.TrimSpace(body)) == 0 {
			msg = "the file is empty"
		}
		return nil, &SyntaxError{Path: path, Line: line, Column: col, Msg: msg}
	}
	root, err := hujson.Parse(body)
	if err != nil { // cannot happen for valid JSON; kept for safety
		return nil, &SyntaxError{Path: path, Line: 1, Column: 1, Msg: err.Error()}
	}
	n.root = root
	if err := n.checkShape(); err != nil {
		return nil, err
	}
	return n, nil
}

// navKey reports a member whose duplicates or wrong kinds change what the
// navigation holds.
func navKey(name string) bool {
	switch name {
	case "pages", "group", "groups", "navigation":
		return true
	}
	return false
}

// checkShape refuses what JSON readers disagree about: a navigation key
// twice in one object (most readers keep the last, some the first; an edit
// of either would be lost to the others), and a "pages" that is not an
// array of pages.
func (n *Nav) checkShape() error {
	for v := range n.root.All() {
		o, ok := v.Value.(*hujson.Object)
		if !ok {
			continue
		}
		seen := map[string]bool{}
		for i := range o.Members {
			m := &o.Members[i]
			name := memberName(m)
			if !navKey(name) {
				continue
			}
			if seen[name] {
				line, col := n.Position(n.bom + m.Name.StartOffset)
				return &SyntaxError{Path: n.Path, Line: line, Column: col, Shape: true,
					Msg: fmt.Sprintf("%q appears twice in one object; JSON readers keep different ones, so merge them", name)}
			}
			seen[name] = true
			if name == "pages" {
				if _, ok := m.Value.Value.(*hujson.Array); !ok {
					line, col := n.Position(n.bom + m.Value.StartOffset)
					return &SyntaxError{Path: n.Path, Line: line, Column: col, Shape: true,
						Msg: `"pages" is not an array; list the pages as ["folder/page", …]`}
				}
			}
		}
	}
	return nil
}

// lineCol converts a byte offset to a 1-based line and column (in bytes).
func lineCol(b []byte, off int) (int, int) {
	off = min(off, len(b))
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(b[:off], '\n')
	return line, col
}

// positions returns a Position for offsets given in increasing order, in
// time linear in the file: it counts lines from the previous offset, not
// from the start (recounting made Pages quadratic in the number of pages).
func (n *Nav) positions() func(off int) (int, int) {
	at, line, lineStart := 0, 1, 0
	return func(off int) (int, int) {
		off = min(off, len(n.Data))
		if off < at { // out of order: count from the start
			at, line, lineStart = 0, 1, 0
		}
		for {
			i := bytes.IndexByte(n.Data[at:off], '\n')
			if i < 0 {
				break
			}
			line++
			at += i + 1
			lineStart = at
		}
		at = off
		return line, off - lineStart + 1
	}
}

// Position returns the 1-based line and column of a byte offset in Data.
func (n *Nav) Position(off int) (int, int) { return lineCol(n.Data, off) }

// Pages lists every page in the navigation: each string inside any "pages"
// array, however deeply groups, tabs or anchors nest, and each group's
// "root" page, in this file and the files it refers to.
func (n *Nav) Pages() []NavPage {
	var out []NavPage
	pos := map[*Nav]func(int) (int, int){}
	n.walk(nil, func(f *Nav, v *hujson.Value, s, group, where string) {
		if pos[f] == nil {
			pos[f] = f.positions()
		}
		line, col := pos[f](f.bom + v.StartOffset)
		out = append(out, NavPage{Page: s, Group: group, Line: line, Column: col, File: f.Path, Where: where, API: isAPIPage(s)})
	})
	return out
}

// litString is lit.String() without encoding/json for the strings nearly
// every docs.json holds (no escape, no control character, valid UTF-8),
// which json.Unmarshal returns unchanged: member lookups unquote every
// key of an object each time, and the navigation's walk was a third of
// reading docs.json. FuzzLitString compares it with lit.String().
func litString(lit hujson.Literal) string {
	n := len(lit)
	if n < 2 || lit[0] != '"' || lit[n-1] != '"' {
		return lit.String()
	}
	for _, c := range lit[1 : n-1] {
		if c == '\\' || c == '"' || c < 0x20 {
			return lit.String()
		}
	}
	if !utf8.Valid(lit) {
		return lit.String()
	}
	return string(lit[1 : n-1])
}

func memberName(m *hujson.ObjectMember) string {
	if lit, ok := m.Name.Value.(hujson.Literal); ok && lit.Kind() == '"' {
		return litString(lit)
	}
	return ""
}

func member(o *hujson.Object, name string) *hujson.Value {
	for i := range o.Members {
		if memberName(&o.Members[i]) == name {
			return &o.Members[i].Value
		}
	}
	return nil
}

func stringMember(o *hujson.Object, name string) (string, bool) {
	v := member(o, name)
	if v == nil {
		return "", false
	}
	lit, ok := v.Value.(hujson.Literal)
	if !ok || lit.Kind() != '"' {
		return "", false
	}
	return litString(lit), true
}

// NavChange describes an edit of docs.json.
type NavChange struct {
	File         string `json:"file"`
	Group        string `json:"group"`
	Page         string `json:"page"`
	Line         int    `json:"line"` // line of the added page in the new file
	CreatedGroup bool   `json:"created_group"`
	Already      bool   `json:"already_registered"`
	// Parent names where a created group was put ("navigation.groups", or
	// the group it was nested in).
	Parent string `json:"parent,omitempty"`
	// Removed: the page was taken out (RemovePage); Line is where it was.
	Removed bool `json:"removed,omitempty"`
	// Where is the page's place in the navigation, as a breadcrumb
	// ("language en › tab Documentation › group Backend Development").
	Where string `json:"where,omitempty"`
	// Target is the absolute path of the file the edit is for: docs.json,
	// or the file (named by $ref) that holds the group.
	Target string `json:"-"`
}

// CreatedIn names where a created group was put: its place in the
// navigation ("language en › tab Documentation") when the group is nested
// under tabs, languages, …, else Parent ("navigation groups", or the group
// it went into).
func (ch NavChange) CreatedIn() string {
	if where := strings.TrimSuffix(ch.Where, "group "+ch.Group); where != ch.Where {
		if where = strings.TrimSuffix(where, " › "); where != "" && !strings.HasSuffix(ch.Parent, `"`) {
			return where
		}
	}
	return ch.Parent
}

// AddPage returns docs.json with page added to the group named group. When
// the page is already listed anywhere in that group, the data is returned
// unchanged with Already set. When no such group exists, one is created: in
// the group whose pages share the page's folder prefix, else in the first
// "groups" array, else in the navigation's "pages".
func (n *Nav) AddPage(group, page string) ([]byte, NavChange, error) {
	ch := NavChange{File: n.Path, Group: group, Page: page, Target: n.abs}
	var elsewhere *NavPage
	for _, p := range n.Pages() {
		if p.Page == page && p.Group == group {
			ch.Already, ch.Line, ch.File, ch.Where = true, p.Line, p.File, p.Where
			return n.Data, ch, nil
		}
		if p.Page == page && elsewhere == nil {
			elsewhere = &p
		}
	}
	if elsewhere != nil {
		// Listing it twice would show it twice; moving it is the author's
		// call.
		where := "outside any group"
		if elsewhere.Group != "" {
			where = fmt.Sprintf("in group %q", elsewhere.Group)
		}
		return nil, ch, &SyntaxError{Path: elsewhere.File, Line: elsewhere.Line, Column: elsewhere.Column, Shape: true,
			Msg: fmt.Sprintf("%q is already listed %s, not in %q; move it to %q by hand, or set nav_group in .handbook.yaml", page, where, group, group)}
	}
	if o, arr, ok := n.groupNamed(group); ok {
		out, line := o.file.insertString(arr, page)
		ch.Line, ch.File, ch.Target, ch.Where = line, o.file.Path, o.file.abs, o.where
		return out, ch, nil
	}
	var out []byte
	n.eachFile(func(f *Nav) {
		if out != nil {
			return
		}
		container, parent := f.findGroupContainer(page)
		if container == nil {
			return
		}
		var line int
		out, line = f.insertGroup(container, group, page)
		ch.CreatedGroup, ch.Parent, ch.Line, ch.File, ch.Target = true, parent, line, f.Path, f.abs
		ch.Where = joinWhere(n.whereOf(f, container), "group "+group)
	})
	if out == nil {
		return nil, ch, fmt.Errorf("%s: no navigation group %q and no \"groups\" or \"pages\" array to create it in; add the group to docs.json by hand, then run the command again", n.Path, group)
	}
	return out, ch, nil
}

// RemovePage returns docs.json without the first listing of page in a
// "pages" array, with the comma and line break that separated it, so the
// array reads as if the page had never been added. Line is where the page
// was. A page that is not listed is an error.
func (n *Nav) RemovePage(page string) ([]byte, NavChange, error) {
	ch := NavChange{File: n.Path, Page: page, Removed: true, Target: n.abs}
	f := n
	for _, p := range n.Pages() {
		if p.Page == page {
			ch.Group, ch.Line, ch.File, ch.Where = p.Group, p.Line, p.File, p.Where
			n.eachFile(func(g *Nav) {
				if g.Path == p.File {
					f = g
				}
			})
			ch.Target = f.abs
			break
		}
	}
	return f.removePage(page, ch)
}

func (n *Nav) removePage(page string, ch NavChange) ([]byte, NavChange, error) {
	for v := range n.root.All() {
		o, ok := v.Value.(*hujson.Object)
		if !ok {
			continue
		}
		pv := member(o, "pages")
		if pv == nil {
			continue
		}
		arr, ok := pv.Value.(*hujson.Array)
		if !ok {
			continue
		}
		for i, e := range arr.Elements {
			if lit, ok := e.Value.(hujson.Literal); !ok || lit.Kind() != '"' || litString(lit) != page {
				continue
			}
			b, base := n.Data, n.bom
			var from, to int
			switch {
			case len(arr.Elements) == 1: // the array becomes []
				from, to = base+pv.StartOffset+1, base+pv.EndOffset-1
			case i < len(arr.Elements)-1: // up to the next element
				from, to = base+e.StartOffset, base+arr.Elements[i+1].StartOffset
			default: // from the end of the previous element
				from, to = base+arr.Elements[i-1].EndOffset, base+e.EndOffset
			}
			return splice(b, from, to, ""), ch, nil
		}
	}
	return nil, ch, fmt.Errorf("%s: the navigation does not list %q", n.Path, page)
}

// findGroupContainer picks the array a new group goes into.
func (n *Nav) findGroupContainer(page string) (*hujson.Value, string) {
	prefix := ""
	if i := strings.LastIndex(page, "/"); i > 0 {
		// The folder above the section: for engineering/backend-development/x
		// that is "engineering/", the group the section belongs under.
		if j := strings.LastIndex(page[:i], "/"); j > 0 {
			prefix = page[:j+1]
		}
	}
	var best *hujson.Value
	bestName := ""
	var firstGroups *hujson.Value
	var navPages *hujson.Value
	for v := range n.root.All() {
		o, ok := v.Value.(*hujson.Object)
		if !ok {
			continue
		}
		if g := member(o, "groups"); g != nil && firstGroups == nil {
			if _, ok := g.Value.(*hujson.Array); ok {
				firstGroups = g
			}
		}
		name, isGroup := stringMember(o, "group")
		pages := member(o, "pages")
		if pages == nil {
			continue
		}
		arr, ok := pages.Value.(*hujson.Array)
		if !ok {
			continue
		}
		if !isGroup && navPages == nil {
			navPages = pages
		}
		if isGroup && prefix != "" && best == nil {
			for _, e := range arr.Elements {
				if lit, ok := e.Value.(hujson.Literal); ok && lit.Kind() == '"' && strings.HasPrefix(litString(lit), prefix) {
					best, bestName = pages, name
					break
				}
			}
		}
	}
	switch {
	case best != nil:
		return best, fmt.Sprintf("group %q", bestName)
	case firstGroups != nil:
		return firstGroups, "navigation groups"
	case navPages != nil:
		return navPages, "navigation pages"
	}
	// Legacy mint.json style: "navigation" is itself the array of groups.
	if o, ok := n.root.Value.(*hujson.Object); ok {
		if nv := member(o, "navigation"); nv != nil {
			if _, ok := nv.Value.(*hujson.Array); ok {
				return nv, "navigation"
			}
		}
	}
	return nil, ""
}

// insertString adds a JSON string to the array, in sorted position when the
// array holds only strings that are already sorted, else at the end.
func (n *Nav) insertString(arrV *hujson.Value, s string) ([]byte, int) {
	arr := arrV.Value.(*hujson.Array)
	lit := quoteJSON(s)
	idx := len(arr.Elements)
	if sorted, allStrings := sortedStrings(arr); allStrings && sorted && len(arr.Elements) >= 2 {
		for i, e := range arr.Elements {
			if litString(e.Value.(hujson.Literal)) > s {
				idx = i
				break
			}
		}
	}
	return n.insertElement(arrV, idx, lit)
}

// insertElement splices text as element idx of the array and returns the new
// document and the line the element starts on.
func (n *Nav) insertElement(arrV *hujson.Value, idx int, text string) ([]byte, int) {
	arr := arrV.Value.(*hujson.Array)
	b := n.Data
	base := n.bom
	var at int
	var ins string
	multiline := arrayIsMultiline(b[base+arrV.StartOffset : base+arrV.EndOffset])
	if len(arr.Elements) == 0 && endsLine(b, base+arrV.EndOffset) {
		// An empty "[]" that ends its line in a multi-line file: the list is
		// about to grow, so give the first page its own line like the rest.
		multiline = true
	}
	switch {
	case len(arr.Elements) == 0:
		// Replace whatever whitespace the empty array holds.
		open := base + arrV.StartOffset + 1
		closeAt := base + arrV.EndOffset - 1
		if multiline {
			ind := lineIndent(b, closeAt)
			text = "\n" + ind + indentUnit(b) + indentBlock(text, ind+indentUnit(b)) + "\n" + ind
		}
		out := splice(b, open, closeAt, withEOL(b, text))
		line, _ := lineCol(out, open)
		if multiline {
			line++
		}
		return out, line
	case idx < len(arr.Elements):
		e := arr.Elements[idx]
		at = base + e.StartOffset
		if multiline {
			ind := lineIndent(b, at)
			ins = indentBlock(text, ind) + ",\n" + ind
		} else {
			ins = text + ", "
		}
	default:
		last := arr.Elements[len(arr.Elements)-1]
		at = base + last.EndOffset
		if multiline {
			ind := lineIndent(b, base+last.StartOffset)
			ins = ",\n" + ind + indentBlock(text, ind)
		} else {
			ins = ", " + text
		}
	}
	ins = withEOL(b, ins)
	out := splice(b, at, at, ins)
	start := at
	if idx >= len(arr.Elements) {
		start = at + strings.Index(ins, text[:1])
	}
	line, _ := lineCol(out, start)
	return out, line
}

// insertGroup creates {"group": group, "pages": [page]} in the array.
func (n *Nav) insertGroup(arrV *hujson.Value, group, page string) ([]byte, int) {
	arr := arrV.Value.(*hujson.Array)
	multiline := arrayIsMultiline(n.Data[n.bom+arrV.StartOffset : n.bom+arrV.EndOffset])
	var obj string
	if multiline || len(arr.Elements) == 0 {
		u := indentUnit(n.Data)
		obj = "{\n" + u + `"group": ` + quoteJSON(group) + ",\n" + u + `"pages": [` + "\n" + u + u + quoteJSON(page) + "\n" + u + "]\n}"
	} else {
		obj = `{"group": ` + quoteJSON(group) + `, "pages": [` + quoteJSON(page) + `]}`
	}
	out, line := n.insertElement(arrV, len(arr.Elements), obj)
	if multiline || len(arr.Elements) == 0 {
		line += 3 // the page sits three lines below the group's "{"
	}
	return out, line
}

func sortedStrings(arr *hujson.Array) (sorted, allStrings bool) {
	prev := ""
	sorted = true
	for i, e := range arr.Elements {
		lit, ok := e.Value.(hujson.Literal)
		if !ok || lit.Kind() != '"' {
			return false, false
		}
		if i > 0 && litString(lit) < prev {
			sorted = false
		}
		prev = litString(lit)
	}
	return sorted, true
}

// withEOL gives inserted text the line endings of the file: a CRLF file
// (its first line ends in CRLF) gets CRLF lines, never a bare LF.
func withEOL(file []byte, text string) string {
	if i := bytes.IndexByte(file, '\n'); i > 0 && file[i-1] == '\r' {
		return strings.ReplaceAll(text, "\n", "\r\n")
	}
	return text
}

func arrayIsMultiline(b []byte) bool { return bytes.IndexByte(b, '\n') >= 0 }

// endsLine reports whether only a comma and spaces stand between off and
// the end of its line.
func endsLine(b []byte, off int) bool {
	rest := b[off:]
	i := bytes.IndexByte(rest, '\n')
	if i < 0 {
		return false
	}
	return len(bytes.Trim(rest[:i], " \t\r,")) == 0
}

// lineIndent returns the whitespace that starts the line holding offset.
func lineIndent(b []byte, off int) string {
	start := bytes.LastIndexByte(b[:off], '\n') + 1
	end := start
	for end < len(b) && (b[end] == ' ' || b[end] == '\t') {
		end++
	}
	return string(b[start:end])
}

// indentUnit guesses one level of indentation from the first indented line.
func indentUnit(b []byte) string {
	for _, line := range bytes.Split(b, []byte("\n")) {
		trimmed := bytes.TrimLeft(line, " \t")
		if len(trimmed) < len(line) && len(trimmed) > 0 {
			return string(line[:len(line)-len(trimmed)])
		}
	}
	return "  "
}

// indentBlock indents every line of a multi-line text after the first.
func indentBlock(text, ind string) string {
	return strings.ReplaceAll(text, "\n", "\n"+ind)
}

func splice(b []byte, from, to int, ins string) []byte {
	out := make([]byte, 0, len(b)+len(ins))
	out = append(out, b[:from]...)
	out = append(out, ins...)
	return append(out, b[to:]...)
}

func quoteJSON(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(buf.String(), "\n")
}
