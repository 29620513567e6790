package validate

import (
	"bytes"
	"path/filepath"
	"sync"

	"github.com/handbook-dev/handbook/workspace/lang"
	"github.com/handbook-dev/handbook/workspace/walk"
)

// prefetch reads, before the checks, each file the references of refs
// will read (see checkRef), one file after another into a buffer each
// worker reuses, and works out from its text what the checks ask of it
// when the references hold: its number of lines, the cited lines, where a
// name is mentioned, whether an imported name is defined. The checks then
// find those answers known, as from the cited files' cache, and the text
// itself is dropped (read again if a question nobody foresaw needs it).
//
// Kept in memory until the checks, every cited file's text was new memory
// for each run, which the kernel faults in and zeroes page by page: 7% of
// a first run on 64 entries citing 124 files (1.3 MB), and most of what
// reading them cost. A file with a reference that does not hold (a name
// missing from its lines, lines past its end) keeps its text: the checks
// look further in it. With wholeRepo (the checks look for a name that
// left its place in every source file: drift's runs), once one has, every
// file read after it keeps its text too: the checks are then likely to
// list the definitions of every source file, which would read the dropped
// ones again. Without it they look only below the cited file's or
// module's folder, so the files after it are read as before it (in part,
// into the reused buffer, dropped): a first run of polar's 64 recent
// entries (97 findings), which read most of its cited files whole and kept
// them, takes 0.91x the time.
func (x *repoIndex) prefetch(refs [][]Ref, wholeRepo bool) {
	byPath := map[string][]*Ref{}
	var paths []string
	for _, rs := range refs {
		for i := range rs {
			r := &rs[i]
			if r.Line == 0 && r.Symbol == "" || r.Path == "" {
				continue // the checks read no file for it
			}
			if _, ok := byPath[r.Path]; !ok {
				paths = append(paths, r.Path)
			}
			byPath[r.Path] = append(byPath[r.Path], r)
		}
	}
	if len(paths) == 0 {
		return
	}
	x.srcMu.Lock()
	if len(x.srcs) == 0 {
		// Room for the cited files: grown file by file, under the lock
		// both workers take, the map was most of srcOf's time.
		x.srcs = make(map[string]*codeFile, len(paths))
	}
	x.srcMu.Unlock()
	var bufs sync.Pool // *[]byte: a worker's buffer
	parallel(len(paths), func(i int) {
		f := x.codeFile(paths[i])
		if f == nil {
			return // not a file git lists: the checks read nothing either
		}
		buf, _ := bufs.Get().(*[]byte)
		if buf == nil {
			buf = new([]byte)
		}
		f.readOnce.Do(func() { x.load(f, byPath[paths[i]], buf, wholeRepo) })
		bufs.Put(buf)
	})
}

// codeFile is the index's record of the cited file rel, made on first
// need and not read yet; nil for folders, symlinks and files git does
// not list, which are never read.
func (x *repoIndex) codeFile(rel string) *codeFile {
	if x.kind(rel) != walk.RegularFile {
		return nil
	}
	return x.srcOf(rel)
}

// srcOf is the run's codeFile of rel, made on first use.
func (x *repoIndex) srcOf(rel string) *codeFile {
	x.srcMu.Lock()
	defer x.srcMu.Unlock()
	f, ok := x.srcs[rel]
	if !ok {
		f = &codeFile{path: rel}
		x.srcs[rel] = f
	}
	return f
}

