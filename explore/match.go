package explore

import (
	"bytes"
	"slices"
	"strings"
)

// wordPhrase marks a hit of the whole concept; other hits carry the index
// of the single word they match.
const wordPhrase = -1

// match is one place a term occurs: bytes [start, end) of the file.
type match struct {
	start, end int
	word       int // wordPhrase or an index into Concept.Words
}

// matcher finds the concept in a file ASCII case-insensitively without a
// lowercased copy: each word of the concept has an anchor, its rarest
// letter (k in lock, b in distributed); one vectorised pass (scanFold2)
// finds two anchors in either case at once, and only there is the word
// compared and its boundaries checked. Measured on generated Python, the
// alternatives were slower: lowercasing plus bytes.Index (which keys on the
// first byte, d and l here, so stops every few dozen bytes) and a pure-Go
// eight-bytes-at-a-time scan near 1 GB/s; bytes.IndexByte once per anchor
// and case, 2.5x faster than those but four passes over every file.
type matcher struct {
	words    [][]byte
	root     []byte
	suffixes [][]byte
	// minSingle is the shortest word that counts on its own: "a", "of" or
	// "io" alone say nothing about a multi-word concept.
	minSingle int
	// needles are the words to look for, each with its anchor.
	needles []needle
	// anchors are the bytes to scan for: each distinct anchor, lower case.
	anchors []byte
	pos     []int // scan output, reused
}

// needle is a searched word: text (lowercase), index of its anchor.
type needle struct {
	word   int
	text   []byte
	anchor int
	c      byte // text[anchor]
}

func newMatcher(c *Concept) *matcher {
	m := &matcher{root: []byte(c.root), minSingle: 3}
	for _, w := range c.Words {
		m.words = append(m.words, []byte(w))
	}
	for _, s := range c.suffixes {
		m.suffixes = append(m.suffixes, []byte(s))
	}
	last := len(m.words) - 1
	for i, w := range m.words {
		if i > 0 && len(w) < m.minSingle {
			continue // only ever part of the phrase, found from word 0
		}
		text := w
		if i == last {
			text = m.root
		}
		a := anchor(text)
		m.needles = append(m.needles, needle{word: i, text: text, anchor: a, c: text[a]})
		if bytes.IndexByte(m.anchors, text[a]) < 0 {
			m.anchors = append(m.anchors, text[a])
		}
	}
	m.pos = make([]int, 256)
	return m
}

// find appends every match in b to out, sorted by position, single words
// inside a phrase match dropped.
func (m *matcher) find(b []byte, out []match) []match {
	out = out[:0]
	for k := 0; k < len(m.anchors); k += 2 {
		c1, c2 := m.anchors[k], m.anchors[k]
		if k+1 < len(m.anchors) {
			c2 = m.anchors[k+1]
		}
		for off := 0; off < len(b); {
			n, next := scanFold2(b[off:], c1, c2, m.pos)
			for _, j := range m.pos[:n] {
				j += off
				c := b[j] | 0x20
				// Most anchors are some other word's k or b: turn
				// them down on the needle's first byte first.
				for i := range m.needles {
					nd := &m.needles[i]
					if p := j - nd.anchor; nd.c == c && p >= 0 && b[p]|0x20 == nd.text[0]|0x20 {
						out = m.at(b, nd, p, out)
					}
				}
			}
			off += next
		}
	}
	return m.settle(out)
}

// settle sorts the matches and drops single words inside a phrase match.
func (m *matcher) settle(out []match) []match {
	if len(out) < 2 {
		return out
	}
	slices.SortFunc(out, func(a, b match) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return a.word - b.word // the phrase first
	})
	kept := out[:0]
	phraseEnd := -1
	for _, h := range out {
		if h.start < phraseEnd {
			continue
		}
		if h.word == wordPhrase {
			phraseEnd = h.end
		}
		kept = append(kept, h)
	}
	return kept
}

// at checks whether the needle's word starts at b[p].
func (m *matcher) at(b []byte, nd *needle, p int, out []match) []match {
	if !hasPrefixFold(b[p:], nd.text) || !startsWord(b, p) {
		return out
	}
	last := len(m.words) - 1
	switch i := nd.word; {
	case last == 0:
		if e := m.matchLast(b, p); e >= 0 {
			out = append(out, match{p, e, wordPhrase})
		}
	case i == 0:
		e := p + len(nd.text)
		if pe := m.matchRest(b, e); pe >= 0 {
			out = append(out, match{p, pe, wordPhrase})
		} else if len(nd.text) >= m.minSingle && endsWord(b, e) {
			out = append(out, match{p, e, 0})
		}
	case i == last:
		if e := m.matchLast(b, p); e >= 0 {
			out = append(out, match{p, e, i})
		}
	default:
		if e := p + len(nd.text); endsWord(b, e) {
			out = append(out, match{p, e, i})
		}
	}
	return out
}

// hasPrefixFold reports whether b starts with the lowercase word, ASCII
// case-insensitively.
func hasPrefixFold(b, word []byte) bool {
	if len(b) < len(word) {
		return false
	}
	for i, w := range word {
		c := b[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w {
			return false
		}
	}
	return true
}

// letterRank orders letters from common to rare in code and prose.
const letterRank = "etaoinsrlcdhupmfgybwvkxqjz"

// anchor returns the index of the needle's rarest byte, so that the scan
// stops as seldom as possible: k in lock, b in distributed.
func anchor(needle []byte) int {
	best, bestRank := 0, -1
	for i, c := range needle {
		r := strings.IndexByte(letterRank, c)
		if r < 0 {
			r = len(letterRank) // digits: rarer still
		}
		if r > bestRank {
			best, bestRank = i, r
		}
	}
	return best
}

// isSep reports the separators allowed between the words of a phrase.
func isSep(c byte) bool { return c == '_' || c == '-' || c == '.' || c == ' ' }

// matchRest matches the words after the first from p (just after the first
// word), each optionally preceded by up to three separators, and returns
// the end of the phrase or -1.
func (m *matcher) matchRest(b []byte, p int) int {
	last := len(m.words) - 1
	for k := 1; k <= last; k++ {
		for n := 0; n < 3 && p < len(b) && isSep(b[p]); n++ {
			p++
		}
		if k == last {
			return m.matchLast(b, p)
		}
		if !hasPrefixFold(b[p:], m.words[k]) {
			return -1
		}
		p += len(m.words[k])
	}
	return -1
}

// matchLast matches a form of the last word at p and returns its end, or -1.
func (m *matcher) matchLast(b []byte, p int) int {
	if !hasPrefixFold(b[p:], m.root) {
		return -1
	}
	q := p + len(m.root)
	for _, suf := range m.suffixes {
		if hasPrefixFold(b[q:], suf) && endsWord(b, q+len(suf)) {
			return q + len(suf)
		}
	}
	return -1
}
