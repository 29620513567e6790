// Package explore finds where a concept lives in a code base: it walks the
// repository as git would, matches every spelling of the concept
// (distributed-lock, DistributedLock, DISTRIBUTED_LOCK, locker, ...), ranks
// files by evidence it can explain (names and definitions close to the
// concept, each word weighted by its rarity, BM25-saturated matches,
// centrality, and factors for tests, generated, front-end and other
// non-source files; see rank.go), tags each with its role in a layered
// backend, groups module folders, and lists the handbook entries that
// already cover the concept.
//
// Search returns the ranked result for other code (the drafting feature
// offers its snippets as references); Run prints it for `handbook explore`.
//
// Speed comes from doing each file's work on the walk's own goroutines
// (one a CPU, reading folders concurrently), reading only the first 8 KiB
// of binary files and each text file once into a buffer its worker reuses,
// sized from fstat, and scanning it in one vectorised pass for the rarest pair of letters of
// each word, in any case (see matcher); the words are compared only there, and
// regular expressions run only on the few lines that match. The pass keeps
// compact facts of the files that mention the concept, at most a few
// hundred a worker (see keep), cut after the walk to the same few hundred
// overall so that the result does not depend on how the walk shared the
// tree out, plus word counts: files are scored once the
// whole repository has been seen, and only the results are read again,
// for their snippets. Memory stays flat however large the repository.
package explore

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/safefile"
	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/lang"
	"github.com/handbook-dev/handbook/workspace/walk"
)

// Defaults.
const (
	DefaultLimit       = 10
	DefaultContext     = 2
	DefaultMaxFileSize = 2 << 20
	maxContext         = 20
	binarySniff        = 8 << 10
	// maxOwnBuffer is the largest buffer a worker keeps for itself; most
	// source files fit, and bigger ones share one buffer (Unix).
	maxOwnBuffer = 256 << 10
)

// Options say what to look for and where. Zero values mean the defaults.
type Options struct {
	IO *cli.IO // Run prints to it; Search shows progress on it when set
	// Ctx, when set, stops Search early once it is done (an MCP client
	// went away); Search then returns its error.
	Ctx context.Context

	// Workspace, if set, is searched; otherwise one is opened from Root
	// (the --root flag) or the folder Dir ("" = current folder).
	Workspace *workspace.Workspace
	Root      string
	Dir       string

	Concept     string   // slug, words or CamelCase
	Paths       []string // limit the search to these files or folders (relative to Dir)
	Roles       []string // keep only files with these roles
	Limit       int      // files to return; 0 = DefaultLimit
	Context     int      // lines around each snippet; negative = none, 0 = DefaultContext
	MaxFileSize int64    // bigger files are skipped; 0 = DefaultMaxFileSize
	Workers     int      // search goroutines; 0 = one per CPU

	Format  string // text (default), json or markdown; Run only
	Explain bool   // print the reasons of each score; Run only
	Files   bool   // Run only: print the walked files and stop
}

// Result is what a search found, in the shape `--format json` prints.
type Result struct {
	Concept string       `json:"concept"`
	Terms   []string     `json:"terms"`
	Results []FileResult `json:"results"`
	// Entry is the handbook entry named after the concept (its slug), the
	// one being written; DocumentedIn are the other entries that name it.
	Entry        string   `json:"entry,omitempty"`
	DocumentedIn []string `json:"documented_in"`
	Stats        Stats    `json:"stats"`
	// Weight is the concept's weight W, the sum of its words' rarity
	// (IDF) in the repository: scores divided by it compare across
	// concepts.
	Weight float64 `json:"weight"`
	// Matched counts every file with evidence, of which Results holds
	// the best Limit.
	Matched int `json:"-"`
}

// FileResult is one file (or one module folder), best first.
type FileResult struct {
	Path string `json:"path"` // relative to the repository root, forward slashes; a folder ends in /
	// Kind is "file", or "module" for a folder named after the concept
	// holding its files (Files lists them).
	Kind    string   `json:"kind"`
	Role    string   `json:"role"` // "module" for a module folder
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
	Hits    []Hit    `json:"hits"`
	// Signals are the evidence behind Score, each with its contribution
	// (or factor); Reasons are the same, as sentences.
	Signals []Signal `json:"signals"`
	// Confident is set when the result is confidently about the concept:
	// close enough to the top score, and strong enough on its own. The
	// drafting commands insert only these.
	Confident bool `json:"confident"`
	// Files are the matching files of a module folder, best first.
	Files []ModuleFile `json:"files,omitempty"`
	// Duplicates are versioned or identical copies of this file folded
	// into it (sdk/v1/x.py under sdk/v2/x.py).
	Duplicates []string `json:"duplicates,omitempty"`
}

