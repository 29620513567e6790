package walk

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/handbook-dev/handbook/internal/shardmap"
)

// Kind is what a Probe finds at a path.
type Kind uint8

const (
	// Missing: Walk yields nothing there (absent, ignored, inside a
	// submodule or nested repository, a FIFO...).
	Missing Kind = iota
	// RegularFile: Walk yields the path as a file.
	RegularFile
	// Symlink: Walk yields the path as a symlink (File.Symlink).
	Symlink
	// Folder: a folder below which Walk yields at least one file (an
	// empty or wholly ignored folder is Missing, as git lists no folders).
	Folder
)

// Probe answers, one path at a time, what Walk from the same root would
// yield, reading only the folders on the way to each path asked about: a
// caller that needs a few paths of a large repository (the files a
// handbook cites) pays for those, not for the whole tree. It applies the
// walk's own decisions (ignore files at every level, the index, nested
// repositories and submodules, symlinks never followed), so its answers
// are Walk's; it is safe for concurrent use.
type Probe struct {
	w    *walker
	kept []string
	top  string // the root's path from the top, with a slash ("" at the top)

	dirs shardmap.Map[*probeDir] // the folders met, by path from the root ("" for the root)

	scratch sync.Pool // *dirScratch

	// fds are the folders' descriptors it holds (Linux; see probe_linux.go),
	// at most fdLimit for the process.
	fds     *probeFds
	fdLimit int64
}

// probeDir is a folder on the way to a path asked about.
type probeDir struct {
	job     *dirJob // nil when the walk does not enter it or it is no folder
	ignores *frame  // the frames its entries are matched with (its own .gitignore included)
	// fd is the folder's descriptor plus one while the probe holds it
	// open (0: none), for looking up its entries by their name alone.
	fd int

	// lazy is set for a folder that holds tracked files: the walk enters
	// it whatever the ignore files say, and a tracked path below it is
	// yielded whatever they say, so whether it is ignored (job.excluded,
	// job.ignores) and its own .gitignore (ignores) wait until an answer
	// needs them: see frames. parent and name are then its parent's and its
	// name in it.
	lazy       bool
	parent     *probeDir // nil for the root
	name       string
	framesOnce sync.Once

	decided sync.Once // job, ignores, fd and lazy are set (see dir)

	// tracked is a tracked file below the folder that Lookup found the
	// walk yields (from the root): the folder is one, and yieldsBelow need
	// not list it.
	tracked atomic.Pointer[string]

	once    sync.Once
	yields  bool   // Walk yields a file below it
	witness string // the first such file found, from the root
}

// NewProbe prepares a probe of root. keep, when set, chooses paths of the
// repository's index whose text Kept returns (the index is read anyway,
// to know what is tracked); it is given paths from the root, each valid
// only while it runs (the index reader's buffer: a string made of every
// path of the index was a third of reading it), so it copies
// (strings.Clone) what it keeps.
func NewProbe(root string, opts Options, keep func(rel string) bool) (*Probe, error) {
	return newProbe(root, opts, keep, maxHeldFds)
}

// newProbe is NewProbe holding folders open while the process's probes
// hold fewer than fdLimit (tests lower it).
func newProbe(root string, opts Options, keep func(rel string) bool, fdLimit int64) (*Probe, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	var rootRel string // the root's path from the top, with a slash; "" when it is the top
	var keepAt func(top string) func([]byte) bool
	if keep != nil {
		keepAt = func(top string) func([]byte) bool {
			if top != abs {
				rootRel = filepath.ToSlash(strings.TrimPrefix(abs, withSlash(top))) + "/"
			}
			return func(p []byte) bool {
				if len(p) < len(rootRel) || string(p[:len(rootRel)]) != rootRel {
					return false
				}
				rest := p[len(rootRel):]
				return keep(unsafe.String(unsafe.SliceData(rest), len(rest)))
			}
		}
	}
	w, start, _, err := newWalker(abs, opts, &indexWants{keep: keepAt, firsts: true})
	if err != nil {
		return nil, err
	}
	p := &Probe{w: w, top: filepath.ToSlash(withSlash(abs)[w.topCut:]), fds: &probeFds{}, fdLimit: fdLimit}
	runtime.AddCleanup(p, (*probeFds).closeAll, p.fds)
	if w.index != nil {
		for _, k := range w.index.kept {
			p.kept = append(p.kept, strings.TrimPrefix(k, rootRel))
		}
	}
	top := &probeDir{job: start, ignores: start.ignores}
	top.fd, _ = p.openDirIn(0, "", start.dir)
	if !start.excluded {
		top.ignores = w.loadIgnoreIn(top.fd, start.dir, start.path, start.ignores)
	}
	top.decided.Do(func() {})
	p.dirs.Add("", top)
	return p, nil
}

