package explore

import (
	"slices"
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
// of letters by how often each pair occurs in real code ("ib" in
// distributed, "ad" in metadata); one vectorised pass (scanPairs) finds two anchors in any case at once, and only there is the
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

// pairFreq is how common each pair of letters is in code and prose: twice
// the log2 of its count in the text of polarsource/polar, row by first
// letter (go run ./bench/explore/pairfreq REPO prints it).
var pairFreq = [26][26]uint8{
	{31, 30, 33, 32, 23, 26, 31, 19, 32, 20, 26, 34, 33, 35, 23, 30, 22, 34, 34, 37, 30, 29, 30, 28, 30, 21}, // a
	{30, 23, 23, 23, 32, 23, 22, 26, 29, 28, 18, 30, 22, 20, 30, 19, 20, 25, 30, 21, 28, 19, 19, 18, 27, 18}, // b
	{32, 22, 29, 23, 33, 23, 20, 33, 29, 20, 32, 32, 23, 20, 34, 25, 19, 33, 28, 34, 33, 20, 19, 19, 27, 19}, // c
	{33, 26, 25, 28, 35, 24, 23, 19, 32, 20, 22, 25, 24, 21, 28, 26, 19, 27, 29, 24, 31, 21, 20, 20, 26, 19}, // d
	{34, 28, 33, 34, 29, 33, 29, 24, 26, 21, 24, 33, 33, 36, 27, 30, 30, 37, 36, 34, 26, 32, 28, 32, 28, 22}, // e
	{29, 22, 23, 22, 28, 26, 19, 18, 33, 19, 20, 27, 20, 21, 31, 19, 18, 31, 22, 25, 28, 18, 18, 19, 24, 18}, // f
	{32, 21, 21, 20, 32, 21, 25, 26, 29, 18, 19, 23, 22, 26, 24, 22, 19, 31, 27, 25, 25, 19, 19, 18, 20, 21}, // g
	{31, 23, 20, 20, 35, 20, 19, 18, 29, 18, 19, 24, 21, 21, 31, 23, 19, 26, 24, 28, 25, 18, 18, 20, 21, 19}, // h
	{30, 26, 33, 34, 32, 30, 29, 19, 20, 19, 21, 32, 33, 36, 36, 33, 23, 30, 33, 35, 22, 29, 18, 29, 18, 32}, // i
	{21, 18, 18, 18, 28, 18, 18, 18, 20, 18, 19, 18, 19, 18, 24, 20, 19, 19, 27, 18, 23, 19, 20, 18, 18, 18}, // j
	{25, 21, 20, 22, 31, 22, 22, 20, 26, 18, 19, 21, 20, 23, 29, 21, 18, 21, 26, 20, 21, 19, 23, 18, 20, 19}, // k
	{33, 23, 25, 29, 34, 29, 21, 20, 34, 18, 21, 32, 22, 20, 31, 24, 18, 23, 29, 29, 31, 24, 22, 18, 28, 18}, // l
	{33, 30, 22, 23, 36, 23, 21, 19, 30, 20, 19, 23, 26, 26, 31, 32, 19, 21, 28, 23, 27, 20, 19, 19, 23, 19}, // m
	{32, 23, 33, 33, 34, 28, 34, 24, 33, 20, 27, 27, 24, 27, 33, 26, 23, 25, 33, 36, 31, 27, 21, 18, 28, 19}, // n
	{30, 28, 30, 33, 23, 30, 27, 21, 28, 21, 29, 33, 34, 37, 29, 31, 18, 36, 30, 31, 34, 27, 30, 26, 20, 21}, // o
	{33, 20, 22, 28, 34, 20, 21, 23, 29, 18, 20, 30, 22, 21, 34, 29, 18, 33, 28, 33, 28, 24, 20, 24, 28, 18}, // p
	{22, 19, 18, 18, 18, 18, 18, 18, 18, 18, 18, 23, 18, 18, 18, 18, 18, 18, 20, 18, 31, 18, 18, 18, 18, 18}, // q
	{33, 24, 30, 31, 37, 25, 32, 19, 35, 19, 28, 28, 30, 30, 35, 25, 19, 32, 31, 33, 29, 29, 23, 18, 31, 18}, // r
	{31, 23, 33, 25, 36, 24, 21, 30, 33, 18, 25, 27, 24, 26, 32, 30, 24, 23, 33, 36, 32, 22, 23, 22, 30, 19}, // s
	{34, 24, 29, 25, 36, 26, 26, 35, 37, 19, 19, 29, 26, 23, 34, 29, 20, 34, 32, 30, 32, 23, 25, 22, 33, 21}, // t
	{25, 31, 31, 24, 32, 22, 26, 18, 30, 19, 19, 31, 30, 33, 20, 30, 19, 33, 34, 33, 26, 20, 19, 24, 20, 19}, // u
	{31, 18, 19, 19, 33, 19, 20, 18, 31, 18, 18, 19, 19, 19, 27, 19, 18, 19, 20, 18, 19, 18, 18, 18, 18, 18}, // v
	{30, 20, 21, 20, 28, 20, 20, 29, 30, 18, 19, 19, 20, 27, 26, 20, 18, 26, 26, 20, 19, 19, 20, 18, 19, 18}, // w
	{25, 20, 25, 21, 25, 19, 19, 19, 26, 19, 18, 22, 20, 18, 19, 28, 18, 19, 21, 31, 18, 19, 19, 24, 19, 18}, // x
	{24, 23, 24, 22, 24, 20, 19, 18, 23, 19, 20, 26, 28, 30, 29, 32, 18, 22, 27, 27, 19, 20, 20, 18, 19, 19}, // y
	{32, 18, 19, 19, 27, 18, 18, 18, 21, 18, 18, 18, 19, 18, 23, 18, 18, 18, 18, 18, 19, 18, 18, 18, 20, 18}, // z
}

// anchor returns where the needle's rarest pair of bytes starts, so that
// the scan stops as seldom as possible: "ib" in distributed, "ad" in metadata
// (not "me", which name and time hold too). A pair with a byte other than
// a letter (a digit) counts as rarer than any.
func anchor(needle []byte) int {
	best, bestFreq := 0, 1<<30
	for i := 0; i+1 < len(needle); i++ {
		a, b := needle[i]|0x20, needle[i+1]|0x20
		f := -1
		if a >= 'a' && a <= 'z' && b >= 'a' && b <= 'z' {
			f = int(pairFreq[a-'a'][b-'a'])
		}
		if f < bestFreq {
			best, bestFreq = i, f
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
