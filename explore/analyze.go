package explore

import (
	"bytes"
	"fmt"
	"math"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/workspace/lang"
)

// Weights of the evidence a file gives. A definition of an identifier that
// spells the concept says "this is where it lives" more than anything else;
// a file named after it almost as much; the whole phrase in code much more
// than its words one by one; prose (comments, docstrings, docs) less than
// code. Counts saturate so that a long file does not win by repetition.
const (
	wDefPhrase    = 40 // first definition of an identifier holding the phrase
	wDefMore      = 10 // each further one, up to maxDefs
	wDefWord      = 6  // each definition of an identifier holding the last word alone
	maxDefs       = 3
	wNamePhrase   = 30 // file name holds the phrase
	wNameStem     = 20 // file name is a form of the last word (locker.py)
	wDirPhrase    = 15 // a folder name holds the phrase
	wDirStem      = 8  // a folder name is a form of the last word
	wPhraseCode   = 5
	wPhraseProse  = 2
	maxPhraseHits = 8
	// The last word alone ("lock") still names the thing; the others
	// ("distributed", "task") alone mostly name something else.
	wHeadCode      = 1
	wHeadProse     = 0.3
	maxHeadScore   = 8
	wOtherCode     = 0.3
	wOtherProse    = 0.1
	maxOtherScore  = 3
	factorTest     = 0.4
	factorDemoted  = 0.2
	maxSnippets    = 3
	maxSnippetLine = 200
)

// Hit kinds.
const (
	KindDefinition = "definition"
	KindCode       = "code"
	KindComment    = "comment"
	KindDoc        = "doc"
)

// scored is the evidence a file gave: its score, the reasons, and the lines
// worth showing.
type scored struct {
	score   float64
	reasons []string
	picks   []pick
	named   bool // the file or a folder is named after the concept
}

// pick is a line chosen as a snippet.
type pick struct {
	prio  int // lower shows first
	line  int // 1-based
	start int // byte offsets of the line in the file
	end   int
	kind  string
}

// analyzer scores one file at a time; each worker owns one, so its buffers
// are reused from file to file.
type analyzer struct {
	c       *Concept
	m       *matcher
	matches []match
	picks   []pick
	name    []byte
	phrase  bool // the last file analyzed holds the whole phrase
}

// analyzeChunk is how much of a file is matched at a time. Matches never
// cross a line, so chunks end at a newline; keeping only one chunk's
// matches, and only the best maxSnippets lines, bounds memory whatever the
// number of matches (10 million matches in one file once took 700 MB).
const analyzeChunk = 1 << 20

// offerPick keeps the maxSnippets best picks, best first: lower prio, then
// the earlier line, as a stable sort of every line would.
func (a *analyzer) offerPick(p pick) {
	if len(a.picks) == maxSnippets && p.prio >= a.picks[len(a.picks)-1].prio {
		return
	}
	i := len(a.picks)
	for i > 0 && a.picks[i-1].prio > p.prio {
		i--
	}
	a.picks = slices.Insert(a.picks, i, p)
	if len(a.picks) > maxSnippets {
		a.picks = a.picks[:maxSnippets]
	}
}

// nameScore scores the path's file and folder names against the concept.
func (a *analyzer) nameScore(rel string, reasons []string) (float64, []string) {
	var score float64
	cut := strings.LastIndexByte(rel, '/')
	base := rel[cut+1:]
	if w, why := a.nameMatch(strings.TrimSuffix(base, path.Ext(base)), wNamePhrase, wNameStem); w > 0 {
		score += w
		reasons = append(reasons, fmt.Sprintf("file name %s %s (+%g)", base, why, w))
	}
	best, bestDir, bestWhy := 0.0, "", ""
	for i := 0; i <= cut; {
		j := strings.IndexByte(rel[i:], '/')
		if w, why := a.nameMatch(rel[i:i+j], wDirPhrase, wDirStem); w > best {
			best, bestDir, bestWhy = w, rel[i:i+j], why
		}
		i += j + 1
	}
	if best > 0 {
		score += best
		reasons = append(reasons, fmt.Sprintf("folder %s/ %s (+%g)", bestDir, bestWhy, best))
	}
	return score, reasons
}

