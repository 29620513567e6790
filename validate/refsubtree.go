package validate

import (
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/handbook-dev/handbook/workspace/lang"
	"github.com/handbook-dev/handbook/workspace/walk"
)

// A name imported from a module that does not define it is most often
// defined near it: `from polar.kit import Schema`, where polar/kit/
// holds schemas.py, which defines Schema. The suggestion is looked for
// first below the module's folder (defsNear), where a few dozen files are
// listed and read, instead of among every source file of the repository:
// on a repository of 3,700 sources, saying where Schema is cost a
// lint without drift several times its time, warm or cold.
//
// The files git lists below a folder come from the listing when this run
// made it; else from the probe's walk of that folder alone (walk.Probe.Below),
// kept between runs in the subtrees cache (.git/handbook/subtrees) with
// the stat data of everything that walk's answer rests on, as the listing
// cache keeps the whole walk's (reflisting.go): git's configuration,
// excludes files and index, the ignore file of each folder on the way,
// each folder on the way and each folder below it. A later run stats
// those instead of reading the index. Each source's definitions of the
// name are answers of the cited files' cache (codeFile.definedAt), keyed
// by the file's stat data.

const (
	subtreesCacheName  = "subtrees"
	subtreesCacheMagic = "handbook subtrees 1\n"
	maxCachedSubtrees  = 256
	maxSubtreeSources  = 1 << 14
)

// subtree is what the walk yields below a folder: its source files (not
// symlinks), sorted, and, when they can be kept, the inputs that answer
// rests on.
type subtree struct {
	sources []string
	inputs  []listingInput // nil: not kept
}

// subtrees is what a run knows of folders' files, from the cache or
// walked.
type subtrees struct {
	once   sync.Once
	env    []string            // walk.Env's values as cached
	cached map[string]*subtree // as the cache holds them
	mu     sync.Mutex
	got    map[string]*subtree // this run's answers, by folder
	failed bool                // a cached answer no longer holds
}

// probeLog keeps what the probe tells through walk.Options.Inputs: what
// it read as it was made (git's files, the root's ignore file: what every
// answer rests on), and after, the folders it listed and the ignore files
// it read or looked for.
type probeLog struct {
	mu        sync.Mutex
	made      bool
	repo      map[string]bool
	later     map[string]bool
	untrusted bool // told "": something stat data cannot vouch for
}

func (l *probeLog) note(abs string, found bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case abs == "":
		l.untrusted = true
	case !l.made:
		l.repo[abs] = found
	default:
		l.later[abs] = found
	}
}

// sourcesUnder lists the source files git lists below the folder dir
// (from the root, not ""), sorted, once a run.
func (x *repoIndex) sourcesUnder(dir string) []string {
	t := &x.subtrees
	t.once.Do(func() {
		t.got = map[string]*subtree{}
		t.cached = x.readSubtrees()
	})
	t.mu.Lock()
	s, ok := t.got[dir]
	t.mu.Unlock()
	if ok {
		return s.sources
	}
	s = x.listSubtree(dir)
	t.mu.Lock()
	if prev, ok := t.got[dir]; ok {
		s = prev // another entry's worker listed it first: the same files
	} else {
		t.got[dir] = s
	}
	t.mu.Unlock()
	return s.sources
}

// listSubtree lists dir's source files: from the listing when this run
// made it, from the cache when its inputs are as they were, else walked.
func (x *repoIndex) listSubtree(dir string) *subtree {
	if x.listDone.Load() {
		return &subtree{sources: sourcesBelow(x.list, dir, x.listUnsorted)}
	}
	t := &x.subtrees
	if c := t.cached[dir]; c != nil {
		if x.inputsHold(t.env, c.inputs) {
			return &subtree{sources: c.sources, inputs: c.inputs}
		}
		t.mu.Lock()
		t.failed = true
		t.mu.Unlock()
	}
	p := x.prober()
	if p == nil {
		return &subtree{}
	}
	var sources []string
	p.Below(dir, func(f walk.File) {
		if !f.Symlink && lang.IsSource(f.Rel) && len(sources) < maxSubtreeSources {
			sources = append(sources, f.Rel)
		}
	})
	slices.Sort(sources)
	return &subtree{sources: sources, inputs: x.subtreeInputs(dir)}
}

// sourcesBelow is the source files of list below dir, sorted: found by
// binary search in a sorted list, else looked for in all of it.
func sourcesBelow(list []listed, dir string, unsorted bool) []string {
	prefix := dir + "/"
	var out []string
	if unsorted {
		for _, f := range list {
			if strings.HasPrefix(f.rel, prefix) && !f.link && lang.IsSource(f.rel) {
				out = append(out, f.rel)
			}
		}
		slices.Sort(out)
		return out
	}
	i, _ := slices.BinarySearchFunc(list, prefix, func(f listed, p string) int { return strings.Compare(f.rel, p) })
	for ; i < len(list) && strings.HasPrefix(list[i].rel, prefix); i++ {
		if !list[i].link && lang.IsSource(list[i].rel) {
			out = append(out, list[i].rel)
		}
	}
	return out
}