// load reads f (once: under f.readOnce): from the cited files' cache when
// it knows the file as it is, from the definitions index's text when that
// read it, else from the file. With refs, the references that cite it,
// the file is read into *buf, the questions refs ask of a text that holds
// are answered (see prefetch), and the text is kept only when the checks
// will look further in it (and, with wholeRepo, once one did, every file
// read after: see prefetch); buf keeps the larger buffer.
func (x *repoIndex) load(f *codeFile, refs []*Ref, buf *[]byte, wholeRepo bool) {
	// f.path is clean (cleanRepoPath), so joining needs no filepath.Clean.
	f.abs = x.root + string(filepath.Separator) + filepath.FromSlash(f.path)
	f.in = openIn{probe: x.madeProbe(), rel: f.path}
	if e := x.citedCache().lookup(f.path, func() fileKey { return x.keyOf(f.path, f.abs) }); e != nil {
		f.lines, f.binary, f.large, f.key, f.memo, f.cached = e.lines, e.binary, e.large, e.key, e.memo, true
		return
	}
	if src, key, ok := x.sourceText(f.path); ok {
		f.use(src, key)
		return
	}
	if x.cacheStore().dir == "" {
		// No key is kept: the probe's stat of the path stands for the
		// open file's (a change since is found as the file is read).
		f.in.stat = x.statOf(f.path)
	}
	if buf == nil || x.keepTexts.Load() {
		f.read() // its own memory, the size of the file: the text is kept
		return
	}
	if citedReadHook != nil {
		citedReadHook(f.path)
	}
	if *buf == nil {
		*buf = make([]byte, 0, minPrefetchBuf)
	}
	// Read up to the last line cited and the first line where each name
	// cited without lines is mentioned or defined, when no cache will keep
	// the file's answers (a first run, or CI's): where the references
	// hold, nothing else is asked of the file.
	upTo, goal := -1, (*partGoal)(nil)
	if x.cacheStore().dir == "" {
		goal = newPartGoal(f.path, refs)
		if goal != nil {
			upTo = goal.lines
		}
	}
	var enough func([]byte) bool
	if goal != nil {
		enough = goal.enough
	}
	src, key, whole, ok := readCodePart(f.abs, f.in, maxCodeFile, *buf, upTo, enough)
	if !ok {
		f.key, f.fresh, f.large = key, true, true
		f.loaded.Store(true)
		return
	}
	t := &codeFile{path: f.path}
	partial := !whole && !looksBinary(src) // a binary file's lines are not counted
	if partial {
		// As if the file ended with the last whole line read: the lines
		// asked for are the same, and none is past it.
		t.use(src[:bytes.LastIndexByte(src, '\n')+1], key)
	} else {
		t.use(src, key)
		goal = nil // the whole text answers
	}
	needsText := t.answer(refs, goal)
	if needsText && partial {
		// A reference does not hold: the checks look further, in the
		// whole text, as when it was read whole.
		src, key, _, ok = readCodePart(f.abs, f.in, maxCodeFile, src[:0], -1, nil)
		if !ok {
			f.key, f.fresh, f.large = key, true, true
			f.loaded.Store(true)
			return
		}
		t, partial = &codeFile{path: f.path}, false
		t.use(src, key)
		t.answer(refs, nil)
	}
	if needsText && wholeRepo {
		x.keepTexts.Store(true)
	}
	if (needsText || x.keepTexts.Load()) && !partial {
		f.use(src, key)
		f.memo = t.memo // its lines are slices of src, which f keeps
		*buf = nil      // src is f's now
		return
	}
	// Dropped (a part is never kept: text is the whole file's).
	f.lines, f.binary, f.key, f.fresh, f.partial = t.lines, t.binary, key, true, partial
	f.memo = fileMemo{lines: cloneLines(t.memo.lines), answers: t.memo.answers}
	f.seen = t.seen
	f.cached = true // text() reads it again if a question needs it
	if cap(src) > cap(*buf) {
		*buf = src[:0]
	}
}

// statOf is the probe's lstat data of rel (FileInfo.Sys) when it found a
// regular file there this run, else nil.
func (x *repoIndex) statOf(rel string) any {
	e, _ := x.kinds.Get(rel)
	return e.stat
}

// partGoal is what a file's references ask of it when they hold, so
// that a first run may read it only up to where that is answered: its
// lines up to the last one cited, a line mentioning each name cited next
// to it without lines (the check is that the file mentions it), a line
// defining each name imported from it (the check is that the module
// defines it). What a part shows holds of the whole file: each is a
// question about one whole line (hasWord, lang's Defines, which judges a
// line alone: a decorator or a definition's later lines change nothing).
// Only those answers are taken from a part; a name the part does not show
// is looked for in the whole file (it may be further, or nowhere: either
// answer is the whole file's), and so is every other question (all the
// mentions of a name, all its definitions).
type partGoal struct {
	lines int // the last line cited, 0 when none
	lang  *lang.Lang
	wants []partWant
	from  int // the bytes of whole lines looked through already
}

// partWant is a name a part must show mentioned, or defined.
type partWant struct {
	name    string
	defined bool // a line must define it, not only mention it
	found   bool
}

// newPartGoal is the goal of refs, the references that cite the file
// rel; nil when one asks about the whole file (a name resolved to its
// definition, a name imported from a file of no language whose
// definitions are known: the checks read it all).
func newPartGoal(rel string, refs []*Ref) *partGoal {
	g := &partGoal{}
	for _, r := range refs {
		switch {
		case r.Kind == refPath && r.Line > 0:
			g.lines = max(g.lines, r.Line, r.EndLine)
		case r.Kind == refPath && r.Symbol != "":
			g.want(lastPart(r.Symbol), false)
		case r.Kind == refImport && r.Symbol != "":
			if g.lang == nil {
				g.lang = lang.Of(rel)
			}
			if !g.lang.HasDefinitions() {
				return nil
			}
			g.want(lastPart(r.Symbol), true)
		default:
			return nil
		}
	}
	return g
}

