package validate

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/templates"
)

// Document is a parsed entry: what the rules check, and what other
// features (drafting) need to edit an entry section by section. Offsets are
// byte offsets into the original source (a BOM included); lines are 1-based.
type Document struct {
	Src []byte
	// BOM is the length of a leading UTF-8 byte order mark (0 or 3).
	BOM int

	// Frontmatter is nil when the file has none.
	Frontmatter *Frontmatter
	// Summary is the first paragraph between the frontmatter and the first
	// heading of level 2 or more; nil when there is none.
	Summary *Block
	// Sections are the document's top-level headings in order, each with
	// the body that runs to the next heading of the same or higher level.
	// The `##` sections are those with Level 2.
	Sections []Section
	// Fences are the fenced code blocks, nested ones included.
	Fences []Fence
	// Paragraphs are all paragraphs, nested ones included.
	Paragraphs []Block
	// Comments are the MDX comments {/* … */} outside code.
	Comments []Comment
	// TooDeep is the line where block nesting passes MaxNesting (0: it
	// never does); the body of such a document is not parsed.
	TooDeep, TooDeepLevels int
	tooDeepLimit           int // which bound of the pre-scan was passed

	lines      []int           // offset of each line start, in Src
	paragraphs *paragraphTable // while parsing: the lines of paragraphs
	textBlocks []Block         // tight list items' text, read for references
	texts      textArena       // while parsing: holds the blocks' texts
	// firstTop is the first paragraph at the top level and its index
	// in Paragraphs, for the summary (while parsing).
	firstTop      *ast.Paragraph
	firstTopIndex int

	// spansCache holds spans() once found (spansDone).
	spansCache []span
	spansDone  bool
	// importsCache holds imports() once found (importsDone).
	importsCache []importStmt
	importsDone  bool
}

// Frontmatter is the YAML block between the leading `---` lines.
type Frontmatter struct {
	// Line is where the opening `---` is (always 1); EndLine is the
	// closing `---` line, 0 when it is never closed.
	Line, EndLine int
	// Start and End are the byte range of the YAML text in Src.
	Start, End int
	// Node is the parsed YAML document (nil when it does not parse).
	Node *yaml.Node
	// Err is the YAML error, placed at its line in the file.
	Err *PosError
}

// PosError is an error at a place in the file.
type PosError struct {
	Line, Column int
	Msg          string
}

func (e *PosError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Msg) }

// Block is a paragraph.
type Block struct {
	Start int // byte offset of its first character in Src
	End   int // byte offset just after its last character in Src
	Line  int
	Text  string // raw text, lines joined with "\n"
}

// Fence is a fenced code block.
type Fence struct {
	Start    int // byte offset of the opening fence in Src
	Line     int // the opening fence
	EndLine  int // the closing fence, or the last line when unclosed
	Language string
}

// Comment is an MDX comment.
type Comment struct {
	Start, End int // byte range of {/* … */} in Src
	Line       int
	Text       string // inside the delimiters, trimmed
}

// Section is a heading and its body.
type Section struct {
	Heading string // heading text as written, trimmed
	Level   int
	// Template is the template heading this section satisfies ("" when
	// none) and TemplateIndex its index in the template's sections (-1).
	Template      string
	TemplateIndex int
	// StartLine is the heading's line, EndLine the last line of the body.
	StartLine, EndLine int
	// HeadingStart/HeadingEnd span the heading line(s) with their newline;
	// BodyStart/BodyEnd span the body (BodyStart == HeadingEnd).
	HeadingStart, HeadingEnd int
	BodyStart, BodyEnd       int
	// Empty: no content in the body (comments do not count).
	Empty bool
	// Placeholder: the body holds a handbook:todo comment, so the section
	// has not been written yet.
	Placeholder bool
}

// blockParser is goldmark's CommonMark block parser. It never sees the
// frontmatter: parseWith blanks its lines first, so the YAML is never read
// as Markdown. (The goldmark frontmatter extension did that job, but it
// links a TOML library whose init every command paid for.) It is built on
// first use, not at package init, so commands that never lint (and
// handbook --version) do not pay for it at start-up.
var blockParser = sync.OnceValue(func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(blockParsers()...),
		// Inline parsing is not needed by any rule: only blocks and their raw
		// text are read, which keeps linting fast; hideInlineText keeps
		// goldmark's inline phase from reading paragraphs at all.
		parser.WithInlineParsers(),
		parser.WithParagraphTransformers(util.Prioritized(hideInlineText{}, 0)),
	)
})