// nameMatch scores one file or folder name: it may hold the whole phrase
// (distributed_lock_test.py), or be nothing but a form of the last word
// (locker.py, _debounce.py; not add_orders_locked_at.py).
func (a *analyzer) nameMatch(name string, phraseW, stemW float64) (float64, string) {
	a.name = append(a.name[:0], name...)
	b := a.name
	best, why := 0.0, ""
	last := len(a.c.Words) - 1
	for _, h := range a.m.find(b, a.matches) {
		switch {
		case h.word == wordPhrase && (last > 0 || onlyWord(b, h)):
			return phraseW, fmt.Sprintf("holds %q", a.c.Phrase())
		case h.word == wordPhrase || h.word == last && onlyWord(b, h):
			best, why = stemW, fmt.Sprintf("is a form of %q", a.c.Words[last])
		}
	}
	return best, why
}

// onlyWord reports whether the match is all there is to the name but
// separators.
func onlyWord(name []byte, h match) bool {
	for i, c := range name {
		if (i < h.start || i >= h.end) && isAlnum(c) {
			return false
		}
	}
	return true
}

// analyze scores the content of one file.
func (a *analyzer) analyze(rel string, orig []byte) scored {
	var s scored
	s.score, s.reasons = a.nameScore(rel, nil)
	s.named = s.score > 0
	a.picks = a.picks[:0]
	a.phrase = false
	lg := lang.Of(rel)

	var (
		phraseDefs, wordDefs  []string
		phraseCode, phrasePr  int
		headScore, otherScore float64
		heads, others         int
		line                  = 1
		lineAt                = 0 // offset line counting has reached
		docAt                 = 0 // offset docstring counting has reached
		dq, sq                int // """ and ''' seen before docAt
		lastLine              = -1
	)
	var lf lineFacts
	lf.end = -1
	var cur pick // the pick of the current line, offered when the line ends
	found := 0
	for base := 0; base < len(orig); {
		end := min(len(orig), base+analyzeChunk)
		if end < len(orig) {
			if i := bytes.IndexByte(orig[end:], '\n'); i >= 0 {
				end += i + 1
			} else {
				end = len(orig)
			}
		}
		a.matches = a.m.find(orig[base:end], a.matches)
		found += len(a.matches)
		for i := range a.matches {
			a.matches[i].start += base
			a.matches[i].end += base
		}
		base = end
		for _, h := range a.matches {
			line += bytes.Count(orig[lineAt:h.start], nl)
			lineAt = h.start
			if h.start > lf.end {
				// A new line: learn its facts once, however many matches
				// it holds (a minified file is one long line).
				lf = factsOf(orig, h.start, lg)
			}
			kind := KindCode
			switch {
			case lg.Prose:
				kind = KindDoc
			default:
				if lg.PyDoc {
					dq += bytes.Count(orig[docAt:h.start], tripleDQ)
					sq += bytes.Count(orig[docAt:h.start], tripleSQ)
					docAt = h.start
				}
				if dq%2 == 1 || sq%2 == 1 || h.start >= lf.comment {
					kind = KindComment
				} else if lf.nameStart <= h.start && h.end <= lf.nameEnd {
					kind = KindDefinition
					switch h.word {
					case wordPhrase:
						phraseDefs = appendNew(phraseDefs, lf.defined)
					case len(a.c.Words) - 1:
						wordDefs = appendNew(wordDefs, lf.defined)
					}
				}
			}
			prose := kind == KindComment || kind == KindDoc
			// Snippet order: phrase definition, phrase in code, word
			// definition, phrase in prose, word in code, word in prose.
			prio := 0
			if h.word == wordPhrase {
				if prose {
					phrasePr++
					prio = 3
				} else {
					phraseCode++
					prio = 1
				}
			} else {
				prio = 4
				if prose {
					prio = 5
				}
				switch {
				case h.word == len(a.c.Words)-1 && prose:
					heads++
					headScore += wHeadProse
				case h.word == len(a.c.Words)-1:
					heads++
					headScore += wHeadCode
				case prose:
					others++
					otherScore += wOtherProse
				default:
					others++
					otherScore += wOtherCode
				}
			}
			if kind == KindDefinition {
				prio = 0
				if h.word != wordPhrase {
					prio = 2
				}
			}
			if line == lastLine {
				if prio < cur.prio {
					cur.prio, cur.kind = prio, kind
				}
				continue
			}
			if lastLine >= 0 {
				a.offerPick(cur)
			}
			lastLine = line
			cur = pick{prio: prio, line: line, start: lf.start, end: lf.end, kind: kind}
		}
	}
	if lastLine >= 0 {
		a.offerPick(cur)
	}
	if found == 0 && s.score == 0 {
		return s
	}
	a.phrase = phraseCode+phrasePr > 0 || len(phraseDefs) > 0

	switch {
	case len(phraseDefs) > 0:
		n := min(len(phraseDefs), maxDefs)
		w := float64(wDefPhrase + wDefMore*(n-1))
		s.score += w
		s.reasons = append(s.reasons, fmt.Sprintf("defines %s (+%g)", strings.Join(phraseDefs[:n], ", "), w))
	case len(wordDefs) > 0:
		n := min(len(wordDefs), maxDefs)
		w := float64(wDefWord * n)
		s.score += w
		s.reasons = append(s.reasons, fmt.Sprintf("defines %s, named after %q alone (+%g)", strings.Join(wordDefs[:n], ", "), a.c.Words[len(a.c.Words)-1], w))
	}
	if phraseCode > 0 {
		w := wPhraseCode * float64(min(phraseCode, maxPhraseHits))
		s.score += w
		s.reasons = append(s.reasons, fmt.Sprintf("%s of %q in code (+%g)", plural(phraseCode, "match", "matches"), a.c.Phrase(), w))
	}
	if phrasePr > 0 {
		w := wPhraseProse * float64(min(phrasePr, maxPhraseHits))
		s.score += w
		s.reasons = append(s.reasons, fmt.Sprintf("%s of %q in comments or docs (+%g)", plural(phrasePr, "match", "matches"), a.c.Phrase(), w))
	}
	if heads > 0 {
		w := round1(math.Min(headScore, maxHeadScore))
		s.score += w
		s.reasons = append(s.reasons, fmt.Sprintf("%s of %q alone (+%g)", plural(heads, "match", "matches"), a.c.Words[len(a.c.Words)-1], w))
	}
	if others > 0 {
		w := round1(math.Min(otherScore, maxOtherScore))
		s.score += w
		s.reasons = append(s.reasons, fmt.Sprintf("%s of other single words (+%g)", plural(others, "match", "matches"), w))
	}
	if f, why := demotion(rel, orig); f < 1 {
		s.score *= f
		s.reasons = append(s.reasons, fmt.Sprintf("%s (×%g)", why, f))
	}
	s.score = round1(s.score)

	s.picks = append(s.picks, a.picks...)
	sort.Slice(s.picks, func(i, j int) bool { return s.picks[i].line < s.picks[j].line })
	return s
}

