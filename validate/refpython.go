package validate

import (
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/handbook-dev/handbook/workspace/walk"
)

// pyResolver resolves dotted Python modules to repository files.
//
// A .py file's module name counts from the repository root, and from the
// source root of its package: the first folder above it that is not a
// package (has no __init__.py) and holds one — server/ or src/, wherever
// the top package lives. A loose script in a folder holding no package
// (tools/gen.py) is named by its path only: `import gen` in an entry is
// as likely a third-party module as that script. Instead of naming every .py file of the
// repository, a module is resolved by asking the probe about the few
// files it can be: a.b.c is a/b/c/__init__.py or a/b/c.py, from the root
// or from a source root whose a/ and a/b/ are packages.
//
// The source roots come from the packages the git index tracks (the
// folders holding a tracked X/__init__.py's folder), read while the index
// is read anyway; outside a repository, or without an index, from a walk
// of every file. A package git does not track yet is found under a source
// root known that way, not in a folder holding no tracked package at all.
type pyResolver struct {
	x *repoIndex

	// What the index says (pyIndex), set before any lookup: from the
	// paths cache, or from the probe's read of the index.
	indexed  bool
	inits    []string          // tracked paths of __init__.py files
	pyTopDir map[string]string // root folder → a .py file in it (tracked, or listed without an index)

	// Filled while the probe reads the index (keep).
	read pyIndexInfo

	once    sync.Once
	roots   map[string][]string // top package name → folders that may hold it
	anyRoot []string            // every source root found, for packages not tracked yet

	mu    sync.Mutex
	mods  map[string]pyAnswer
	tops  map[string]bool
	walks map[string]bool // root folders searched for .py files by walking them
}

type pyAnswer struct {
	file string
	ours bool
}

// keep is given every path of the git index: it notes the root folders
// holding .py files and keeps the __init__.py paths. rel is the index
// reader's memory, valid only during the call: what it keeps is copied.
func (py *pyResolver) keep(rel string) bool {
	py.read.indexed = true
	if !strings.HasSuffix(rel, ".py") {
		return false
	}
	if top, _, ok := strings.Cut(rel, "/"); ok {
		if py.read.topDir == nil {
			py.read.topDir = map[string]string{}
		}
		if py.read.topDir[top] == "" {
			rel = strings.Clone(rel)
			py.read.topDir[rel[:len(top)]] = rel
		}
	}
	return strings.HasSuffix(rel, "/__init__.py")
}

// pyIndexInfo is what the index says of Python: whether there was one,
// the tracked __init__.py files, and a tracked .py file in each root
// folder that holds one.
type pyIndexInfo struct {
	indexed bool
	inits   []string
	topDir  map[string]string
}

// pyIndex sets what the index says, once: from the paths cache when it
// has it for this index, else from the probe (made now if need be).
func (py *pyResolver) pyIndex() {
	info := py.x.pathsCache().py
	if info == nil {
		py.x.prober()
		info = &py.read
	}
	py.indexed, py.inits, py.pyTopDir = info.indexed, info.inits, info.topDir
}