// ModuleFile is one file of a module folder.
type ModuleFile struct {
	Path  string  `json:"path"`
	Role  string  `json:"role"`
	Score float64 `json:"score"`
}

// Hit is one snippet: a matching line with its context.
type Hit struct {
	Line          int      `json:"line"` // 1-based
	Text          string   `json:"text"`
	Kind          string   `json:"kind"` // definition, code, comment or doc
	ContextBefore []string `json:"context_before"`
	ContextAfter  []string `json:"context_after"`
	// Path is the file of the snippet when the result is a module folder.
	Path string `json:"path,omitempty"`
	// DocBefore counts the last lines of ContextBefore that are the
	// definition's doc comment (the first snippet only).
	DocBefore int `json:"doc_before,omitempty"`
	// Spans are the byte ranges of the matches in Text.
	Spans [][2]int `json:"-"`
}

// Stats count what the search saw.
type Stats struct {
	FilesWalked   int   `json:"files_walked"`
	FilesSearched int   `json:"files_searched"`
	Bytes         int64 `json:"bytes"`
	SkippedBinary int   `json:"skipped_binary"`
	SkippedLarge  int   `json:"skipped_large"`
	Unreadable    int   `json:"unreadable"`
	ElapsedMS     int64 `json:"elapsed_ms"`
	// Warnings are problems that made the search less complete (a corrupt
	// git index), printed once on stderr.
	Warnings []string `json:"warnings,omitempty"`
}

// counters are the live Stats, shared by the workers and read by progress.
type counters struct {
	walked, searched, binary, large, unreadable, matched atomic.Int64
	bytes                                                atomic.Int64
}

// plan is a validated search.
type plan struct {
	ws       *workspace.Workspace
	concept  *Concept
	paths    []string // root-relative prefixes; nil = everything
	roles    map[string]bool
	custom   []roleGlob
	limit    int
	context  int
	maxSize  int64
	workers  int
	audience string
	ctx      context.Context
	// rereadBufs hold each result's file, read again for its snippets.
	rereadBufs readBuffers
	handbook   string // root-relative handbook folder + "/", "" if outside the root
	// navFiles are the handbook's navigation files, root-relative (none
	// when the handbook is outside the root).
	navFiles []string
}

func newPlan(opts Options) (*plan, error) {
	p := &plan{ws: opts.Workspace, limit: opts.Limit, context: opts.Context, maxSize: opts.MaxFileSize, workers: opts.Workers, ctx: opts.Ctx}
	if p.ctx == nil {
		p.ctx = context.Background()
	}
	if p.ws == nil {
		ws, err := workspace.Open(workspace.Options{Root: opts.Root, Dir: opts.Dir})
		if err != nil {
			return nil, err
		}
		p.ws = ws
	}
	switch {
	case p.limit == 0:
		p.limit = DefaultLimit
	case p.limit < 0:
		return nil, cli.Usagef("--limit is %d; pass a positive number of files", p.limit)
	}
	switch {
	case p.context == 0:
		p.context = DefaultContext
	case p.context < 0:
		p.context = 0
	case p.context > maxContext:
		return nil, cli.Usagef("--context is %d; pass at most %d lines", p.context, maxContext)
	}
	if p.maxSize == 0 {
		p.maxSize = DefaultMaxFileSize
	} else if p.maxSize < 0 {
		return nil, cli.Usagef("--max-filesize must be positive")
	}
	if p.workers <= 0 {
		p.workers = runtime.GOMAXPROCS(0)
	}
	custom, err := compileRoleGlobs(p.ws, p.ws.Config.Explore.Roles)
	if err != nil {
		return nil, err
	}
	p.custom = custom
	if p.roles, err = checkRoles(opts.Roles, custom); err != nil {
		return nil, err
	}
	if p.paths, err = rootPaths(p.ws, opts.Dir, opts.Paths); err != nil {
		return nil, err
	}
	switch p.audience = p.ws.Config.Explore.Audience; p.audience {
	case "":
		p.audience = AudienceBackend
	case AudienceBackend, AudienceAll:
	default:
		return nil, cli.Usagef(".handbook.yaml: explore.audience is %q; use %s or %s", p.audience, AudienceBackend, AudienceAll)
	}
	if rel := p.ws.Rel(p.ws.Handbook); rel != "." && !strings.HasPrefix(rel, "../") {
		p.handbook = rel + "/"
		p.navFiles = []string{p.handbook + workspace.DocsJSON, p.handbook + "mint.json"}
	}
	return p, nil
}

