package validate

import "bytes"

// MaxNesting is the deepest block nesting lint parses. CommonMark parsers
// revisit every open container on every line, so 2,000 nested list items or
// 100 KB of `>` take seconds to minutes: a denial of service for CI. Real
// entries nest a few levels; beyond MaxNesting the entry gets one
// nesting-depth finding and its body is not parsed.
const MaxNesting = 32

// MaxNestedLines bounds the sum of the depths of all lines: 1 MB of lines
// each 31 levels deep stays under MaxNesting but makes a million containers
// to parse. Real entries stay far below (a 50 KB entry of two-level lists
// is about 2,000).
const MaxNestedLines = 100_000

// MaxBodyLines and MaxExpressions bound the rest of what one entry costs.
// Linting is linear, but some constructs are dear one by one: a heading, a
// paragraph or an {expression} (parsed as JavaScript) costs microseconds,
// so 1 MB of "## h" lines or of "{a}" took 0.3 to 1.4 s. Real entries have
// a few hundred lines and a handful of expressions; past either bound the
// entry gets one entry-size finding and its body is not parsed, so every
// input lints in time proportional to at most these bounds.
const (
	MaxBodyLines   = 20_000
	MaxExpressions = 5_000
)

// What a pre-scan limit was passed by.
const (
	limitDepth       = iota + 1 // a line nests past MaxNesting
	limitNestedLines            // nesting summed over lines passes MaxNestedLines
	limitLines                  // the body has more than MaxBodyLines lines
	limitExpressions            // more than MaxExpressions `{` outside fenced code
)

// deepNesting scans src (the body after the frontmatter, from offset from)
// line by line, in time linear in its length, and returns the offset of the
// first line whose nesting passes MaxNesting, or where the nesting of all
// lines so far passes MaxNestedLines, or where the body passes MaxBodyLines
// lines or MaxExpressions braces, with the depth of that line and which
// limit it passed (0: none). The depth of a
// line is its container markers (`>`, list bullets and numbers, however
// many on the line) plus its indentation in levels of 4 columns; lines
// inside fenced code do not count, since their indentation is code.
func deepNesting(src []byte, from int) (off, depth, limit int) {
	total, lines, braces := 0, 0, 0
	fence := byte(0)
	fenceLen := 0
	for start := from; start < len(src); {
		if fence != 0 {
			// Lines without the fence character change nothing but
			// the count: skip them, unless the count would pass the
			// limit among them (the loop then finds the line).
			if to := nextLineWith(src, start, fence); to > start {
				if skipped := bytes.Count(src[start:to], []byte{'\n'}) + boolInt(to == len(src) && src[to-1] != '\n'); lines+skipped <= MaxBodyLines {
					lines += skipped
					start = to
					continue
				}
			}
		}
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		if lines++; lines > MaxBodyLines {
			return start, 0, limitLines
		}
		d, rest := lineDepth(line)
		if f, n := fenceMark(rest); n > 0 {
			switch {
			case fence == 0:
				fence, fenceLen = f, n
			case f == fence && n >= fenceLen:
				fence = 0
			}
		} else if fence == 0 {
			total += d
			switch {
			case d > MaxNesting:
				return start, d, limitDepth
			case total > MaxNestedLines:
				return start, d, limitNestedLines
			}
			if braces += bytes.Count(line, []byte{'{'}); braces > MaxExpressions {
				return start, d, limitExpressions
			}
		}
		start = end + 1
	}
	return 0, 0, 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lineDepth counts the containers a line opens or continues, and returns
// what follows them.
func lineDepth(line []byte) (int, []byte) {
	depth, col, i := 0, 0, 0
	indent := 0
	for {
		// whitespace
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			if line[i] == '\t' {
				col += 4 - col%4
			} else {
				col++
			}
			i++
		}
		if depth == 0 {
			indent = col
		}
		if i >= len(line) {
			break
		}
		switch c := line[i]; {
		case c == '>':
			depth++
			i++
			col++
			continue
		case c == '-' || c == '*' || c == '+':
			if i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t' {
				depth++
				i++
				col++
				continue
			}
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') && (j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t') {
				depth++
				col += j + 1 - i
				i = j + 1
				continue
			}
		}
		break
	}
	return depth + indent/4, line[i:]
}

// fenceMark reports a code fence opening or closing at the start of s: its
// character and length (0 when s is no fence).
func fenceMark(s []byte) (byte, int) {
	if len(s) < 3 || (s[0] != '`' && s[0] != '~') {
		return 0, 0
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	return s[0], n
}
