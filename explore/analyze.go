package explore

import (
	"bytes"
	"hash/maphash"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/workspace/lang"
)

// Weights of matches inside a file before saturation: prose (comments,
// docstrings, docs) says less than code, and a synonym or abbreviation less
// than the word itself.
const (
	wProse         = 0.4
	wSynonym       = 0.5
	maxSnippets    = 3
	maxSnippetLine = 200
	maxDefsKept    = 4  // definitions remembered per file
	maxIdentsKept  = 64 // identifiers remembered per file, for centrality
)

// Hit kinds.
const (
	KindDefinition = "definition"
	KindCode       = "code"
	KindComment    = "comment"
	KindDoc        = "doc"
)

// fileFacts is what the one pass learns about a file that mentions the
// concept: enough to score it once the whole repository has been seen
// (word rarity, centrality and attributes are only known then), without
// keeping its content.
type fileFacts struct {
	rel   string
	role  string
	size  int
	entry bool // a handbook entry
	// tf is each word's weighted count (code 1, prose wProse, synonyms
	// wSynonym), inside phrases too; phrase counts whole-concept runs and
	// partial runs of two or more of its words.
	tf [maxWords]float32
	// inCode has bit i set when word i is said in code at least once,
	// not only in comments (see ranker.wordCredit).
	inCode  uint16
	phrase  float32
	partial float32
	// phraseCode counts the whole phrase in code (not prose): the file
	// uses the concept itself, not only its words.
	phraseCode int32
	// reversed and reversedCode are the part of phrase and phraseCode
	// whose words come out of the concept's order (tagContent for
	// content-tags), and inOrder is set when the file says the phrase
	// in its order at least once: whether a reversed run is the phrase
	// is known only once the whole repository has been seen (see
	// ranker.phraseCounts).
	reversed     float32
	reversedCode int32
	defs         []defFact
	// generated is the conventional marker in the head of the file.
	generated bool
	inOrder   bool
	// side is the framework the file imports (see stack.go); sideBy
	// says how refineRole changed its role, if it did.
	side, sideBy uint8
	hash         uint64  // of the content, to fold identical copies
	prov         float32 // provisional score, to bound how many files are kept
}

// defFact is a definition of a name holding a word of the concept.
type defFact struct {
	name  string // the identifier (DistributedLock)
	shown string // as shown: "class DistributedLock"
	line  int
	mask  uint16 // concept words the name holds
	// words and covered count the name's words (role suffixes dropped)
	// and those that are the concept's.
	words, covered int
	ordered, syn   bool
	// doc is set for a definition whose doc comment or docstring holds
	// every word of the concept; mask is still what its name holds
	// (nothing, for HttpRepo documented as crud mixins).
	doc bool
	// shownAt and shownEnd bound shown in the file while it is analysed:
	// the text is made only for the definitions kept.
	shownAt, shownEnd int
}

// scored is a file's evidence when its snippets are wanted.
type scored struct {
	picks []pick
	defs  []defFact
}

// pick is a line chosen as a snippet.
type pick struct {
	prio  int // lower shows first
	line  int // 1-based
	start int // byte offsets of the line in the file
	end   int
	kind  string
	def   string // the name defined on the line, if a definition
}

// hashSeed is the seed of the content hashes, the same for every file of
// a run.
var hashSeed = maphash.MakeSeed()

// analyzer looks at one file at a time; each worker owns one, so its
// buffers are reused from file to file.
type analyzer struct {
	c        *Concept
	m        *matcher // content
	nm       *matcher // names
	matches  []match
	nameHits []match
	picks    []pick
	// idents are the identifiers holding the concept the file uses, one
	// after another in identBuf, each ending at its identEnds: one
	// buffer for every file, not a string an identifier (see identAt).
	identBuf  []byte
	identEnds []int
	// wantPicks is set when snippets are wanted (the final few files).
	wantPicks bool
	defPicks  int       // definition picks kept so far
	defs      []defFact // scratch for a file's definitions
	mem       memWindows
	win       []byte // the window being analysed
	// nameBuf holds a name being matched; looseDir is the folder whose
	// answer namedLoosely keeps (looseDirNamed), once looseDirKnown.
	nameBuf                      []byte
	looseDir                     []byte
	looseDirKnown, looseDirNamed bool
	// keywords is set when a spelling of the concept is a keyword of
	// some language (import, export): only then are matches checked.
	keywords bool
	// defNames are the defined names met so far, with what nameWords
	// says of them (defOf): the same names are defined in file after
	// file (handlers, tests, copies), and their words were 5% of a
	// search's CPU. Each name's string is then made once, too.
	defNames map[string]nameFacts
	// lazy leaves it to the caller to make a file's facts its own once it
	// keeps them (see worker.own): the definitions stay in the analyzer's
	// scratch, those of a file held whole in memory are not shown, and
	// what the head tells (headFacts) is not learnt.
	// Most files that mention the concept are dropped (see keep).
	lazy bool
	// docs is set when comments credit the definitions they document:
	// for a concept of several words.
	docs bool
}

// analyzeChunk is how much of a file is matched at a time. Matches never
// cross a line, so chunks end at a newline; holding one chunk's matches,
// and only the picks the snippets can come from, keeps memory bounded
// whatever the number of matches (10 million in one file took 1.2 GB).
const analyzeChunk = 1 << 20

