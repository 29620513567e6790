package validate

import (
	"bytes"
	"net/url"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/lang"
	"github.com/handbook-dev/handbook/workspace/walk"

	"github.com/handbook-dev/handbook/internal/shardmap"
)

// refKind says how an entry refers to code.
type refKind uint8

const (
	refPath   refKind = iota // a path in inline code or a link target
	refImport                // a module imported in a code fence
	refName                  // a name in inline code, resolved through definitions
)

// pathForm is how the path of a reference is written, so --fix can write
// a moved path the same way.
type pathForm uint8

const (
	formPlain    pathForm = iota // inline code: the repository path
	formRelative                 // a link relative to the entry's folder
	formURL                      // a link to the repository's web page
	formNone                     // not rewritable (imports, names)
)

// Ref is one reference from an entry to the repository's code.
type Ref struct {
	Kind refKind
	// Start and End are the reference's text in Src (a code span's
	// content, a link target, an imported module); findings point at Start.
	Start, End int
	Path       string // repository path, forward slashes
	Dir        bool   // a folder
	// Line and EndLine are the lines cited (EndLine == Line for one line);
	// 0 when none. For a name they are the definition's extent.
	Line, EndLine int
	// LineStart/LineEnd are the byte range in Src of the cited lines'
	// text ("42", "10-20", "L10-L20"), -1 when none or not rewritable.
	LineStart, LineEnd int
	lineStyle          byte // ':' for path:10-20, '#' for #L10-L20, 'g' for GitLab's #L10-20
	// PathStart/PathEnd are the path's text in Src, for a moved path.
	PathStart, PathEnd int
	form               pathForm
	// Symbol is the name the entry gives with the reference: next to a
	// path, imported from a module, or the name itself.
	Symbol string
	Module string // the imported module, for messages
	// symbolAt is where an imported name is written, for its finding.
	symbolAt int
	// maybe: the path does not exist and neither does its folder. It is a
	// reference only if git history shows it was there (deleted or moved
	// since); else it is an example path, not a reference.
	maybe bool
}

// repoIndex is what reference checks know about the repository: which
// paths git lists (so ignored files are never references), the files
// entries cite, and, built only on need, the list of every file and every
// definition. One index serves every entry of a run.
//
// Most questions are about the few paths entries cite, and are answered
// path by path (walk.Probe reads only the folders on the way): lint
// without drift must stay as fast as it was before references, and a
// whole-repository walk alone cost a quarter of it. Only the questions
// about all files — a file of the same name elsewhere, the unique
// definition of a bare name, a TS/JS import by suffix — walk everything,
// once.
type repoIndex struct {
	root   string
	gitDir string // "" outside a repository

	probeOnce sync.Once
	probe     *walk.Probe // use prober()
	probeMade atomic.Bool // probe is set (see madeProbe)

	// kinds are what the probe said, by path, with its lstat data
	// (FileInfo.Sys) of the paths it found regular files, which a first
	// run's reads take for fstat's (see load).
	kinds shardmap.Map[kindOf]

	listOnce     sync.Once
	listDone     atomic.Bool    // list is set
	list         []listed       // every file git lists (listing), sorted unless listUnsorted
	listUnsorted bool           // list is in the walk's order: it was not kept in the cache
	listInputs   []listingInput // what list rests on, to keep it; nil: not kept
	byBaseOnce   sync.Once
	byBase       *nameIndex // list by file name (sameName)

	py pyResolver

	probeLog probeLog // what the probe read, when a cache can be kept
	subtrees subtrees // folders' files (refsubtree.go)

	defs defsIndex

	srcMu sync.Mutex
	srcs  map[string]*codeFile
	// keepTexts: a cited file's reference does not hold, so prefetch
	// keeps the text of the files it reads from then on.
	keepTexts atomic.Bool

	rootOnce sync.Once
	rootFd   rootDir // the root folder, held open for stat data (Linux)

	storeOnce sync.Once
	store     *cacheStore
	cacheOnce sync.Once
	cache     *citedCache

	defsCacheOnce sync.Once
	defsCached    *defsCache

	pathsOnce sync.Once
	paths     *pathsCache

	remoteOnce sync.Once
	remote     *url.URL // origin's web address; nil when unknown
	ws         *workspace.Workspace

	// handbook and section are the handbook's and the section's folders
	// from the root ("" when none); rels are entries' paths from the root.
	handbook, section string
	rels              sync.Map // absolute path → path from the root
}

// rel is ws.Rel(abs), worked out once per entry (filepath.Rel cleans both
// paths every time).
func (x *repoIndex) rel(abs string) string {
	if r, ok := x.rels.Load(abs); ok {
		return r.(string)
	}
	r := x.ws.Rel(abs)
	x.rels.Store(abs, r)
	return r
}