// rootPaths turns --path values (relative to dir) into root-relative
// prefixes, refusing paths outside the repository or that do not exist.
func rootPaths(ws *workspace.Workspace, dir string, paths []string) ([]string, error) {
	if len(paths) == 0 {
		return nil, nil
	}
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		dir = wd
	}
	var out []string
	for _, p := range paths {
		abs := p
		if !filepath.IsAbs(p) {
			abs = filepath.Join(dir, p)
		}
		abs, err := filepath.Abs(abs)
		if err != nil {
			return nil, err
		}
		if _, err := os.Lstat(abs); err != nil {
			return nil, cli.Usagef("--path %s: no such file or folder", p)
		}
		rel := ws.Rel(abs)
		if rel == ".." || strings.HasPrefix(rel, "../") {
			return nil, cli.Usagef("--path %s is outside the repository %s", p, ws.Root)
		}
		if rel == "." {
			return nil, nil // the whole repository
		}
		out = append(out, rel)
	}
	return out, nil
}

// newSearch checks the concept, builds the plan, and only then parses the
// concept, once, with the repository's own synonyms: a concept without
// words is reported before a bad root or flag, as before.
func newSearch(opts Options) (*plan, *Concept, error) {
	if err := checkConcept(opts.Concept); err != nil {
		return nil, nil, err
	}
	p, err := newPlan(opts)
	if err != nil {
		return nil, nil, err
	}
	c, err := parseConcept(opts.Concept, p.ws.Config.Explore.Synonyms)
	if err != nil {
		return nil, nil, err
	}
	return p, c, nil
}

func (p *plan) wants(role string) bool { return p.roles == nil || p.roles[role] }

func (p *plan) inPaths(rel string) bool {
	if p.paths == nil {
		return true
	}
	for _, prefix := range p.paths {
		if rel == prefix || strings.HasPrefix(rel, prefix) && rel[len(prefix)] == '/' {
			return true
		}
	}
	return false
}

// Search runs a search and returns the ranked result without printing.
func Search(opts Options) (*Result, error) {
	p, c, err := newSearch(opts)
	if err != nil {
		return nil, err
	}
	// Callers that pass IO (drafting, in a terminal) get the same progress
	// line as explore itself when a huge repository takes a while.
	cnt := &counters{}
	stop := func() {}
	if opts.IO != nil {
		stop = startProgress(opts.IO, cnt)
	}
	defer stop()
	return p.search(c, opts.Concept, cnt)
}

// Files returns the files the walk yields under the --path limits, sorted.
func Files(opts Options) ([]string, error) {
	p, err := newPlan(opts)
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex
	var files []string
	_, err = walk.Walk(p.ws.Root, walk.Options{}, func(f walk.File) {
		if p.inPaths(f.Rel) {
			mu.Lock()
			files = append(files, f.Rel)
			mu.Unlock()
		}
	})
	sort.Strings(files)
	return files, err
}