// maxDefPicks bounds the definition lines kept as snippet candidates; the
// ranking reorders definitions, so more than maxSnippets are kept.
const maxDefPicks = 4 * maxDefsKept

// offerPick keeps the snippet candidates: the first maxDefPicks definition
// lines, and the maxSnippets best other lines (lower prio, then earlier),
// which is all the ranking in result can choose from.
func (a *analyzer) offerPick(p pick) {
	if p.kind == KindDefinition {
		if a.defPicks < maxDefPicks {
			a.defPicks++
			a.picks = append(a.picks, p)
		}
		return
	}
	worse, n := -1, 0
	for i, q := range a.picks {
		if q.kind == KindDefinition {
			continue
		}
		n++
		if worse < 0 || q.prio >= a.picks[worse].prio {
			worse = i // the last of the worst prio is the latest line
		}
	}
	if n < maxSnippets {
		a.picks = append(a.picks, p)
		return
	}
	if p.prio < a.picks[worse].prio {
		a.picks = append(slices.Delete(a.picks, worse, worse+1), p)
	}
}

func newAnalyzer(c *Concept) analyzer {
	a := analyzer{c: c, m: newMatcher(c), nm: newNameMatcher(c), docs: len(c.Words) >= 2}
	a.keywords = c.meetsKeywords(a.m)
	return a
}

// meetsKeywords reports whether m, the concept's matcher, matches a
// keyword of some language whole. Every worker, the ranker and their
// helpers build an analyzer: the keywords are looked at by the first.
func (c *Concept) meetsKeywords(m *matcher) bool {
	c.keywordsOnce.Do(func() {
		for _, k := range lang.AllKeywords() {
			for _, hm := range m.find([]byte(k), nil) {
				if hm.start == 0 && hm.end == len(k) {
					c.keywords = true
				}
			}
		}
	})
	return c.keywords
}

// analyze learns the facts of one file; ok is false when nothing in it or
// its path mentions the concept. idents receives the identifiers holding
// the concept the file uses (not defines), once each.
func (a *analyzer) analyze(rel string, orig []byte, f *fileFacts) (ok bool, s scored) {
	a.mem = memWindows{a: a, data: orig}
	ok, s, _ = a.analyzeWindows(rel, orig, orig[:min(len(orig), fileHead)], &a.mem, f)
	return ok, s
}

// fileHead is how much of a file's start analyzeWindows is given apart:
// the generated marker and the content hash look at its first KiB.
const fileHead = 1 << 10

// windows gives a file's text a window at a time, each ending after a
// newline (or at the end of the file), so that no line is split: next
// returns nil at the end. A window is valid until the next call.
type windows interface {
	next() ([]byte, error)
}

// memWindows are the chunks of a file held in memory.
type memWindows struct {
	a    *analyzer
	data []byte
	off  int
}

func (m *memWindows) next() ([]byte, error) {
	if m.off >= len(m.data) {
		return nil, nil
	}
	start := m.off
	m.off = m.a.nextChunk(m.data, start)
	return m.data[start:m.off], nil
}