// defAt is a definition somewhere in the repository.
type defAt struct {
	path      string
	line, end int
}

// codeFile is a referenced file, read once, or known from the cited
// files' cache (refcache.go) without reading it until a question the cache
// cannot answer needs its text.
type codeFile struct {
	src []byte // use text(): nil until needed when cached
	// lines is the number of lines, or when partial a number of lines the
	// file has at least: ask hasLine and lineCount, never lines itself.
	lines  int
	binary bool
	large  bool // over maxCodeFile: not read, lines unknown
	path   string
	abs    string
	in     openIn  // where it is opened (in its folder, when the probe holds it)
	key    fileKey // stat data as read; zero: not cached

	readOnce sync.Once
	cached   bool // lines, binary and large came from the cache
	// partial: the file was read up to its last cited line only (see
	// prefetch), and lines is that line or past it; the whole count is
	// worked out from the whole text when asked for (countOnce, count).
	partial   bool
	countOnce sync.Once
	count     int
	loaded    atomic.Bool // read from the file (not the cache): src is set
	textOnce  sync.Once

	mu    sync.Mutex
	memo  fileMemo // lines and answers known, kept in the cache
	fresh bool     // memo gained something this run
	// seen: names a part read (see partGoal) showed mentioned as a word;
	// never kept, and never the answer to mentions, which lists every line.
	seen map[string]bool

	startsMu sync.Mutex
	// markLine starts at markOff: the line line was last asked for.
	markLine, markOff int
}

// maxCodeFile bounds how much of a referenced file is read.
const maxCodeFile = 16 << 20

// maxDefFile bounds the files the definition index reads; larger source
// files are generated or vendored.
const maxDefFile = 1 << 20

func newRepoIndex(ws *workspace.Workspace) *repoIndex {
	x := &repoIndex{root: ws.Root, ws: ws, srcs: map[string]*codeFile{}}
	x.py.x = x
	if ws.Handbook != "" {
		x.handbook = ws.Rel(ws.Handbook)
	}
	x.section = ws.Rel(ws.Section)
	x.gitDir = walk.GitDirOf(ws.Root)
	return x
}

// prober is the probe, made on first need: a run whose cited paths the
// paths cache answers never reads the index or the ignore files. The
// index's Python packages give the source roots (see pyResolver); the
// probe reads the index anyway. nil when the root cannot be read.
func (x *repoIndex) prober() *walk.Probe {
	x.probeOnce.Do(func() {
		if probeHook != nil {
			probeHook("") // made
		}
		var opts walk.Options
		if x.cacheStore().dir != "" {
			l := &x.probeLog
			l.repo, l.later = map[string]bool{}, map[string]bool{}
			opts.Inputs = l.note
		}
		x.probe, _ = walk.NewProbe(x.root, opts, x.py.keep)
		x.probeLog.mu.Lock()
		x.probeLog.made = true
		x.probeLog.mu.Unlock()
		if x.probe != nil {
			x.py.read.inits = x.probe.Kept()
		}
		x.probeMade.Store(true)
	})
	return x.probe
}

// madeProbe is the probe when it was made already, else nil: it is not
// made for it (a warm run whose paths the cache answered reads no index).
func (x *repoIndex) madeProbe() *walk.Probe {
	if !x.probeMade.Load() {
		return nil
	}
	return x.probe
}

// prepare makes what resolving the first reference needs: the paths
// cache, and when that knows no path (a first run), the probe.
func (x *repoIndex) prepare() {
	if len(x.pathsCache().entries) == 0 {
		x.prober()
	}
}

// probeHook, when set (by tests), is called as the probe is made (with
// "") and as it is asked about a path.
var probeHook func(rel string)

// kind says what git lists at rel: a file, a symlink, a folder holding
// listed files, or nothing.
func (x *repoIndex) kind(rel string) walk.Kind {
	if e, ok := x.kinds.Get(rel); ok {
		return e.kind
	}
	c := x.pathsCache()
	var st any
	k, ok := c.answer(rel)
	if !ok {
		p := x.prober()
		if p == nil {
			return walk.Missing
		}
		if probeHook != nil {
			probeHook(rel)
		}
		var fi os.FileInfo
		k, fi = p.LookupInfo(rel)
		c.noteStat(rel, fi)
		c.record(rel, k)
		if k == walk.RegularFile && fi != nil {
			st = fi.Sys()
		}
	}
	x.kinds.Set(rel, kindOf{kind: k, stat: st})
	return k
}

// kindOf is the probe's answer at a path, and its lstat data
// (FileInfo.Sys) of a regular file (else nil).
type kindOf struct {
	kind walk.Kind
	stat any
}

// exists reports whether rel is a file or folder git lists.
func (x *repoIndex) exists(rel string) (ok, dir bool) {
	switch x.kind(rel) {
	case walk.Missing:
		return false, false
	case walk.Folder:
		return true, true
	}
	return true, false
}