func (p *plan) search(c *Concept, input string, cnt *counters) (*Result, error) {
	start := time.Now()
	p.concept = c
	files, err := newFileReader(p.ws.Root)
	if err != nil {
		return nil, err
	}
	defer files.Close()
	// Each of the walk's goroutines reads and analyses the files it
	// lists, with a worker of its own: no hand-off, no extra goroutines.
	var mu sync.Mutex
	var workers []*worker
	// Transient: the walk reuses each worker's listing memory, so a path
	// kept past its file is copied (see own, and attrFiles and projects
	// in do).
	wst, walkErr := walk.WalkEach(p.ws.Root, walk.Options{Workers: p.workers, Transient: true}, func() func(walk.File) {
		w := p.newWorker(files, cnt)
		mu.Lock()
		workers = append(workers, w)
		mu.Unlock()
		return func(f walk.File) {
			w.walked++
			// A link is a path, not content: never read through it.
			if f.Symlink || !p.inPaths(f.Rel) || p.ctx.Err() != nil {
				return
			}
			w.do(f)
			if w.walked%64 == 0 {
				w.flush()
			}
		}
	})
	for _, w := range workers {
		w.flush()
	}
	warnings := misspeltRoles(p.ws, p.ws.Config.Explore.Roles)
	if wst.IndexErr != nil {
		// Counted once, as this warning, not as an unreadable file.
		cnt.unreadable.Add(-1)
		warnings = append(warnings, fmt.Sprintf("the git index could not be read (%s); files were listed without it, so tracked files that ignore rules exclude are missing", indexProblem(wst.IndexErr)))
	}
	cnt.unreadable.Add(int64(wst.Unreadable))
	if walkErr != nil {
		return nil, walkErr
	}
	if err := p.ctx.Err(); err != nil {
		return nil, err
	}
	// The whole repository has been seen: now words have a rarity and
	// names a number of users, and every file can be scored.
	cp := &corpus{uses: map[string]int{}}
	var facts, entries []*fileFacts
	projects := projectSides{}
	unwanted := 0
	for _, w := range workers {
		for _, ps := range w.projects {
			projects[ps.dir] = ps.side
		}
	}
	for _, w := range workers {
		cp.files += w.nSearched
		cp.bytes += w.nBytes
		for i := range cp.df {
			cp.df[i] += w.df[i]
		}
		cp.dfPhrase += w.dfPhrase
		cp.dfInOrder += w.dfInOrder
		for k, v := range w.uses {
			cp.uses[k] += *v
		}
		for _, a := range w.attrFiles {
			cp.attrs.Add(a.rel, a.data)
		}
		entries = append(entries, w.entries...)
	}
	kept := strongestFacts(workers)
	if p.roles == nil {
		learnRoles(kept, p.custom)
	}
	for _, ff := range kept {
		refineRole(ff, projects, p.custom)
		if ff.role == "repository" {
			cp.repositories++
		}
		if p.wants(ff.role) {
			facts = append(facts, ff)
		} else {
			unwanted++ // a script --role reads, whose side made it another role
		}
	}
	r := newRanker(c, cp, p.audience)
	res := &Result{
		Concept:      input,
		Terms:        c.Terms(),
		DocumentedIn: []string{},
		Matched:      int(cnt.matched.Load()) - unwanted,
		Weight:       round2(r.w),
	}
	res.Results = p.rank(r, facts, files)
	own := workspace.SuggestSlug(input)
	for _, d := range rankEntries(r, entries, p.limit) {
		if base := path.Base(d); own != "" && strings.TrimSuffix(base, path.Ext(base)) == own {
			res.Entry = d
			continue
		}
		res.DocumentedIn = append(res.DocumentedIn, d)
	}
	res.Stats = Stats{
		FilesWalked:   int(cnt.walked.Load()),
		FilesSearched: int(cnt.searched.Load()),
		Bytes:         cnt.bytes.Load(),
		SkippedBinary: int(cnt.binary.Load()),
		SkippedLarge:  int(cnt.large.Load()),
		Unreadable:    int(cnt.unreadable.Load()),
		ElapsedMS:     time.Since(start).Milliseconds(),
		Warnings:      warnings,
	}
	return res, nil
}

// worker searches files one at a time with buffers it keeps, and gathers
// what ranking needs from the one read of each file. It counts in plain
// fields and adds them to the shared counters now and then, so that the
// workers do not contend for the counters' cache line per file.
type worker struct {
	p     *plan
	files *fileReader
	cnt   *counters
	a     analyzer
	bufs  readBuffers

	walked, searched, binary, large, unreadable, matched, bytes int64

	// For the ranking, never flushed: files searched and their bytes,
	// document frequencies, names used, the files that mention the
	// concept, and the .gitattributes files met (read in full).
	nSearched int
	nBytes    int64
	df        [maxWords]int
	dfPhrase  int
	dfInOrder int
	uses      map[string]*int
	facts     []*fileFacts
	entries   []*fileFacts
	attrFiles []attrFile
	scratch   fileFacts // the facts of the file being analysed
	projects  []projectSide
}

// projectSide is a manifest met in the pass and the side it tells.
type projectSide struct {
	dir  string
	side uint8
}

