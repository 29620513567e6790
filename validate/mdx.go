package validate

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file checks an entry the way the MDX compiler Mintlify uses
// (@mdx-js/mdx v3: micromark with the MDX extensions, then
// mdast-util-mdx-jsx) reads it, and finds the first construct the compiler
// would stop at. The JSX tag grammar is a port of
// micromark-extension-mdx-jsx's tokenizer (factory-tag.js), including which
// mistakes are fatal (a `<` followed by anything but white space starts a
// tag); expressions end at the first `}` where their inside parses as
// JavaScript, as in micromark-factory-mdx-expression. The block structure
// is a simplified CommonMark: paragraphs, headings, fences, tables, lists
// and block quotes (without lazy-line and container-closing errors), and
// emphasis and links are not nesting levels for tags. mdx_diff_test.go
// holds it to the real compiler.

// mdxError is the first place the MDX compiler would reject.
type mdxError struct {
	off int // byte offset in the source
	msg string
	// start is where the construct at fault starts (its `<` or `{`), or
	// -1 when it is not one a backslash can turn into text (an import or
	// export line).
	start int
}

// mdxExprUse is a {expression} that reads names nothing defines.
type mdxExprUse struct {
	off  int
	free []string
}

// mdxText is a run of source text as a tokenizer sees it: a paragraph's
// lines without their container prefixes, or the source itself. lines map
// it back to source offsets (nil: the identity): one entry a line, not one
// a byte, so a paragraph costs no more than its copy.
type mdxText struct {
	b     []byte
	lines []textLine
	one   [1]textLine // lines of a text that is one run of the source
}

// textLine is a line of an mdxText: b[at:at+n] is src[src:src+n], and the
// byte after it (the '\n' joining the next line, or the end) maps to
// src+n, the end of the line in the source.
type textLine struct{ at, src, n int }

func (t *mdxText) off(i int) int {
	if t.lines == nil {
		return i
	}
	k := sort.Search(len(t.lines), func(k int) bool { return t.lines[k].at > i }) - 1
	l := t.lines[max(k, 0)]
	return l.src + min(max(i-l.at, 0), l.n)
}

