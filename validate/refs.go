package validate

import (
	"bytes"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/internal/lazyre"
)

// References to code are read from the document model in two steps. This
// file is the first: what the text says, with no look at the repository —
// inline code spans and link targets in paragraphs (lists and tables
// included; MDX comments never), and import statements in code fences.
// refindex.go then decides which of these name something in the
// repository and what.

// span is an inline code span or a link target in a paragraph.
type span struct {
	start, end int    // the text's byte range in Src
	text       string // the code span's content, or the link target
	link       bool
	// joined: the text between the previous span of the same paragraph
	// and this one is punctuation only (isJoiner), so a symbol there is
	// "next to" this path. Told as the span is found: a copy of every
	// gap (most of a paragraph's text) was a string each.
	joined bool
}

// importStmt is a module imported in a code fence.
type importStmt struct {
	python      bool   // else TS/JS
	module      string // "a.b.c", or the TS/JS specifier
	start, end  int    // the module text in Src
	names       []string
	namesStarts []int
}

// spans returns the inline code spans and link targets of the entry's
// paragraphs and tight list items, in order.
//
// Two rules read them (references and links outside the docs), so they are
// found once a document and kept; callers must not modify the slice.
func (d *Document) spans() []span {
	if d.spansDone {
		return d.spansCache
	}
	blocks := append(append([]Block(nil), d.Paragraphs...), d.textBlocks...)
	slices.SortFunc(blocks, func(a, b Block) int { return a.Start - b.Start })
	// Room for about every span, so the list is not grown and copied
	// (with the collector off, each copy is new memory): a code span has
	// two backticks, a link a "](".
	out := make([]span, 0, bytes.Count(d.Src, []byte("`"))/2+bytes.Count(d.Src, []byte("]("))+1)
	for _, p := range blocks {
		out = d.paragraphSpans(p.Start, p.End, out)
	}
	d.spansCache, d.spansDone = out, true
	return out
}

// commentCursor answers whether offsets, asked in increasing order, lie in
// an MDX comment, walking d.Comments (in source order) once instead of
// scanning them all for every byte of a paragraph.
type commentCursor struct {
	comments []Comment
	k        int
}

func (c *commentCursor) in(off int) (end int, ok bool) {
	for c.k < len(c.comments) && c.comments[c.k].End <= off {
		c.k++
	}
	if c.k < len(c.comments) && c.comments[c.k].Start <= off {
		return c.comments[c.k].End, true
	}
	return 0, false
}

var reBareURL = lazyre.New(`https?://[^\s<>()\x60"']+`)