type attrFile struct {
	rel  string
	data []byte
}

// maxUses bounds the identifiers whose users each worker counts (for
// centrality): memory must not grow with the repository.
const maxUses = 4096

// maxAttrFile bounds a .gitattributes file kept for the ranking.
const maxAttrFile = 1 << 20

// flush adds the worker's counts to the shared counters.
func (w *worker) flush() {
	w.cnt.walked.Add(w.walked)
	w.cnt.searched.Add(w.searched)
	w.cnt.binary.Add(w.binary)
	w.cnt.large.Add(w.large)
	w.cnt.unreadable.Add(w.unreadable)
	w.cnt.matched.Add(w.matched)
	w.cnt.bytes.Add(w.bytes)
	w.walked, w.searched, w.binary, w.large, w.unreadable, w.matched, w.bytes = 0, 0, 0, 0, 0, 0, 0
}

func (p *plan) newWorker(files *fileReader, cnt *counters) *worker {
	w := &worker{p: p, files: files, cnt: cnt, a: newAnalyzer(p.concept), uses: map[string]*int{}}
	w.a.lazy = true
	return w
}

func (w *worker) do(f walk.File) {
	p := w.p
	isEntry := p.handbook != "" && strings.HasPrefix(f.Rel, p.handbook) && (strings.HasSuffix(f.Rel, ".md") || strings.HasSuffix(f.Rel, ".mdx"))
	if slices.Contains(p.navFiles, f.Rel) {
		// The navigation lists every entry's page name, so it would rank
		// for every concept already documented; it is no place in the code.
		return
	}
	// The role matters only for a file that mentions the concept, unless
	// --role narrows the search: then it spares reading the others.
	role := ""
	if p.roles != nil {
		role = roleOf(f.Rel, p.custom)
		// A script's role may change with its framework (see refineRole).
		if !isEntry && !p.wants(role) && !isScript(f.Rel) && !isManifest(path.Base(f.Rel)) {
			return
		}
	}
	// A file whose content is kept or parsed whole is read whole; others
	// longer than the worker's buffer are analysed a window at a time.
	base := path.Base(f.Rel)
	whole := !streamLong || base == ".gitattributes" || isManifest(base)
	var data []byte
	var err error
	if whole {
		data, err = w.files.read(f, &w.bufs, p.maxSize)
	} else {
		data, err = w.files.readOrStream(f, &w.bufs, p.maxSize)
	}
	defer func() { w.files.done(data) }()
	long := errors.Is(err, errLong)
	if long {
		err = nil
		defer w.bufs.long.close()
	}
	if w.skipped(err) {
		return
	}
	// Most files do not mention the concept: their facts are learnt in
	// the worker's own scratch, and only a file that does gets its own.
	ff := &w.scratch
	*ff = fileFacts{entry: isEntry}
	var ok bool
	size, head, held := len(data), data, data
	if long {
		ok, _, err = w.a.analyzeWindows(f.Rel, nil, w.bufs.head[:min(len(w.bufs.head), fileHead)], &w.bufs.long, ff)
		size, head, held = w.bufs.long.total, w.bufs.head, nil
		if errors.Is(err, errLongLine) {
			// A line longer than the buffer (minified code): whole.
			w.bufs.long.close()
			*ff = fileFacts{entry: isEntry}
			if data, err = w.files.read(f, &w.bufs, p.maxSize); err == nil {
				ok, _ = w.a.analyze(f.Rel, data, ff)
				size, head, held = len(data), data, data
			}
		}
		if w.skipped(err) {
			return
		}
	} else {
		ok, _ = w.a.analyze(f.Rel, data, ff)
	}
	w.searched++
	w.bytes += int64(size)
	w.nSearched++
	w.nBytes += int64(size)
	// Paths kept past the file are copied: the walk reuses the memory of
	// its paths for the next folder (walk.Options.Transient).
	if base == ".gitattributes" && len(data) <= maxAttrFile {
		w.attrFiles = append(w.attrFiles, attrFile{rel: strings.Clone(f.Rel), data: bytes.Clone(data)})
	}
	if isManifest(base) {
		w.projects = append(w.projects, projectSide{dir: strings.Clone(path.Dir(f.Rel)), side: manifestSide(data)})
	}
	if !ok {
		// Named after the concept but silent about it (an empty
		// __init__.py in customer/): the path is evidence enough.
		w.a.nameBuf = append(w.a.nameBuf[:0], f.Rel...)
		if w.a.nameHits = w.a.nm.find(w.a.nameBuf, w.a.nameHits); len(w.a.nameHits) == 0 && !w.a.namedLoosely(f.Rel) {
			return
		}
		ff.rel, ff.size = f.Rel, size
	}
	for i := range w.df {
		if ff.tf[i] > 0 {
			w.df[i]++
		}
	}
	if ff.phrase > 0 {
		w.dfPhrase++
	}
	if ff.inOrder {
		w.dfInOrder++
	}
	if isEntry {
		w.entries = append(w.entries, w.own(ff, head, held, ok))
		return
	}
	for i := range w.a.identEnds {
		id := w.a.identAt(i)
		if n := w.uses[string(id)]; n != nil {
			*n++
		} else if len(w.uses) < maxUses {
			w.uses[string(id)] = &[]int{1}[0]
		}
	}
	w.a.resetIdents()
	// Without --role the role is learnt after the walk, for the few
	// hundred files kept (see strongestFacts), not for every file that
	// mentions the concept (5% of a search's CPU when most files do).
	ff.role = role
	w.matched++
	w.keep(ff, f.Rel, head, held, ok)
}

