package explore

import (
	"bytes"
	"encoding/binary"
	"sort"
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

// matcher finds the concept in a file. It works on an ASCII-lowercased copy
// of the file with bytes.Index (fast, vectorised) and checks word
// boundaries, which depend on case (camel humps), against the original.
type matcher struct {
	words    [][]byte
	root     []byte
	suffixes [][]byte
	// minSingle is the shortest word that counts on its own: "a", "of" or
	// "io" alone say nothing about a multi-word concept.
	minSingle int
}

func newMatcher(c *Concept) *matcher {
	m := &matcher{root: []byte(c.root), minSingle: 3}
	for _, w := range c.Words {
		m.words = append(m.words, []byte(w))
	}
	for _, s := range c.suffixes {
		m.suffixes = append(m.suffixes, []byte(s))
	}
	return m
}

// find appends every match in orig (lower is its lowercased copy) to out,
// sorted by position, single words inside a phrase match dropped.
func (m *matcher) find(orig, lower []byte, out []match) []match {
	out = out[:0]
	last := len(m.words) - 1
	for i, w := range m.words {
		needle := w
		if i == last {
			needle = m.root
		}
		if i > 0 && len(w) < m.minSingle {
			continue
		}
		ai := anchor(needle)
		c := needle[ai]
		for off := 0; off < len(lower); {
			j := bytes.IndexByte(lower[off:], c)
			if j < 0 {
				break
			}
			p := off + j - ai
			off += j + 1
			if p < 0 || !bytes.HasPrefix(lower[p:], needle) || !startsWord(orig, p) {
				continue
			}
			switch {
			case last == 0:
				if e := m.matchLast(orig, lower, p); e >= 0 {
					out = append(out, match{p, e, wordPhrase})
				}
			case i == 0:
				e := p + len(w)
				if pe := m.matchRest(orig, lower, e); pe >= 0 {
					out = append(out, match{p, pe, wordPhrase})
				} else if len(w) >= m.minSingle && endsWord(orig, e) {
					out = append(out, match{p, e, 0})
				}
			case i == last:
				if e := m.matchLast(orig, lower, p); e >= 0 {
					out = append(out, match{p, e, i})
				}
			default:
				if e := p + len(w); endsWord(orig, e) {
					out = append(out, match{p, e, i})
				}
			}
		}
	}
	if last == 0 {
		return out
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].start != out[b].start {
			return out[a].start < out[b].start
		}
		return out[a].word < out[b].word // the phrase first
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

// letterRank orders letters from common to rare in code and prose.
const letterRank = "etaoinsrlcdhupmfgybwvkxqjz"

// anchor returns the index of the needle's rarest byte. Scanning for it
// with the vectorised IndexByte and comparing the needle only there beats
// bytes.Index, which keys on the first byte: for "distributed" and "lock"
// that is d and l, common enough to stop the scan every few dozen bytes.
func anchor(needle []byte) int {
	best, bestRank := 0, -1
	for i, c := range needle {
		r := strings.IndexByte(letterRank, c)
		if r < 0 {
			r = len(letterRank) // digits and punctuation: rarer still
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
func (m *matcher) matchRest(orig, lower []byte, p int) int {
	last := len(m.words) - 1
	for k := 1; k <= last; k++ {
		for n := 0; n < 3 && p < len(lower) && isSep(lower[p]); n++ {
			p++
		}
		if k == last {
			return m.matchLast(orig, lower, p)
		}
		if !bytes.HasPrefix(lower[p:], m.words[k]) {
			return -1
		}
		p += len(m.words[k])
	}
	return -1
}

// matchLast matches a form of the last word at p and returns its end, or -1.
func (m *matcher) matchLast(orig, lower []byte, p int) int {
	if !bytes.HasPrefix(lower[p:], m.root) {
		return -1
	}
	q := p + len(m.root)
	for _, suf := range m.suffixes {
		if bytes.HasPrefix(lower[q:], suf) && endsWord(orig, q+len(suf)) {
			return q + len(suf)
		}
	}
	return -1
}

// lowerASCII writes the ASCII-lowercased src into dst (len(dst) >= len(src)),
// eight bytes at a time: this pass touches every byte read, so it must run
// far faster than the read itself. Non-ASCII bytes are left alone.
func lowerASCII(dst, src []byte) {
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	n := len(src) &^ 7
	for i := 0; i < n; i += 8 {
		x := binary.LittleEndian.Uint64(src[i:])
		// For each byte b < 0x80: the high bit of b+(0x80-'A') is set
		// when b >= 'A', and of b+(0x7f-'Z') when b > 'Z'.
		h := x &^ high
		geA := h + (0x80-'A')*ones
		gtZ := h + (0x7f-'Z')*ones
		upper := (geA ^ gtZ) & high &^ x
		binary.LittleEndian.PutUint64(dst[i:], x|upper>>2)
	}
	for i := n; i < len(src); i++ {
		c := src[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
}
