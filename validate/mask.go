package validate

import "bytes"

// Goldmark knows CommonMark, not MDX. Before parsing, the MDX-only regions
// of the body (JSX blocks, MDX comments, ESM import/export lines) are
// overwritten with spaces in a copy of the file, keeping every newline and
// every byte offset, so goldmark sees blank lines there and never reads them
// as headings or prose, while positions still point into the original file.

// regionKind says what a masked region was.
type regionKind uint8

const (
	regionJSX regionKind = iota
	regionComment
	regionESM
)

// region is a masked byte range [start, end) of the body buffer.
type region struct {
	kind       regionKind
	start, end int
	// text is the inside of an MDX comment, without {/* and */}, trimmed.
	text string
}

// maskMDXCode blanks the MDX regions of b from offset from on (the body
// after the frontmatter) and returns them in order, with the fenced code
// blocks opened at the start of a line, for foldCode. Code (fenced or
// indented) is left alone: goldmark already reads it as code.
func maskMDXCode(b []byte, from int) ([]region, []codeSpan) {
	m := masker{b: b, failed: map[string]bool{}, noComment: -1}
	m.run(from)
	return m.regions, m.code
}

type masker struct {
	b       []byte
	regions []region
	code    []codeSpan // fences opened at column 0
	// noComment: no "{/*" starts between the last search and this offset
	// (where the next one starts, or len(b)).
	noComment int
	// failed holds JSX tag names whose block never closed. Later blocks of
	// the same name fall back to ending at a blank line, which keeps a
	// broken file linear instead of rescanning it to the end for every tag.
	failed map[string]bool
}

func (m *masker) run(from int) {
	b := m.b
	prevBlank := true
	inIndented := false
	var fenceChar byte
	fenceLen := 0
	for i := from; i < len(b); {
		if fenceLen > 0 {
			// Only a line holding the fence character can close the
			// fence: jump to the next one.
			i = nextLineWith(b, i, fenceChar)
			if i == len(b) {
				break
			}
		}
		next := lineEnd(b, i)
		line := trimEOL(b[i:next])
		indent, w := leadingIndent(line)
		blank := w == len(line)

		if fenceLen > 0 {
			if c, n := fenceRun(line[w:]); indent <= 3 && c == fenceChar && n >= fenceLen && isBlank(line[w+n:]) {
				fenceLen = 0
				if k := len(m.code) - 1; k >= 0 && m.code[k].end < 0 {
					m.code[k].end = i
				}
			}
			i, prevBlank = next, false
			continue
		}
		if inIndented && (blank || indent >= 4) {
			i = next
			continue
		}
		inIndented = false
		if blank {
			i, prevBlank = next, true
			continue
		}
		if indent >= 4 && prevBlank {
			inIndented = true
			i = next
			continue
		}
		if c, n := fenceRun(line[w:]); indent <= 3 && n >= 3 && (c == '~' || bytes.IndexByte(line[w+n:], '`') < 0) {
			fenceChar, fenceLen = c, n
			if w == 0 {
				m.code = append(m.code, codeSpan{open: i, body: next, end: -1, char: c, n: n})
			}
			i, prevBlank = next, false
			continue
		}
		if prevBlank && indent == 0 && isESM(line) {
			end := blockEnd(b, i)
			m.add(region{kind: regionESM, start: i, end: end})
			i, prevBlank = end, true
			continue
		}
		if indent <= 3 && len(line) > w+1 && line[w] == '<' {
			if name, ok := tagName(line[w+1:]); ok {
				closeAt, end := m.jsxEnd(i+w, name)
				// An element closed on its own line with text after it
				// is inline JSX at the start of a paragraph: prose.
				if !(closeAt >= 0 && end == next && !isBlank(b[closeAt:next])) {
					m.add(region{kind: regionJSX, start: i + w, end: end})
					i, prevBlank = end, true
					continue
				}
			}
		}
		i, prevBlank = m.comments(i, next), false
	}
	if k := len(m.code) - 1; k >= 0 && m.code[k].end < 0 {
		m.code[k].end = len(b) // never closed: code to the end
	}
}

