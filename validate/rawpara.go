package validate

import (
	"sort"
	"sync"

	"github.com/yuin/goldmark/util"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// goldmark always runs its inline phase after the block parse: it walks
// every paragraph, heading and list text byte by byte, making a text node
// per line, even with no inline parsers (a tenth of lint's CPU). No rule
// reads inline nodes, and goldmark has no option to skip that phase, so
// a paragraph transformer hides each paragraph's lines from it: as the
// paragraph closes, its lines, trimmed the way goldmark's own Close trims
// them, are kept in a table of the parse, and the node holds one empty
// line at the same start, which the inline phase stops at at once.
// paragraphLines reads the lines back from the table, for a paragraph or
// for the text block goldmark makes of it in a tight list.

// paragraphTable holds the real lines of every hidden paragraph of one
// parse, in the order they closed, which is the order they start in
// (only the deepest open block can be a paragraph).
type paragraphTable struct {
	starts []int          // first line's start, ascending
	ends   []int          // each paragraph's lines are segs[ends[i-1]:ends[i]]
	segs   []text.Segment // all lines, one paragraph after another

	// paras are the paragraph nodes of earlier parses, given out again
	// by reusedParagraphs (used of them so far in this parse).
	paras []*ast.Paragraph
	used  int
	// texts are the text blocks reusedTextBlocks gives out, likewise.
	texts     []*ast.TextBlock
	textsUsed int

	pc       parser.Context    // goldmark's context of the parse, reused
	items    []walkItem        // walk's top-level blocks, reused
	headings headingWordsCache // the words of `##` headings seen
}

var paragraphTableKey = parser.NewContextKey()

// paragraphTables are reused: a table lives only while Parse runs.
var paragraphTables = sync.Pool{New: func() any { return new(paragraphTable) }}

func (t *paragraphTable) reset() {
	t.starts, t.ends, t.segs = t.starts[:0], t.ends[:0], t.segs[:0]
	t.used, t.textsUsed = 0, 0
}

// context returns goldmark's context for a parse with the table: the
// table's own, every value cleared, which is what goldmark's NewContext
// gives (its references and heading IDs are filled only by the link
// reference transformer and automatic heading IDs, which blockParser has
// not, and the offsets and open blocks are set as each parse starts).
func (t *paragraphTable) context() parser.Context {
	if t.pc == nil {
		t.pc = parser.NewContext()
	} else {
		for k := parser.ContextKey(0); k <= parser.ContextKeyMax; k++ {
			t.pc.Set(k, nil)
		}
		t.pc.SetBlockOffset(-1)
		t.pc.SetBlockIndent(-1)
		t.pc.SetOpenedBlocks(nil)
	}
	t.pc.Set(paragraphTableKey, t)
	return t.pc
}

// textSize bounds the size of the texts of the hidden paragraphs, list
// texts and headings: each line trimmed, a separator between lines.
func (t *paragraphTable) textSize() int {
	n := len(t.segs)
	for _, seg := range t.segs {
		n += seg.Stop - seg.Start
	}
	return n
}

// paragraph returns a paragraph node as new: one of an earlier parse,
// emptied, its lines keeping their array, or a new one.
func (t *paragraphTable) paragraph() *ast.Paragraph {
	if t.used == len(t.paras) {
		t.paras = append(t.paras, ast.NewParagraph())
	} else {
		p := t.paras[t.used]
		p.BaseNode = ast.BaseNode{}
		p.SetBlankPreviousLines(false)
		p.Lines().SetSliced(0, 0)
	}
	t.used++
	return t.paras[t.used-1]
}

// textBlock is paragraph for a text block; its lines are set by the caller.
func (t *paragraphTable) textBlock() *ast.TextBlock {
	if t.textsUsed == len(t.texts) {
		t.texts = append(t.texts, ast.NewTextBlock())
	} else {
		b := t.texts[t.textsUsed]
		b.BaseNode = ast.BaseNode{}
		b.SetBlankPreviousLines(false)
	}
	t.textsUsed++
	return t.texts[t.textsUsed-1]
}

// reusedParagraphs is goldmark's paragraph parser, whose Open it repeats
// but for where the node comes from: the parse's table, which reuses the
// nodes of earlier parses (nothing of a parse's tree outlives Parse). A
// paragraph node was the one allocation of a parse that most cost memory
// never touched before (the collector is off in a lint run): its lines
// are read before anything is written, so the kernel maps the zero page
// and then copies it, flushing the other cores' TLBs; 4% of a run on the
// celery bench handbook. FuzzHiddenParagraphs compares the model with
// goldmark's own parsers.
type reusedParagraphs struct{ parser.BlockParser }

func (p reusedParagraphs) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	tab, _ := pc.Get(paragraphTableKey).(*paragraphTable)
	if tab == nil {
		return p.BlockParser.Open(parent, reader, pc)
	}
	line, segment := reader.PeekLine()
	if util.IsBlank(line) {
		return nil, parser.NoChildren
	}
	node := tab.paragraph()
	node.Lines().Append(segment)
	reader.AdvanceToEOL()
	return node, parser.NoChildren
}

// hideInlineText is the paragraph transformer described above.
type hideInlineText struct{}

func (hideInlineText) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	tab, _ := pc.Get(paragraphTableKey).(*paragraphTable)
	lines := p.Lines()
	if tab == nil || lines.Len() == 0 || !stillOpen(p, pc) {
		// Unopened: goldmark is turning the paragraph into a setext
		// heading, which takes its lines (and Close already ran).
		// No lines: goldmark's Close removes it.
		return
	}
	tab.hide(lines, reader.Source(), true)
}