// sourceRoots finds, once, the folders that may hold top packages.
func (py *pyResolver) sourceRoots() {
	py.once.Do(func() {
		py.pyIndex()
		py.roots = make(map[string][]string, len(py.inits))
		inits := py.inits
		if !py.indexed {
			// No index: every listed __init__.py, from a walk.
			py.x.listing()
			py.pyTopDir = map[string]string{}
			for _, f := range py.x.list {
				p, link := f.rel, f.link
				if !strings.HasSuffix(p, ".py") {
					continue
				}
				if top, _, ok := strings.Cut(p, "/"); ok && !link {
					py.pyTopDir[top] = p
				}
				if strings.HasSuffix(p, "/__init__.py") {
					inits = append(inits, p)
				}
			}
			slices.Sort(inits)
		}
		// Sized up front, and folders cut at their last slash rather than
		// cleaned (path.Dir): the paths are git's, clean already. A warm
		// run of polar's 64 entries (~1,000 packages) spent 1.4% here.
		pkgs := make(map[string]bool, len(inits))
		for _, p := range inits {
			pkgs[cleanDir(p)] = true
		}
		seen := map[string]bool{}
		for _, p := range inits {
			pkg := cleanDir(p)
			parent := cleanDir(pkg)
			py.roots[path.Base(pkg)] = append(py.roots[path.Base(pkg)], parent)
			if !pkgs[parent] && !seen[parent] {
				seen[parent] = true
				py.anyRoot = append(py.anyRoot, parent)
			}
		}
		if !seen["."] {
			py.anyRoot = append(py.anyRoot, ".")
		}
		slices.Sort(py.anyRoot)
		py.mods, py.tops, py.walks = map[string]pyAnswer{}, map[string]bool{}, map[string]bool{}
	})
}

// cleanDir is path.Dir of a clean path other than "" and ".": all but its
// last element, "." at the top.
func cleanDir(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return "."
}

// isPackage reports whether the folder dir holds an __init__.py (a file
// or a symlink: either makes it a package).
func (py *pyResolver) isPackage(dir string) bool {
	if dir == "." {
		return false // the root is where names start, never a package
	}
	k := py.x.kind(dir + "/__init__.py")
	return k == walk.RegularFile || k == walk.Symlink
}

// isModuleFile reports whether p is a .py file a module can be: listed,
// and not a symlink.
func (py *pyResolver) isModuleFile(p string) bool {
	return py.x.kind(p) == walk.RegularFile
}