// isDir reports whether rel is a folder holding files git lists.
func (x *repoIndex) isDir(rel string) bool { return x.kind(rel) == walk.Folder }

// cleanRepoPath turns a path as written into a repository path, or ""
// when it is not one: absolute, escaping the repository, or empty.
func cleanRepoPath(p string) string {
	if p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") || strings.ContainsRune(p, 0) {
		return ""
	}
	c := p
	if !isCleanPath(p) {
		c = path.Clean(p)
	}
	if c == "." || c == ".." || strings.HasPrefix(c, "../") {
		return ""
	}
	return c
}

// isCleanPath reports that path.Clean would leave p as it is: no empty,
// "." or ".." segment and no trailing slash, as most cited paths are. A
// false answer only means p goes to path.Clean.
func isCleanPath(p string) bool {
	if p == "" || p[len(p)-1] == '/' {
		return false
	}
	seg := 0 // where the current segment starts
	for i := 0; i <= len(p); i++ {
		if i < len(p) && p[i] != '/' {
			continue
		}
		switch p[seg:i] {
		case "", ".", "..":
			return false
		}
		seg = i + 1
	}
	return true
}

// plausible decides whether a path that git does not list is a reference
// that is broken, or not a reference at all: it is one when its top folder
// exists in the repository and nothing on its way is ignored or a symlink.
func (x *repoIndex) plausible(rel string) bool {
	top, _, found := strings.Cut(rel, "/")
	return found && x.isDir(top) && !x.unlisted(rel)
}

// unlisted reports whether a path git does not list is on disk anyway
// (ignored, like .venv/...), or lies behind a symlink or a file. It looks
// from the root down with Lstat and stops at the first missing part, so no
// symlink is ever followed.
func (x *repoIndex) unlisted(rel string) bool {
	c := x.pathsCache()
	for i := 0; i <= len(rel); i++ {
		if i < len(rel) && rel[i] != '/' {
			continue
		}
		p := rel[:i]
		if k := x.kind(p); k == walk.RegularFile || k == walk.Symlink {
			return true // a file (or symlink) used as a folder
		}
		there, dir := c.lstatDir(p)
		if !there {
			return false // missing from here on
		}
		if !dir || !x.isDir(p) {
			return true
		}
	}
	return true
}

// file reads a referenced file once; nil for folders, symlinks and files
// git does not list, which are never read.
func (x *repoIndex) file(rel string) *codeFile {
	f := x.codeFile(rel)
	if f == nil {
		return nil
	}
	// Read outside the index's lock: the entries' workers read their
	// files in parallel, and wait only for a file another one is reading.
	f.readOnce.Do(func() { x.load(f, nil, nil, false) })
	return f
}

// listedFile is file of a path the walk yields as a regular file, whose
// kind is not asked again.
func (x *repoIndex) listedFile(rel string) *codeFile {
	f := x.srcOf(rel)
	f.readOnce.Do(func() { x.load(f, nil, nil, false) })
	return f
}

// keyOf is the stat data of the file rel (at abs): those the paths cache
// took this run when it has them, else lstat's.
func (x *repoIndex) keyOf(rel, abs string) fileKey {
	if st, ok := x.pathsCache().stat(rel); ok {
		return st.fileKey()
	}
	return lstatKey(abs)
}

// citedCache is the cited files' cache, read on first use.
func (x *repoIndex) citedCache() *citedCache {
	x.cacheOnce.Do(func() { x.cache = openCitedCache(x.cacheStore()) })
	return x.cache
}

// cacheStore is where the run's caches are kept, found on first use.
func (x *repoIndex) cacheStore() *cacheStore {
	x.storeOnce.Do(func() { x.store = openCacheStore(x.gitDir, x.root) })
	return x.store
}

// saveCache writes back the caches of what this run learnt (refcache.go).
func (x *repoIndex) saveCache() {
	x.srcMu.Lock()
	defer x.srcMu.Unlock()
	if len(x.srcs) > 0 {
		x.citedCache().save(x.srcs)
	}
	x.saveDefs()
	x.saveListing()
	x.saveSubtrees()
	if x.paths != nil {
		x.paths.save()
	}
}

// citedReadHook, when set (by tests), is called as a cited file is read.
var citedReadHook func(rel string)

func (f *codeFile) read() {
	if citedReadHook != nil {
		citedReadHook(f.path)
	}
	src, key, _, ok := readCodePart(f.abs, f.in, maxCodeFile, nil, -1, nil)
	if !ok {
		f.key, f.fresh, f.large = key, true, true // unreadable or too large: nothing can be said about its lines
		f.loaded.Store(true)
		return
	}
	f.use(src, key)
}