var bom = []byte("\xef\xbb\xbf")

// bodyBuffers hold the masked copies Parse makes: nothing in a Document
// points into its copy (every text it keeps is copied out), so a copy is
// reused by the next Parse instead of each entry's costing fresh memory.
var bodyBuffers = sync.Pool{New: func() any { return new([]byte) }}

func putBodyBuffer(b *[]byte) {
	if cap(*b) <= 1<<20 { // a rare huge entry does not stay in memory
		bodyBuffers.Put(b)
	}
}

// Parse parses an entry. templateSections are the `##` headings of the
// entry template (templates.Sections); each `##` section is matched against
// them. Parse never fails: whatever cannot be read becomes part of the model
// (an unclosed frontmatter, a YAML error) for the rules to report.
func Parse(src []byte, templateSections []string) *Document {
	return parseWith(blockParser(), src, templateSections)
}

// parseWith is Parse with the given goldmark parser (a test compares
// blockParser with one that lets goldmark read paragraphs inline).
func parseWith(blockParser parser.Parser, src []byte, templateSections []string) *Document {
	d := &Document{Src: src}
	if bytes.HasPrefix(src, bom) {
		d.BOM = len(bom)
	}
	d.lines = lineStarts(src)
	buf := bodyBuffers.Get().(*[]byte)
	defer putBodyBuffer(buf)
	body := append((*buf)[:0], src[d.BOM:]...)
	*buf = body
	from := d.parseFrontmatter(body)
	if fm := d.Frontmatter; fm != nil {
		if fm.EndLine == 0 {
			return d // the rest of the file is unknowable
		}
		d.decodeFrontmatter()
		blankLines(body[:from])
	}
	if off, depth, limit := deepNesting(body, from); limit != 0 {
		// The frontmatter alone is still read, so its rules still run.
		d.TooDeep, d.TooDeepLevels, d.tooDeepLimit = d.line(off+d.BOM), depth, limit
		return d
	}
	regions, code := maskMDXCode(body, from)
	for _, r := range regions {
		switch r.kind {
		case regionComment:
			d.Comments = append(d.Comments, Comment{Start: r.start + d.BOM, End: r.end + d.BOM, Line: d.line(r.start + d.BOM), Text: r.text})
		case regionJSX:
			d.jsxFences(r.start+d.BOM, r.end+d.BOM)
		}
	}
	d.paragraphs = paragraphTables.Get().(*paragraphTable)
	defer func() { paragraphTables.Put(d.paragraphs); d.paragraphs = nil }()
	folded := foldCode(body, code)
	root := d.parseBlocks(blockParser, body)
	if len(folded) > 0 && !foldedAsCode(root, folded) {
		unfoldCode(body, src[d.BOM:], folded)
		root = d.parseBlocks(blockParser, body)
	}
	d.walk(root, body, regions, templateSections)
	d.texts, d.firstTop = nil, nil // the strings keep what they use
	return d
}

// parseBlocks runs goldmark over the masked copy.
func (d *Document) parseBlocks(blockParser parser.Parser, body []byte) ast.Node {
	d.paragraphs.reset()
	return blockParser.Parse(text.NewReader(body), parser.WithContext(d.paragraphs.context()))
}

// parseFrontmatter finds the frontmatter the way Mintlify's MDX pipeline
// (remark-frontmatter) does: a first line of exactly three '-', then spaces
// or tabs at most, closed by the next such line. A "----" line opens none
// (MDX reads a thematic break), and trailing blanks an editor left on a
// fence do not hide the frontmatter. It decodes it and returns where the
// body starts.
func (d *Document) parseFrontmatter(body []byte) int {
	first := lineEnd(body, 0)
	if !isFence(trimEOL(body[:first])) {
		return 0
	}
	fm := &Frontmatter{Line: 1, Start: first + d.BOM}
	d.Frontmatter = fm
	for i := first; i < len(body); {
		next := lineEnd(body, i)
		if isFence(trimEOL(body[i:next])) {
			fm.End = i + d.BOM
			fm.EndLine = d.line(i + d.BOM)
			return next
		}
		i = next
	}
	fm.End = len(d.Src)
	return len(body)
}