// hide moves lines into the table, trimmed as goldmark's paragraph Close
// trims them when trim is set, and leaves one empty line in their place.
func (tab *paragraphTable) hide(lines *text.Segments, src []byte, trim bool) {
	from := len(tab.segs)
	for _, seg := range lines.Sliced(0, lines.Len()) {
		if trim {
			seg = seg.TrimLeftSpace(src)
		}
		tab.segs = append(tab.segs, seg)
	}
	last := len(tab.segs) - 1
	if trim {
		tab.segs[last] = tab.segs[last].TrimRightSpace(src)
	}
	start := tab.segs[from].Start
	if n := len(tab.starts); n > 0 && tab.starts[n-1] >= start || tab.segs[from].Len() == 0 && last == from {
		// Out of order, or one empty line already: never seen; leave
		// it to goldmark.
		tab.segs = tab.segs[:from]
		return
	}
	tab.starts = append(tab.starts, start)
	tab.ends = append(tab.ends, len(tab.segs))
	lines.Set(0, text.NewSegment(start, start))
	lines.SetSliced(0, 1)
}

// hideHeadingText wraps goldmark's ATX and setext heading parsers: a
// heading's text is hidden from the inline phase as a paragraph's is, once
// the heading closes (a setext heading takes its paragraph's lines then).
type hideHeadingText struct{ parser.BlockParser }

func (h hideHeadingText) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	h.BlockParser.Close(node, reader, pc)
	tab, _ := pc.Get(paragraphTableKey).(*paragraphTable)
	if _, ok := node.(*ast.Heading); !ok || tab == nil || node.Parent() == nil || node.Lines().Len() == 0 {
		return // a setext underline with no text before it became text again
	}
	tab.hide(node.Lines(), reader.Source(), false)
}

// reusedTextBlocks is goldmark's list parser, whose Close it repeats but
// for where a tight list's text blocks come from: the parse's table, as
// reusedParagraphs' paragraphs do (the text block that replaces each
// paragraph was the next allocation of a parse that most cost new memory).
type reusedTextBlocks struct{ parser.BlockParser }

func (p reusedTextBlocks) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	tab, _ := pc.Get(paragraphTableKey).(*paragraphTable)
	list, ok := node.(*ast.List)
	if tab == nil || !ok {
		p.BlockParser.Close(node, reader, pc)
		return
	}
	for c := node.FirstChild(); c != nil && list.IsTight; c = c.NextSibling() {
		if c.FirstChild() != nil && c.FirstChild() != c.LastChild() {
			for c1 := c.FirstChild().NextSibling(); c1 != nil; c1 = c1.NextSibling() {
				if c1.HasBlankPreviousLines() {
					list.IsTight = false
					break
				}
			}
		}
		if c != node.FirstChild() {
			if c.HasBlankPreviousLines() {
				list.IsTight = false
			}
		}
	}
	if list.IsTight {
		for child := node.FirstChild(); child != nil; child = child.NextSibling() {
			for gc := child.FirstChild(); gc != nil; {
				paragraph, ok := gc.(*ast.Paragraph)
				gc = gc.NextSibling()
				if ok {
					textBlock := tab.textBlock()
					textBlock.SetLines(paragraph.Lines())
					child.ReplaceChild(child, paragraph, textBlock)
				}
			}
		}
	}
}

// blockParsers are goldmark's CommonMark block parsers, the heading ones
// wrapped in hideHeadingText, the paragraph one in reusedParagraphs, the
// list one in reusedTextBlocks.
func blockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		switch p.Value {
		case parser.NewParagraphParser():
			ps[i].Value = reusedParagraphs{parser.NewParagraphParser()}
			continue
		case parser.NewListParser():
			ps[i].Value = reusedTextBlocks{parser.NewListParser()}
			continue
		}
		// The ATX parser is the one triggered by '#', the setext one by
		// '-' and '=' (the thematic break's triggers are "-*_").
		if bp, ok := p.Value.(parser.BlockParser); ok {
			if t := string(bp.Trigger()); t == "#" || t == "-=" {
				ps[i].Value = hideHeadingText{bp}
			}
		}
	}
	return ps
}

// stillOpen: goldmark calls paragraph transformers while closing an open
// paragraph, or after closing one a setext underline takes over.
func stillOpen(p *ast.Paragraph, pc parser.Context) bool {
	blocks := pc.OpenedBlocks()
	for i := len(blocks) - 1; i >= 0; i-- {
		if blocks[i].Node == p {
			return true
		}
	}
	return false
}

// paragraphLines returns the lines of a paragraph or text block, from the
// table when the transformer hid them.
func paragraphLines(n ast.Node, tab *paragraphTable) []text.Segment {
	lines := n.Lines()
	if lines.Len() != 1 || tab == nil {
		return lines.Sliced(0, lines.Len())
	}
	seg := lines.At(0)
	if seg.Start != seg.Stop {
		return lines.Sliced(0, 1)
	}
	i := sort.SearchInts(tab.starts, seg.Start)
	if i == len(tab.starts) || tab.starts[i] != seg.Start {
		return lines.Sliced(0, 1)
	}
	from := 0
	if i > 0 {
		from = tab.ends[i-1]
	}
	return tab.segs[from:tab.ends[i]]
}
