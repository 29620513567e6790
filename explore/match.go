package explore

import (
	"bytes"
	"math/bits"
	"slices"
)

// wordPhrase marks a match of the whole concept (all its words next to each
// other, in any order, or a term standing for all of them, such as its
// initials); wordPartial a run of some of its words (two of three);
// other matches carry the index of the single word they match.
const (
	wordPhrase  = -1
	wordPartial = -2
)

// match is one place a term occurs: bytes [start, end) of the file.
type match struct {
	start, end int
	word       int    // wordPhrase, wordPartial or an index into Concept.Words
	mask       uint16 // the concept's words it covers
	syn        bool   // found through a synonym or abbreviation
	ordered    bool   // a run whose words come in the concept's order
	// dotted is a run joined across a '.': a qualified name or a member
	// access (Authentication.JwtBearer, tags.contentSeparator), which
	// reads from the whole to its part, so its order says nothing of the
	// compound's.
	dotted bool
}

// matcher finds the concept in a file ASCII case-insensitively without a
// lowercased copy: each term of the concept has an anchor, the rarest pair
// of letters of its root by how often each pair occurs in real code ("ib"
// in distribut, "ad" in metadata); one vectorised pass (scanPairs) finds
// two anchors in any case at once, and only there is the root compared,
// the whole word read and its spelling checked (an inflection ending, else
// the stemmer). Words next to each other (with at most a few separators or
// a small word between) join into runs: the phrase when they hold every
// word of the concept.
//
// Measured on generated Python, the alternatives were slower: lowercasing
// plus bytes.Index (which keys on the first byte, d and l here, so stops
// every few dozen bytes) and a pure-Go eight-bytes-at-a-time scan, near 1
// GB/s; bytes.IndexByte once per anchor letter and case, 2.5x faster but
// four passes over every file; one pass for single anchor letters, 2x
// faster again but stopping at every k and b. A matcher reuses buffers and
// caches the stemmer's answers: one goroutine at a time.
type matcher struct {
	terms []term
	full  uint16 // mask of every word
	nw    int    // number of words
	// needles are the roots to look for, each with its anchor.
	needles []needle
	// sets are the anchors to scan for, two a pass; setNeedles[k] are the
	// needles whose anchor is in sets[k].
	sets       []pairSet
	setNeedles [][]*needle
	pos        []int // scan output, reused
	tok        []byte
	// seen caches each term's verdict on a lower-case word.
	seen []map[string]bool
	// suffixes are each term's inflection endings, as bytes.
	suffixes [][][]byte
}