// isFence reports whether a line (without its line ending) is a
// frontmatter fence: "---", then only spaces and tabs.
func isFence(line []byte) bool {
	if len(line) < 3 || string(line[:3]) != "---" {
		return false
	}
	for _, c := range line[3:] {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// blankLines turns the frontmatter into blank lines for goldmark: offsets
// after it stay the same.
func blankLines(b []byte) {
	for i, c := range b {
		if c != '\n' {
			b[i] = ' '
		}
	}
}

// decodeFrontmatter decodes the YAML of a closed frontmatter: the lines
// goldmark's frontmatter extension read as its data, which start on the
// file's second line, so YAML line n is file line n+1. The common flat
// shape is read by hand (flatFrontmatter), anything else by yaml.v3.
func (d *Document) decodeFrontmatter() {
	fm := d.Frontmatter
	if fm == nil || fm.EndLine == 0 {
		return
	}
	raw := d.Src[fm.Start:fm.End]
	if node := flatFrontmatter(raw); node != nil {
		fm.Node = node
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		line, msg := yamlErrorLine(err.Error())
		fm.Err = &PosError{Line: fm.Line + fileLineOf(raw, max(line, 1)), Column: 1, Msg: msg}
		if line == 0 {
			fm.Err.Line = fm.Line
		}
		return
	}
	if doc.Kind == 0 { // empty frontmatter
		fm.Node = &yaml.Node{Kind: yaml.MappingNode}
		return
	}
	node := doc.Content[0]
	if node.Kind != yaml.MappingNode {
		fm.Err = &PosError{Line: fm.Line + node.Line, Column: node.Column, Msg: "the frontmatter must be `key: value` lines"}
		return
	}
	if err := duplicateKey(node, fm.Line); err != nil {
		fm.Err = err
		return
	}
	fm.Node = node
}

// fileLineOf is the line of raw, counted as the file's lines are (ended
// by \n), where YAML's line yline starts: YAML ends a line at \r too, so
// a lone \r in the frontmatter put its error lines past the file's.
func fileLineOf(raw []byte, yline int) int {
	line, y := 1, 1
	for i := 0; i < len(raw) && y < yline; i++ {
		switch raw[i] {
		case '\n':
			line++
			y++
		case '\r':
			if i+1 < len(raw) && raw[i+1] == '\n' {
				continue // \r\n is one break, counted at its \n
			}
			y++
		}
	}
	return line
}

// yamlErrorLine lifts the line out of a yaml.v3 message ("yaml: line 3: …").
// yaml.v3 counts lines from 1 for scanner errors but from 0 for parser
// errors (it adds one only for the former), so parser errors are shifted.
func yamlErrorLine(msg string) (int, string) {
	msg = strings.TrimPrefix(msg, "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
		if yamlParserError(msg) {
			line++
		}
	}
	return line, msg
}

// yamlParserError reports one of the yaml.v3 parser's (not scanner's)
// problems.
func yamlParserError(msg string) bool {
	switch msg {
	case "did not find expected key",
		"did not find expected node content",
		"did not find expected '-' indicator",
		"did not find expected ',' or ']'",
		"did not find expected ',' or '}'",
		"did not find expected <document start>":
		return true
	}
	return false
}

// walkItem is a top-level block (a heading or not) or a JSX region.
type walkItem struct {
	pos     int
	heading *ast.Heading
}

// walk reads goldmark's tree into the model. body is the masked copy of
// Src without the BOM; its offsets plus d.BOM are offsets in Src.
func (d *Document) walk(root ast.Node, body []byte, regions []region, tmpl []string) {
	items := d.paragraphs.items[:0] // top-level blocks and JSX regions, in order
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, _ := n.(*ast.Heading)
		items = append(items, walkItem{pos: blockPos(n, body), heading: h})
	}
	for _, r := range regions {
		if r.kind == regionJSX {
			items = append(items, walkItem{pos: r.start})
		}
	}
	d.paragraphs.items = items
	slices.SortStableFunc(items, func(a, b walkItem) int { return cmp.Compare(a.pos, b.pos) })

	headings := 0
	for _, it := range items {
		if it.heading != nil {
			headings++
		}
	}
	if headings > 0 {
		d.Sections = make([]Section, 0, headings)
	}
	d.texts = make(textArena, 0, d.paragraphs.textSize())
	if paras, texts := countBlocks(root); paras+texts > 0 {
		// One allocation for both, sized exactly.
		all := make([]Block, 0, paras+texts)
		d.Paragraphs, d.textBlocks = all[:0:paras], all[paras:paras]
	}
	d.collect(root, body)

	// Sections: each heading's body runs to the next heading of the same or
	// higher level.
	for i, it := range items {
		if it.heading == nil {
			continue
		}
		lvl := it.heading.Level
		hs := lineStart(body, it.pos)
		he := headingEnd(body, it.pos)
		end, empty := len(body), true
		for _, next := range items[i+1:] {
			if next.heading != nil && next.heading.Level <= lvl {
				end = lineStart(body, next.pos)
				break
			}
			empty = false
		}
		s := Section{
			Heading:       strings.TrimSpace(d.texts.join(paragraphLines(it.heading, d.paragraphs), body, ' ')),
			Level:         lvl,
			TemplateIndex: -1,
			HeadingStart:  hs + d.BOM, HeadingEnd: he + d.BOM,
			BodyStart: he + d.BOM, BodyEnd: end + d.BOM,
			Empty: empty,
		}
		s.StartLine = d.line(s.HeadingStart)
		s.EndLine = d.line(max(s.BodyEnd-1, s.HeadingStart))
		for _, c := range d.Comments {
			if c.Start >= s.BodyStart && c.Start < s.BodyEnd && strings.Contains(c.Text, templates.TodoMarker) {
				s.Placeholder = true
			}
		}
		d.Sections = append(d.Sections, s)
	}
	matchSections(d.Sections, tmpl, &d.paragraphs.headings)

	firstH2 := len(body)
	for _, it := range items {
		if it.heading != nil && it.heading.Level >= 2 {
			firstH2 = it.pos
			break
		}
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if p, ok := n.(*ast.Paragraph); ok && blockPos(n, body) < firstH2 {
			var b Block
			if p == d.firstTop {
				b = d.Paragraphs[d.firstTopIndex] // as collect made it
			} else {
				b = d.block(p, body)
			}
			d.Summary = &b
			break
		}
	}
}

// jsxFences finds the fenced code blocks inside a JSX block (Mintlify's
// <CodeGroup>, <Tab>, <Accordion> hold most code examples), which goldmark
// never sees because the block is masked.
func (d *Document) jsxFences(start, end int) {
	var openChar byte // fence character of the open block, 0 outside one
	openLen := 0
	var cur *Fence
	for off := start; off < end; {
		if openChar != 0 {
			// Lines without the fence character are code: skip them.
			if off = nextLineWith(d.Src[:end], off, openChar); off == end {
				break
			}
		}
		next := end
		if i := bytes.IndexByte(d.Src[off:end], '\n'); i >= 0 {
			next = off + i + 1
		}
		raw := d.Src[off:next]
		line := bytes.TrimSpace(raw)
		c, n := fenceRun(line)
		switch {
		case openChar == 0 && n >= 3:
			openChar, openLen = c, n
			lang := ""
			if info := bytes.Fields(line[n:]); len(info) > 0 {
				lang = string(info[0])
			}
			indent := len(raw) - len(bytes.TrimLeft(raw, " \t"))
			d.Fences = append(d.Fences, Fence{Start: off + indent, Line: d.line(off), EndLine: d.line(max(end-1, off)), Language: lang})
			cur = &d.Fences[len(d.Fences)-1]
		case openChar != 0 && c == openChar && n >= openLen && isBlank(line[n:]):
			cur.EndLine = d.line(off)
			openChar, cur = 0, nil
		}
		off = next
	}
}

// countBlocks counts the paragraphs and text blocks collect gathers.
func countBlocks(n ast.Node) (paras, texts int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		switch c.(type) {
		case *ast.FencedCodeBlock:
			continue
		case *ast.Paragraph:
			paras++
			continue
		case *ast.TextBlock:
			texts++
		}
		p, t := countBlocks(c)
		paras, texts = paras+p, texts+t
	}
	return paras, texts
}