// comments masks every MDX comment that starts between i and the end of
// its line (next). It returns where scanning resumes: the start of the line
// after the last comment's end.
func (m *masker) comments(i, next int) int {
	b := m.b
	if skipCode {
		if m.noComment < i {
			// One search ahead serves every line up to the next
			// "{/*"; masking only blanks bytes, so none appears.
			m.noComment = len(b)
			if k := bytes.Index(b[i:], []byte("{/*")); k >= 0 {
				m.noComment = i + k
			}
		}
		if m.noComment >= next {
			return next
		}
	}
	for {
		k := bytes.Index(b[i:next], []byte("{/*"))
		if k < 0 {
			return next
		}
		start := i + k
		if ls := bytes.LastIndexByte(b[:start], '\n') + 1; inCodeSpan(b[ls:next], start-ls) {
			// `{/* … */}` in inline code is text that shows the syntax.
			i = start + 3
			continue
		}
		e := bytes.Index(b[start+3:], []byte("*/}"))
		if e < 0 {
			return next // never closed: leave it as text rather than hide the rest
		}
		end := start + 3 + e + 3
		m.add(region{kind: regionComment, start: start, end: end, text: string(bytes.TrimSpace(b[start+3 : end-3]))})
		i = end
		if end > next {
			next = lineEnd(b, end)
		}
	}
}

// inCodeSpan reports whether pos in line falls inside an inline code span:
// a run of n backticks up to the next run of exactly n (CommonMark).
func inCodeSpan(line []byte, pos int) bool {
	for p := 0; p < len(line); {
		if line[p] != '`' {
			p++
			continue
		}
		n := runOf(line, p, '`')
		open := p + n
		closeAt := -1
		for q := open; q < len(line); {
			if line[q] != '`' {
				q++
				continue
			}
			m := runOf(line, q, '`')
			if m == n {
				closeAt = q
				break
			}
			q += m
		}
		if closeAt < 0 {
			p = open // an unmatched run is literal backticks
			continue
		}
		if pos >= open && pos < closeAt {
			return true
		}
		p = closeAt + n
	}
	return false
}

func runOf(b []byte, p int, c byte) int {
	n := 0
	for p+n < len(b) && b[p+n] == c {
		n++
	}
	return n
}

func (m *masker) add(r region) {
	for k := r.start; k < r.end; k++ {
		if c := m.b[k]; c != '\n' && c != '\r' {
			m.b[k] = ' '
		}
	}
	m.regions = append(m.regions, r)
}

// voidElement reports an HTML element that never has a closing tag.
func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img",
		"input", "link", "meta", "param", "source", "track", "wbr":
		return true
	}
	return false
}

// jsxEnd returns the end of the JSX block whose opening tag starts at
// start: the end of the line holding the tag that closes it, and where that
// tag ends (closeAt). When the element is never closed, the block ends at
// the next blank line, as an HTML block does in CommonMark, and closeAt is
// -1.
func (m *masker) jsxEnd(start int, name string) (closeAt, end int) {
	b := m.b
	if m.failed[name] {
		return -1, blockEnd(b, start)
	}
	depth := 0
	for p := start; p < len(b); {
		q := bytes.IndexByte(b[p:], '<')
		if q < 0 {
			break
		}
		q += p
		closing := q+1 < len(b) && b[q+1] == '/'
		nameAt := q + 1
		if closing {
			nameAt++
		}
		got, ok := tagName(b[nameAt:])
		if !ok || got != name {
			p = q + 1
			continue
		}
		end, selfClosing := tagEnd(b, nameAt+len(got))
		if end < 0 {
			break
		}
		switch {
		case closing:
			depth--
		case !selfClosing && !voidElement(name):
			depth++
		}
		if depth <= 0 {
			return end, lineEnd(b, end)
		}
		p = end
	}
	m.failed[name] = true
	return -1, blockEnd(b, start)
}