func (g *partGoal) want(name string, defined bool) {
	for _, w := range g.wants {
		if w.name == name && w.defined == defined {
			return
		}
	}
	g.wants = append(g.wants, partWant{name: name, defined: defined})
}

// enough reports whether read, the start of the file, holds a line that
// answers each name wanted (readCodePart asks once it holds the lines).
// Each call looks only through the whole lines it has not seen. A
// file git calls binary is asked nothing: any start of it is enough.
func (g *partGoal) enough(read []byte) bool {
	if len(g.wants) == 0 || looksBinary(read) {
		return true
	}
	part := read[:bytes.LastIndexByte(read, '\n')+1]
	if len(part) <= g.from {
		return false
	}
	done := true
	for i := range g.wants {
		w := &g.wants[i]
		if !w.found {
			w.found = g.shows(part[g.from:], w)
		}
		done = done && w.found
	}
	g.from = len(part)
	return done
}

// shows reports whether the whole lines of src answer w.
func (g *partGoal) shows(src []byte, w *partWant) bool {
	if w.defined {
		return g.lang.Defines(src, w.name)
	}
	found := false
	lang.LinesWith(src, w.name, func(_ int, line []byte) {
		found = found || hasWord(line, w.name)
	})
	return found
}

// shown reports whether a part read showed name mentioned (defined false)
// or defined.
func (g *partGoal) shown(name string, defined bool) bool {
	for _, w := range g.wants {
		if w.name == name && w.defined == defined {
			return w.found
		}
	}
	return false
}

// minPrefetchBuf is the least a worker's buffer holds: most cited files
// fit, so it is rarely grown (each growth is new memory again).
const minPrefetchBuf = 128 << 10

// answer asks of t, a file's text, what checkRef asks of it for refs when
// they hold, so that the answers are known; true when a reference does not
// hold, or an answer is too long to keep: the checks will read the text.
// With part, t is the start of the file that part read, and the names it
// showed are the answers (see partGoal): a name mentioned is kept in seen,
// never as the list of the lines that mention it (the whole file may have
// more); one defined is the answer to defines, which the part gives as the
// whole file would.
func (t *codeFile) answer(refs []*Ref, part *partGoal) (needsText bool) {
	if t.binary {
		return false // nothing is asked of a binary file
	}
	for _, r := range refs {
		name := lastPart(r.Symbol)
		switch {
		case part != nil && r.Kind == refPath && r.Line == 0 && r.Symbol != "":
			if !part.shown(name, false) {
				needsText = true
				continue
			}
			if t.seen == nil {
				t.seen = map[string]bool{}
			}
			t.seen[name] = true
		case part != nil && r.Kind == refImport && r.Symbol != "":
			if !part.shown(name, true) {
				needsText = true
				continue
			}
			t.ask(question('d', name, 0), func() []int { return boolAnswer(true) })
		case r.Kind == refPath && r.Line > 0:
			if r.EndLine < r.Line {
				continue // reported as it is written
			}
			if r.Line > t.lines || r.EndLine > t.lines {
				needsText = needsText || r.Symbol != "" // symbolFix looks for it
				continue
			}
			if r.Symbol == "" {
				continue
			}
			found := false
			for n := r.Line; n <= r.EndLine && !found; n++ {
				line := t.line(n)
				found = hasWord(line, name)
				needsText = needsText || len(line) > maxCachedLine
			}
			needsText = needsText || !found
		case r.Kind == refPath && r.Symbol != "":
			needsText = needsText || len(t.mentions(name)) == 0 || !t.knows(question('m', name, 0))
		case r.Kind == refImport && r.Symbol != "":
			needsText = needsText || !t.defines(name)
		}
	}
	return needsText
}

// knows reports whether the answer to q is kept (see ask).
func (t *codeFile) knows(q string) bool {
	_, ok := t.memo.answers[q]
	return ok
}

// cloneLines copies lines, slices of a buffer about to be reused, into one
// block of memory.
func cloneLines(lines map[int][]byte) map[int][]byte {
	if len(lines) == 0 {
		return lines
	}
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	block := make([]byte, 0, n)
	out := make(map[int][]byte, len(lines))
	for k, l := range lines {
		at := len(block)
		block = append(block, l...)
		out[k] = block[at:len(block):len(block)]
	}
	return out
}