var (
	nl       = []byte{'\n'}
	tripleDQ = []byte(`"""`)
	tripleSQ = []byte(`'''`)
)

func lineEnd(b []byte) int {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return i
	}
	return len(b)
}

// lineFacts is what classifying matches needs to know about their line.
type lineFacts struct {
	start, end int // the line, as byte offsets in the file (end at the newline)
	comment    int // offset where a comment starts on the line, else past end
	// nameStart and nameEnd bound the identifier the line defines (both
	// -1 if none); defined is the definition as shown ("class Lock").
	nameStart, nameEnd int
	defined            string
}

// factsOf learns the facts of the line holding offset at.
func factsOf(b []byte, at int, lg *lang.Lang) lineFacts {
	lf := lineFacts{nameStart: -1, nameEnd: -1}
	lf.start = bytes.LastIndexByte(b[:at], '\n') + 1
	lf.end = at + lineEnd(b[at:])
	line := b[lf.start:lf.end]
	lf.comment = lf.end + 1
	if c := lg.CommentStart(line); c >= 0 {
		lf.comment = lf.start + c
	}
	if ns, ne, defined := lg.Definition(line); ns >= 0 {
		lf.nameStart, lf.nameEnd, lf.defined = lf.start+ns, lf.start+ne, defined
	}
	return lf
}