// analyzeWindows is analyze over a file given a window at a time (see
// windows), which lets a file bigger than a worker's buffer be analysed
// without holding it whole. orig is the whole file when it is in memory
// (snippets need it), nil otherwise; head is its first fileHead bytes.
// Offsets within a window are the window's; only picks, which snippets
// read from orig, are the file's. The error is the windows'.
func (a *analyzer) analyzeWindows(rel string, orig, head []byte, src windows, f *fileFacts) (ok bool, s scored, err error) {
	lg := lang.Of(rel)
	pyDoc := lg.PyDoc && !lg.Prose // where docstrings are counted
	var cur pick                   // the pick of the current line, offered when the line ends
	var (
		line   = 1
		dq, sq int // """ and ''' seen before docAt
		// lineAt and docAt are the offsets in the file that line and
		// docstring counting have reached. Both count only as far as a
		// match needs: when the file is in memory (orig), text with no
		// match after it is never counted (most files do not mention the
		// concept), and line numbers are counted only for definitions
		// unless snippets are wanted.
		lineAt, docAt int
		lastLine      = -1
		defLine       = -1
		// docd is the definition the current comment or docstring
		// documents, with the concept words it has said so far.
		docd    docState
		base    int  // the current window's offset in the file
		started bool // a window held a match
	)
	for ; ; base += len(a.win) {
		if a.win, err = src.next(); err != nil || a.win == nil {
			break
		}
		win := a.win
		a.matches = a.m.find(win, a.matches)
		if len(a.matches) == 0 && !started {
			if orig == nil {
				// Nothing yet, and the window is about to go: count what
				// classifying later matches needs.
				line += bytes.Count(win, nl)
				if pyDoc {
					dq += bytes.Count(win, tripleDQ)
					sq += bytes.Count(win, tripleSQ)
				}
				lineAt, docAt = base+len(win), base+len(win)
			}
			continue
		}
		if !started {
			started = true
			f.rel = rel
			// Definitions are gathered in the analyzer's scratch (up to
			// 4*maxDefsKept, then the best kept), and only those kept
			// are copied.
			f.defs = a.defs[:0]
			if !a.lazy { // else the caller learns them (headFacts)
				headFacts(f, head)
			}
			a.picks = a.picks[:0]
			a.defPicks = 0
			a.resetIdents()
		}
		var (
			lf   = lineFacts{end: -1}
			defs = len(f.defs) // the window's definitions start here
		)
		for _, hm := range a.matches {
			if a.wantPicks {
				line += bytes.Count(fileText(orig, win, base, lineAt, base+hm.start), nl)
				lineAt = base + hm.start
			}
			if hm.start > lf.end {
				// A new line: learn its facts once, however many matches
				// it holds (a minified file is one long line).
				lf = factsOf(win, hm.start, lg)
			}
			kind := KindCode
			switch {
			case lg.Prose:
				kind = KindDoc
			default:
				if lg.PyDoc {
					doc := fileText(orig, win, base, docAt, base+hm.start)
					dq += bytes.Count(doc, tripleDQ)
					sq += bytes.Count(doc, tripleSQ)
					docAt = base + hm.start
				}
				if dq%2 == 1 || sq%2 == 1 || hm.start >= lf.comment {
					kind = KindComment
				} else if lf.nameStart <= hm.start && hm.end <= lf.nameEnd {
					kind = KindDefinition
					line += bytes.Count(fileText(orig, win, base, lineAt, base+hm.start), nl)
					lineAt = base + hm.start
					if k := defIndex(f.defs, win[lf.nameStart:lf.nameEnd]); k >= 0 && f.defs[k].doc && f.defs[k].mask == 0 && defLine != line {
						// Documented as the concept (above it) and named
						// after part of it.
						defLine = line
						f.defs[k] = a.defOf(win[lf.nameStart:lf.nameEnd], base+lf.defAt, base+lf.nameEnd, line)
						f.defs[k].doc = true
					} else if defLine != line && len(f.defs) < 4*maxDefsKept && k < 0 {
						defLine = line
						f.defs = append(f.defs, a.defOf(win[lf.nameStart:lf.nameEnd], base+lf.defAt, base+lf.nameEnd, line))
					}
				}
			}
			// A keyword of the language (export in "export class",
			// import) is syntax, not a mention of the concept.
			if a.keywords && kind == KindCode && hm.word >= 0 && lg.Keyword(win, hm.start, hm.end) {
				continue
			}
			prose := kind == KindComment || kind == KindDoc
			if kind == KindComment && a.docs && a.documented(&docd, win, hm, lf, lg, dq%2 == 1, sq%2 == 1, base, f) {
				// The line of the definition it documents (lines are
				// counted only as far as needed).
				at := base + docd.defAt
				if to := min(at, base+hm.start); to >= lineAt {
					line += bytes.Count(fileText(orig, win, base, lineAt, to), nl)
					lineAt = to
				}
				defLn := line
				if at >= lineAt {
					defLn += bytes.Count(fileText(orig, win, base, lineAt, at), nl) // below the comment
				} else {
					defLn -= bytes.Count(fileText(orig, win, base, at, lineAt), nl)
				}
				a.addDocumented(&docd, win, base, defLn, f)
			}
			w := float32(1)
			if prose {
				w = wProse
			}
			if hm.syn {
				w *= wSynonym
			}
			for i := 0; i < len(a.c.Words); i++ {
				if hm.mask&(1<<i) != 0 {
					f.tf[i] += w
				}
			}
			if !prose {
				f.inCode |= hm.mask
			}
			switch hm.word {
			case wordPhrase:
				if !prose && privateName(win, hm.start) {
					// A private helper's name (_pre_update_check) is
					// how its file does something, not what the file
					// is: it counts as if the file only said so.
					w *= wProse
				}
				f.phrase += w
				if !prose {
					f.phraseCode++
				}
				switch {
				case hm.dotted: // says nothing of the order
				case hm.ordered:
					f.inOrder = true
				default:
					f.reversed += w
					if !prose {
						f.reversedCode++
					}
				}
			case wordPartial:
				f.partial += w
			}
			if kind != KindDefinition && !prose && len(a.identEnds) < maxIdentsKept {
				if id := identAround(win, hm.start, hm.end); !a.hasIdent(id) {
					a.identBuf = append(a.identBuf, id...)
					a.identEnds = append(a.identEnds, len(a.identBuf))
				}
			}
			if !a.wantPicks {
				continue
			}
			// Snippet order: phrase definition, phrase in code, word
			// definition, phrase in prose, word in code, word in prose;
			// the ranking reorders definitions by how telling they are.
			prio := 4
			switch {
			case kind == KindDefinition && hm.word == wordPhrase:
				prio = 0
			case kind == KindDefinition:
				prio = 2
			case hm.word == wordPhrase && !prose:
				prio = 1
			case hm.word == wordPhrase:
				prio = 3
			case prose:
				prio = 5
			}
			if line == lastLine {
				if prio < cur.prio {
					cur.prio, cur.kind = prio, kind
					if kind == KindDefinition {
						cur.def = string(win[lf.nameStart:lf.nameEnd])
					}
				}
				continue
			}
			if lastLine >= 0 {
				a.offerPick(cur)
			}
			lastLine = line
			cur = pick{prio: prio, line: line, start: base + lf.start, end: base + lf.end, kind: kind}
			if kind == KindDefinition {
				cur.def = string(win[lf.nameStart:lf.nameEnd])
			}
		}
		if orig == nil {
			// The window is about to go: count the rest of it for the
			// next one (windows end after a newline, so no """ straddles
			// two), and show its definitions now.
			end := base + len(win)
			line += bytes.Count(fileText(orig, win, base, lineAt, end), nl)
			if pyDoc {
				doc := fileText(orig, win, base, docAt, end)
				dq += bytes.Count(doc, tripleDQ)
				sq += bytes.Count(doc, tripleSQ)
			}
			lineAt, docAt = end, end
			for i := defs; i < len(f.defs); i++ {
				f.defs[i].shown = lang.Shown(win[f.defs[i].shownAt-base : f.defs[i].shownEnd-base])
			}
		}
	}
	a.win = nil
	if !started || err != nil {
		return false, s, err
	}
	f.size = base
	if a.wantPicks && lastLine >= 0 {
		a.offerPick(cur)
	}
	if len(f.defs) > maxDefsKept && !a.wantPicks { // snippets rank them all
		sort.SliceStable(f.defs, func(i, j int) bool { return f.defs[i].better(f.defs[j]) })
		f.defs = f.defs[:maxDefsKept]
	}
	a.defs = f.defs[:0]
	if len(f.defs) == 0 {
		f.defs = nil
	}
	if !a.lazy {
		if orig != nil {
			showDefs(f.defs, orig)
		}
		// Kept until the ranking: no spare capacity.
		f.defs = slices.Clone(f.defs)
	}
	s.picks = a.picks
	s.defs = f.defs
	return true, s, nil
}