// use takes src, read with stat data key, as the file's text.
func (f *codeFile) use(src []byte, key fileKey) {
	f.src, f.key, f.fresh = src, key, true
	if looksBinary(src) {
		f.binary = true
	} else if len(src) > 0 {
		f.lines = bytes.Count(src[:len(src)-1], []byte("\n")) + 1
	}
	f.loaded.Store(true)
}

// hasLine reports whether the file has a line n (n >= 1): without reading
// it when the lines read so far include n.
func (f *codeFile) hasLine(n int) bool {
	return n <= f.lines || f.partial && n <= f.lineCount()
}

// lineCount is the file's number of lines; a file read only up to its
// last cited line is read whole for it, once.
func (f *codeFile) lineCount() int {
	if !f.partial {
		return f.lines
	}
	f.countOnce.Do(func() {
		src := f.text()
		n := 0
		if len(src) > 0 {
			n = bytes.Count(src[:len(src)-1], []byte("\n")) + 1
		}
		// Changed since it was first read: the lines told before stay
		// (as text's), so no answer of the run says fewer lines than
		// another.
		f.count = max(n, f.lines)
	})
	return f.count
}

// text is the file's content, read now if the cache answered for it so
// far. Only a text file's (not large, not binary) is asked for.
func (f *codeFile) text() []byte {
	f.textOnce.Do(func() {
		if f.cached {
			if citedReadHook != nil {
				citedReadHook(f.path)
			}
			// Changed since it was stat'ed: the lines told before stay, and
			// line and lineStart never go past the text's end.
			f.src, _, _, _ = readCodePart(f.abs, f.in, maxCodeFile, nil, -1, nil)
		}
	})
	return f.src
}

// line returns line n (1-based) of a file. Its start is found by
// counting newlines a block at a time (bytes.Count runs on vector
// instructions) up to the block that holds it, then newline by newline;
// where the last line asked for starts is kept, since the cited lines of a
// reference are asked in order.
func (f *codeFile) line(n int) []byte {
	if n < 1 || !f.hasLine(n) {
		return nil
	}
	f.mu.Lock()
	t, ok := f.memo.lines[n]
	f.mu.Unlock()
	if ok {
		return t
	}
	src := f.text()
	off := f.lineStart(n)
	end := len(src)
	if k := bytes.IndexByte(src[off:], '\n'); k >= 0 {
		end = off + k
	}
	t = src[off:end]
	if len(t) <= maxCachedLine {
		f.mu.Lock()
		if f.memo.lines == nil {
			f.memo.lines = map[int][]byte{}
		}
		f.memo.lines[n], f.fresh = t, true
		f.mu.Unlock()
	}
	return t
}

// lineStart is the offset where line n (1 to f.lines+1, the end) starts
// in f.src, which the caller has read (text).
func (f *codeFile) lineStart(n int) int {
	if n > f.lineCount() {
		return len(f.src)
	}
	const block = 1024
	f.startsMu.Lock()
	defer f.startsMu.Unlock()
	if f.markLine > n && f.markLine-n < n {
		// Nearer the line last asked for than the start: back from there
		// (nearestDefinition widens its window around a line, asking each
		// time for a line before the last it asked for; from the start,
		// each was a count of the newlines of most of a large file).
		off := f.lineStartBefore(n)
		f.markLine, f.markOff = n, off
		return off
	}
	ln, off := 1, 0 // off lies in line ln; it starts it until the loop moves on
	if f.markLine >= 1 && f.markLine <= n {
		ln, off = f.markLine, f.markOff
	}
	for ln < n {
		end := off + block
		if end >= len(f.src) {
			break
		}
		c := bytes.Count(f.src[off:end], []byte("\n"))
		if ln+c >= n {
			break // the block holds line n's start
		}
		ln, off = ln+c, end
	}
	for ln < n {
		k := bytes.IndexByte(f.src[off:], '\n')
		if k < 0 {
			break // the text changed since its lines were counted
		}
		off += k + 1
		ln++
	}
	f.markLine, f.markOff = n, off
	return off
}

// lineStartBefore is lineStart of a line n before f.markLine, found
// going back from where that one starts: line n starts after the
// (markLine-n+1)th newline before it, counted a block at a time and then
// newline by newline. f.startsMu is held.
func (f *codeFile) lineStartBefore(n int) int {
	const block = 1024
	need := f.markLine - n + 1
	end := f.markOff // the newlines are looked for in f.src[:end]
	for end > block {
		c := bytes.Count(f.src[end-block:end], []byte("\n"))
		if c >= need {
			break // the block holds line n's start
		}
		need -= c
		end -= block
	}
	for ; need > 0; need-- {
		k := bytes.LastIndexByte(f.src[:end], '\n')
		if k < 0 {
			return 0 // line 1 (or the text changed since its lines were counted)
		}
		end = k
	}
	return end + 1
}