// collect gathers fences and paragraphs at any depth.
func (d *Document) collect(n ast.Node, body []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			continue
		}
		switch v := c.(type) {
		case *ast.FencedCodeBlock:
			f := Fence{Start: blockPos(c, body) + d.BOM}
			f.Line = d.line(f.Start)
			// The closing fence is the line after the last content line
			// (an unclosed fence runs to the end of the file).
			f.EndLine = f.Line + 1
			if lines := v.Lines(); lines.Len() > 0 {
				f.EndLine = d.line(lines.At(lines.Len()-1).Stop-1+d.BOM) + 1
			}
			f.EndLine = min(f.EndLine, d.LastLine())
			if v.Info != nil {
				f.Language = string(v.Language(body))
			}
			d.Fences = append(d.Fences, f)
			continue
		case *ast.Paragraph:
			if _, top := n.(*ast.Document); top && d.firstTop == nil {
				d.firstTop, d.firstTopIndex = v, len(d.Paragraphs)
			}
			d.Paragraphs = append(d.Paragraphs, d.block(v, body))
			continue
		case *ast.TextBlock:
			// The text of a tight list item: not a paragraph, but prose
			// that cites code as much as one does.
			d.textBlocks = append(d.textBlocks, d.block(v, body))
		}
		d.collect(c, body)
	}
}