// headFacts learns what the head of a file that mentions the concept
// tells: the generated marker, and the hash that folds identical copies
// (they have the same size and head: hashing only the first KiB keeps
// this off the cost of reading).
func headFacts(f *fileFacts, head []byte) {
	f.generated = isGenerated(head)
	f.hash = maphash.Bytes(hashSeed, head[:min(len(head), 1<<10)])
}

// showDefs makes the shown text of the definitions not shown yet, from
// data, the whole file.
func showDefs(defs []defFact, data []byte) {
	for i := range defs {
		if defs[i].shown == "" {
			defs[i].shown = lang.Shown(data[defs[i].shownAt:defs[i].shownEnd])
		}
	}
}

// fileText is the file from offset from to offset to, which lies in the
// window win (at offset base in the file); from may lie in an earlier
// window only when the file is in memory whole (orig).
func fileText(orig, win []byte, base, from, to int) []byte {
	if from < base {
		return orig[from:to]
	}
	return win[from-base : to-base]
}

func defIndex(defs []defFact, name []byte) int {
	for i, d := range defs {
		if d.name == string(name) {
			return i
		}
	}
	return -1
}

// Documented definitions. Teams name things their own way (HttpRepo for
// crud-mixins), and say what they are in the doc comment or docstring:
// a definition whose doc holds every word of a concept of several words
// is a definition of it, weaker than one named after it (see
// docCloseness). Only a class or type counts so: a function documented
// with the concept's words does one step of it. Only comments that hold
// a word of the concept are looked at, and only the few lines around
// them, within the window being analysed (a pair a window boundary cuts
// is not credited): no second pass.

// docState is the definition a comment documents, found once a comment.
type docState struct {
	key       int // the comment's first line, or the docstring's opening quotes, in the window
	win       int // the window's offset, to tell windows apart
	found     bool
	nameStart int
	nameEnd   int
	defAt     int
	mask      uint16 // the concept's words its doc holds so far
	// from and to bound the text known to be in the same comment (for
	// a docstring, up to the last match seen in it).
	from, to   int
	added, set bool
}

// maxDocGap is how many lines of comment, decorators or attributes may
// stand between a comment's match and the definition it documents.
const maxDocGap = 12

// documented credits the definition the comment match hm documents: the
// one whose docstring holds it (Python), else the one the comment stands
// right above (comment lines, decorators and attributes between).
// It reports whether the definition is to be added (see addDocumented).
func (a *analyzer) documented(doc *docState, win []byte, hm match, lf lineFacts, lg *lang.Lang, inDQ, inSQ bool, base int, f *fileFacts) bool {
	key := -1
	inDocstring := inDQ || inSQ
	switch {
	case doc.set && doc.win == base && hm.start >= doc.from && hm.start < doc.to:
		key = doc.key // the same comment or docstring as the last match
	case inDQ:
		key = bytes.LastIndex(win[:hm.start], tripleDQ)
	case inSQ:
		key = bytes.LastIndex(win[:hm.start], tripleSQ)
	case lf.comment <= lf.end && len(bytes.TrimSpace(win[lf.start:lf.comment])) == 0:
		// A comment line of its own: its block's last line is the key.
		key = lf.start
		for next := lf.end + 1; next < len(win); {
			e := next + lineEnd(win[next:])
			if !isCommentLine(win[next:e], lg) {
				break
			}
			key, next = next, e+1
		}
	}
	if key < 0 {
		return false
	}
	if !doc.set || doc.key != key || doc.win != base {
		*doc = docState{key: key, win: base, set: true, from: key, to: hm.start + 1}
		if !inDocstring {
			// The block, from the match's line to its last line.
			doc.from, doc.to = lf.start, key+lineEnd(win[key:])
		}
		if inDocstring {
			doc.findAbove(win, key, lg)
		} else {
			doc.findBelow(win, key, lg)
		}
	}
	if !doc.found || doc.added {
		return false
	}
	doc.mask |= hm.mask
	if doc.mask != a.nm.full || len(f.defs) >= 4*maxDefsKept {
		return false
	}
	doc.added = true
	// A function documented with the concept's words does one step of
	// it (serves the metrics, maps the routes that get CSRF
	// protection); a class or type so documented is the thing.
	return defKindWeight(lang.Shown(win[doc.defAt:doc.nameEnd])) >= 1
}