// Kept returns the index paths the keep function of NewProbe chose, from
// the root, in the index's order; none outside a repository.
func (p *Probe) Kept() []string { return p.kept }

// GitDir is the git folder of the repository around the root (a linked
// worktree's own, not the common one), where a caller may keep what it
// learnt about the work tree; "" outside a repository.
func (p *Probe) GitDir() string { return p.w.gitDir }

// Tracked reports whether the repository's index tracks the file rel
// (from the root; a submodule is no file): Walk yields such a file
// whatever the ignore files say.
func (p *Probe) Tracked(rel string) bool {
	return cleanRel(rel) && p.w.index.tracked(p.top+rel) && !p.w.index.isGitlink(p.top+rel)
}

// Witness names, for a folder Lookup found to be one, the file below it
// that made it one (the first found, from the root); "" for any other
// path. A caller may keep it to tell later that the folder still is one.
func (p *Probe) Witness(rel string) string {
	d := p.met(rel)
	if d == nil || !p.yieldsBelow(d) {
		return ""
	}
	return d.witness
}

// Lookup says what Walk yields at rel, a slash-separated path from the
// root. A path that is not clean (empty, ".", "..", absolute, with "."
// or ".." segments) is Missing.
func (p *Probe) Lookup(rel string) Kind {
	k, _ := p.LookupInfo(rel)
	return k
}

// LookupInfo is Lookup, also giving what lstat said of the path as Lookup
// read it (nil when it did not get that far or the path is not there): a
// caller that keeps the stat data an answer rests on need not stat the
// path again.
func (p *Probe) LookupInfo(rel string) (Kind, os.FileInfo) {
	if !cleanRel(rel) {
		return Missing, nil
	}
	parentRel, name := "", rel
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		parentRel, name = rel[:i], rel[i+1:]
	}
	parent := p.dir(parentRel)
	if parent.job == nil || name == ".git" {
		return Missing, nil
	}
	path := p.top + rel // from the top, as parent.job.path and name make it
	if p.w.index.hasTrackedUnder(path) && !p.w.index.isGitlink(path) {
		// Most likely a folder: opened as any folder on the way, and its
		// stat data read from the descriptor, not by a lookup of its name
		// first. When it is no folder (or is not held), lstat tells.
		if d := p.dir(rel); d.fd > 0 {
			fi, err := statHeld(d.fd, name)
			runtime.KeepAlive(p) // holds d.fd open
			if err == nil {
				if p.yieldsBelow(d) {
					return Folder, fi
				}
				return Missing, fi
			}
		}
	}
	fi, err := lstatIn(parent.fd, parent.job.dir, name)
	runtime.KeepAlive(p) // holds parent.fd open
	if err != nil {
		return Missing, nil
	}
	switch mode := fi.Mode(); {
	case mode.IsDir():
		if p.yieldsBelow(p.dir(rel)) {
			return Folder, fi
		}
	case mode.IsRegular():
		if p.yields(parent, name, path) {
			p.found(parent, rel, path)
			return RegularFile, fi
		}
	case mode&os.ModeSymlink != 0:
		if p.yields(parent, name, path) {
			p.found(parent, rel, path)
			return Symlink, fi
		}
	}
	return Missing, fi
}

// yields is walker.yields for the file name of the folder d: a tracked
// file is yielded whatever the ignore files say, so they are asked only
// for an untracked one.
func (p *Probe) yields(d *probeDir, name, path string) bool {
	if p.w.index.tracked(path) {
		return true
	}
	return p.w.yields(d.job, p.frames(d), name, path)
}

// found notes that Walk yields the file rel (path from the top), in the
// folder d: when the index tracks it, it makes d and every folder above
// it one (their witness), without listing them.
func (p *Probe) found(d *probeDir, rel, path string) {
	if !p.w.index.tracked(path) {
		return
	}
	for ; d != nil; d = d.parent {
		if !d.tracked.CompareAndSwap(nil, &rel) {
			return // the folders above have one too
		}
	}
}