// own makes the facts the worker's analyzer left in its scratch (ff) a
// file's own, once the file is kept: a copy of the facts, the path and the
// definitions, the definitions' shown text (from whole, the file, when it
// was held whole; the windows of a longer one showed theirs), the side its
// imports tell and, when its content mentions the concept (matched), what
// its head tells (headFacts). Most files that mention the concept are
// never kept (see keep), and none of this is done for them.
func (w *worker) own(ff *fileFacts, head, whole []byte, matched bool) *fileFacts {
	kept := new(fileFacts)
	*kept = *ff
	if matched {
		headFacts(kept, head[:min(len(head), fileHead)])
	}
	// The walk reuses the memory of its paths for the next folder
	// (walk.Options.Transient).
	kept.rel = strings.Clone(ff.rel)
	if whole != nil {
		showDefs(ff.defs, whole)
	}
	kept.defs = slices.Clone(ff.defs)
	kept.side = importSide(ff.rel, head)
	return kept
}

// streamLong is false in tests that compare streaming with whole reads.
var streamLong = true

// skipped counts a file that could not be searched (err non-nil) and
// reports whether it was.
func (w *worker) skipped(err error) bool {
	switch {
	case err == nil:
		return false
	case errors.Is(err, errSymlink):
		// it became a link since the walk saw it
	case errors.Is(err, errTooLarge):
		w.large++
	case errors.Is(err, errBinary):
		w.binary++
	default:
		w.unreadable++
	}
	return true
}

// maxFactsPerWorker bounds the files each worker remembers for the
// ranking, so that memory stays flat however many files mention a common
// word: past it, the file with the least evidence by a provisional score
// (words counted alike, since their rarity is not known yet) is dropped.
// A file that could rank in the top few never is: it has its name, a
// definition or the phrase, which the provisional score weighs heavily.
//
// After the walk the workers' files are cut to the same number again, by
// the same order (see weaker). That cut is what makes the result the same
// from run to run: which files a worker sees depends on how the walk
// shares the tree out, but every file of the overall strongest
// maxFactsPerWorker is among its own worker's strongest, so the cut keeps
// exactly those, however the tree was shared and however many workers
// there were.
var maxFactsPerWorker = 256 // a variable for tests

// weaker orders files by their provisional score, a tie broken by path
// (the later path is the weaker), so that it is a total order: with ties
// left to the order files were seen in, the cut after the walk would
// depend on the walk's timing.
func weaker(a, b *fileFacts) bool { return compareStrength(a, b) < 0 }

// compareStrength is weaker as a comparison: negative when a is weaker.
func compareStrength(a, b *fileFacts) int {
	if a.prov != b.prov {
		return cmp.Compare(a.prov, b.prov)
	}
	return strings.Compare(b.rel, a.rel)
}

