package validate

import (
	"bytes"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/handbook-dev/handbook/workspace/lang"
)

// defsLater gathers the names whose repository-wide definitions the
// entries' checks ask (a symbol cited next to a path that no longer
// defines it, an imported name its module lacks), so that they are
// looked up together once every entry is checked: where no definitions
// cache can be kept, each name asked as the checks go was a scan of every
// source file, and the files were read and kept for it; together they are
// one pass that reads each file into a reused buffer and looks for every
// name in it while it is in the processor's cache (a fifth of a cold run
// on celery's years-old handbook, four names, 429 sources of 3.5 MB).
type defsLater struct {
	mu    sync.Mutex
	names []string
	seen  map[string]bool
}

// maxPassNames is how many names one pass looks for by their bytes, each
// over every file, before listing each file's definitions once is the
// cheaper way. Names that are defined somewhere (what entries cite) are
// on many lines; 24 such names against one listing (lang's finder and
// Definitions over files already read, one core, 2026-11-29): celery's
// Python 27.9 against 7.1 ms, polar's Python 48.4 against 24.3 ms, its
// TSX 12.2 against 8.3 ms: they break even at about 6, 12 and 16 names.
// (defsOf's maxNameScans weighs one scan of the kept sources per name
// against listing every definition into one map, once.)
const maxPassNames = 10

// namesScanHook, when set (by tests), is called as a pass of scanNames
// starts.
var namesScanHook func(names []string)

// waitingFinding is a finding that waits on name's definitions: made by
// report, at out[slot] of its checker.
type waitingFinding struct {
	name   string
	slot   int
	report func(defs []defAt)
}

func (w *defsLater) add(name string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.seen[name] {
		if w.seen == nil {
			w.seen = map[string]bool{}
		}
		w.seen[name] = true
		w.names = append(w.names, name)
	}
}

// withDefs calls report with name's definitions in the repository. report
// makes one finding. Where the checker gathers its lookups, the finding
// keeps its place among the others and is made in checked, once lint has
// looked every gathered name up (answerLater).
func (l *Linter) withDefs(c *checker, name string, report func(defs []defAt)) {
	if c.later == nil {
		report(l.repoIndex().defsOf(name))
		return
	}
	c.later.add(name)
	c.waiting = append(c.waiting, waitingFinding{name: name, slot: len(c.out), report: report})
	c.out = append(c.out, Finding{}) // the finding's place
}

// makeWaiting makes the checker's waiting findings, each in its place.
func (l *Linter) makeWaiting(c *checker) {
	if len(c.waiting) == 0 {
		return
	}
	x := l.repoIndex()
	for _, w := range c.waiting {
		c.fill = w.slot + 1
		w.report(x.defsOf(w.name))
		c.fill = 0
	}
	c.waiting = nil
	// A report that made no finding leaves its place empty.
	c.out = slices.DeleteFunc(c.out, func(f Finding) bool { return f.Rule == "" })
}

// answerLater looks up the gathered names, so that defsOf answers each
// without a scan of its own. Where the definitions cache is kept, or the
// sources were read and kept already (bare names looked up for drift),
// defsOf answers as it would have as the checks went.
func (x *repoIndex) answerLater(w *defsLater) {
	if len(w.names) == 0 {
		return
	}
	d := &x.defs
	paths := x.sourcePaths()
	if d.read.Load() || x.defsCacheKept(paths) {
		return
	}
	found := x.scanNames(paths, w.names)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.gathered == nil {
		d.gathered = make(map[string][]defAt, len(w.names))
	}
	for _, name := range w.names {
		d.gathered[name] = found[name]
	}
}

// answered is name's definitions when answerLater looked them up.
func (x *repoIndex) answered(name string) ([]defAt, bool) {
	d := &x.defs
	d.mu.Lock()
	defer d.mu.Unlock()
	defs, ok := d.gathered[name]
	return defs, ok
}

// scanNames looks for the definitions of names in every source file, in
// one pass: each worker reads file after file into its own buffer (no
// new memory per file to fault in) and looks for each name in it, or,
// past maxPassNames names, lists the file's definitions and keeps those
// of the names. Nothing of the files is kept. The answers are defsOf's:
// a file's text is what readSourceKey (or the reference checks, for a
// cited file) read.
func (x *repoIndex) scanNames(paths, names []string) map[string][]defAt {
	if namesScanHook != nil {
		namesScanHook(names)
	}
	for _, name := range names {
		if nameScanHook != nil {
			nameScanHook(name)
		}
	}
	var want map[string]bool
	if len(names) > maxPassNames {
		want = make(map[string]bool, len(names))
		for _, name := range names {
			want[name] = true
		}
	}
	workers := min(runtime.GOMAXPROCS(0), max(len(paths), 1))
	found := make([]map[string][]defAt, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for k := range workers {
		wg.Go(func() {
			mine := map[string][]defAt{}
			var buf []byte
			for i := int(next.Add(1) - 1); i < len(paths); i = int(next.Add(1) - 1) {
				p := paths[i]
				src, _, known := x.citedText(p)
				if !known {
					abs := x.root + string(filepath.Separator) + filepath.FromSlash(p)
					if sourceReadHook != nil {
						sourceReadHook(abs)
					}
					var ok bool
					src, _, ok = readCodeInto(abs, maxDefFile, buf)
					if ok && cap(src) > cap(buf) {
						buf = src[:0]
					}
					if !ok || looksBinary(src) {
						continue
					}
				}
				if src != nil {
					definedIn(p, src, names, want, mine)
				}
			}
			found[k] = mine
		})
	}
	wg.Wait()
	all := found[0]
	for _, m := range found[1:] {
		for name, defs := range m {
			all[name] = append(all[name], defs...)
		}
	}
	for _, defs := range all {
		slices.SortFunc(defs, cmpDefAt)
	}
	return all
}

// definedIn adds to found the definitions of names in the source file p
// (its text src): those of want's names from the file's listing when want
// is set, else each name looked for by its bytes, as defSource.definedAt
// does.
func definedIn(p string, src []byte, names []string, want map[string]bool, found map[string][]defAt) {
	lg := lang.Of(p)
	var defs []lang.Def
	last := 0
	listed := false
	list := func() {
		if !listed {
			listed = true
			defs = lg.Definitions(src)
			last = bytes.Count(src, []byte("\n")) + 1
		}
	}
	if want != nil {
		list()
		for k, def := range defs {
			if want[def.Name] {
				found[def.Name] = append(found[def.Name], defAt{path: p, line: def.Line, end: lang.Extent(defs, k, last)})
			}
		}
		return
	}
	for _, name := range names {
		lines := lg.DefinedAt(src, name)
		if len(lines) == 0 {
			continue
		}
		list()
		for k, def := range defs {
			if def.Name == name && slices.Contains(lines, def.Line) {
				found[name] = append(found[name], defAt{path: p, line: def.Line, end: lang.Extent(defs, k, last)})
			}
		}
	}
}
