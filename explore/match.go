package explore

import (
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
// lowercased copy: each word of the concept has an anchor, its rarest pair
// of letters ("ck" in lock, "ib" in distributed); one vectorised pass
// (scanPairs) finds two anchors in any case at once, and only there is the
// word compared and its boundaries checked. Measured on generated Python,
// the alternatives were slower: lowercasing plus bytes.Index (which keys on
// the first byte, d and l here, so stops every few dozen bytes) and a
// pure-Go eight-bytes-at-a-time scan, near 1 GB/s; bytes.IndexByte once
// per anchor letter and case, 2.5x faster but four passes over every file;
// one pass for single anchor letters, 2x faster again but stopping at
// every k and b. A matcher reuses buffers: one goroutine at a time.
type matcher struct {
	words    [][]byte
	root     []byte
	suffixes [][]byte
	// minSingle is the shortest word that counts on its own: "a", "of" or
	// "io" alone say nothing about a multi-word concept.
	minSingle int
	// needles are the words to look for, each with its anchor.
	needles []needle
	// sets are the anchors to scan for, two a pass; setNeedles[k] are the
	// needles whose anchor is in sets[k].
	sets       []pairSet
	setNeedles [][]*needle
	pos        []int // scan output, reused
}

// needle is a searched word: text (lower case) and its anchor, the rarest
// pair of letters in it (text[anchor:anchor+2]; one letter in a one-letter
// word).
type needle struct {
	word   int
	text   []byte
	anchor int
}

// anchorPair is a needle's anchor: two bytes, or one (any) for a one-letter
// word.
type anchorPair struct {
	first, second byte
	any           bool
}

func (nd *needle) pair() anchorPair {
	if nd.anchor+1 == len(nd.text) {
		return anchorPair{first: nd.text[nd.anchor], any: true}
	}
	return anchorPair{first: nd.text[nd.anchor], second: nd.text[nd.anchor+1]}
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
		m.needles = append(m.needles, needle{word: i, text: text, anchor: anchor(text)})
	}
	// Two anchors a scan; needles with the same anchor share it.
	var pairs []anchorPair
	for i := range m.needles {
		if p := m.needles[i].pair(); !slices.Contains(pairs, p) {
			pairs = append(pairs, p)
		}
	}
	for k := 0; k < len(pairs); k += 2 {
		a, b := pairs[k], pairs[k]
		if k+1 < len(pairs) {
			b = pairs[k+1]
		}
		m.sets = append(m.sets, pairSet{first: [2]byte{a.first, b.first}, second: [2]byte{a.second, b.second}, any: [2]bool{a.any, b.any}})
		var in []*needle
		for i := range m.needles {
			if p := m.needles[i].pair(); p == a || p == b {
				in = append(in, &m.needles[i])
			}
		}
		m.setNeedles = append(m.setNeedles, in)
	}
	m.pos = make([]int, 256)
	return m
}

// find appends every match in b to out, sorted by position, single words
// inside a phrase match dropped.
func (m *matcher) find(b []byte, out []match) []match {
	out = out[:0]
	for k := range m.sets {
		for off := 0; off < len(b); {
			n, next := scanPairs(b[off:], &m.sets[k], m.pos)
			for _, j := range m.pos[:n] {
				j += off
				for _, nd := range m.setNeedles[k] {
					// The scan found a pair; which needle's is it?
					p := j - nd.anchor
					ap := nd.pair()
					if p >= 0 && b[j]|0x20 == ap.first && (ap.any || j+1 < len(b) && b[j+1]|0x20 == ap.second) {
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

// anchor returns where the needle's rarest pair of bytes starts, so that
// the scan stops as seldom as possible: "ck" in lock, "ib" in distributed.
func anchor(needle []byte) int {
	rank := func(c byte) int {
		if r := strings.IndexByte(letterRank, c); r >= 0 {
			return r
		}
		return len(letterRank) // digits: rarer still
	}
	best, bestRank := 0, -1
	for i := 0; i+1 < len(needle); i++ {
		if r := rank(needle[i]) + rank(needle[i+1]); r > bestRank {
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