// keep remembers ff (the analyzer's scratch, see own), dropping the
// weakest file when the worker is full.
func (w *worker) keep(ff *fileFacts, rel string, head, whole []byte, matched bool) {
	var prov float32
	for _, tf := range ff.tf {
		prov += tf / (tf + 1.2)
	}
	if ff.phrase > 0 {
		prov += 2
	}
	best := 0
	for _, d := range ff.defs {
		best = max(best, popcount(d.mask))
		if d.doc {
			best = max(best, (len(w.a.c.Words)+1)/2) // documented as the concept
		}
	}
	prov += 3 * float32(best) / float32(len(w.a.c.Words))
	w.a.nameBuf = append(w.a.nameBuf[:0], rel...)
	w.a.nameHits = w.a.nm.find(w.a.nameBuf, w.a.nameHits)
	var mask uint16
	for _, h := range w.a.nameHits {
		mask |= h.mask
	}
	prov += 4 * float32(popcount(mask)) / float32(len(w.a.c.Words))
	ff.prov = prov
	if len(w.facts) < maxFactsPerWorker {
		w.facts = append(w.facts, w.own(ff, head, whole, matched))
		if len(w.facts) == maxFactsPerWorker {
			slices.SortFunc(w.facts, compareStrength)
		}
		return
	}
	// Full and sorted weakest first: replace the weakest if ff beats it,
	// keeping the order by insertion.
	if !weaker(w.facts[0], ff) {
		return
	}
	i, _ := slices.BinarySearchFunc(w.facts, ff, compareStrength)
	copy(w.facts[0:i-1], w.facts[1:i])
	w.facts[i-1] = w.own(ff, head, whole, matched)
}

// strongestFacts is every worker's files cut to the overall strongest
// maxFactsPerWorker (see maxFactsPerWorker for why).
func strongestFacts(workers []*worker) []*fileFacts {
	var all []*fileFacts
	for _, w := range workers {
		all = append(all, w.facts...)
	}
	if len(all) > maxFactsPerWorker {
		slices.SortFunc(all, func(a, b *fileFacts) int { return compareStrength(b, a) })
		all = all[:maxFactsPerWorker]
	}
	return all
}

// learnRoles gives each file its role (roleOf). The walk is over and
// nothing else runs: with two or more CPUs a second goroutine takes half
// the files (a few hundred roles took 0.4-1 ms on one).
func learnRoles(facts []*fileFacts, custom []roleGlob) {
	learn := func(facts []*fileFacts) {
		for _, ff := range facts {
			ff.role = roleOf(ff.rel, custom)
		}
	}
	if len(facts) < 64 || runtime.GOMAXPROCS(0) < 2 {
		learn(facts)
		return
	}
	half := len(facts) / 2
	var wg sync.WaitGroup
	wg.Go(func() { learn(facts[half:]) })
	learn(facts[:half])
	wg.Wait()
}

// hits builds the snippets of the picked lines, with context; a
// definition shown first takes its doc comment or docstring along.
func (p *plan) hits(a *analyzer, data []byte, picks []pick, lg *lang.Lang) []Hit {
	out := make([]Hit, 0, len(picks))
	for k, pk := range picks {
		// The line's matches, found again: analyze keeps one chunk's.
		var spans [][2]int
		for _, m := range a.m.find(data[pk.start:pk.end], nil) {
			spans = append(spans, [2]int{m.start, m.end})
		}
		text, spans := snippetText(data[pk.start:pk.end], spans)
		h := Hit{Line: pk.line, Text: text, Kind: pk.kind, Spans: spans, ContextBefore: []string{}, ContextAfter: []string{}}
		nBefore, nAfter := p.context, p.context
		if k == 0 && pk.kind == KindDefinition && p.context > 0 {
			doc := docBefore(data, pk.start, lg)
			nBefore = max(nBefore, doc)
			h.DocBefore = doc
			nAfter = max(nAfter, docstringAfter(data, pk.end))
		}
		// Lines before: walk back from the line start.
		var before []string
		for i, pos := 0, pk.start; i < nBefore && pos > 0; i++ {
			ls := bytes.LastIndexByte(data[:pos-1], '\n') + 1
			t, _ := snippetText(data[ls:pos-1], nil)
			before = append(before, t)
			pos = ls
		}
		for len(before) > 0 && strings.TrimSpace(before[len(before)-1]) == "" {
			before = before[:len(before)-1] // blank lines are no context
		}
		for i := len(before) - 1; i >= 0; i-- {
			h.ContextBefore = append(h.ContextBefore, before[i])
		}
		h.DocBefore = min(h.DocBefore, len(h.ContextBefore))
		for i, pos := 0, pk.end; i < nAfter && pos < len(data); i++ {
			ls := pos + 1
			if ls > len(data) {
				break
			}
			le := ls + lineEnd(data[ls:])
			if ls == len(data) {
				break // the file ends with a newline: no line after it
			}
			t, _ := snippetText(data[ls:le], nil)
			h.ContextAfter = append(h.ContextAfter, t)
			pos = le
		}
		for n := len(h.ContextAfter); n > 0 && strings.TrimSpace(h.ContextAfter[n-1]) == ""; n-- {
			h.ContextAfter = h.ContextAfter[:n-1]
		}
		out = append(out, h)
	}
	return out
}

