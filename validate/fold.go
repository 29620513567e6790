package validate

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// goldmark reads a fenced code block line by line: for each line it asks
// the open blocks to continue, records the line's blank state and appends
// a segment, a third of its time on entries whose code is most of their
// lines. No rule reads the lines of a fence, only where it starts, its
// language and where its last line ends; so before goldmark parses the
// masked copy, the lines of each fence opened at column 0 are folded into
// one line (their inner newlines become spaces, which keeps every offset),
// and goldmark reads one line where there were hundreds.
//
// Folding must not change what goldmark makes of the file. A fence at
// column 0 belongs to the document, not to a list or a quote (its line is
// no lazy continuation), and only a closing fence line can end it. The
// masker closes fences by goldmark's rule; should the two ever differ, a
// fence with a line goldmark would read as closing (tested here as goldmark
// writes it) is not folded. What the masker cannot know, such as
// an HTML block holding the fence, is caught after the parse: each folded
// fence must be a top-level fenced code block of one line ending where the
// fence's lines end, or the copy is unfolded and parsed again.

// codeSpan is a fenced code block opened at column 0, as the masker read it.
type codeSpan struct {
	open      int // its opening line
	body, end int // its lines: from the line after the opening to the closing line (or the end)
	char      byte
	n         int // the opening fence's length
}

// foldCode folds the spans that have more than one line and that goldmark
// closes where the masker does, and returns those it folded.
func foldCode(b []byte, spans []codeSpan) []codeSpan {
	if !skipCode {
		return nil
	}
	out := spans[:0]
	for _, s := range spans {
		last := s.end // the newline ending the last line stays
		if last > s.body && b[last-1] == '\n' {
			last--
		}
		if bytes.IndexByte(b[s.body:last], '\n') < 0 || goldmarkClosesWithin(b, s) {
			continue
		}
		for k := s.body; ; {
			i := bytes.IndexByte(b[k:last], '\n')
			if i < 0 {
				break
			}
			b[k+i] = ' '
			k += i + 1
		}
		out = append(out, s)
	}
	return out
}

// goldmarkClosesWithin reports a line among the span's that goldmark's
// fenced code parser would take as the closing fence (its Continue).
func goldmarkClosesWithin(b []byte, s codeSpan) bool {
	for i := s.body; i < s.end; {
		if i = nextLineWith(b[:s.end], i, s.char); i == s.end {
			return false
		}
		next := lineEnd(b[:s.end], i)
		line := b[i:next]
		if w, pos := util.IndentWidth(line, 0); w < 4 {
			k := pos
			for k < len(line) && line[k] == s.char {
				k++
			}
			if k-pos >= s.n && util.IsBlank(line[k:]) {
				return true
			}
		}
		i = next
	}
	return false
}

// foldedAsCode checks goldmark's tree against the folded spans: each must
// be a top-level fenced code block whose one line ends where the span does.
func foldedAsCode(root ast.Node, spans []codeSpan) bool {
	k := 0
	for n := root.FirstChild(); n != nil && k < len(spans); n = n.NextSibling() {
		switch p := n.Pos(); {
		case p < spans[k].open:
			continue
		case p > spans[k].open:
			return false
		}
		fb, ok := n.(*ast.FencedCodeBlock)
		if !ok || fb.Lines().Len() != 1 || fb.Lines().At(0).Stop != spans[k].end {
			return false
		}
		k++
	}
	return k == len(spans)
}

// unfoldCode puts back the newlines foldCode turned into spaces; orig is
// the unmasked body.
func unfoldCode(b, orig []byte, spans []codeSpan) {
	for _, s := range spans {
		for k := s.body; k < s.end; k++ {
			if orig[k] == '\n' {
				b[k] = '\n'
			}
		}
	}
}
