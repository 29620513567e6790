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
// It names what a user probably meant: a rule id, an existing entry.
func Closest(name string, candidates []string, maxDist int) string {
	best, bestD := "", maxDist+1
	for _, c := range candidates {
		if d := editDistance(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
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