// frames returns the ignore frames d's entries are matched with, deciding
// first, for a lazy folder, whether it is ignored and reading its
// .gitignore: as dir would have when it reached the folder (its parent's
// frames first).
func (p *Probe) frames(d *probeDir) *frame {
	if !d.lazy {
		return d.ignores
	}
	d.framesOnce.Do(func() {
		parent := p.frames(d.parent)
		d.job.ignores = parent
		d.job.excluded = d.parent.job.excluded || p.w.isExcluded(d.job.path, d.name, true, parent)
		d.ignores = parent
		if !d.job.excluded {
			d.ignores = p.w.loadIgnoreIn(d.fd, d.job.dir, d.job.path, parent)
		}
		runtime.KeepAlive(p) // holds d.fd open
	})
	return d.ignores
}

func joinPath(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// cleanRel reports whether rel is a clean relative path: no empty, "."
// or ".." segment and no NUL.
func cleanRel(rel string) bool {
	if rel == "" || strings.IndexByte(rel, 0) >= 0 {
		return false
	}
	for seg := 0; seg <= len(rel); {
		end := strings.IndexByte(rel[seg:], '/')
		if end < 0 {
			end = len(rel)
		} else {
			end += seg
		}
		if s := rel[seg:end]; s == "" || s == "." || s == ".." {
			return false
		}
		seg = end + 1
	}
	return !filepath.IsAbs(rel)
}

// dir returns the folder rel (clean, from the root), deciding as the walk
// would whether it is entered: once, however many goroutines ask at once
// (each opened it, and all but one closed it again).
func (p *Probe) dir(rel string) *probeDir {
	d, _ := p.dirs.Get(rel)
	if d == nil {
		parentRel, name := "", rel
		if i := strings.LastIndexByte(rel, '/'); i >= 0 {
			parentRel, name = rel[:i], rel[i+1:]
		}
		d = p.dirs.Add(rel, &probeDir{parent: p.dir(parentRel), name: name})
	}
	p.settle(d, rel)
	return d
}

// settle decides d, the folder rel, unless it is decided: a folder is in
// p.dirs from when a goroutine starts deciding it, and any other one
// asking waits for it (or decides it, first).
func (p *Probe) settle(d *probeDir, rel string) {
	d.decided.Do(func() {
		p.decide(d, rel)
		runtime.KeepAlive(p) // holds the parent's fd open
	})
}

// met returns the folder rel, decided, when a Lookup met it (else nil).
func (p *Probe) met(rel string) *probeDir {
	d, _ := p.dirs.Get(rel)
	if d != nil {
		p.settle(d, rel)
	}
	return d
}

// decideHook, when set (by tests), is called as a folder is decided.
var decideHook func(rel string)

// decide decides the folder d (rel from the root) as the walk would.
func (p *Probe) decide(d *probeDir, rel string) {
	if decideHook != nil {
		decideHook(rel)
	}
	parent, name := d.parent, d.name
	if parent.job == nil || name == ".git" {
		return
	}
	// A symlink to a folder is a file to the walk, never entered; an
	// unreadable folder yields nothing. The folder opened here is the one
	// its entries are looked up in.
	fd, ok := p.openDirIn(parent.fd, parent.job.dir, name)
	if !ok {
		return
	}
	path := p.top + rel // from the top, as parent.job.path and name make it
	if p.w.index.hasTrackedUnder(path) && !p.w.index.isGitlink(path) {
		// Entered whatever the ignore files say (subdir's tracked case):
		// they are read when an answer needs them (frames).
		dir := parent.job.dir + name + string(filepath.Separator)
		d.job = &dirJob{dir: dir, path: filepath.ToSlash(dir[p.w.topCut : len(dir)-1])}
		d.fd, d.lazy = fd, true
		return
	}
	abs := parent.job.dir + name
	child, _ := p.w.subdir(parent.job, p.frames(parent), name, abs, path, nil)
	if child != nil && child.nestedCheck {
		if _, err := lstatIn(fd, child.dir, ".git"); err == nil {
			// Its git folder's content decides, as in readDir.
			p.w.note("", false)
		}
	}
	if child == nil || child.nestedCheck && isRepo(child.dir) {
		p.fds.release(fd)
		return
	}
	d.job, d.ignores, d.fd = child, child.ignores, fd
	if !child.excluded {
		d.ignores = p.w.loadIgnoreIn(fd, child.dir, child.path, child.ignores)
	}
}

// Below calls fn, one file at a time on the caller's goroutine (File.InDir
// valid while it runs), for every
// file Walk from the same root yields below the folder rel (from the
// root, "" for the root itself), in no set order: the walk pruned to one
// subtree. The folders on the way are decided as Lookup decides them
// (their ignore files, the index, nested repositories), so a caller that
// needs the files of one package pays for its folders, not the
// repository's. A path that is no folder Walk enters yields nothing.
//
// Through Options.Inputs, as a walk would, it tells the folders it lists
// and the ignore files it reads below rel; the folders on the way were
// told with their ignore files as Lookup or Below first reached them.
func (p *Probe) Below(rel string, fn func(File)) {
	if rel != "" && !cleanRel(rel) {
		return
	}
	d := p.dir(rel)
	if d.job == nil {
		return
	}
	p.frames(d) // readDir matches with d.job's
	scratch, _ := p.scratch.Get().(*dirScratch)
	if scratch == nil {
		scratch = &dirScratch{}
	}
	defer p.scratch.Put(scratch)
	stack := []*dirJob{d.job}
	var children []*dirJob
	for len(stack) > 0 {
		job := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		children = p.w.readDir(job, children[:0], scratch)
		for _, f := range scratch.files {
			fn(f)
		}
		scratch.closeDir()
		stack = append(stack, children...)
	}
}

// isRepo reports whether the folder dir (with its separator) holds a
// repository of its own, which the walk does not enter.
func isRepo(dir string) bool {
	_, ok := resolveGitDir(dir + ".git")
	return ok
}

// yieldsBelow reports whether Walk yields a file below d: the first file
// found ends the search, folder by folder as the walk reads them.
func (p *Probe) yieldsBelow(d *probeDir) bool {
	if d.job == nil {
		return false
	}
	d.once.Do(func() {
		if f := d.tracked.Load(); f != nil {
			d.yields, d.witness = true, *f
			return
		}
		// The index names a tracked path below a folder that holds any
		// (the first right in it, else the first further down): when the
		// walk yields it (most often), Lookup finds it with a lstat and
		// the folders between, where listing the folder cost several
		// lookups' time (ext4 lists a small folder in two calls of some
		// 5 µs each). It is below d, so its lookup never waits on d.
		if first, ok := p.w.index.firstBelow(d.job.path); ok {
			if rel, ok := strings.CutPrefix(first, p.top); ok {
				if k, _ := p.LookupInfo(rel); k == RegularFile || k == Symlink {
					d.yields, d.witness = true, rel
					return
				}
			}
		}
		// A listing buffer serves one folder after another (it grows to
		// 16 KiB and more; a cited folder each would add up).
		scratch, _ := p.scratch.Get().(*dirScratch)
		if scratch == nil {
			scratch = &dirScratch{}
		}
		defer p.scratch.Put(scratch)
		scratch.given = d.fd // the folder is open already: list it
		defer runtime.KeepAlive(p)
		if d.yields, d.witness = p.trackedFileIn(d.job, scratch); d.yields {
			return
		}
		p.frames(d) // readDir matches with d.job's
		stack := []*dirJob{d.job}
		for len(stack) > 0 && !d.yields {
			job := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			var children []*dirJob
			children = p.w.readDir(job, children, scratch)
			scratch.closeDir()
			if d.yields = len(scratch.files) > 0; d.yields {
				d.witness = scratch.files[0].Rel
			}
			stack = append(stack, children...)
		}
	})
	return d.yields
}

// trackedFileIn looks in job's listing for a file (or symlink) the index
// tracks: Walk yields it whatever the ignore files say, so a folder that
// holds one is decided without its ignore files or the evaluation of each
// entry (most cited folders hold one). It returns the file from the root,
// or false when the folder has none (or cannot be listed): readDir
// decides then. The listing is told through Options.Inputs as readDir
// tells it.
func (p *Probe) trackedFileIn(job *dirJob, scratch *dirScratch) (bool, string) {
	if p.w.index == nil || job.nestedCheck {
		return false, ""
	}
	entries, err := scratch.readDir(job.dir)
	defer scratch.closeDir()
	if err != nil {
		return false, "" // readDir fails the same way and says so
	}
	for _, e := range entries {
		if !e.typ.IsRegular() && e.typ&fs.ModeSymlink == 0 {
			continue
		}
		if name := e.name(job.dir); name == ".git" {
			continue
		}
		if p.w.index.tracked(filepath.ToSlash(e.abs[p.w.topCut:])) {
			p.w.dirs.Add(1)
			if p.w.inputs != nil {
				p.w.note(strings.TrimSuffix(job.dir, string(filepath.Separator)), true)
			}
			return true, filepath.ToSlash(e.abs[p.w.rootCut:])
		}
	}
	return false, ""
}