// needle is a searched root: text (lower case) and its anchor, the rarest
// pair of letters in it (text[anchor:anchor+2]; one letter in a one-letter
// root).
type needle struct {
	term   int
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

// newMatcher returns the matcher of the spellings searched in content.
func newMatcher(c *Concept) *matcher { return matcherOf(c, c.terms) }

// newNameMatcher returns the matcher for file, folder and defined names,
// which knows every spelling, those too costly to scan content for
// included (names are short).
func newNameMatcher(c *Concept) *matcher { return matcherOf(c, c.nameTerms) }

func matcherOf(c *Concept, terms []term) *matcher {
	m := &matcher{terms: terms, nw: len(c.Words)}
	m.full = uint16(1)<<len(c.Words) - 1
	for i := range m.terms {
		text := []byte(m.terms[i].root)
		m.needles = append(m.needles, needle{term: i, text: text, anchor: anchor(text)})
		m.seen = append(m.seen, map[string]bool{})
		var sufs [][]byte
		for _, suf := range m.terms[i].suffixes {
			sufs = append(sufs, []byte(suf))
		}
		m.suffixes = append(m.suffixes, sufs)
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

// find appends every match in b to out, sorted by position, words joined
// into runs.
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
	return m.settle(b, out)
}

// maxToken bounds the words the matcher reads and caches.
const maxToken = 64

// at checks whether a spelling of the needle's term starts at b[p].
func (m *matcher) at(b []byte, nd *needle, p int, out []match) []match {
	if !hasPrefixFold(b[p:], nd.text) {
		return out
	}
	if !startsWord(b, p) && !m.gluedBefore(b, p, nd.term) {
		return out
	}
	t := &m.terms[nd.term]
	q := p + len(nd.text)
	e := wordEnd(b, q)
	if e-p > maxToken {
		return out
	}
	if m.accept(nd.term, b[p:e]) {
		return append(out, m.newMatch(t, p, e))
	}
	// distributedlock: a spelling followed at once by another word of
	// the concept.
	for g := q; g < e; g++ {
		if m.rootAt(b, g, t.word) && m.accept(nd.term, b[p:g]) {
			return append(out, m.newMatch(t, p, g))
		}
	}
	return out
}

func (m *matcher) newMatch(t *term, p, e int) match {
	h := match{start: p, end: e, word: t.word, syn: t.syn}
	if t.word == wordPhrase {
		h.mask, h.ordered = m.full, true
	} else {
		h.mask = 1 << t.word
	}
	return h
}

// rootAt reports whether the root of a term of another word starts at b[g].
func (m *matcher) rootAt(b []byte, g, word int) bool {
	for i := range m.terms {
		if m.terms[i].word != word && m.terms[i].word != wordPhrase && hasPrefixFold(b[g:], m.needles[i].text) {
			return true
		}
	}
	return false
}

// gluedBefore reports whether b[p] is inside a word only because another
// word of the concept is glued before it (the lock of distributedlock).
func (m *matcher) gluedBefore(b []byte, p, word int) bool {
	s := p
	for s > 0 && p-s < maxToken && !startsWord(b, s) {
		s--
	}
	if !startsWord(b, s) {
		return false
	}
	for i := range m.terms {
		t := &m.terms[i]
		if t.word != m.terms[word].word && t.word != wordPhrase && hasPrefixFold(b[s:], m.needles[i].text) && m.accept(i, b[s:p]) {
			return true
		}
	}
	return false
}

// accept reports whether word (any case) is a spelling of term i.
func (m *matcher) accept(i int, word []byte) bool {
	t := &m.terms[i]
	if len(word) < len(t.root) {
		return false
	}
	// Most words are the root with an inflection ending (lock, locks,
	// locker): tell those without lower-casing or a map lookup.
	rest := word[len(t.root):]
	for _, s := range m.suffixes[i] {
		if len(s) == len(rest) && hasPrefixFold(rest, s) {
			return true
		}
	}
	if t.exact {
		return false
	}
	m.tok = m.tok[:0]
	for _, c := range word {
		if isUpper(c) {
			c += 'a' - 'A'
		}
		m.tok = append(m.tok, c)
	}
	if v, ok := m.seen[i][string(m.tok)]; ok {
		return v
	}
	v := t.accepts(string(m.tok), string(m.tok[len(t.root):]))
	if len(m.seen[i]) > 4096 {
		clear(m.seen[i]) // a file of random words must not grow it forever
	}
	m.seen[i][string(m.tok)] = v
	return v
}

// settle sorts the matches, drops duplicates and overlaps, and joins words
// next to each other into runs.
func (m *matcher) settle(b []byte, out []match) []match {
	if len(out) == 0 {
		return out
	}
	cmpMatch := func(x, y match) int {
		if x.start != y.start {
			return x.start - y.start
		}
		if x.end != y.end {
			return y.end - x.end // the longer first
		}
		return x.word - y.word
	}
	if !slices.IsSortedFunc(out, cmpMatch) {
		slices.SortFunc(out, cmpMatch)
	}
	kept := out[:0]
	end := -1
	for _, h := range out {
		if h.start < end {
			continue
		}
		end = h.end
		kept = append(kept, h)
	}
	out = kept
	// Join runs in place: a run is never longer than its parts.
	n := 0
	var run match
	inRun := false
	last := -1 // word index of the run's last match
	flush := func() {
		if !inRun {
			return
		}
		switch {
		case run.mask == m.full:
			run.word = wordPhrase
		case bits.OnesCount16(run.mask) >= 2:
			run.word = wordPartial
		}
		// A glued word not joined to another is no match.
		if startsWord(b, run.start) && endsWord(b, run.end) {
			out[n] = run
			n++
		}
		inRun = false
	}
	for _, h := range out {
		if h.word == wordPhrase {
			flush()
			run, inRun = h, true
			flush()
			continue
		}
		if inRun && run.mask&h.mask == 0 && m.adjacent(b, run.end, h.start) {
			run.dotted = run.dotted || bytes.IndexByte(b[run.end:h.start], '.') >= 0
			run.end = h.end
			run.syn = run.syn || h.syn
			run.ordered = run.ordered && h.word > last
			run.mask |= h.mask
			last = h.word
		} else {
			flush()
			run, inRun, last = h, true, h.word
			run.ordered = true
		}
		if run.mask == m.full {
			flush()
		}
	}
	flush()
	return out[:n]
}

// adjacent reports whether the bytes between two words let them read as
// one name: at most three separators (distributed__lock, distributed.lock,
// DistributedLock), or a small word between separators (time_to_live).
func (m *matcher) adjacent(b []byte, from, to int) bool {
	gap := b[from:to]
	seps := 0
	for seps < len(gap) && isSep(gap[seps]) {
		seps++
	}
	if seps == len(gap) {
		return seps <= 3
	}
	mid := gap[seps:]
	tail := 0
	for tail < len(mid) && isSep(mid[len(mid)-1-tail]) {
		tail++
	}
	if seps == 0 || tail == 0 || seps > 2 || tail > 2 {
		return false
	}
	w := mid[:len(mid)-tail]
	if len(w) > 4 {
		return false
	}
	var low [4]byte
	for i, c := range w {
		if isUpper(c) {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	return stopWord(low[:len(w)])
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