// addDocumented keeps the definition doc found, on line line, as
// documented as the concept.
func (a *analyzer) addDocumented(doc *docState, win []byte, base, line int, f *fileFacts) {
	name := win[doc.nameStart:doc.nameEnd]
	if k := defIndex(f.defs, name); k >= 0 {
		f.defs[k].doc = true // named after part of the concept too
		return
	}
	d := a.defOf(name, base+doc.defAt, base+doc.nameEnd, line)
	d.doc = true
	f.defs = append(f.defs, d)
}

// findAbove finds the definition on the line above a docstring's opening
// quotes at q (on line qLine).
func (doc *docState) findAbove(win []byte, q int, lg *lang.Lang) {
	ls := bytes.LastIndexByte(win[:q], '\n') + 1
	if len(bytes.TrimSpace(win[ls:q])) > 0 || ls == 0 {
		return // a string after code, or the file's first line: a module docstring
	}
	ps := bytes.LastIndexByte(win[:ls-1], '\n') + 1
	doc.at(win, ps, ls-1, lg)
}

// findBelow finds the definition below a comment block whose last line
// starts at last (on line lastLine): decorators and attributes may come
// between, a blank line may not.
func (doc *docState) findBelow(win []byte, last int, lg *lang.Lang) {
	next := last + lineEnd(win[last:]) + 1
	for n := 1; n <= maxDocGap && next < len(win); n++ {
		e := next + lineEnd(win[next:])
		t := bytes.TrimLeft(win[next:e], " \t")
		if len(bytes.TrimSpace(t)) == 0 {
			return
		}
		if t[0] == '@' || t[0] == '[' || t[0] == '#' && t[1%len(t)] == '[' {
			next = e + 1
			continue
		}
		doc.at(win, next, e, lg)
		return
	}
}

// at records the definition on the line win[s:e], if it holds one.
func (doc *docState) at(win []byte, s, e int, lg *lang.Lang) {
	if ns, ne, at := lg.DefinitionAt(win[s:e]); ns >= 0 {
		doc.found, doc.nameStart, doc.nameEnd, doc.defAt = true, s+ns, s+ne, s+at
	}
}

// isCommentLine reports a line that is only a comment.
func isCommentLine(line []byte, lg *lang.Lang) bool {
	c := lg.CommentStart(line)
	return c >= 0 && len(bytes.TrimSpace(line[:c])) == 0
}

// better orders definitions by how much of the concept their name holds,
// then by how little else; a documented definition comes after those
// named after the concept.
func (d defFact) better(o defFact) bool {
	if d.doc != o.doc {
		return o.doc
	}
	if a, b := popcount(d.mask), popcount(o.mask); a != b {
		return a > b
	}
	if d.words-d.covered != o.words-o.covered {
		return d.words-d.covered < o.words-o.covered
	}
	return d.line < o.line
}

// defOf describes a definition: which words of the concept its name holds
// and how many other words it has.
func (a *analyzer) defOf(name []byte, at, end, line int) defFact {
	nf, ok := a.defNames[string(name)]
	if !ok {
		var words, covered int
		nf.name = string(name)
		nf.mask, words, covered, nf.ordered, nf.syn = a.nameWords(name, true)
		nf.words, nf.covered = int32(words), int32(covered)
		if a.defNames == nil {
			a.defNames = map[string]nameFacts{}
		}
		if len(a.defNames) < maxDefNames {
			a.defNames[nf.name] = nf
		}
	}
	return defFact{name: nf.name, mask: nf.mask, words: int(nf.words), covered: int(nf.covered), ordered: nf.ordered, syn: nf.syn,
		line: line, shownAt: at, shownEnd: end}
}

// nameFacts is what nameWords says of a defined name, as defNames keeps
// it: small, since every entry stays until the search ends.
type nameFacts struct {
	name           string
	mask           uint16
	ordered, syn   bool
	words, covered int32
}

// maxDefNames bounds the defined names whose words an analyzer
// remembers (see defNames): 512 entries of 48 bytes. (1,024 whole
// definitions, 100 bytes each, were 0.25 MB more live heap on the
// generated corpus's 4x copy than on the corpus, where fewer names
// filled it.)
const maxDefNames = 512

// roleWord reports a word that ends names saying which part of a layer a
// module is (notification_service, DispatchNotificationJob): a name is
// about what comes before it. The word sets of this package are switches,
// not maps: a map is built when the package initialises, which every
// command paid for (handbook --version included), and a switch on a
// string answers sooner than a map lookup.
func roleWord(w string) bool {
	switch w {
	case "service", "services", "controller", "controllers", "job", "jobs",
		"worker", "workers", "task", "tasks", "handler", "handlers",
		"model", "models", "repository", "repositories", "repo",
		"helper", "helpers", "util", "utils", "mixin", "concern",
		"spec", "test", "tests", "impl", "endpoint", "endpoints",
		"router", "routes", "view", "views", "schema", "schemas",
		"serializer", "serializers", "resolver", "resolvers", "manager",
		"client", "api", "module", "mailer", "sender", "processor":
		return true
	}
	return false
}

