// Package explore finds where a concept lives in a code base: it walks the
// repository as git would, matches every spelling of the concept
// (distributed-lock, DistributedLock, DISTRIBUTED_LOCK, locker, ...), ranks
// files by evidence it can explain (definitions, file names, phrase versus
// single words, code versus prose), tags each with its role in a layered
// backend, and lists the handbook entries that already cover the concept.
//
// Search returns the ranked result for other code (the drafting feature
// offers its snippets as references); Run prints it for `handbook explore`.
//
// Speed comes from doing each file's work on the walk's own goroutines
// (one a CPU, reading folders concurrently), reading only the first 8 KiB
// of binary files and each text file once into a buffer its worker reuses,
// sized from fstat, and scanning it in one vectorised pass for the rarest pair of letters of
// each word, in any case (see matcher); the words are compared only there, and
// regular expressions run only on the few lines that match. Memory stays
// flat however large the repository: only the best Limit files are kept.
package explore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/safefile"
	"github.com/handbook-dev/handbook/workspace"
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
	// Matched counts every file with evidence, of which Results holds
	// the best Limit.
	Matched int `json:"-"`
}

// FileResult is one file, best first.
type FileResult struct {
	Path    string   `json:"path"` // relative to the repository root, forward slashes
	Role    string   `json:"role"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
	Hits    []Hit    `json:"hits"`
}

// Hit is one snippet: a matching line with its context.
type Hit struct {
	Line          int      `json:"line"` // 1-based
	Text          string   `json:"text"`
	Kind          string   `json:"kind"` // definition, code, comment or doc
	ContextBefore []string `json:"context_before"`
	ContextAfter  []string `json:"context_after"`
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
	ctx      context.Context
	handbook string // root-relative handbook folder + "/", "" if outside the root
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
	custom, err := compileRoleGlobs(p.ws.Config.Explore.Roles)
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
	if rel := p.ws.Rel(p.ws.Handbook); rel != "." && !strings.HasPrefix(rel, "../") {
		p.handbook = rel + "/"
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
	c, err := ParseConcept(opts.Concept)
	if err != nil {
		return nil, err
	}
	p, err := newPlan(opts)
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
	top := &topK{n: p.limit}
	docs := &topK{n: p.limit}
	// Each of the walk's goroutines reads and scores the files it lists,
	// with a worker of its own: no hand-off, no extra goroutines.
	var mu sync.Mutex
	var workers []*worker
	wst, walkErr := walk.WalkEach(p.ws.Root, walk.Options{Workers: p.workers}, func() func(walk.File) {
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
			w.do(f, top, docs)
			if w.walked%64 == 0 {
				w.flush()
			}
		}
	})
	for _, w := range workers {
		w.flush()
	}
	var warnings []string
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
	res := &Result{
		Concept:      input,
		Terms:        c.Terms(),
		Results:      top.sorted(),
		DocumentedIn: []string{},
		Matched:      int(cnt.matched.Load()),
		Stats: Stats{
			FilesWalked:   int(cnt.walked.Load()),
			FilesSearched: int(cnt.searched.Load()),
			Bytes:         cnt.bytes.Load(),
			SkippedBinary: int(cnt.binary.Load()),
			SkippedLarge:  int(cnt.large.Load()),
			Unreadable:    int(cnt.unreadable.Load()),
			ElapsedMS:     time.Since(start).Milliseconds(),
			Warnings:      warnings,
		},
	}
	own := workspace.SuggestSlug(input)
	for _, d := range docs.sorted() {
		if base := path.Base(d.Path); own != "" && strings.TrimSuffix(base, path.Ext(base)) == own {
			res.Entry = d.Path
			continue
		}
		res.DocumentedIn = append(res.DocumentedIn, d.Path)
	}
	return res, nil
}

// worker searches files one at a time with buffers it keeps. It counts
// in plain fields and adds them to the shared counters now and then, so
// that the workers do not contend for the counters' cache line per file.
type worker struct {
	p     *plan
	files *fileReader
	cnt   *counters
	a     analyzer
	bufs  readBuffers

	walked, searched, binary, large, unreadable, matched, bytes int64
}

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
	return &worker{p: p, files: files, cnt: cnt, a: analyzer{c: p.concept, m: newMatcher(p.concept)}}
}

func (w *worker) do(f walk.File, top, docs *topK) {
	p := w.p
	isEntry := p.handbook != "" && strings.HasPrefix(f.Rel, p.handbook) && (strings.HasSuffix(f.Rel, ".md") || strings.HasSuffix(f.Rel, ".mdx"))
	if p.handbook != "" && (f.Rel == p.handbook+workspace.DocsJSON || f.Rel == p.handbook+"mint.json") {
		// The navigation lists every entry's page name, so it would rank
		// for every concept already documented; it is no place in the code.
		return
	}
	// The role matters only for a file that scores, unless --role
	// narrows the search: then it spares reading the others.
	role := ""
	if p.roles != nil {
		role = roleOf(f.Rel, p.custom)
		if !isEntry && !p.wants(role) {
			return
		}
	}
	data, err := w.files.read(f, &w.bufs, p.maxSize)
	defer w.files.done(data)
	switch {
	case errors.Is(err, errSymlink):
		return // it became a link since the walk saw it
	case errors.Is(err, errTooLarge):
		w.large++
		return
	case errors.Is(err, errBinary):
		w.binary++
		return
	case err != nil:
		w.unreadable++
		return
	}
	w.searched++
	w.bytes += int64(len(data))
	s := w.a.analyze(f.Rel, data)
	if s.score <= 0 {
		return
	}
	// An entry is about the concept when it names it, not when it
	// mentions a lock in passing; other entries are ordinary docs.
	if isEntry && (s.named || w.a.hasPhrase()) {
		docs.offer(s.score, f.Rel, func() *FileResult { return &FileResult{Path: f.Rel} })
		return
	}
	if role == "" {
		role = roleOf(f.Rel, p.custom)
	}
	if !p.wants(role) {
		return
	}
	w.matched++
	top.offer(s.score, f.Rel, func() *FileResult {
		return &FileResult{Path: f.Rel, Role: role, Score: s.score, Reasons: s.reasons, Hits: w.hits(data, s.picks)}
	})
}

// hits builds the snippets of the picked lines, with context.
func (w *worker) hits(data []byte, picks []pick) []Hit {
	out := make([]Hit, 0, len(picks))
	for _, pk := range picks {
		var spans [][2]int
		for _, m := range w.a.matches {
			if m.start >= pk.start && m.end <= pk.end {
				spans = append(spans, [2]int{m.start - pk.start, m.end - pk.start})
			}
		}
		text, spans := snippetText(data[pk.start:pk.end], spans)
		h := Hit{Line: pk.line, Text: text, Kind: pk.kind, Spans: spans, ContextBefore: []string{}, ContextAfter: []string{}}
		// Lines before: walk back from the line start.
		var before []string
		for i, pos := 0, pk.start; i < w.p.context && pos > 0; i++ {
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
		for i, pos := 0, pk.end; i < w.p.context && pos < len(data); i++ {
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

func (a *analyzer) hasPhrase() bool {
	for _, m := range a.matches {
		if m.word == wordPhrase {
			return true
		}
	}
	return false
}

var (
	errSymlink  = errors.New("symlink")
	errTooLarge = errors.New("too large")
	errBinary   = errors.New("binary")
)

// topK keeps the n best files by score (then path, so that the result does
// not depend on which worker finished first). It builds a FileResult only
// for files that make it in.
type topK struct {
	mu    sync.Mutex
	n     int
	items []*FileResult
	score []float64
}

func better(s1 float64, p1 string, s2 float64, p2 string) bool {
	if s1 != s2 {
		return s1 > s2
	}
	return p1 < p2
}

func (t *topK) offer(score float64, path string, build func() *FileResult) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.items) == t.n && !better(score, path, t.score[t.n-1], t.items[t.n-1].Path) {
		return
	}
	r := build()
	i := sort.Search(len(t.items), func(i int) bool { return better(score, path, t.score[i], t.items[i].Path) })
	t.items = append(t.items, nil)
	t.score = append(t.score, 0)
	copy(t.items[i+1:], t.items[i:])
	copy(t.score[i+1:], t.score[i:])
	t.items[i], t.score[i] = r, score
	if len(t.items) > t.n {
		t.items, t.score = t.items[:t.n], t.score[:t.n]
	}
}

func (t *topK) sorted() []FileResult {
	out := make([]FileResult, 0, len(t.items))
	for _, r := range t.items {
		out = append(out, *r)
	}
	return out
}

// Skipped describes the skipped files in one line, or "" when none were.
func (s Stats) Skipped(maxSize int64) string {
	var parts []string
	if s.SkippedBinary > 0 {
		parts = append(parts, fmt.Sprintf("%d binary", s.SkippedBinary))
	}
	if s.SkippedLarge > 0 {
		parts = append(parts, fmt.Sprintf("%d over %s (see --max-filesize)", s.SkippedLarge, FormatSize(maxSize)))
	}
	if s.Unreadable > 0 {
		parts = append(parts, fmt.Sprintf("%d unreadable", s.Unreadable))
	}
	if len(parts) == 0 {
		return ""
	}
	noun := "files"
	if s.SkippedBinary+s.SkippedLarge+s.Unreadable == 1 {
		noun = "file"
	}
	return "skipped " + strings.Join(parts, ", ") + " " + noun
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
