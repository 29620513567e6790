package validate

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/handbook-dev/handbook/workspace/lang"
)

// defsIndex answers where a name is defined in the repository: for a bare
// name in inline code (a reference when it is defined once), and for a
// symbol the cited place lacks (said to be defined elsewhere).
//
// Where the run can keep the definitions cache (refdefscache.go: every
// definition of every source file, keyed by each file's stat data), every
// definition is known: the cache's for the sources whose stat data it
// holds, and, for the others, listed this run (read and listed once, in
// parallel). A name's answer is then the cache's for it among the sources
// still unchanged, plus the new sources'. A first run lists every
// definition, as a run asking many names always did; a later one stats the
// sources and reads only those that changed, whatever names its entries ask.
//
// Where no cache can be kept, listing every definition of every source
// file costs several times more than reading the files, and a run asks
// about a handful of names: so the source files are read once and kept,
// and each name is looked for in them by its bytes (lang's finder), the
// definition patterns running only on the lines that hold it. Past
// maxNameScans names, or when the sources do not fit in maxDefSources
// bytes, every definition is listed once instead. All give the same answers
// (DefinedAt is held to Definitions by lang's tests;
// TestDefinitionsByNameAsListed here).
type defsIndex struct {
	readOnce sync.Once
	sources  []*defSource // nil when they did not fit: see all
	read     atomic.Bool  // sources are set
	asked    atomic.Int32

	// indexed: the definitions cache is kept (see above); cache is the one
	// found, and cacheUsed says which of its sources this run's are, with
	// the stat data it holds.
	indexed   bool
	cache     *defsCache
	cacheUsed []bool
	newOnce   sync.Once
	newDefs   map[string][]defAt // of the sources the cache does not hold
	listed    atomic.Bool        // newDefs is set

	mu     sync.Mutex
	byName map[string]*nameDefs
	// gathered is the definitions of the names the checks gathered,
	// looked up together (answerLater) without keeping the sources.
	gathered map[string][]defAt

	allOnce sync.Once
	all     map[string][]defAt // every definition, once listed
}

// nameDefs is one name's definitions, looked for once: entries' workers
// that ask for the same name at the same time wait for one scan of the
// sources instead of each making its own.
type nameDefs struct {
	once sync.Once
	defs []defAt
}

// nameScanHook, when set (by tests), is called as a name's scan starts.
var nameScanHook func(name string)

// sourceReadHook, when set (by tests), is called as a source file is read
// for the definitions.
var sourceReadHook func(abs string)

// defSource is a source file kept for name lookups.
type defSource struct {
	path string
	// src is the text, nil for a file that is not a source after all
	// (binary, too large: it defines nothing) and, until text() reads it,
	// for one the cache holds.
	src []byte
	abs string
	key fileKey // stat data as read or cached; zero: not cached
	// cacheAt is the file's place in the definitions cache when it is
	// there with the stat data it has now (its definitions hold), else -1.
	cacheAt  int
	readOnce sync.Once

	defsOnce sync.Once
	defs     []lang.Def
	last     int // its last line
}

const (
	// maxDefSources bounds the bytes of source kept for name lookups.
	maxDefSources = 64 << 20
	// maxNameScans is how many names are looked for one by one before
	// listing every definition is the cheaper way.
	maxNameScans = 24
)

// defsOf lists the definitions of name in the files git lists.
func (x *repoIndex) defsOf(name string) []defAt {
	d := &x.defs
	if defs, ok := x.answered(name); ok {
		return defs
	}
	d.readOnce.Do(func() {
		d.sources = x.readSources()
		d.read.Store(true)
	})
	switch {
	case d.sources == nil:
		return x.allDefinitions()[name]
	case d.indexed:
		return x.indexedDefs(name)
	case d.asked.Load() >= maxNameScans:
		return x.allDefinitions()[name]
	}
	d.mu.Lock()
	n, ok := d.byName[name]
	if !ok {
		if d.byName == nil {
			d.byName = map[string]*nameDefs{}
		}
		n = &nameDefs{}
		d.byName[name] = n
	}
	d.mu.Unlock()
	n.once.Do(func() { n.defs = x.scanDefs(name) })
	return n.defs
}

// indexedDefs is name's definitions from the cache and the sources it
// does not hold.
func (x *repoIndex) indexedDefs(name string) []defAt {
	d := &x.defs
	d.newOnce.Do(x.listNew)
	at, ok := d.cache.lookup(name)
	if !ok {
		// A record that cannot be read (never written so: a checksum
		// can miss damage): the files answer.
		return x.allDefinitions()[name]
	}
	got := slices.Clone(d.newDefs[name])
	for _, p := range at {
		if d.cacheUsed[p.source] {
			got = append(got, defAt{path: d.cache.paths[p.source], line: p.line, end: p.end})
		}
	}
	slices.SortFunc(got, cmpDefAt)
	return got
}