// leadingRoleWord reports a layer word a name may begin with instead of
// ending with it.
func leadingRoleWord[S string | []byte](w S) bool {
	switch string(w) {
	case "controller", "controllers", "repository", "repositories", "repo",
		"service", "services", "handler", "handlers", "router":
		return true
	}
	return false
}

// isLayerWord is leadingRoleWord(lower-case w) without allocating: it
// runs on the middle words of every file name walked.
func isLayerWord(w []byte) bool {
	var buf [16]byte
	if len(w) > len(buf) {
		return false
	}
	for i, c := range w {
		if isUpper(c) {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return leadingRoleWord(buf[:len(w)])
}

// nameWords matches a name (file, folder or identifier) against the
// concept: the words of the concept it holds, how many words it has once
// role words at its end (and a constructor's New) are dropped, and how many
// of those are the concept's.
func (a *analyzer) nameWords(name []byte, isDef bool) (mask uint16, words, covered int, ordered, syn bool) {
	a.nameHits = a.nm.find(name, a.nameHits)
	type span = struct{ s, e int }
	// Names have a few words: these stay on the stack (this runs for
	// every file walked).
	var wsBuf, looseBuf [8]span
	ws := wsBuf[:0]
	for i := 0; i < len(name); {
		if !isAlnum(name[i]) {
			i++
			continue
		}
		e := wordEnd(name, i+1)
		ws = append(ws, span{i, e})
		i = e
	}
	inMatch := func(sp span) (bool, *match) {
		for k := range a.nameHits {
			if h := &a.nameHits[k]; h.start <= sp.s && sp.e <= h.end {
				return true, h
			}
		}
		return false, nil
	}
	// Drop role words at the end (not when they are the concept's own).
	// An API twin keeps its qualifier: AuditLogApiController is the REST
	// twin of AuditLogController, which is the primary.
	for n := len(ws); len(ws) > 1; {
		last := ws[len(ws)-1]
		lw := lowerASCII(name[last.s:last.e])
		if in, _ := inMatch(last); in || !roleWord(lw) || lw == "api" && len(ws) < n {
			break
		}
		ws = ws[:len(ws)-1]
	}
	if isDef && len(ws) > 1 && lowerASCII(name[ws[0].s:ws[0].e]) == "new" {
		ws = ws[1:]
	}
	// A layer word may come first instead (controller_cookbooks.py,
	// repository_meals.py, RepositoryCookbooks): the same name.
	if len(ws) > 1 {
		if first := ws[0]; leadingRoleWord(lowerASCII(name[first.s:first.e])) {
			if in, _ := inMatch(first); !in {
				ws = ws[1:]
			}
		}
	}
	// Or between the module and its part (attachment_service_storage.go:
	// the storage part of the attachment service): a layer word inside
	// a name says where the file is, not what it is about.
	for k := 1; k+1 < len(ws); k++ {
		if isLayerWord(name[ws[k].s:ws[k].e]) {
			if in, _ := inMatch(ws[k]); !in {
				ws = append(ws[:k], ws[k+1:]...)
				k--
			}
		}
	}
	ordered = true
	loose := looseBuf[:0] // words no match covers
	for _, sp := range ws {
		if in, h := inMatch(sp); in {
			covered++
			mask |= h.mask
			syn = syn || h.syn
			ordered = ordered && (h.word == wordPhrase || h.ordered)
		} else {
			loose = append(loose, sp)
		}
	}
	// A synonym of the whole concept in several words, word after word
	// (release_checker for update-check): the name is the concept.
	if mask != a.nm.full && len(a.c.phrases) > 0 {
		if from, to := a.phraseRun(name, ws); to > from {
			mask, syn, covered = a.nm.full, true, 0
			loose = loose[:0]
			for k, sp := range ws {
				if in, _ := inMatch(sp); in || k >= from && k < to {
					covered++
				} else {
					loose = append(loose, sp)
				}
			}
		}
	}
	// Names say more than code in fewer letters: initials
	// (content_security_policy for csp), a long word's first letters (prom
	// for prometheus, notif for notification) and words run together
	// (sendflappingnotices, tmptokens) count too, as a synonym does.
	if len(loose) > 0 {
		m, c := a.looseNameWords(name, ws, loose)
		if m&^mask != 0 {
			mask |= m
			covered += c
			syn = true
		}
	}
	// Words matched out of order across separate hits.
	last := -1
	for _, h := range a.nameHits {
		if h.word >= 0 {
			if h.word < last {
				ordered = false
			}
			last = h.word
		}
	}
	return mask, len(ws), covered, ordered, syn
}

// phraseRun finds one of the concept's phrases (see Concept.phrases) in
// the name's words, each word a spelling of the phrase's, small words
// allowed between: the run is ws[from:to].
func (a *analyzer) phraseRun(name []byte, ws []struct{ s, e int }) (from, to int) {
	for _, p := range a.c.phrases {
		for k := 0; k+len(p) <= len(ws); k++ {
			j, n := k, 0
			for j < len(ws) && n < len(p) {
				tok := name[ws[j].s:ws[j].e]
				if p[n].acceptsFold(tok) {
					j, n = j+1, n+1
					continue
				}
				if n == 0 || !stopWord(lowerASCII(tok)) {
					break
				}
				j++
			}
			if n == len(p) {
				return k, j
			}
		}
	}
	return 0, 0
}

// namedLoosely reports whether the file's name or its folder's holds the
// concept only loosely (content_security_policy.py for csp), which the
// matcher does not see.
func (a *analyzer) namedLoosely(rel string) bool {
	slash := strings.LastIndexByte(rel, '/')
	base := rel[slash+1:]
	if i := strings.IndexByte(base, '.'); i > 0 {
		base = base[:i]
	}
	a.nameBuf = append(a.nameBuf[:0], base...)
	if mask, _, _, _, _ := a.nameWords(a.nameBuf, false); mask != 0 {
		return true
	}
	// The folder's answer holds for all its files, which a worker is
	// given one after another.
	// The folder is copied: rel's memory is the walk's, reused for the
	// next folder (walk.Options.Transient), which could then read as this
	// one.
	if parent := rel[:max(slash, 0)]; !a.looseDirKnown || parent != string(a.looseDir) {
		dir := path.Base(path.Dir(rel))
		a.nameBuf = append(a.nameBuf[:0], dir...)
		mask, _, _, _, _ := a.nameWords(a.nameBuf, false)
		a.looseDir = append(a.looseDir[:0], parent...)
		a.looseDirKnown, a.looseDirNamed = true, dir != "." && mask != 0
	}
	return a.looseDirNamed
}

// looseNameWords finds the concept's words in the name words no match
// covered: the initials of several of them, a prefix of a long concept
// word, or concept words run together in one lower-case word. It returns
// the concept words found and how many name words they cover.
func (a *analyzer) looseNameWords(name []byte, ws []struct{ s, e int }, loose []struct{ s, e int }) (mask uint16, covered int) {
	words := a.c.Words
	// Initials: a short concept word spelt by the first letters of
	// consecutive name words (at least two).
	if len(ws) >= 2 {
		var ini []byte
		for _, sp := range ws {
			c := name[sp.s]
			if isUpper(c) {
				c += 'a' - 'A'
			}
			ini = append(ini, c)
		}
		for i, w := range words {
			if len(w) < 3 || len(w) > 5 || !isLetters(w) {
				continue
			}
			if strings.Contains(string(ini), w) {
				mask |= 1 << i
				covered += len(w)
			}
		}
	}
	for _, sp := range loose {
		lw := lowerASCII(name[sp.s:sp.e])
		// A prefix of a long concept word: prom, notif, repo.
		if len(lw) >= 4 && isLetters(lw) && !wholeWord(lw) {
			for i, w := range words {
				// Not the word an -ize word was made from (author
				// for authorization, local for localization).
				if len(w) >= 8 && len(lw) < len(w) && strings.HasPrefix(w, lw) && !izeEnding(w[len(lw):]) {
					mask |= 1 << i
					covered++
					break
				}
			}
		}
		// Words run together: most of a long lower-case word is the
		// concept's words (or their roots).
		if len(lw) >= 8 && isLetters(lw) {
			var m uint16
			got := 0
			for i := range a.c.nameTerms {
				t := &a.c.nameTerms[i]
				if t.word < 0 || len(t.root) < 3 || t.participle && hasAnySuffix(lw, derivedNouns) || t.ize && !izeForm(lw) {
					continue
				}
				switch {
				case strings.Contains(lw, t.text):
					m |= 1 << t.word
					got += len(t.text)
				case strings.Contains(lw, t.root):
					m |= 1 << t.word
					got += len(t.root)
				}
			}
			if popcount(m) >= 1 && 10*got >= 6*len(lw) {
				mask |= m
				covered++
				continue
			}
		}
		// A compound ending in a concept word: bookshelf for shelves,
		// paymentgateway for gateway; both parts real words.
		if len(lw) >= 9 && isLetters(lw) {
			for i, w := range words {
				if compoundTail(lw, w) {
					mask |= 1 << i
					covered++
					break
				}
			}
		}
	}
	// A concept word spelt apart in the name: web-auth for webauthn,
	// pass_key for passkey.
	for k := 0; k+1 < len(ws); k++ {
		if !isLooseSpan(loose, ws[k]) || !isLooseSpan(loose, ws[k+1]) {
			continue
		}
		a1, a2 := name[ws[k].s:ws[k].e], name[ws[k+1].s:ws[k+1].e]
		n := len(a1) + len(a2)
		for i, w := range words {
			if n >= 6 && n <= len(w) && 10*n >= 8*len(w) && hasPrefixFold(a1, []byte(w[:len(a1)])) && hasPrefixFold(a2, []byte(w[len(a1):n])) {
				mask |= 1 << i
				covered += 2
				break
			}
		}
	}
	return mask, min(covered, len(ws))
}

// wholeWord reports a word of its own that begins longer words: data is
// not database shortened, nor time timestamp, nor user username.
func wholeWord(w string) bool {
	switch w {
	case "data", "base", "time", "user", "file", "page", "book", "form",
		"post", "card", "mail", "work", "team", "list", "line", "type",
		"text", "note", "back", "over", "sign", "pass", "word", "view",
		"port", "name", "code", "link", "path", "host", "key", "node",
		"head", "home", "load", "play", "read", "test", "tool", "land",
		"stat", "rate", "limit", "check", "order", "under", "share":
		return true
	}
	return false
}

func isLooseSpan(loose []struct{ s, e int }, sp struct{ s, e int }) bool {
	for _, l := range loose {
		if l == sp {
			return true
		}
	}
	return false
}

// compoundTail reports whether lw ends in the concept word w (or its
// singular: shelf for shelves) of five letters or more, after a head of
// four or more (book|shelf, not dis|count). It does not allocate: it runs
// on the names of files that do not mention the concept.
func compoundTail(lw, w string) bool {
	tail := func(stem, end string) bool {
		n := len(stem) + len(end)
		return n >= 5 && len(lw)-n >= 4 && strings.HasSuffix(lw, end) && strings.HasSuffix(lw[:len(lw)-len(end)], stem)
	}
	switch {
	case tail(w, ""):
		return true
	case strings.HasSuffix(w, "ves") && len(w) >= 6:
		return tail(w[:len(w)-3], "f") || tail(w[:len(w)-3], "fe")
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return tail(w[:len(w)-1], "")
	}
	return false
}

func lowerASCII(b []byte) string {
	out := make([]byte, len(b))
	for i, c := range b {
		if isUpper(c) {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out)
}

func popcount(m uint16) int {
	n := 0
	for ; m != 0; m &= m - 1 {
		n++
	}
	return n
}

func (a *analyzer) hasIdent(id []byte) bool {
	for i := range a.identEnds {
		if bytes.Equal(a.identAt(i), id) {
			return true
		}
	}
	return false
}

// identAt is the i-th identifier of the file (see idents); it is valid
// until the next file is analysed.
func (a *analyzer) identAt(i int) []byte {
	start := 0
	if i > 0 {
		start = a.identEnds[i-1]
	}
	return a.identBuf[start:a.identEnds[i]]
}

func (a *analyzer) resetIdents() {
	a.identBuf, a.identEnds = a.identBuf[:0], a.identEnds[:0]
}

// identAround returns the identifier (letters, digits, _) holding [s, e).
// privateName reports whether the identifier holding b[s] begins with an
// underscore: private by convention (Python's _helper, C#'s _field, a
// script's _method), where a leading underscore is no word separator.
func privateName(b []byte, s int) bool {
	for n := 0; s > 0 && n < maxToken && (isAlnum(b[s-1]) || b[s-1] == '_'); n++ {
		s--
	}
	return s < len(b) && b[s] == '_'
}

func identAround(b []byte, s, e int) []byte {
	isID := func(c byte) bool { return isAlnum(c) || c == '_' }
	for s > 0 && isID(b[s-1]) && e-s < maxToken {
		s--
	}
	for e < len(b) && isID(b[e]) && e-s < 2*maxToken {
		e++
	}
	return b[s:e]
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
	// -1 if none), and defAt is where the definition starts: shown is
	// its text, made only for the definitions kept.
	nameStart, nameEnd, defAt int
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
	if ns, ne, at := lg.DefinitionAt(line); ns >= 0 {
		lf.nameStart, lf.nameEnd, lf.defAt = lf.start+ns, lf.start+ne, lf.start+at
	}
	return lf
}

// isGenerated looks for the conventional marker in the head of the file.
// It runs for every file that mentions the concept: the four markers other
// than DO NOT EDIT all hold "generated", which few heads do, so most files
// cost two scans of their head, not five (5% of a search's CPU when most
// files mention the concept).
func isGenerated(data []byte) bool {
	head := data[:min(len(data), 1024)]
	if bytes.Contains(head, []byte("DO NOT EDIT")) {
		return true
	}
	if !bytes.Contains(head, []byte("generated")) {
		return false
	}
	return bytes.Contains(head, []byte("@generated")) || bytes.Contains(head, []byte("autogenerated")) ||
		bytes.Contains(head, []byte("Code generated by")) || bytes.Contains(head, []byte("auto-generated"))
}

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
	var b []byte
	if from > 0 {
		b = append(b, "…"...)
	}
	clean := func(seg []byte) []byte {
		return []byte(stringsToValid(bytes.ReplaceAll(seg, []byte("\t"), []byte("    "))))
	}
	var out [][2]int
	pos := from
	for _, sp := range spans {
		s, e := max(sp[0], from), min(sp[1], to)
		if s >= e || s < pos {
			continue
		}
		b = append(b, clean(line[pos:s])...)
		hs := len(b)
		b = append(b, clean(line[s:e])...)
		out = append(out, [2]int{hs, len(b)})
		pos = e
	}
	b = append(b, clean(line[pos:to])...)
	if to < len(line) {
		b = append(b, "…"...)
	}
	return string(b), out
}

func stringsToValid(b []byte) string { return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))) }

// nextChunk returns the end of the chunk that starts at start: about
// analyzeChunk bytes, ending after a newline (or at the end of the file).
func (a *analyzer) nextChunk(b []byte, start int) int {
	end := start + analyzeChunk
	if end >= len(b) {
		return len(b)
	}
	if i := bytes.IndexByte(b[end:], '\n'); i >= 0 {
		return end + i + 1
	}
	return len(b)
}