// rune returns the character at i and its size; -1 at the end.
func (t *mdxText) rune(i int) (rune, int) {
	if i >= len(t.b) {
		return -1, 0
	}
	if c := t.b[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(t.b[i:])
}

type openTag struct {
	name      string
	off       int
	container int // the paragraph holding a text tag; 0 for flow tags
}

// jsxTag is a tag the tokenizer read.
type jsxTag struct {
	name                 string // "" for a fragment
	start, end           int    // in the mdxText
	closing, selfClosing bool
	hasAttrs             bool
	exprs                []mdxExprUse
}

// The compiler tokenizes the blocks of the whole document first, then the
// inline text of each block, then builds the tree; so an error of an
// earlier stage wins over one of a later stage anywhere in the file.
const (
	stageFlow = iota
	stageText
	stageTree
)

type mdxScanner struct {
	src []byte
	// whole is src as an mdxText; text is the paragraph or heading being
	// read, whose lines are copied into joined when they are not one run
	// of the source. Nothing keeps a text past inline, so they are reused.
	whole, text mdxText
	joined      []byte
	joinedLines []textLine
	errs        [3]*mdxError // the first error of each stage
	// stage is the stage being scanned; stop aborts the construct after an
	// error (the whole scan when in the flow stage).
	stage    int
	stop     bool
	stack    []openTag
	declared map[string]bool
	imported map[string]bool // names import statements bound so far
	exprs    []mdxExprUse
	nextID   int
	itemSeq  int // list items seen
	inTag    int // source offset of the tag being read, or -1
}

// checkMDX returns the first MDX syntax error of src (nil when the compiler
// would accept it) and the expressions that read undefined names.
func checkMDX(src []byte) (*mdxError, []mdxExprUse) {
	s := &mdxScanner{src: src, inTag: -1} // declared and imported: made by esm
	s.whole.b = src
	s.flow(mdxBodyStart(src))
	if len(s.stack) > 0 {
		t := s.stack[len(s.stack)-1]
		s.stage = stageTree
		s.fail(t.off, "%s", fmt.Sprintf("%s is never closed; add %s after its content, make it self-closing (%s), or write `\\<` for a literal `<`",
			tagText(t.name), closeText(t.name), selfCloseText(t.name)))
	}
	for _, e := range s.errs {
		if e != nil {
			return e, nil
		}
	}
	var undefined []mdxExprUse
	for _, e := range s.exprs {
		var names []string
		for _, n := range e.free {
			if !s.declared[n] && !jsGlobal(n) && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		if len(names) > 0 {
			undefined = append(undefined, mdxExprUse{e.off, names})
		}
	}
	return nil, undefined
}

func tagText(name string) string   { return "`<" + name + ">`" }
func closeText(name string) string { return "`</" + name + ">`" }
func selfCloseText(name string) string {
	if name == "" {
		return "`<></>`"
	}
	return "`<" + name + " />`"
}

// mdxBodyStart skips a BOM and a closed YAML frontmatter block.
func mdxBodyStart(src []byte) int {
	from := 0
	if bytes.HasPrefix(src, bom) {
		from = len(bom)
	}
	first := lineEnd(src, from)
	if !isFence(trimEOL(src[from:first])) {
		return from
	}
	for i := first; i < len(src); {
		next := lineEnd(src, i)
		if isFence(trimEOL(src[i:next])) {
			return next
		}
		i = next
	}
	return from
}

func (s *mdxScanner) fail(off int, format string, args ...any) {
	start := off
	if s.inTag >= 0 {
		start = s.inTag // an attribute's mistake is the tag's
	}
	s.failAt(off, start, format, args...)
}

func (s *mdxScanner) failAt(off, start int, format string, args ...any) {
	if s.errs[s.stage] == nil {
		s.errs[s.stage] = &mdxError{off, fmt.Sprintf(format, args...), start}
	}
	s.stop = s.stage != stageTree
}

// seg is a line's content, without container prefix or line ending.
type seg struct{ start, end int }

// flow reads the document block by block.
func (s *mdxScanner) flow(pos int) {
	src := s.src
	var para []seg
	paraQuote := 0
	flush := func() {
		if len(para) > 0 {
			s.phrasing(para)
		}
		para = para[:0] // phrasing keeps nothing of it: the array serves every paragraph
	}
	var fenceChar byte
	fenceLen := 0
	item, itemIndent := 0, 0 // the list item lines belong to, and its text's column
	tableCols := 0           // > 0 while inside a GFM table
	for pos < len(src) && s.errs[stageFlow] == nil {
		s.stage = stageFlow
		if fenceLen > 0 {
			// Lines without the fence character are code: skip them.
			if pos = nextLineWith(src, pos, fenceChar); pos == len(src) {
				break
			}
		}
		next := lineEnd(src, pos)
		contentEnd := pos + len(trimEOL(src[pos:next]))
		p := skipSpaces(src, pos, contentEnd)
		quote := 0
		for p < contentEnd && src[p] == '>' {
			quote++
			p = skipSpaces(src, p+1, contentEnd)
		}
		rest := src[p:contentEnd]
		if fenceLen > 0 {
			if c, n := fenceRun(rest); c == fenceChar && n >= fenceLen && isBlank(rest[n:]) {
				fenceLen = 0
			}
			pos = next
			continue
		}
		if isBlank(rest) {
			flush()
			tableCols = 0
			pos = next
			continue
		}
		if isThematicBreak(rest) && !(len(para) > 0 && isSetextUnderline(rest)) {
			flush()
			tableCols = 0
			pos = next
			continue
		}
		newItem := false
		startItem, startIndent := item, itemIndent // the item a construct here starts in
		if n := listMarker(rest); n > 0 {
			newItem = true
			s.itemSeq++
			item, itemIndent = s.itemSeq, p-pos+n
			p = skipSpaces(src, p+n, contentEnd)
			rest = src[p:contentEnd]
		} else if item != 0 && p-pos < itemIndent {
			item = 0 // a line less indented than the item's text ends the list
			if len(para) == 0 {
				startItem = 0 // …unless it is a lazy line of the item's paragraph
			}
		}
		if newItem {
			startItem, startIndent = item, itemIndent
		}
		// Flow tags belong to the block container they are in (a list
		// item, a block quote): one closed in another is an error.
		flowContainer := -1 - (quote*1_000_000 + item)
		if newItem || quote > paraQuote {
			flush()
			tableCols = 0
		}
		if isBlank(rest) {
			pos = next
			continue
		}
		if len(para) == 0 && tableCols == 0 && p == pos && (bytes.HasPrefix(rest, []byte("import ")) || bytes.HasPrefix(rest, []byte("export "))) {
			pos = s.esm(pos)
			continue
		}
		if c, n := fenceRun(rest); n >= 3 && (c == '~' || bytes.IndexByte(rest[n:], '`') < 0) {
			flush()
			tableCols = 0
			fenceChar, fenceLen = c, n
			pos = next
			continue
		}
		if h := atxHeading(rest); h >= 0 {
			flush()
			tableCols = 0
			start, end := p+h, contentEnd
			for end > start && (src[end-1] == ' ' || src[end-1] == '\t') {
				end--
			}
			s.phrasing([]seg{{start, end}})
			pos = next
			continue
		}
		if len(para) > 0 && isSetextUnderline(rest) {
			flush()
			pos = next
			continue
		}
		if rest[0] == '<' || rest[0] == '{' {
			ok, end, tags, exprs := s.flowAttempt(p)
			if s.stop {
				return
			}
			startQuote := quote
			if len(para) > 0 && quote < paraQuote {
				startQuote = paraQuote // a lazy line of a quoted paragraph
			}
			if ok && end > next && (startQuote > 0 || startItem != 0) {
				if l := lazyLine(src, next, end, startQuote, startItem != 0, startIndent); l >= 0 {
					s.stage = stageFlow
					s.failAt(l, p, "this line continues the %s started on line %d inside a list item or block quote, but lacks the item's indentation (or the quote's `>`); indent it like the line above, or put a blank line before the %s",
						map[bool]string{true: "JSX tag", false: "{expression}"}[rest[0] == '<'], 1+bytes.Count(src[:pos], []byte("\n")),
						map[bool]string{true: "tag", false: "expression"}[rest[0] == '<'])
					return
				}
			}
			if ok {
				flush()
				tableCols = 0
				s.stage = stageTree
				for _, tg := range tags {
					s.apply(tg, &s.whole, flowContainer)
				}
				s.exprs = append(s.exprs, exprs...)
				pos = end
				continue
			}
		}
		if tableCols > 0 {
			s.tableRow(seg{p, contentEnd})
			pos = next
			continue
		}
		if len(para) == 0 && isDefinition(rest) {
			pos = next
			continue
		}
		if len(para) == 1 {
			if n := delimiterRow(rest); n > 0 && n == len(tableCells(src, para[0])) {
				s.tableRow(para[0])
				para = para[:0]
				tableCols = n
				pos = next
				continue
			}
		}
		if len(para) == 0 {
			paraQuote = quote
		}
		para = append(para, seg{p, contentEnd})
		pos = next
	}
	flush()
}

// esm reads an import/export block starting at pos: it runs to a blank
// line, or past it when the JavaScript is not finished there.
func (s *mdxScanner) esm(pos int) int {
	s.stage = stageFlow
	if s.declared == nil { // most entries import nothing
		s.declared, s.imported = map[string]bool{}, map[string]bool{}
	}
	end := blockEnd(s.src, pos)
	for {
		res, declared, atEnd := jsModule(s.src[pos:end], s.imported)
		if res.ok {
			for _, d := range declared {
				s.declared[d] = true
			}
			return end
		}
		if atEnd && end < len(s.src) {
			// Skip the blank lines and take the next block too.
			for end < len(s.src) && isBlank(trimEOL(s.src[end:lineEnd(s.src, end)])) {
				end = lineEnd(s.src, end)
			}
			if end < len(s.src) {
				end = max(blockEnd(s.src, end), lineEnd(s.src, end))
			}
			continue
		}
		s.failAt(pos, -1, "a line starting with `import ` or `export ` is JavaScript in MDX, and this is not a valid import or export (%s); reword the line so it does not start with that word, or write valid JavaScript", res.msg)
		return len(s.src)
	}
}

// flowAttempt reads a line made only of tags and expressions (a JSX or
// expression block). ok is false when the line holds anything else, and is
// then a paragraph; a malformed tag is an error either way.
func (s *mdxScanner) flowAttempt(p int) (ok bool, end int, tags []jsxTag, exprs []mdxExprUse) {
	s.stage = stageFlow // a paragraph read just before left the text stage set
	t := &s.whole
	i := p
	afterTag := false
	for {
		switch t.b[i] {
		case '<':
			tg, nok := s.tag(t, i)
			if s.stop || nok {
				return false, 0, nil, nil
			}
			tags = append(tags, tg)
			exprs = append(exprs, tg.exprs...)
			i = tg.end
			afterTag = true
		case '{':
			e, use := s.expression(t, i, false, false)
			if s.stop {
				return false, 0, nil, nil
			}
			if use != nil {
				exprs = append(exprs, *use)
			}
			i = e
			afterTag = false
		default:
			return false, 0, nil, nil
		}
		for i < len(t.b) && (t.b[i] == ' ' || t.b[i] == '\t') {
			i++
		}
		if i >= len(t.b) || t.b[i] == '\n' || t.b[i] == '\r' {
			return true, lineEnd(t.b, min(i, len(t.b))), tags, exprs
		}
		// After an expression only a tag may follow; after a tag, a tag or
		// an expression (the flow `end` states of
		// micromark-extension-mdx-expression and -jsx).
		if t.b[i] != '<' && (t.b[i] != '{' || !afterTag) {
			return false, 0, nil, nil
		}
	}
}

// phrasing reads the inline content of a paragraph or heading.
func (s *mdxScanner) phrasing(lines []seg) {
	first, last := lines[0], lines[len(lines)-1]
	contiguous := true
	for k := 1; k < len(lines) && contiguous; k++ {
		contiguous = lines[k].start == lines[k-1].end+1 && s.src[lines[k-1].end] == '\n'
	}
	if contiguous {
		// Lines joined by a lone '\n' and without prefixes (most
		// paragraphs) are their own text: one line maps it back, as each
		// line's entry would, and nothing is copied.
		t := &s.text
		t.b = s.src[first.start:last.end:last.end]
		t.one[0] = textLine{at: 0, src: first.start, n: last.end - first.start}
		t.lines = t.one[:]
		s.inline(t)
		return
	}
	// Nothing keeps a text past inline, so one buffer serves them all.
	t := &s.text
	t.b, t.lines = s.joined[:0], s.joinedLines[:0]
	defer func() { s.joined, s.joinedLines = t.b, t.lines }()
	for k, l := range lines {
		if k > 0 {
			t.b = append(t.b, '\n')
		}
		t.lines = append(t.lines, textLine{at: len(t.b), src: l.start, n: l.end - l.start})
		t.b = append(t.b, s.src[l.start:l.end]...)
	}
	s.inline(t)
}

// tableRow reads each cell of a GFM table row as its own inline content.
func (s *mdxScanner) tableRow(row seg) {
	for _, c := range tableCells(s.src, row) {
		if c.end > c.start {
			s.phrasing([]seg{c})
		}
	}
}

// inlineSpecial are the bytes inline reads as more than text.
var inlineSpecial = [256]bool{'\\': true, '`': true, '<': true, '{': true, '[': true, ']': true}

func (s *mdxScanner) inline(t *mdxText) {
	s.nextID++
	id := s.nextID
	b := t.b
	brackets := 0
	defer func() { s.stop = false }()
	for i := 0; i < len(b) && !s.stop; {
		s.stage = stageText
		switch b[i] {
		case '\\':
			if i+1 < len(b) && isASCIIPunct(b[i+1]) {
				i += 2
			} else {
				i++
			}
		case '`':
			n := runOf(b, i, '`')
			if e := closingRun(b, i+n, n); e >= 0 {
				i = e + n
			} else {
				i += n
			}
		case '<':
			if i+1 < len(b) && isMDSpaceOrEOL(b[i+1]) {
				i++
				continue
			}
			tg, nok := s.tag(t, i)
			if s.stop {
				return
			}
			if nok {
				i++
				continue
			}
			s.exprs = append(s.exprs, tg.exprs...)
			s.stage = stageTree
			s.apply(tg, t, id)
			i = tg.end
		case '{':
			e, use := s.expression(t, i, false, false)
			if use != nil {
				s.exprs = append(s.exprs, *use)
			}
			i = e
		case '[':
			brackets++
			i++
		case ']':
			if brackets > 0 {
				brackets--
				if i+1 < len(b) && b[i+1] == '(' {
					if e := linkResource(b, i+1); e > 0 {
						i = e
						continue
					}
				}
			}
			i++
		default:
			i++
			for i < len(b) && !inlineSpecial[b[i]] {
				i++ // plain text: no need to go round the switch
			}
		}
	}
	if s.stop {
		return
	}
	s.stage = stageTree
	for k, o := range s.stack {
		if o.container == id {
			s.fail(o.off, "%s opens a JSX element that is not closed in the same paragraph; close it there with %s, make it self-closing (%s), or write `\\<` (or `&lt;`) for a literal `<`",
				tagText(o.name), closeText(o.name), selfCloseText(o.name))
			s.stack = s.stack[:k]
			return
		}
	}
}

// apply checks a tag against the open elements, as mdast-util-mdx-jsx does.
func (s *mdxScanner) apply(tg jsxTag, t *mdxText, container int) {
	at := t.off(tg.start)
	switch {
	case tg.closing && tg.selfClosing:
		s.fail(at, "closing tag %s ends with `/>`; write %s", closeText(tg.name), closeText(tg.name))
	case tg.closing && tg.hasAttrs:
		s.fail(at, "closing tag %s has attributes; move them to the opening tag", closeText(tg.name))
	case tg.closing && len(s.stack) == 0:
		s.fail(at, "closing tag %s has no opening tag; remove it, add %s before it, or write `\\<` for a literal `<`", closeText(tg.name), tagText(tg.name))
	case tg.closing:
		top := s.stack[len(s.stack)-1]
		switch {
		case top.name != tg.name:
			s.fail(at, "closing tag %s does not match the open %s; close %s first", closeText(tg.name), tagText(top.name), tagText(top.name))
		case top.container != container:
			where := "outside the paragraph"
			if container > 0 {
				where = "inside a paragraph"
			} else if top.container < 0 {
				where = "in another list item or block quote"
			}
			s.fail(at, "closing tag %s is %s while %s was opened %s; put both tags in the same paragraph, or on lines of their own in the same block",
				closeText(tg.name), where, tagText(top.name), map[bool]string{true: "in a paragraph", false: "on a line of its own"}[top.container > 0])
		default:
			s.stack = s.stack[:len(s.stack)-1]
		}
	case !tg.selfClosing:
		s.stack = append(s.stack, openTag{name: tg.name, off: at, container: container})
	}
}

// isMDSpaceOrEOL: after `<`, these make it text, not a tag.
func isMDSpaceOrEOL(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpaces(b []byte, i, end int) int {
	for i < end && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

// closingRun finds the next run of exactly n backticks from i.
func closingRun(b []byte, i, n int) int {
	for i < len(b) {
		if b[i] != '`' {
			i++
			continue
		}
		m := runOf(b, i, '`')
		if m == n {
			return i
		}
		i += m
	}
	return -1
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isThematicBreak(rest []byte) bool {
	var c byte
	n := 0
	for _, x := range rest {
		switch {
		case x == ' ' || x == '\t':
		case (x == '*' || x == '-' || x == '_') && (c == 0 || c == x):
			c = x
			n++
		default:
			return false
		}
	}
	return n >= 3
}

func isSetextUnderline(rest []byte) bool {
	t := bytes.TrimRight(rest, " \t")
	if len(t) == 0 || t[0] != '=' && t[0] != '-' {
		return false
	}
	for _, x := range t {
		if x != t[0] {
			return false
		}
	}
	return true
}

// listMarker returns the length of a list item marker with the space after
// it (0 when rest does not start a list item).
func listMarker(rest []byte) int {
	n := 0
	switch {
	case len(rest) > 0 && (rest[0] == '-' || rest[0] == '*' || rest[0] == '+'):
		n = 1
	default:
		for n < len(rest) && n < 9 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(rest) || rest[n] != '.' && rest[n] != ')' {
			return 0
		}
		n++
	}
	if n == len(rest) {
		return n
	}
	if rest[n] == ' ' || rest[n] == '\t' {
		return n + 1
	}
	return 0
}

// atxHeading returns where the text of an ATX heading starts, or -1.
func atxHeading(rest []byte) int {
	n := runOf(rest, 0, '#')
	if n == 0 || n > 6 {
		return -1
	}
	if n < len(rest) && rest[n] != ' ' && rest[n] != '\t' {
		return -1
	}
	return skipSpaces(rest, n, len(rest))
}

// isDefinition matches a link reference definition: [label]: destination.
func isDefinition(rest []byte) bool {
	if len(rest) == 0 || rest[0] != '[' {
		return false
	}
	k := bytes.Index(rest, []byte("]:"))
	if k < 2 || bytes.ContainsAny(rest[1:k], "[]") {
		return false
	}
	d := bytes.TrimLeft(rest[k+2:], " \t")
	if len(d) == 0 {
		return false
	}
	if d[0] == '<' {
		e := bytes.IndexByte(d, '>')
		return e > 0 && !bytes.ContainsAny(d[1:e], "<")
	}
	return true
}

// delimiterRow returns the number of cells of a GFM table delimiter row
// (| --- | :-: |), or 0.
func delimiterRow(rest []byte) int {
	t := bytes.TrimSpace(rest)
	if len(t) == 0 {
		return 0
	}
	t = bytes.TrimPrefix(t, []byte("|"))
	t = bytes.TrimSuffix(t, []byte("|"))
	cells := bytes.Split(t, []byte("|"))
	for _, c := range cells {
		c = bytes.TrimSpace(c)
		c = bytes.TrimPrefix(c, []byte(":"))
		c = bytes.TrimSuffix(c, []byte(":"))
		if len(c) == 0 || len(bytes.Trim(c, "-")) != 0 {
			return 0
		}
	}
	if len(cells) == 1 && !bytes.Contains(rest, []byte("|")) {
		return 0
	}
	return len(cells)
}

// tableCells splits a table row at unescaped pipes (GFM splits cells
// before reading code spans), trimming the cells' white space.
func tableCells(src []byte, row seg) []seg {
	var cells []seg
	start := row.start
	if start < row.end && src[start] == '|' {
		start++
	}
	for i := start; i <= row.end; i++ {
		if i < row.end && src[i] == '\\' {
			i++
			continue
		}
		if i == row.end || src[i] == '|' {
			a, b := start, i
			for a < b && (src[a] == ' ' || src[a] == '\t') {
				a++
			}
			for b > a && (src[b-1] == ' ' || src[b-1] == '\t') {
				b--
			}
			if !(i == row.end && start == row.end && len(cells) > 0) {
				cells = append(cells, seg{a, b})
			}
			start = i + 1
		}
	}
	return cells
}

// linkResource reads "(destination "title")" at i and returns the offset
// after ")", or -1.
func linkResource(b []byte, i int) int {
	i++
	if _, _, i = linkDestination(b, skipWS(b, i)); i < 0 {
		return -1
	}
	i = skipWS(b, i)
	if i < len(b) && (b[i] == '"' || b[i] == '\'' || b[i] == '(') {
		closer := b[i]
		if closer == '(' {
			closer = ')'
		}
		for i++; i < len(b) && b[i] != closer; i++ {
			if b[i] == '\\' {
				i++
			}
		}
		if i >= len(b) {
			return -1
		}
		i = skipWS(b, i+1)
	}
	if i < len(b) && b[i] == ')' {
		return i + 1
	}
	return -1
}

// linkDestination reads a link destination at i, as CommonMark defines it:
// <…> on one line (escapes allowed, no unescaped `<`), or a run of bytes
// above space with balanced parentheses. It returns the destination's
// bounds (inside the brackets) and the offset after it; next is -1 when a
// <…> destination is not closed. linkResource (for the compiler's verdict)
// and linkTarget (for the code an entry cites) both read links with it.
func linkDestination(b []byte, i int) (start, end, next int) {
	if i < len(b) && b[i] == '<' {
		start = i + 1
		for i++; i < len(b) && b[i] != '>'; i++ {
			switch b[i] {
			case '\\':
				i++
			case '\n', '<':
				return start, start, -1
			}
		}
		if i >= len(b) {
			return start, start, -1
		}
		return start, i, i + 1
	}
	start = i
	depth := 0
	for ; i < len(b); i++ {
		c := b[i]
		if c == '\\' && i+1 < len(b) {
			i++
			continue
		}
		if c <= ' ' {
			break
		}
		if c == '(' {
			depth++
		}
		if c == ')' {
			if depth == 0 {
				break
			}
			depth--
		}
	}
	return start, i, i
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n') {
		i++
	}
	return i
}

// expression reads {…} at open: it ends at the first `}` where the inside
// is valid JavaScript. attr selects an attribute expression (never empty),
// spread one that must be {...spread}. use is set when the expression
// reads names (checked against the document's definitions later).
func (s *mdxScanner) expression(t *mdxText, open int, attr, spread bool) (end int, use *mdxExprUse) {
	var first string
	lastAt, firstAt := -1, -1
	for p := open + 1; ; p++ {
		if p >= len(t.b) {
			if lastAt >= 0 {
				s.fail(t.off(open), "`{` starts a JavaScript expression in MDX, and `%s` is not one (%s); write `\\{` for a literal brace, or put code in backticks", clip(t.b[open:firstAt+1]), first)
			} else {
				s.fail(t.off(open), "`{` starts a JavaScript expression in MDX and is never closed with `}`; write `\\{` for a literal brace, or put code in backticks")
			}
			return len(t.b), nil
		}
		if t.b[p] != '}' {
			continue
		}
		inside := t.b[open+1 : p]
		if attr && jsEmpty(inside) {
			s.fail(t.off(open), "empty attribute expression `{}`; give it a value such as `{1}` or `\"text\"`")
			return p + 1, nil
		}
		var res jsResult
		if spread {
			var notSpread string
			res, notSpread = jsSpread(inside)
			if notSpread != "" {
				s.fail(t.off(open), "`%s` in a tag: %s; write attributes as name=\"value\" or name={value}", clip(t.b[open:p+1]), notSpread)
				return p + 1, nil
			}
		} else {
			res = jsExpression(inside)
		}
		if res.ok {
			if len(res.free) > 0 {
				use = &mdxExprUse{off: t.off(open), free: res.free}
			}
			return p + 1, use
		}
		if firstAt < 0 {
			first, firstAt = res.msg, p
		}
		lastAt = p
	}
}

// clip shortens text for a message.
func clip(b []byte) string {
	s := strings.ReplaceAll(string(b), "\n", " ")
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:37]) + "…"
	}
	return s
}

// tag reads a JSX tag at t.b[i] == '<'. nok reports a `<` followed by white
// space, which is text. Any other mistake is fatal (s.fail), as in MDX.
func (s *mdxScanner) tag(t *mdxText, i int) (tg jsxTag, nok bool) {
	tg.start = i
	s.inTag = t.off(i)
	defer func() { s.inTag = -1 }()
	i++
	if c, _ := t.rune(i); c == ' ' || c == '\t' || c == '\n' || c == '\r' {
		return tg, true
	}
	crash := func(at int, where, expect string) {
		c, _ := t.rune(at)
		s.fail(t.off(at), "%s", tagCrashMessage(t, tg.start, at, c, where, expect))
	}
	i = esWS(t, i)
	var name strings.Builder
	readName := func(i int, where string) (int, bool) {
		c, n := t.rune(i)
		if !idStart(c) {
			crash(i, "before "+where, "a letter, `$` or `_`")
			return i, false
		}
		start := i
		i += n
		for {
			c, n = t.rune(i)
			if !idCont(c) {
				break
			}
			i += n
		}
		name.Write(t.b[start:i])
		return i, true
	}
	c, _ := t.rune(i)
	if c == '/' {
		tg.closing = true
		i = esWS(t, i+1)
		c, _ = t.rune(i)
	}
	if c == '>' {
		tg.end = i + 1
		return tg, false
	}
	var ok bool
	if i, ok = readName(i, "name"); !ok {
		return tg, false
	}
	// Member (a.b.c) or namespace (a:b) parts.
	nameEnd := func(c rune, colon bool) bool {
		return c == '.' && !colon || c == '/' || c == '>' || c == '{' || c == ':' && !colon || esSpace(c)
	}
	if c, _ = t.rune(i); !nameEnd(c, false) {
		crash(i, "in name", "letters, digits, `$`, `_` or `-`, white space, or the end of the tag")
		return tg, false
	}
	i = esWS(t, i)
	switch c, _ = t.rune(i); c {
	case '.':
		for c == '.' {
			name.WriteByte('.')
			if i, ok = readName(esWS(t, i+1), "member name"); !ok {
				return tg, false
			}
			if c, _ = t.rune(i); c != '.' && !nameEnd(c, true) {
				crash(i, "in member name", "letters, digits, `$`, `_` or `-`, white space, or the end of the tag")
				return tg, false
			}
			i = esWS(t, i)
			c, _ = t.rune(i)
		}
	case ':':
		name.WriteByte(':')
		if i, ok = readName(esWS(t, i+1), "local name"); !ok {
			return tg, false
		}
		if c, _ = t.rune(i); !nameEnd(c, true) || c == '.' {
			crash(i, "in local name", "letters, digits, `$`, `_` or `-`, white space, or the end of the tag")
			return tg, false
		}
		i = esWS(t, i)
	}
	tg.name = name.String()
	// Attributes.
	for {
		c, n := t.rune(i)
		switch {
		case c == '/':
			if j := esWS(t, i+1); j < len(t.b) && t.b[j] == '>' {
				tg.selfClosing = true
				tg.end = j + 1
				return tg, false
			} else {
				crash(j, "after the self-closing slash", "`>`")
				return tg, false
			}
		case c == '>':
			tg.end = i + 1
			return tg, false
		case c == '{':
			tg.hasAttrs = true
			e, use := s.expression(t, i, true, true)
			if s.stop {
				return tg, false
			}
			if use != nil {
				tg.exprs = append(tg.exprs, *use)
			}
			i = esWS(t, e)
		case idStart(c):
			tg.hasAttrs = true
			i += n
			for c, n = t.rune(i); idCont(c); c, n = t.rune(i) {
				i += n
			}
			if !(c == '/' || c == ':' || c == '=' || c == '>' || c == '{' || esSpace(c)) {
				crash(i, "in attribute name", "letters, digits, `$`, `_` or `-`, `=`, white space, or the end of the tag")
				return tg, false
			}
			i = esWS(t, i)
			if c, _ = t.rune(i); c == ':' {
				i = esWS(t, i+1)
				c, n = t.rune(i)
				if !idStart(c) {
					crash(i, "before local attribute name", "a letter, `$` or `_`")
					return tg, false
				}
				for i += n; ; i += n {
					if c, n = t.rune(i); !idCont(c) {
						break
					}
				}
				if !(c == '/' || c == '=' || c == '>' || c == '{' || esSpace(c)) {
					crash(i, "in local attribute name", "letters, digits, `$`, `_` or `-`, `=`, white space, or the end of the tag")
					return tg, false
				}
				i = esWS(t, i)
			}
			if c, _ = t.rune(i); c == '=' {
				i = esWS(t, i+1)
				switch c, _ = t.rune(i); c {
				case '"', '\'':
					k := bytes.IndexByte(t.b[i+1:], byte(c))
					if k < 0 {
						crash(len(t.b), "in attribute value", "a closing quote "+string(c))
						return tg, false
					}
					i = esWS(t, i+1+k+1)
				case '{':
					e, use := s.expression(t, i, true, false)
					if s.stop {
						return tg, false
					}
					if use != nil {
						tg.exprs = append(tg.exprs, *use)
					}
					i = esWS(t, e)
				default:
					crash(i, "before attribute value", "`\"`, `'` or `{`")
					return tg, false
				}
			} else if !(c == '/' || c == '>' || c == '{' || idStart(c)) {
				crash(i, "after attribute name", "an attribute name, `=`, or the end of the tag")
				return tg, false
			}
		default:
			crash(i, "before attribute name", "an attribute name, or the end of the tag")
			return tg, false
		}
	}
}

// tagCrashMessage says what MDX read, what went wrong and how to write it.
func tagCrashMessage(t *mdxText, start, at int, c rune, where, expect string) string {
	got := "the end of the text"
	if c >= 0 {
		got = fmt.Sprintf("%q", string(c))
		if c == '`' {
			got = "a backtick"
		}
	}
	head := string(t.b[start:min(at, len(t.b))])
	if k := strings.IndexAny(head, "\r\n"); k >= 0 {
		head = head[:k]
	}
	switch {
	case bytes.HasPrefix(t.b[start:], []byte("<!--")):
		return "`<!--` starts an HTML comment, which MDX does not have; write `{/* comment */}` instead"
	case c == '/' && strings.HasSuffix(where, "local name") && strings.HasPrefix(string(t.b[at:]), "//"):
		return fmt.Sprintf("`%s//…>` is an autolink, which MDX does not have; write the URL bare or as `[text](url)`", head)
	}
	return fmt.Sprintf("MDX reads `%s` as the start of a JSX tag and found %s %s (expected %s); write `\\<` or `&lt;` for a literal `<`, put code in backticks, or finish the tag",
		clip([]byte(head)), got, where, expect)
}

// esWS skips JavaScript white space and line endings inside a tag.
func esWS(t *mdxText, i int) int {
	for {
		c, n := t.rune(i)
		if !esSpace(c) {
			return i
		}
		i += n
	}
}

func esSpace(c rune) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c >= 0 && unicode.IsSpace(c) || c == '\ufeff'
}