// nearestDefinition is the line of the definition of name nearest to
// line (the earlier of two as near), looked for in widening windows around
// line before the whole file: a symbol that moved is most often near
// where it was. The window holds every line within w of line, so a
// definition found in it is nearer than any outside.
func (f *codeFile) nearestDefinition(name string, line int) (int, bool) {
	at := f.ask(question('n', name, line), func() []int {
		if at, ok := f.nearestDefinitionIn(f.text(), name, line); ok {
			return []int{at}
		}
		return []int{}
	})
	if len(at) == 0 {
		return 0, false
	}
	return at[0], true
}

func (f *codeFile) nearestDefinitionIn(src []byte, name string, line int) (int, bool) {
	l := lang.Of(f.path)
	for w := 64; ; w *= 4 {
		lo, hi := max(1, line-w), min(f.lineCount(), line+w)
		if lo <= hi {
			from := f.lineStart(lo)
			at, found := 0, false
			for _, n := range l.DefinedAt(src[from:f.lineStart(hi+1)], name) {
				n += lo - 1
				if !found || abs(n-line) < abs(at-line) {
					at, found = n, true
				}
			}
			if found {
				return at, true
			}
		}
		if lo == 1 && hi == f.lineCount() {
			return 0, false
		}
	}
}

// mentions returns the lines (1-based) where name occurs as a word.
func (f *codeFile) mentions(name string) []int {
	return f.ask(question('m', name, 0), func() []int {
		out := []int{}
		lang.LinesWith(f.text(), name, func(n int, line []byte) {
			if hasWord(line, name) {
				out = append(out, n)
			}
		})
		return out
	})
}

// mentioned reports whether name occurs as a word in the file: known
// without its text when the part a first run read showed it.
func (f *codeFile) mentioned(name string) bool {
	f.mu.Lock()
	seen := f.seen[name]
	f.mu.Unlock()
	return seen || len(f.mentions(name)) > 0
}

// defines reports whether the file defines name (lang's Defines).
func (f *codeFile) defines(name string) bool {
	return len(f.ask(question('d', name, 0), func() []int {
		return boolAnswer(lang.Of(f.path).Defines(f.text(), name))
	})) > 0
}

// hasWord reports whether name occurs in line as a whole identifier.
func hasWord(line []byte, name string) bool {
	for i := 0; ; {
		k := bytes.Index(line[i:], []byte(name))
		if k < 0 {
			return false
		}
		s, e := i+k, i+k+len(name)
		if (s == 0 || !isIdent(line[s-1])) && (e == len(line) || !isIdent(line[e])) {
			return true
		}
		i = s + 1
	}
}

func isIdent(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || isASCIILetter(c) || c >= 0x80
}

// remoteURL is the web address of the repository's origin, asked of git
// once and only when an entry links to a web page.
func (x *repoIndex) remoteURL() *url.URL {
	x.remoteOnce.Do(func() {
		web, err := x.ws.RemoteWeb()
		if err != nil {
			return
		}
		if u, err := url.Parse(web); err == nil {
			x.remote = u
		}
	})
	return x.remote
}

// resolve turns what an entry says into references. entry is the entry's
// repository path; bare says whether bare names are resolved (see
// Linter.bareNames).
func (x *repoIndex) resolve(d *Document, entry string, bare bool) []Ref {
	spans := d.spans()
	// Room for every reference the entry can make, so the list is not
	// grown and copied (a reference is 150 bytes; growing the lists of
	// 700 references was new memory faulted in, 1% of a first run).
	n := len(spans)
	for _, im := range d.imports() {
		n += max(len(im.names), 1)
	}
	refs := make([]Ref, 0, n)
	handbook := x.handbook
	var names []int // indexes of spans that may be names, resolved last
	pathOf := make([]int, len(spans))
	for i := range pathOf {
		pathOf[i] = -1
	}
	for i, s := range spans {
		var r Ref
		var ok bool
		if s.link {
			r, ok = x.linkRef(s, entry, handbook)
		} else {
			r, ok = x.codeRef(s)
		}
		if ok {
			pathOf[i] = len(refs)
			refs = append(refs, r)
			continue
		}
		if !s.link && isName(s.text) {
			names = append(names, i)
		}
	}
	// A name right before a path reference is the symbol it cites.
	named := map[int]bool{}
	for _, i := range names {
		if i+1 < len(spans) && pathOf[i+1] >= 0 && spans[i+1].joined {
			r := &refs[pathOf[i+1]]
			if r.Symbol == "" && !r.Dir {
				r.Symbol = rubyName(symbolName(spans[i].text), r.Path)
				named[i] = true
			}
		}
	}
	refs = x.importRefs(d, refs)
	// Bare names last: several definitions are told apart by the files
	// the entry already cites (only when bare names are resolved: else
	// nameRef reads none).
	var cited map[string]bool
	if bare {
		cited = make(map[string]bool, len(refs))
		for _, r := range refs {
			cited[r.Path] = true
		}
	}
	for _, i := range names {
		if named[i] {
			continue
		}
		if r, ok := x.nameRef(spans[i], cited, bare); ok {
			refs = append(refs, r)
		}
	}
	return refs
}