// listNew lists the definitions of the sources the cache does not hold
// (all of them on a first run), once, in parallel.
func (x *repoIndex) listNew() {
	d := &x.defs
	d.newDefs = map[string][]defAt{}
	var mu sync.Mutex
	parallel(len(d.sources), func(i int) {
		s := d.sources[i]
		if s.cacheAt >= 0 {
			return
		}
		defs, last := s.definitions()
		if len(defs) == 0 {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		for k, def := range defs {
			d.newDefs[def.Name] = append(d.newDefs[def.Name], defAt{path: s.path, line: def.Line, end: lang.Extent(defs, k, last)})
		}
	})
	d.listed.Store(true)
}

// scanDefs looks for name's definitions in the kept sources.
func (x *repoIndex) scanDefs(name string) []defAt {
	d := &x.defs
	d.asked.Add(1)
	if nameScanHook != nil {
		nameScanHook(name)
	}
	var got []defAt
	var mu sync.Mutex
	parallel(len(d.sources), func(i int) {
		s := d.sources[i]
		at := s.definedAt(name)
		if len(at) == 0 {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		for k := 0; k+1 < len(at); k += 2 {
			got = append(got, defAt{path: s.path, line: at[k], end: at[k+1]})
		}
	})
	slices.SortFunc(got, cmpDefAt)
	return got
}

// definedAt looks for name's definitions in the file's text: their
// lines and last lines, in pairs.
func (s *defSource) definedAt(name string) []int {
	var at []int
	if lines := lang.Of(s.path).DefinedAt(s.text(), name); len(lines) > 0 {
		defs, last := s.definitions()
		for k, def := range defs {
			if def.Name == name && slices.Contains(lines, def.Line) {
				at = append(at, def.Line, lang.Extent(defs, k, last))
			}
		}
	}
	return at
}

// text is the file's content: read now if the cache held it so far (nil
// if it can no longer be read as a source).
func (s *defSource) text() []byte {
	s.readOnce.Do(func() {
		if s.src == nil && s.cacheAt >= 0 {
			s.src, _ = readSourceKey(s.abs)
		}
	})
	return s.src
}

// definitions lists the file's definitions, once.
func (s *defSource) definitions() ([]lang.Def, int) {
	s.defsOnce.Do(func() {
		src := s.text()
		s.defs = lang.Of(s.path).Definitions(src)
		s.last = bytes.Count(src, []byte("\n")) + 1
	})
	return s.defs, s.last
}

// sourcePaths lists the files git lists whose language has definitions,
// sorted.
func (x *repoIndex) sourcePaths() []string {
	x.listing()
	var paths []string
	for _, f := range x.list {
		if !f.link && lang.IsSource(f.rel) {
			paths = append(paths, f.rel)
		}
	}
	if x.listUnsorted {
		slices.Sort(paths)
	}
	return paths
}

// readSource reads a source file for the definitions: nil for a binary,
// unreadable or too large one (generated or vendored).
func (x *repoIndex) readSource(p string) []byte {
	src, _ := readSourceKey(x.root + string(filepath.Separator) + filepath.FromSlash(p))
	return src
}

// readSourceKey is readSource of an absolute path, with the file's stat
// data as read: those of a regular file too large or binary (nil text)
// too, which defines nothing as long as they hold.
func readSourceKey(abs string) ([]byte, fileKey) {
	if sourceReadHook != nil {
		sourceReadHook(abs)
	}
	src, key, ok := readCodeInto(abs, maxDefFile, nil)
	if !ok || looksBinary(src) {
		return nil, key
	}
	return src, key
}

// readSources reads every source file in parallel and keeps them; nil
// when together they pass maxDefSources. A file the definitions cache
// holds, unchanged since, is only stat'ed: it is read only if the cache
// cannot answer after all.
func (x *repoIndex) readSources() []*defSource {
	paths := x.sourcePaths()
	d := &x.defs
	// More sources than the cache keeps: names are scanned for, as where
	// no cache can be kept, rather than every definition listed each run.
	d.indexed = x.defsCacheKept(paths)
	cached := &defsCache{}
	if d.indexed {
		cached = x.defsCache()
	}
	d.cache, d.cacheUsed = cached, make([]bool, len(cached.paths))
	// Each source's place in the cache: both lists are sorted.
	at := make([]int, len(paths))
	for i, j := 0, 0; i < len(paths); i++ {
		for j < len(cached.paths) && cached.paths[j] < paths[i] {
			j++
		}
		at[i] = -1
		if j < len(cached.paths) && cached.paths[j] == paths[i] {
			at[i] = j
		}
	}
	out := make([]*defSource, len(paths))
	var total atomic.Int64
	parallel(len(paths), func(i int) {
		if total.Load() > maxDefSources {
			return
		}
		abs := x.root + string(filepath.Separator) + filepath.FromSlash(paths[i])
		if j := at[i]; j >= 0 && x.sourceKey(paths[i]) == cached.keys[j] {
			total.Add(cached.keys[j].size)
			d.cacheUsed[j] = true // each j is one i's
			out[i] = &defSource{path: paths[i], abs: abs, key: cached.keys[j], cacheAt: j}
			return
		}
		src, key, known := x.citedText(paths[i])
		if !known {
			src, key = readSourceKey(abs)
		}
		if src != nil || key != (fileKey{}) {
			total.Add(int64(len(src)))
			out[i] = &defSource{path: paths[i], src: src, abs: abs, key: key, cacheAt: -1}
		}
	})
	if total.Load() > maxDefSources {
		d.indexed = false
		return nil
	}
	return slices.DeleteFunc(out, func(s *defSource) bool { return s == nil })
}

// defsCacheKept says whether the run keeps the definitions cache of the
// sources at paths: where it can keep a cache at all, and they are not
// more than the cache keeps.
func (x *repoIndex) defsCacheKept(paths []string) bool {
	return x.cacheStore().dir != "" && len(paths) <= maxCachedSources
}

// sourceKey is the stat data of the source rel: the paths cache's when
// this run took them already (many sources are cited too), else lstat's
// (relative to the root folder). Unlike keyOf it does not record them:
// the sources are thousands, and the workers would wait on each other to
// add each to the paths cache's map.
func (x *repoIndex) sourceKey(rel string) fileKey {
	if st, ok, known := x.pathsCache().statKnown(rel); known {
		if !ok {
			return fileKey{}
		}
		return st.fileKey()
	}
	st, ok := x.statRel(rel, false)
	if !ok {
		return fileKey{}
	}
	return st.fileKey()
}

// allDefinitions lists every definition of every source file, once: from
// the kept sources, or read again file by file when they were not kept.
func (x *repoIndex) allDefinitions() map[string][]defAt {
	d := &x.defs
	d.allOnce.Do(func() {
		d.all = map[string][]defAt{}
		var mu sync.Mutex
		add := func(p string, defs []lang.Def, last int) {
			mu.Lock()
			defer mu.Unlock()
			for i, def := range defs {
				d.all[def.Name] = append(d.all[def.Name], defAt{path: p, line: def.Line, end: lang.Extent(defs, i, last)})
			}
		}
		if d.sources != nil {
			parallel(len(d.sources), func(i int) {
				defs, last := d.sources[i].definitions()
				add(d.sources[i].path, defs, last)
			})
			return
		}
		paths := x.sourcePaths()
		parallel(len(paths), func(i int) {
			if src := x.readSource(paths[i]); src != nil {
				add(paths[i], lang.Of(paths[i]).Definitions(src), bytes.Count(src, []byte("\n"))+1)
			}
		})
	})
	return d.all
}

// cmpDefAt orders definitions by file and line.
func cmpDefAt(a, b defAt) int {
	if a.path != b.path {
		if a.path < b.path {
			return -1
		}
		return 1
	}
	return a.line - b.line
}

// citedText is what readSourceKey would give for rel when the reference
// checks have read it as a cited file already (known is false when they
// have not): a file is not read twice, under two limits.
func (x *repoIndex) citedText(rel string) (src []byte, key fileKey, known bool) {
	x.srcMu.Lock()
	f := x.srcs[rel]
	x.srcMu.Unlock()
	if f == nil || !f.loaded.Load() {
		return nil, fileKey{}, false
	}
	if f.large || f.binary || len(f.src) > maxDefFile {
		return nil, f.key, true // defines nothing, as long as its stat data hold
	}
	// A zero key (the file was read the slow way: it changed under the
	// read, or the fast open failed) still gives the text, as
	// readSourceKey would; a zero key is never cached.
	return f.src, f.key, true
}

// sourceText is the text of rel and its stat data when the definitions
// index read it (a text file of at most maxDefFile bytes); ok is false when
// it did not.
func (x *repoIndex) sourceText(rel string) (src []byte, key fileKey, ok bool) {
	d := &x.defs
	if !d.read.Load() || d.sources == nil {
		return nil, fileKey{}, false
	}
	i, found := slices.BinarySearchFunc(d.sources, rel, func(s *defSource, p string) int { return strings.Compare(s.path, p) })
	// A source the cache knew is read only later, if ever: its text may be
	// being read now, so it is not shared.
	if !found || d.sources[i].cacheAt >= 0 || d.sources[i].src == nil || d.sources[i].key == (fileKey{}) {
		return nil, fileKey{}, false
	}
	return d.sources[i].src, d.sources[i].key, true
}
