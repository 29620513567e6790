package workspace

import (
	"os"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxSlugLen bounds entry names; a longer one is a sentence, not a name.
const MaxSlugLen = 64

// ValidSlug reports whether s is a kebab-case entry name:
// [a-z0-9]+(-[a-z0-9]+)*, at most MaxSlugLen bytes.
func ValidSlug(s string) bool {
	if s == "" || len(s) > MaxSlugLen || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// SuggestSlug turns a name as people type it ("Distributed Lock",
// "distributed_lock", "DistributedLock") into kebab-case. It returns "" when
// nothing usable is left.
func SuggestSlug(s string) string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(foldMarks(s))
	for i, r := range rs {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			// A hump starts a word: lockManager, HTTPServer -> http-server.
			if unicode.IsUpper(r) && len(cur) > 0 {
				prevLower := unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])
				nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
				if prevLower || (unicode.IsUpper(rs[i-1]) && nextLower) {
					flush()
				}
			}
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	out := strings.Join(words, "-")
	if len(out) > MaxSlugLen {
		out = strings.TrimRight(out[:MaxSlugLen], "-")
	}
	if !ValidSlug(out) {
		return ""
	}
	return out
}

// foldMarks drops the accents of letters ("café" → "cafe", "Zürich" →
// "Zurich"): decomposed (NFD), a letter and its combining marks are
// separate, and the marks go. golang.org/x/text knows every composed
// letter; a hand-written table would know the few someone listed.
func foldMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(s))
}

// TitleFromSlug is the default title for a slug: "distributed-lock" gives
// "Distributed Lock".
func TitleFromSlug(slug string) string {
	words := strings.Split(slug, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// Closest is the candidate nearest to name by edit distance, if it is at
// most maxDist edits away ("" otherwise); ties go to the first candidate.
// It names what a user probably meant: a rule id, an existing entry, the
// name of a file beside a path cited with a typo. Once a candidate is found,
// the next must be nearer still, so each distance is bounded by the best
// one so far (most candidates are dismissed by their length alone).
func Closest(name string, candidates []string, maxDist int) string {
	best, bestD := "", maxDist+1
	for _, c := range candidates {
		if bestD <= 0 {
			break
		}
		if d := EditDistanceWithin(name, c, bestD-1); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// EditDistanceWithin is the Levenshtein distance of a and b, in bytes,
// when it is at most k; k+1 when it is more. Only the cells within k of
// the diagonal are computed, and it stops at the first row whose cells
// are all past k; names of up to 63 bytes need no allocation.
func EditDistanceWithin(a, b string, k int) int {
	if k < 0 {
		return k + 1
	}
	// A common prefix or suffix changes nothing to the distance.
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > k {
		return k + 1
	}
	if len(a) == 0 {
		return len(b)
	}
	past := k + 1 // any distance past k
	var rows [2][64]int
	prev, cur := rows[0][:], rows[1][:]
	if len(b)+1 > len(prev) {
		prev, cur = make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := 0; j <= len(b); j++ {
		prev[j] = min(j, past)
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-k), min(len(b), i+k)
		if lo == 1 {
			cur[0] = min(i, past)
		} else {
			cur[lo-1] = past
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			d := prev[j-1]
			if a[i-1] != b[j-1] {
				d++
			}
			d = min(d, prev[j]+1, cur[j-1]+1, past)
			cur[j] = d
			rowMin = min(rowMin, d)
		}
		if hi < len(b) {
			cur[hi+1] = past // the next row's band reaches one further
		}
		if rowMin >= past {
			return past
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Entries lists the slugs of the entries in the section folder, sorted.
func (ws *Workspace) Entries() []string {
	des, err := os.ReadDir(ws.Section)
	if err != nil {
		return nil
	}
	var out []string
	for _, de := range des {
		if slug, ok := strings.CutSuffix(de.Name(), ".mdx"); ok && !de.IsDir() {
			out = append(out, slug)
		}
	}
	return out
}