// isName reports whether inline code is a name, qualified or called:
// `X`, `a.b.C`, `f()` — ^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*(\(\))?$,
// tested by hand because every span of every entry is.
func isName(s string) bool {
	s = strings.TrimSuffix(s, "()")
	// A Ruby or Elixir predicate or bang method (valid?, save!): the mark
	// ends the name.
	if n := len(s); n > 1 && (s[n-1] == '?' || s[n-1] == '!') {
		s = s[:n-1]
	}
	for {
		if s == "" || !(isASCIILetter(s[0]) || s[0] == '_' || s[0] == '$') {
			return false
		}
		i := 1
		for i < len(s) && (isASCIILetter(s[i]) || s[i] == '_' || s[i] == '$' || s[i] >= '0' && s[i] <= '9') {
			i++
		}
		if i == len(s) {
			return true
		}
		if s[i] != '.' {
			return false
		}
		s = s[i+1:]
	}
}

// isJoiner: the text between a symbol and its path is punctuation only,
// as in "`X` (`path:1`)" or "`X`, `path:1`".
func isJoiner(gap []byte) bool {
	return len(bytes.Trim(gap, " \t\n(,:—-`")) == 0
}

// symbolName is the name a span cites: `Locker.lock()` → "Locker.lock".
func symbolName(s string) string { return strings.TrimSuffix(s, "()") }

// rubyName is the name a symbol cited next to path is defined by: in Ruby
// without its ? or ! (lang names def valid? valid), elsewhere as cited.
func rubyName(name, path string) string {
	if lang.Of(path).Name == "ruby" {
		return strings.TrimRight(name, "?!")
	}
	return name
}

// codeRef reads a path in inline code: `dir/`, `path`, `path:42`,
// `path:10-20`, `path#L10-L20`.
func (x *repoIndex) codeRef(s span) (Ref, bool) {
	text := s.text
	r := Ref{Kind: refPath, Start: s.start, End: s.end, LineStart: -1, LineEnd: -1, form: formPlain}
	p := text
	if m := lineSuffix(text); m != nil {
		p = text[:m[0]]
		r.Line, _ = strconv.Atoi(text[m[2]:m[3]])
		r.EndLine = r.Line
		if m[4] >= 0 {
			r.EndLine, _ = strconv.Atoi(text[m[4]:m[5]])
		}
		r.LineStart, r.LineEnd, r.lineStyle = s.start+m[2], s.start+m[1], ':'
	} else if i := strings.Index(text, "#L"); i > 0 {
		if first, last, ok := matchHashLines(text[i+1:]); ok {
			p = text[:i]
			r.Line, _ = strconv.Atoi(first)
			r.EndLine = r.Line
			if last != "" {
				r.EndLine, _ = strconv.Atoi(last)
			}
			r.LineStart, r.LineEnd, r.lineStyle = s.start+i+1, s.end, '#'
		}
	}
	if strings.Contains(p, "://") || p == "" {
		return Ref{}, false
	}
	// A glob (`server/tinybird/**`, `migrations/*.py`) names the files
	// under its folder, not a file: it cites that folder, which must exist.
	if g := strings.IndexAny(p, "*?["); g >= 0 {
		if ok, _ := x.exists(cleanRepoPath(p)); !ok {
			if r.Line > 0 {
				return Ref{}, false
			}
			p = p[:strings.LastIndexByte(p[:g], '/')+1]
			if p == "" {
				return Ref{}, false
			}
		}
	}
	r.Dir = strings.HasSuffix(p, "/")
	// One word without a slash or an extension (`explore`, `handbook`,
	// `validate`) is a command, a package or an English word as often as
	// a folder: a folder is cited as `explore/`.
	if !strings.ContainsAny(p, "/.") {
		return Ref{}, false
	}
	rel := cleanRepoPath(p)
	if rel == "" {
		return Ref{}, false
	}
	r.Path, r.PathStart, r.PathEnd = rel, s.start, s.start+len(p)
	if rel != strings.TrimSuffix(p, "/") {
		r.form = formNone // written with ./ or ..: rewriting it would change more than the path
	}
	if ok, dir := x.exists(rel); ok {
		r.Dir = dir
		return r, true
	}
	// A path that does not exist is a reference only when it looks like
	// one of this repository's paths: no spaces, a folder that exists.
	if strings.ContainsAny(p, " \t") {
		return Ref{}, false
	}
	if !x.plausible(rel) {
		// `polar/openapi.py` for server/polar/openapi.py: a path from a
		// Python source root, as the package's own imports name it.
		full, ok := x.py.underRoot(rel)
		if !ok {
			return Ref{}, false
		}
		r.Path, r.form = full, formNone // rewriting it would add the root
		_, r.Dir = x.exists(full)
		return r, true
	}
	r.maybe = !x.isDir(path.Dir(rel))
	return r, true
}