func (d *Document) paragraphSpans(start, end int, out []span) []span {
	src := d.Src
	last := start
	add := func(s span) {
		// Links are never "next to" a symbol.
		s.joined = !s.link && isJoiner(src[last:min(s.start, len(src))])
		out = append(out, s)
		last = s.end
	}
	comments := commentCursor{comments: d.Comments}
	textFrom := start // plain text not yet searched for bare URLs
	flushURLs := func(upTo int) {
		// Most text holds no URL: the regexp's machine is not set up for it.
		if textFrom >= upTo || !bytes.Contains(src[textFrom:upTo], []byte("http")) {
			return
		}
		for _, loc := range reBareURL.FindAllIndex(src[textFrom:upTo], -1) {
			s, e := textFrom+loc[0], textFrom+loc[1]
			for e > s && strings.ContainsRune(".,;:!?*_", rune(src[e-1])) {
				e--
			}
			if s >= 2 && src[s-1] == '(' && src[s-2] == ']' {
				continue // a link target, read below
			}
			add(span{start: s, end: e, text: string(src[s:e]), link: true})
		}
	}
	for i := start; i < end; {
		if ce, ok := comments.in(i); ok {
			flushURLs(i)
			i, textFrom = ce, ce
			continue
		}
		// Bytes that start nothing are skipped in one scan, up to the
		// next comment at most (the cursor's next one starts after i).
		stop := end
		if k := comments.k; k < len(comments.comments) && comments.comments[k].Start < stop {
			stop = comments.comments[k].Start
		}
		if k := indexSpanStart(src[i:stop]); k != 0 {
			if k < 0 {
				i = stop
			} else {
				i += k
			}
			continue
		}
		switch c := src[i]; {
		case c == '\\':
			i += 2
		case c == '`':
			n := runOf(src[:end], i, '`')
			open := i + n
			closeAt := -1
			for q := open; q < end; {
				if src[q] != '`' {
					q++
					continue
				}
				m := runOf(src[:end], q, '`')
				if m == n {
					closeAt = q
					break
				}
				q += m
			}
			if closeAt < 0 {
				i = open
				continue
			}
			flushURLs(i)
			s, e := open, closeAt
			// CommonMark strips one space on each side when both are there.
			if e-s >= 2 && src[s] == ' ' && src[e-1] == ' ' {
				s, e = s+1, e-1
			}
			if !bytes.ContainsAny(src[s:e], "\n") {
				add(span{start: s, end: e, text: string(src[s:e])})
			}
			i = closeAt + n
			textFrom = i
		case c == ']' && i+1 < end && src[i+1] == '(':
			flushURLs(i)
			s, e := linkTarget(src[:end], i+2)
			if e > s {
				add(span{start: s, end: e, text: string(src[s:e]), link: true})
			}
			i = max(e, i+2)
			textFrom = i
		case c == '<' && (bytes.HasPrefix(src[i+1:end], []byte("http://")) || bytes.HasPrefix(src[i+1:end], []byte("https://"))):
			flushURLs(i)
			k := bytes.IndexByte(src[i+1:end], '>')
			if k < 0 {
				i++
				continue
			}
			add(span{start: i + 1, end: i + 1 + k, text: string(src[i+1 : i+1+k]), link: true})
			i += k + 2
			textFrom = i
		default:
			i++
		}
	}
	flushURLs(end)
	return out
}

// spanStarts are the bytes that can start something paragraphSpans reads:
// an escape, a code span, a link's "](", an autolink's '<'.
var spanStarts = [256]bool{'\\': true, '`': true, ']': true, '<': true}

// indexSpanStart is bytes.IndexAny(b, "\\`]<"), which builds its set of
// bytes on every call; paragraphSpans calls it between every two spans.
func indexSpanStart(b []byte) int {
	for i, c := range b {
		if spanStarts[c] {
			return i
		}
	}
	return -1
}

// linkTarget returns the destination of an inline link whose '(' was just
// before at: <…> or a run without spaces and with balanced parentheses
// (empty when a <…> is not closed).
func linkTarget(src []byte, at int) (start, end int) {
	for at < len(src) && (src[at] == ' ' || src[at] == '\t') {
		at++
	}
	start, end, next := linkDestination(src, at)
	if next < 0 {
		return at, at
	}
	return start, end
}

var (
	reTSImport = lazyre.New(`^\s*(?:import|export)\s+(?:type\s+)?(?:([^'"]*?)\s+from\s+)?['"]([^'"]+)['"]`)
	reRequire  = lazyre.New(`require\(\s*['"]([^'"]+)['"]\s*\)`)
)

// fenceKind tells a Python fence from a TypeScript or JavaScript one by
// its language (lower-case).
func fenceKind(lang string) (py, ts bool) {
	switch lang {
	case "python", "py", "python3", "py3":
		return true, false
	case "ts", "tsx", "typescript", "js", "jsx", "javascript", "mjs", "cjs":
		return false, true
	}
	return false, false
}

// imports returns the import statements of the Python and TS/JS fences.
func (d *Document) imports() []importStmt {
	if !d.importsDone {
		d.importsCache, d.importsDone = d.findImports(), true
	}
	return d.importsCache
}