// subtreeInputs is what the probe's answer below dir rests on, with their
// stat data; nil when it cannot be kept: what the probe read as it was
// made, the ignore files it read or looked for in the folders on the way
// and below dir, the folders it listed below dir and the folders on the
// way (the root's included): an entry added to, removed from or renamed
// in one changes its stat data.
func (x *repoIndex) subtreeInputs(dir string) []listingInput {
	if x.cacheStore().dir == "" {
		return nil
	}
	l := &x.probeLog
	l.mu.Lock()
	if l.untrusted || l.repo == nil {
		l.mu.Unlock()
		return nil
	}
	found := make(map[string]bool, len(l.repo)+16)
	for abs, ok := range l.repo {
		found[abs] = ok
	}
	root := x.root + string(filepath.Separator)
	below := root + filepath.FromSlash(dir) + string(filepath.Separator)
	on := map[string]bool{} // the folders on the way, with their separator
	for d := dir; d != "."; d = path.Dir(d) {
		on[root+filepath.FromSlash(d)+string(filepath.Separator)] = true
	}
	for abs, ok := range l.later {
		parent := abs[:strings.LastIndexByte(abs, filepath.Separator)+1]
		if strings.HasPrefix(abs, below) || abs+string(filepath.Separator) == below ||
			filepath.Base(abs) == ".gitignore" && on[parent] {
			found[abs] = ok
		}
	}
	l.mu.Unlock()
	found[x.root] = true
	for d := path.Dir(dir); d != "."; d = path.Dir(d) {
		found[root+filepath.FromSlash(d)] = true
	}
	found[root+filepath.FromSlash(dir)] = true
	return x.stampInputs(found)
}

// inputsHold reports whether a cached answer's inputs are as they were
// (and walk.Env's values, with which the cache was written).
func (x *repoIndex) inputsHold(env []string, inputs []listingInput) bool {
	if !envSame(env) {
		return false
	}
	for _, in := range inputs {
		if !x.inputHolds(in) {
			return false
		}
	}
	return true
}

// readSubtrees reads the subtrees cache: none when there is none or it
// cannot be trusted.
func (x *repoIndex) readSubtrees() map[string]*subtree {
	d := x.cacheStore().read(subtreesCacheName, subtreesCacheMagic)
	if d == nil {
		return nil
	}
	env, out, err := decodeSubtrees(d)
	if err != nil {
		return nil
	}
	x.subtrees.env = env
	return out
}

// decodeSubtrees reads the subtrees cache: the values of walk.Env, then
// each folder's inputs and source files.
func decodeSubtrees(d *decoder) ([]string, map[string]*subtree, error) {
	env := d.env()
	if env == nil {
		return nil, nil, errCorrupt
	}
	out, err := decodeEntries(d, maxCachedSubtrees, func(d *decoder) *subtree {
		s := &subtree{inputs: d.inputs()}
		if n := d.num(maxSubtreeSources); n > 0 {
			// The paths, NUL-separated in one string (no path holds a NUL).
			s.sources = strings.Split(d.str(), "\x00")
			if len(s.sources) != n {
				d.bad = true
			}
		}
		return s
	})
	if err != nil {
		return nil, nil, err
	}
	return env, out, nil
}

// saveSubtrees writes the subtrees cache when this run learnt an answer
// that can be kept or found a cached one that no longer holds: this run's
// answers first, then the others as they were.
func (x *repoIndex) saveSubtrees() {
	t := &x.subtrees
	t.mu.Lock()
	defer t.mu.Unlock()
	fresh := t.failed
	var dirs []string
	for dir, s := range t.got {
		if s.inputs != nil {
			dirs = append(dirs, dir)
			fresh = fresh || t.cached[dir] == nil
		}
	}
	if !fresh {
		return
	}
	slices.Sort(dirs)
	// The others are kept if written with the same environment (the
	// file holds one).
	if envSame(t.env) {
		var others []string
		for dir := range t.cached {
			if t.got[dir] == nil {
				others = append(others, dir)
			}
		}
		slices.Sort(others)
		dirs = append(dirs, others...)
	}
	dirs = dirs[:min(len(dirs), maxCachedSubtrees)]
	slices.Sort(dirs)
	x.cacheStore().write(subtreesCacheName, subtreesCacheMagic, func(e *encoder) {
		e.env()
		e.uvarint(uint64(len(dirs)))
		for _, dir := range dirs {
			s := t.got[dir]
			if s == nil {
				s = t.cached[dir]
			}
			e.str(dir)
			e.inputs(s.inputs)
			e.uvarint(uint64(len(s.sources)))
			if len(s.sources) > 0 {
				e.str(strings.Join(s.sources, "\x00"))
			}
		}
	})
}

// defsNear lists the definitions of name in the source files git lists
// below dir that code in file from can import (lang.SameFamily), sorted;
// none when there are more than limit of them (0: no limit).
func (x *repoIndex) defsNear(dir, name, from string, limit int) []defAt {
	sources := x.sourcesUnder(dir)
	var mine []string
	for _, p := range sources {
		if lang.SameFamily(p, from) {
			mine = append(mine, p)
		}
	}
	if limit > 0 && len(mine) > limit {
		return nil
	}
	at := make([][]int, len(mine))
	parallel(len(mine), func(i int) {
		if f := x.listedFile(mine[i]); f != nil {
			at[i] = f.definedAt(name)
		}
	})
	var out []defAt
	for i, lines := range at {
		for _, n := range lines {
			out = append(out, defAt{path: mine[i], line: n})
		}
	}
	return out
}

// definedAt lists the lines where the file defines name, as the
// definitions index would (refdefs.go): none in a file it does not read
// (binary, or past maxDefFile).
func (f *codeFile) definedAt(name string) []int {
	if f.large || f.binary {
		return nil
	}
	size := f.key.size
	if f.key == (fileKey{}) {
		size = int64(len(f.text())) // read the slow way: no stat data
	}
	if size > maxDefFile {
		return nil
	}
	return f.ask(question('D', name, 0), func() []int {
		at := lang.Of(f.path).DefinedAt(f.text(), name)
		if at == nil {
			at = []int{}
		}
		return at
	})
}