// lineSuffix is the match of `:(\d+)(?:-(\d+))?$` in text (see
// matchLineSuffix); most spans hold no ':'.
func lineSuffix(text string) []int {
	if strings.IndexByte(text, ':') < 0 {
		return nil
	}
	return matchLineSuffix(text)
}

// linkRef reads a link target: relative to the entry, or a web URL of this
// repository (GitHub or GitLab blob/tree, any branch or commit).
func (x *repoIndex) linkRef(s span, entry, handbook string) (Ref, bool) {
	r := Ref{Kind: refPath, Start: s.start, End: s.end, LineStart: -1, LineEnd: -1}
	target := s.text
	frag := ""
	if i := strings.IndexByte(target, '#'); i >= 0 {
		target, frag = target[:i], target[i+1:]
	}
	if frag != "" {
		if first, last, ok := matchHashLines(frag); ok {
			r.Line, _ = strconv.Atoi(first)
			r.EndLine = r.Line
			if last != "" {
				r.EndLine, _ = strconv.Atoi(last)
			}
			r.LineStart, r.LineEnd = s.start+len(target)+1, s.end
			r.lineStyle = '#'
			if last != "" && !strings.Contains(frag, "-L") {
				r.lineStyle = 'g'
			}
		}
	}
	if strings.Contains(target, "://") {
		return x.urlRef(r, target)
	}
	if strings.Contains(target, ":") || target == "" || strings.HasPrefix(target, "/") {
		return Ref{}, false // mailto:, page links (/path), anchors
	}
	p, err := url.PathUnescape(target)
	if err != nil {
		return Ref{}, false
	}
	rel := cleanRepoPath(path.Join(path.Dir(entry), p))
	if rel == "" {
		return Ref{}, false
	}
	if handbook != "" && (rel == handbook || strings.HasPrefix(rel, handbook+"/")) {
		return Ref{}, false // a link to another page is not code
	}
	r.Path, r.PathStart, r.PathEnd, r.form = rel, s.start, s.start+len(target), formRelative
	r.Dir = strings.HasSuffix(p, "/")
	if ok, dir := x.exists(rel); ok {
		r.Dir = dir
		return r, true
	}
	if !x.plausible(rel) {
		return Ref{}, false
	}
	r.maybe = !x.isDir(path.Dir(rel))
	return r, true
}

// urlRef reads https://host/owner/repo/blob/REF/path (GitHub) or
// …/-/blob/REF/path (GitLab), when host/owner/repo is origin.
func (x *repoIndex) urlRef(r Ref, target string) (Ref, bool) {
	u, err := url.Parse(target)
	if err != nil || u.Host == "" || !strings.Contains(u.Path, "/blob/") && !strings.Contains(u.Path, "/tree/") {
		return Ref{}, false
	}
	remote := x.remoteURL()
	if remote == nil || !strings.EqualFold(u.Hostname(), remote.Hostname()) {
		return Ref{}, false
	}
	repoPath := strings.TrimSuffix(remote.Path, "/")
	rest, ok := strings.CutPrefix(u.Path, repoPath+"/")
	if !ok {
		return Ref{}, false
	}
	rest = strings.TrimPrefix(rest, "-/")
	kind, rest, _ := strings.Cut(rest, "/")
	if kind != "blob" && kind != "tree" {
		return Ref{}, false
	}
	// The ref may hold slashes (feature/x): the first split whose rest
	// exists is the path; else the ref is one segment.
	segs := strings.Split(rest, "/")
	if len(segs) < 2 {
		return Ref{}, false
	}
	pick := 1
	for i := 1; i < len(segs); i++ {
		if ok, _ := x.exists(strings.Join(segs[i:], "/")); ok {
			pick = i
			break
		}
	}
	p := strings.Join(segs[pick:], "/")
	rel := cleanRepoPath(p)
	if rel == "" {
		return Ref{}, false
	}
	r.Path, r.form = rel, formURL
	r.Dir = kind == "tree"
	// The path's text is the end of the URL's path, before the fragment.
	raw := target
	escaped := u.EscapedPath()
	if k := strings.LastIndex(raw, escaped); k >= 0 {
		tail := strings.Join(strings.Split(escaped, "/")[len(strings.Split(escaped, "/"))-len(segs[pick:]):], "/")
		r.PathStart = r.Start + k + len(escaped) - len(tail)
		r.PathEnd = r.Start + k + len(escaped)
	} else {
		r.form = formNone
	}
	if ok, dir := x.exists(rel); ok {
		r.Dir = dir
		return r, true
	}
	// A URL of this repository names one of its paths even when the top
	// folder is gone; only a path git ignores is no reference.
	if x.unlisted(rel) {
		return Ref{}, false
	}
	return r, true
}