// candidates are the source roots that may hold the top package top, in
// a stable order: those the index shows holding it, then every other.
func (py *pyResolver) candidates(top string) []string {
	out := slices.Clone(py.roots[top])
	slices.Sort(out)
	for _, r := range py.anyRoot {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// isRoot reports whether names count from folder r for the top package
// top: r is not a package and r/top is one.
func (py *pyResolver) isRoot(r, top string) bool {
	return !py.isPackage(r) && py.isPackage(path.Join(r, top))
}

// module resolves a dotted module: its file ("" when none), and whether
// its top package is in the repository at all (when not, it is
// third-party or the standard library, and no reference).
func (py *pyResolver) module(mod string) (file string, ours bool) {
	py.sourceRoots()
	a := memo(&py.mu, py.mods, mod, func() pyAnswer {
		top, _, _ := strings.Cut(mod, ".")
		file := py.find(mod)
		return pyAnswer{file: file, ours: file != "" || py.ours(top)}
	})
	return a.file, a.ours
}

// memo returns m[k], computing and keeping it on the first question. The
// lock is not held while compute runs: answers ask for other answers
// (a module asks whether its top package is ours, which may walk a
// folder), and two goroutines computing the same key agree.
func memo[K comparable, V any](mu *sync.Mutex, m map[K]V, k K, compute func() V) V {
	mu.Lock()
	v, ok := m[k]
	mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	mu.Lock()
	m[k] = v
	mu.Unlock()
	return v
}

// find returns the file of a module: a package's __init__.py before a
// module file (Python's order), the path from the root before the source
// roots.
func (py *pyResolver) find(mod string) string {
	parts := strings.Split(mod, ".")
	if slices.Contains(parts, "") {
		return ""
	}
	stem := strings.Join(parts, "/")
	for _, f := range []string{stem + "/__init__.py", stem + ".py"} {
		if py.isModuleFile(f) {
			return f
		}
	}
	for _, r := range py.candidates(parts[0]) {
		if py.isPackage(r) {
			continue
		}
		dir, ok := r, true
		for _, p := range parts[:len(parts)-1] {
			if dir = path.Join(dir, p); !py.isPackage(dir) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		base := path.Join(r, stem)
		for _, f := range []string{base + "/__init__.py", base + ".py"} {
			if py.isModuleFile(f) {
				return f
			}
		}
	}
	return ""
}

// ours reports whether a top-level name is one of the repository's: a
// root folder holding a .py file (its path is a module name), or a top
// package under a source root.
func (py *pyResolver) ours(top string) bool {
	return memo(&py.mu, py.tops, top, func() bool {
		o := py.rootFolderHoldsPython(top)
		for _, r := range py.candidates(top) {
			if o {
				break
			}
			// A package with an __init__.py of its own, or (when that is a
			// symlink) another module in it.
			pkg := path.Join(r, top)
			o = py.isRoot(r, top) && (py.isModuleFile(pkg+"/__init__.py") || py.holdsPython(pkg))
		}
		return o
	})
}

// rootFolderHoldsPython reports whether the root folder top holds a .py
// file git lists (not a symlink) at any depth.
func (py *pyResolver) rootFolderHoldsPython(top string) bool {
	if !py.x.isDir(top) {
		return false
	}
	f := py.pyTopDir[top]
	if !py.indexed {
		return f != "" // from the walk of every file
	}
	if f != "" && py.isModuleFile(f) {
		return true
	}
	return py.holdsPython(top) // deleted since it was added, or not tracked yet
}

// holdsPython reports whether the folder dir holds a .py file git lists
// (not a symlink), walking it.
func (py *pyResolver) holdsPython(dir string) bool {
	return memo(&py.mu, py.walks, dir, func() bool {
		var n atomic.Int32
		_, _ = walk.Walk(filepath.Join(py.x.root, filepath.FromSlash(dir)), walk.Options{}, func(f walk.File) {
			if !f.Symlink && strings.HasSuffix(f.Rel, ".py") {
				n.Add(1)
			}
		})
		return n.Load() > 0
	})
}

// moduleOf is the dotted Python module of a file, the shortest name it
// answers to; "" when none.
func (py *pyResolver) moduleOf(file string) string {
	if !strings.HasSuffix(file, ".py") || !py.isModuleFile(file) {
		return ""
	}
	stem := strings.TrimSuffix(file, ".py")
	stem = strings.TrimSuffix(stem, "/__init__")
	if stem == "__init__" {
		return ""
	}
	root := path.Dir(stem)
	for root != "." && py.isPackage(root) {
		root = path.Dir(root)
	}
	rel := stem
	if root != "." {
		rel = strings.TrimPrefix(stem, root+"/")
	}
	for _, mod := range []string{strings.ReplaceAll(rel, "/", "."), strings.ReplaceAll(stem, "/", ".")} {
		if f, _ := py.module(mod); f == file {
			return mod
		}
	}
	return ""
}

// underRoot reads rel as a path from a Python source root: its first
// folder a top package under exactly one source root, where the path is a
// file or folder git lists, or else a missing one in a folder that
// exists (a broken reference). It returns the path from the repository
// root.
func (py *pyResolver) underRoot(rel string) (string, bool) {
	top, _, ok := strings.Cut(rel, "/")
	if !ok {
		return "", false
	}
	py.sourceRoots()
	var found, missing []string
	for _, r := range py.candidates(top) {
		if r == "." || !py.isRoot(r, top) {
			continue // from the root, the path is rel itself
		}
		full := r + "/" + rel
		if ok, _ := py.x.exists(full); ok {
			found = append(found, full)
		} else if py.x.isDir(path.Dir(full)) && !py.x.unlisted(full) {
			missing = append(missing, full)
		}
	}
	switch {
	case len(found) == 1:
		return found[0], true
	case len(found) == 0 && len(missing) == 1:
		return missing[0], true
	}
	return "", false
}

// pyModule resolves a dotted module (see pyResolver.module).
func (x *repoIndex) pyModule(mod string) (file string, ours bool) { return x.py.module(mod) }

// moduleOf is the dotted Python module of a file, "" when none.
func (x *repoIndex) moduleOf(file string) string { return x.py.moduleOf(file) }