// tagName reads a JSX/HTML tag name at the start of s ("" for a fragment
// "<>"). It must be followed by white space, '>', "/>" or the end of the line,
// so autolinks such as <https://example.com> are not tags.
func tagName(s []byte) (string, bool) {
	if len(s) > 0 && s[0] == '>' {
		return "", true
	}
	if len(s) == 0 || !isASCIILetter(s[0]) {
		return "", false
	}
	n := 1
	for n < len(s) && (isASCIILetter(s[n]) || s[n] >= '0' && s[n] <= '9' || s[n] == '.' || s[n] == '-' || s[n] == '_') {
		n++
	}
	if n < len(s) {
		switch s[n] {
		case ' ', '\t', '>', '\r', '\n':
		case '/':
			if n+1 >= len(s) || s[n+1] != '>' {
				return "", false
			}
		default:
			return "", false
		}
	}
	return string(s[:n]), true
}

// tagEnd finds the '>' closing a tag whose attributes start at p, skipping
// quoted strings and {expressions}. It returns the offset after '>' (or -1)
// and whether the tag was self-closing.
func tagEnd(b []byte, p int) (int, bool) {
	depth := 0
	for ; p < len(b); p++ {
		switch c := b[p]; c {
		case '"', '\'', '`':
			if depth == 0 || c == '`' {
				k := bytes.IndexByte(b[p+1:], c)
				if k < 0 {
					return -1, false
				}
				p += k + 1
			}
		case '{':
			depth++
		case '}':
			depth--
		case '>':
			if depth <= 0 {
				return p + 1, p > 0 && b[p-1] == '/'
			}
		}
	}
	return -1, false
}

// isESM reports whether a line starts an MDX import/export statement.
func isESM(line []byte) bool {
	for _, kw := range []string{"import", "export"} {
		if bytes.HasPrefix(line, []byte(kw)) && len(line) > len(kw) {
			switch line[len(kw)] {
			case ' ', '\t', '{', '*':
				return true
			}
		}
	}
	return false
}

// blockEnd returns the start of the first blank line at or after the line
// holding i, or len(b).
func blockEnd(b []byte, i int) int {
	i = lineStart(b, i)
	for i < len(b) {
		next := lineEnd(b, i)
		if isBlank(trimEOL(b[i:next])) {
			return i
		}
		i = next
	}
	return len(b)
}

// lineEnd returns the offset just after the newline ending the line that
// holds i (or len(b)).
func lineEnd(b []byte, i int) int {
	if k := bytes.IndexByte(b[i:], '\n'); k >= 0 {
		return i + k + 1
	}
	return len(b)
}

func lineStart(b []byte, i int) int { return bytes.LastIndexByte(b[:i], '\n') + 1 }

// skipCode is off only in a test that checks that skipping the lines of
// code (nextLineWith), folding them for goldmark (foldCode) and searching
// ahead for MDX comments (masker.comments) change nothing.
var skipCode = true

// nextLineWith returns the start of the first line from the line starting
// at i on that holds c, or len(b). Inside a code fence only such a line
// can close it, so the passes that track fences skip the lines between
// with one vectorised search instead of reading each (most of an entry's
// lines are code).
func nextLineWith(b []byte, i int, c byte) int {
	if !skipCode {
		return i
	}
	k := bytes.IndexByte(b[i:], c)
	if k < 0 {
		return len(b)
	}
	return max(i, lineStart(b, i+k))
}

func trimEOL(line []byte) []byte {
	line = bytes.TrimSuffix(line, []byte("\n"))
	return bytes.TrimSuffix(line, []byte("\r"))
}

// leadingIndent returns the indentation width (tabs to the next multiple
// of 4) and the number of bytes it takes.
func leadingIndent(line []byte) (width, n int) {
	for n < len(line) {
		switch line[n] {
		case ' ':
			width++
		case '\t':
			width += 4 - width%4
		default:
			return width, n
		}
		n++
	}
	return width, n
}

// fenceRun returns the fence character and run length at the start of s.
func fenceRun(s []byte) (byte, int) {
	if len(s) == 0 || s[0] != '`' && s[0] != '~' {
		return 0, 0
	}
	n := 1
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return s[0], n
}

func isBlank(s []byte) bool {
	for _, c := range s {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