// maxDocLines bounds the doc comment or docstring shown with a definition.
const maxDocLines = 12

// docBefore counts the comment lines (and decorators or annotations)
// right above the line starting at start; what a comment looks like is
// the file's language's (lang.Lang.Comment).
func docBefore(data []byte, start int, lg *lang.Lang) int {
	n := 0
	for pos := start; pos > 0 && n < maxDocLines; n++ {
		ls := bytes.LastIndexByte(data[:pos-1], '\n') + 1
		line := data[ls : pos-1]
		t := bytes.TrimSpace(line)
		if len(t) == 0 || t[0] != '@' && !isCommentLine(line, lg) {
			break
		}
		pos = ls
	}
	return n
}

// docstringAfter counts the lines of a Python docstring that opens right
// after the line ending at end (including the line that closes it).
func docstringAfter(data []byte, end int) int {
	if end >= len(data) {
		return 0
	}
	rest := data[end+1:]
	ls := 0
	le := lineEnd(rest)
	first := bytes.TrimSpace(rest[:le])
	var quote []byte
	switch {
	case bytes.HasPrefix(first, tripleDQ):
		quote = tripleDQ
	case bytes.HasPrefix(first, tripleSQ):
		quote = tripleSQ
	default:
		return 0
	}
	if bytes.Count(first, quote) >= 2 {
		return 1
	}
	for n := 1; n <= maxDocLines; n++ {
		ls = le + 1
		if ls >= len(rest) {
			return n
		}
		le = ls + lineEnd(rest[ls:])
		if bytes.Contains(rest[ls:le], quote) {
			return n + 1
		}
	}
	return maxDocLines
}

var (
	errSymlink  = errors.New("symlink")
	errTooLarge = errors.New("too large")
	errBinary   = errors.New("binary")
)

// Skipped describes the skipped files in one line, or "" when none were:
// "skipped 3 binary files", "skipped 261 files: 258 binary, 3 over 2 MiB
// (see --max-filesize)".
func (s Stats) Skipped(maxSize int64) string {
	type kind struct {
		n          int
		adj, after string // "binary files", "files over 2 MiB"
	}
	var kinds []kind
	if s.SkippedBinary > 0 {
		kinds = append(kinds, kind{s.SkippedBinary, "binary", ""})
	}
	if s.SkippedLarge > 0 {
		kinds = append(kinds, kind{s.SkippedLarge, "", "over " + FormatSize(maxSize) + " (see --max-filesize)"})
	}
	if s.Unreadable > 0 {
		kinds = append(kinds, kind{s.Unreadable, "unreadable", ""})
	}
	switch len(kinds) {
	case 0:
		return ""
	case 1:
		k := kinds[0]
		words := []string{"skipped", fmt.Sprint(k.n)}
		if k.adj != "" {
			words = append(words, k.adj)
		}
		words = append(words, "file")
		if k.n != 1 {
			words[len(words)-1] = "files"
		}
		if k.after != "" {
			words = append(words, k.after)
		}
		return strings.Join(words, " ")
	}
	// The total first, so the noun never lands after a parenthesis.
	parts := make([]string, len(kinds))
	total := 0
	for i, k := range kinds {
		total += k.n
		parts[i] = strings.TrimSpace(fmt.Sprint(k.n) + " " + k.adj + " " + k.after)
		parts[i] = strings.Join(strings.Fields(parts[i]), " ")
	}
	return fmt.Sprintf("skipped %d files: %s", total, strings.Join(parts, ", "))
}

// indexProblem says what is wrong with the index, naming it relative to the
// repository (.git/index), not by its absolute path.
func indexProblem(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return ".git/index: " + safefile.Describe(pe.Err)
	}
	return err.Error()
}