// idStart and idCont follow estree-util-is-identifier-name (JSX names may
// contain `-`).
func idStart(c rune) bool {
	return c == '$' || c == '_' || c >= 0 && (unicode.IsLetter(c) || unicode.Is(unicode.Nl, c) || unicode.Is(unicode.Other_ID_Start, c))
}

func idCont(c rune) bool {
	return idStart(c) || c == '-' || c == '\u200c' || c == '\u200d' ||
		c >= 0 && (unicode.Is(unicode.Mn, c) || unicode.Is(unicode.Mc, c) || unicode.Is(unicode.Nd, c) || unicode.Is(unicode.Pc, c) || unicode.Is(unicode.Other_ID_Continue, c))
}

// lazyLine returns the first line in [from, to) that lacks the container
// prefix of the construct it continues: fewer than quote `>` markers, or
// (inItem) less indentation than the item's text. -1 when none does. MDX
// rejects such lazy lines inside a tag or an expression.
func lazyLine(src []byte, from, to, quote int, inItem bool, indent int) int {
	for l := from; l < to; l = lineEnd(src, l) {
		end := l + len(trimEOL(src[l:lineEnd(src, l)]))
		if isBlank(src[l:end]) {
			continue
		}
		i := skipSpaces(src, l, end)
		q := 0
		for i < end && src[i] == '>' {
			q++
			i = skipSpaces(src, i+1, end)
		}
		if q < quote || inItem && i-l < indent {
			return l
		}
	}
	return -1
}