func (d *Document) block(p ast.Node, body []byte) Block {
	lines := paragraphLines(p, d.paragraphs)
	b := Block{Start: blockPos(p, body) + d.BOM, Text: d.texts.join(lines, body, '\n')}
	b.End = b.Start
	if len(lines) > 0 {
		b.Start = lines[0].Start + d.BOM
		b.End = lines[len(lines)-1].Stop + d.BOM
	}
	b.Line = d.line(b.Start)
	return b
}

// blockPos is where a block starts; goldmark records it when it opens one.
func blockPos(n ast.Node, body []byte) int {
	if p := n.Pos(); p >= 0 {
		return min(p, len(body))
	}
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return 0
}

// textArena holds the texts of a document's blocks and headings, each a
// string over its bytes: one allocation a document instead of one a block
// (they were a seventh of Parse's allocations). Bytes once handed out as
// a string are never written again: the arena only appends, and a text
// that does not fit goes to a new buffer, leaving the old one as it is.
type textArena []byte

// join joins the lines' text, each trimmed, with sep.
func (a *textArena) join(lines []text.Segment, body []byte, sep byte) string {
	n := len(lines)
	for _, seg := range lines {
		n += seg.Stop - seg.Start
	}
	if cap(*a)-len(*a) < n {
		// walk sizes the arena for the texts of the paragraph table;
		// one goldmark left alone gets a buffer of its own.
		*a = make([]byte, 0, n)
	}
	start := len(*a)
	for i, seg := range lines {
		if i > 0 {
			*a = append(*a, sep)
		}
		// The padding and forced newline Value adds are trimmed anyway.
		*a = append(*a, bytes.TrimSpace(body[seg.Start:seg.Stop])...)
	}
	if len(*a) == start {
		return ""
	}
	return unsafe.String(&(*a)[start], len(*a)-start)
}

// headingEnd returns the end of a heading's last line: the line itself for
// `## x`, the underline too for a setext heading.
func headingEnd(body []byte, pos int) int {
	end := lineEnd(body, pos)
	line := bytes.TrimLeft(body[lineStart(body, pos):end], " \t")
	if len(line) > 0 && line[0] != '#' && end < len(body) {
		return lineEnd(body, end)
	}
	return end
}

// lineStarts returns the offset of each line start: the vectorised
// IndexByte jumps from newline to newline instead of testing every byte.
func lineStarts(src []byte) []int {
	starts := make([]int, 1, bytes.Count(src, []byte{'\n'})+1) // counting is cheaper than growing
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return starts
		}
		off += i + 1
		starts = append(starts, off)
	}
}

// line returns the 1-based line of a byte offset in Src.
func (d *Document) line(off int) int {
	return sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > off })
}

// Position returns the 1-based line and column of a byte offset in Src.
// Columns count characters, so they match what editors show; a BOM is not
// counted.
func (d *Document) Position(off int) (line, col int) {
	off = max(0, min(off, len(d.Src)))
	line = d.line(off)
	start := d.lines[line-1]
	if line == 1 {
		start = min(d.BOM, off)
	}
	return line, utf8.RuneCount(d.Src[start:off]) + 1
}

// LastLine is the number of the file's last line (a final newline does not
// start another line).
func (d *Document) LastLine() int {
	if len(d.Src) == 0 {
		return 1
	}
	return d.line(len(d.Src) - 1)
}

// readyParser makes the block parser and has it set itself up, which
// goldmark does on its first Parse (under a sync.Once of its own), so that
// no worker's first Parse waits for another's.
func readyParser() { blockParser().Parse(text.NewReader(nil)) }