// importRefs resolves the imports of the entry's code fences, appended
// to refs.
func (x *repoIndex) importRefs(d *Document, refs []Ref) []Ref {
	for _, im := range d.imports() {
		base := Ref{Kind: refImport, Start: im.start, End: im.end, LineStart: -1, LineEnd: -1, form: formNone, Module: im.module}
		var file string
		if im.python {
			f, ours := x.pyModule(im.module)
			if !ours {
				continue
			}
			file = f
		} else {
			f, ok := x.tsModule(im.module)
			if !ok {
				continue
			}
			file = f
		}
		base.Path = file // "" when the module is missing
		if len(im.names) == 0 {
			refs = append(refs, base)
			continue
		}
		for k, n := range im.names {
			r := base
			r.Symbol, r.symbolAt = n, im.namesStarts[k]
			refs = append(refs, r)
		}
	}
	return refs
}

var tsExts = []string{"", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", "/index.ts", "/index.tsx", "/index.js", "/index.jsx"}

// tsModule resolves a TS/JS import specifier to a repository file: tried
// from the repository root and, for a relative or aliased specifier, as the
// unique file ending in it. Package imports resolve to nothing.
func (x *repoIndex) tsModule(spec string) (string, bool) {
	s := strings.TrimPrefix(spec, "@/")
	s = strings.TrimPrefix(s, "~/")
	for strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") {
		s = s[strings.IndexByte(s, '/')+1:]
	}
	if s == "" || s == spec && !strings.Contains(s, "/") {
		return "", false // a package
	}
	s = cleanRepoPath(s)
	if s == "" {
		return "", false
	}
	for _, ext := range tsExts {
		if x.kind(s+ext) == walk.RegularFile {
			return s + ext, true
		}
	}
	var found []string
	for _, ext := range tsExts {
		for _, p := range x.sameName(path.Base(s + ext)) {
			if strings.HasSuffix(p, "/"+s+ext) {
				found = append(found, p)
			}
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// nameRef resolves a name in inline code through the definitions: a
// qualified Python name through its module, else the first part of the
// name (`Locker` of `Locker.lock()`), defined once in the repository or
// once among the files the entry cites.
func (x *repoIndex) nameRef(s span, cited map[string]bool, bare bool) (Ref, bool) {
	name := symbolName(s.text)
	// A plain lower-case word (`lint`, `walk`, `new`) is as likely a
	// command or an English word as a function: only names that look like
	// code count — a capital, an underscore, a dot or a call's (). A
	// leading underscore alone does not: "accept the `_read` or `_write`
	// scope" is prose, even where a private `_write` function exists.
	if name == s.text && !strings.ContainsAny(strings.TrimLeft(name, "_"), "_.$ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return Ref{}, false
	}
	r := Ref{Kind: refName, Start: s.start, End: s.end, LineStart: -1, LineEnd: -1, form: formNone, Symbol: name}
	if strings.Count(name, ".") >= 2 {
		// pkg.kit.metadata.MetadataMixin: the longest module prefix.
		parts := strings.Split(name, ".")
		for k := len(parts) - 1; k >= 1; k-- {
			if f, ours := x.pyModule(strings.Join(parts[:k], ".")); f != "" {
				r.Kind, r.Path, r.Module, r.Symbol = refImport, f, strings.Join(parts[:k], "."), parts[k]
				return r, true
			} else if !ours {
				break
			}
		}
	}
	if !bare {
		return Ref{}, false
	}
	first, _, _ := strings.Cut(name, ".")
	defs := x.defsOf(first)
	if bare := strings.TrimRight(first, "?!"); len(defs) == 0 && bare != first {
		// Ruby's definitions are named without the mark (def valid?
		// defines valid); Elixir's keep it, and were asked first.
		defs = slices.DeleteFunc(x.defsOf(bare), func(d defAt) bool { return lang.Of(d.path).Name != "ruby" })
	}
	switch {
	case len(defs) == 0:
		return Ref{}, false // prose
	case len(defs) > 1:
		var mine []defAt
		for _, d := range defs {
			if cited[d.path] || cited[path.Dir(d.path)] {
				mine = append(mine, d)
			}
		}
		if len(mine) != 1 {
			return Ref{}, false
		}
		defs = mine
	}
	r.Path, r.Line, r.EndLine = defs[0].path, defs[0].line, defs[0].end
	return r, true
}