// demotion pushes down files that rarely hold the implementation: tests,
// example code (an examples/ folder is a sample, not the system), generated
// code, vendored code and lock files.
func demotion(rel string, data []byte) (float64, string) {
	base := path.Base(rel)
	switch {
	case roleOf(rel, nil) == "test":
		return factorTest, "test file"
	case isLockFile(base):
		return factorDemoted, "lock file"
	case hasSegment(rel, "examples", "example"):
		return factorDemoted, "example code"
	case hasSegment(rel, "vendor", "node_modules", "third_party", "site-packages", "dist", "build"):
		return factorDemoted, "vendored or built"
	case strings.HasSuffix(base, "_pb2.py") || strings.HasSuffix(base, ".pb.go") || strings.HasSuffix(base, ".min.js") ||
		strings.Contains(base, ".generated.") || strings.HasSuffix(base, ".gen.go") || hasSegment(rel, "generated", "__generated__"):
		return factorDemoted, "generated"
	case isGenerated(data):
		return factorDemoted, "generated"
	}
	return 1, ""
}

func isLockFile(base string) bool {
	switch base {
	case "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "poetry.lock", "uv.lock", "Pipfile.lock", "Cargo.lock", "go.sum", "composer.lock", "Gemfile.lock", "bun.lockb":
		return true
	}
	return false
}

func hasSegment(rel string, names ...string) bool {
	for _, seg := range strings.Split(rel, "/") {
		for _, n := range names {
			if seg == n {
				return true
			}
		}
	}
	return false
}

// isGenerated looks for the conventional marker in the head of the file.
func isGenerated(data []byte) bool {
	head := data[:min(len(data), 1024)]
	return bytes.Contains(head, []byte("DO NOT EDIT")) || bytes.Contains(head, []byte("@generated")) || bytes.Contains(head, []byte("autogenerated"))
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// snippetText turns a line of the file into display text: CR dropped,
// invalid UTF-8 replaced, and a long line cut to a window around the first
// match (spans are the matches' byte ranges on the line; they come back
// shifted into the returned text).
func snippetText(line []byte, spans [][2]int) (string, [][2]int) {
	line = bytes.TrimRight(line, "\r")
	from, to := 0, len(line)
	if len(line) > maxSnippetLine {
		center := 0
		if len(spans) > 0 {
			center = spans[0][0]
		}
		from = max(0, center-maxSnippetLine/3)
		to = min(len(line), from+maxSnippetLine)
		for from > 0 && !utf8.RuneStart(line[from]) {
			from--
		}
		for to < len(line) && !utf8.RuneStart(line[to]) {
			to++
		}
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	clean := func(seg []byte) string {
		return strings.ToValidUTF8(strings.ReplaceAll(string(seg), "\t", "    "), "\uFFFD")
	}
	var out [][2]int
	pos := from
	for _, sp := range spans {
		s, e := max(sp[0], from), min(sp[1], to)
		if s >= e || s < pos {
			continue
		}
		b.WriteString(clean(line[pos:s]))
		hs := b.Len()
		b.WriteString(clean(line[s:e]))
		out = append(out, [2]int{hs, b.Len()})
		pos = e
	}
	b.WriteString(clean(line[pos:to]))
	if to < len(line) {
		b.WriteString("…")
	}
	return b.String(), out
}