func (d *Document) findImports() []importStmt {
	var out []importStmt
	for _, f := range d.Fences {
		lang := strings.ToLower(f.Language)
		py, ts := fenceKind(lang)
		if !py && !ts {
			continue
		}
		var cont *importStmt // a `from x import (` still open
		for ln := f.Line + 1; ln < f.EndLine && ln <= len(d.lines); ln++ {
			ls := d.lines[ln-1]
			le := len(d.Src)
			if ln < len(d.lines) {
				le = d.lines[ln]
			}
			raw := trimEOL(d.Src[ls:le])
			if cont == nil && !mayImport(raw, py) {
				continue // most lines of a fence: no pattern can match
			}
			line := string(raw)
			if cont != nil {
				cont.addNames(line, ls)
				if strings.Contains(line, ")") {
					out = append(out, *cont)
					cont = nil
				}
				continue
			}
			if py {
				if m := matchPyFrom(line); m != nil {
					st := importStmt{python: true, module: line[m[2]:m[3]], start: ls + m[2], end: ls + m[3]}
					rest := line[m[4]:m[5]]
					st.addNames(rest, ls+m[4])
					if strings.Contains(rest, "(") && !strings.Contains(rest, ")") {
						cont = &st
						continue
					}
					out = append(out, st)
				} else if m := matchPyImport(line); m != nil {
					for _, part := range splitKeep(line, m[2], m[3]) {
						out = append(out, importStmt{python: true, module: line[part[0]:part[1]], start: ls + part[0], end: ls + part[1]})
					}
				}
				continue
			}
			if m := reTSImport.FindStringSubmatchIndex(line); m != nil {
				st := importStmt{module: line[m[4]:m[5]], start: ls + m[4], end: ls + m[5]}
				if m[2] >= 0 {
					clause := line[m[2]:m[3]]
					if o, c := strings.IndexByte(clause, '{'), strings.IndexByte(clause, '}'); o >= 0 && c > o {
						st.addNames(clause[o+1:c], ls+m[2]+o+1)
					}
				}
				out = append(out, st)
			} else if m := reRequire.FindStringSubmatchIndex(line); m != nil {
				out = append(out, importStmt{module: line[m[2]:m[3]], start: ls + m[2], end: ls + m[3]})
			}
		}
	}
	return out
}

// mayImport is a cheap test that one of the import patterns could match
// the line: after \s* a Python line must start with from or import, a
// TypeScript one with import or export, or hold require.
func mayImport(line []byte, py bool) bool {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f' || line[i] == '\r' || line[i] == '\n') {
		i++
	}
	rest := line[i:]
	if py {
		return bytes.HasPrefix(rest, []byte("from")) || bytes.HasPrefix(rest, []byte("import"))
	}
	return bytes.HasPrefix(rest, []byte("import")) || bytes.HasPrefix(rest, []byte("export")) || bytes.Contains(line, []byte("require"))
}

// splitKeep returns the byte ranges of the modules of `import a.b as c, d`
// between s and e of line.
func splitKeep(line string, s, e int) [][2]int {
	var out [][2]int
	off := s
	for _, part := range strings.Split(line[s:e], ",") {
		lead := len(part) - len(strings.TrimLeft(part, " \t"))
		mod := strings.Fields(part)
		if len(mod) > 0 {
			out = append(out, [2]int{off + lead, off + lead + len(mod[0])})
		}
		off += len(part) + 1
	}
	return out
}

// addNames reads the imported names of `X, Y as Z, (A, B)`: the first word
// of each comma-separated part. Python's `*` is no name.
func (st *importStmt) addNames(text string, at int) {
	if i := strings.IndexByte(text, '#'); i >= 0 && st.python {
		text = text[:i]
	}
	off := 0
	for _, part := range strings.Split(text, ",") {
		loc := wordAt(part)
		if loc != nil && part[loc[0]:loc[1]] != "as" {
			st.names = append(st.names, part[loc[0]:loc[1]])
			st.namesStarts = append(st.namesStarts, at+off+loc[0])
		}
		off += len(part) + 1
	}
}
