// Package walk lists the files of a repository exactly as git would:
// `git ls-files --cached --others --exclude-standard`.
//
// # Semantics
//
// A file is yielded when it is tracked (listed in .git/index, versions 2
// to 4) or when it is untracked and not ignored. Ignore rules come from
// .gitignore files at every level, .git/info/exclude and core.excludesFile
// (from the system, global and repository config; by default
// $XDG_CONFIG_HOME/git/ignore or ~/.config/git/ignore), with git's
// precedence: the deepest .gitignore first, then info/exclude, then the
// excludes file; within a file the last matching line wins. Patterns are
// matched by a port of git's wildmatch (see wildmatch.go), not by
// regexps. A folder that is ignored is not entered, so nothing below it
// can be re-included, except tracked files, which git lists wherever they
// are.
//
// When the root is a subfolder of a repository, the .gitignore files of
// its parent folders apply and a root inside an ignored folder yields only
// its tracked files, as `git ls-files` run from that folder would. Outside
// a repository there is no index, info/exclude or excludes file, but
// .gitignore files are still honoured (as ripgrep does with
// --no-require-git) and folders holding a .git are entered like any other.
//
// .git is never entered (nor listed when it is a file). Symlinks are
// yielded as files with File.Symlink set, as git lists them, and are never
// followed, so the walk cannot loop. Sockets, pipes and devices are
// skipped, as git skips them.
//
// # Where it differs from git
//
//   - Tracked files that are missing from the disk are not yielded: there
//     is nothing to read.
//   - A nested repository that the parent does not track (git prints
//     "nested/") and a submodule (git prints "sub", the commit it points
//     to) are folders, not files, so nothing is yielded for them and they
//     are not entered; they are counted in Stats.NestedRepos. As in git, a
//     folder with its own .git whose files the parent repository tracks is
//     walked as an ordinary folder.
//   - Sparse indexes, split indexes, core.ignoreCase, include.path in git
//     config and GIT_DIR/GIT_WORK_TREE are not supported; on such
//     repositories the result may differ from git's.
//
// Folders are read concurrently (one worker per CPU by default, sharing a
// stack of folders to read) with no per-file system call: entry types come
// from the directory listing (on Linux, raw getdents64 into a reused
// buffer). The order in which files are yielded is therefore not stable;
// fn runs on the walk's workers, so work done in fn (such as reading the
// file) is spread over them too. A folder's files go to the worker that
// listed it and to any worker with no folder left to list, a file at a
// time (see batch), so that the workers finish together.
package walk

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"
)

// Options tune a walk.
type Options struct {
	// Workers is how many goroutines read folders; 0 means one per CPU.
	Workers int
	// Getenv looks up HOME, XDG_CONFIG_HOME, GIT_CONFIG_GLOBAL,
	// GIT_CONFIG_SYSTEM and GIT_CONFIG_NOSYSTEM to find git's config and
	// the global excludes file; nil means os.Getenv.
	Getenv func(string) string
	// OnError, when set, is told about every folder, ignore file or index
	// that could not be read (these are counted in Stats.Unreadable and
	// never stop the walk). It may be called from several goroutines.
	OnError func(path string, err error)
	// Inputs, when set, is told each file and folder that what the walk
	// yields rests on, by absolute path, and whether the walk found (read)
	// it: every folder it lists, every ignore file it reads or looks for,
	// git's configuration and excludes files and the index, found or not.
	// A caller may keep what a walk yielded for as long as each of them is
	// as it was — the same stat data, symlinks followed (adding, removing
	// or renaming an entry changes a folder's), or still missing — and the
	// variables Env names hold the same values. It is told "" when what
	// the walk yields rests on more than these: something could not be
	// read, or a folder the index tracks nothing in holds a .git, whose
	// content decides whether the folder is entered. It may be called from
	// several goroutines.
	Inputs func(abs string, found bool)
	// Transient lets the walk reuse the memory of a File's Rel and Abs
	// for the next folder's listing once fn has returned: a caller that
	// keeps a path past fn must copy it (strings.Clone). It spares an
	// allocation of every folder's paths, most of a search's garbage.
	Transient bool
}

// Env names the environment variables a walk reads (through
// Options.Getenv): where git's global and system configuration and the
// global excludes file are.
var Env = []string{"HOME", "XDG_CONFIG_HOME", "GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_NOSYSTEM"}

// File is one file the walk yields. It carries no size: filling one would
// cost a stat per file, and the reader learns it when it opens the file.
type File struct {
	Rel string // path relative to the root, forward slashes
	Abs string // absolute path
	// Symlink is set for a symbolic link. Git lists links as files, but
	// their targets must never be read or followed.
	Symlink bool
	// dirfd is the descriptor of the file's folder plus one (0: none),
	// open while fn runs (the last worker through the folder's files
	// closes it); name is the file's name in it.
	dirfd int
	name  string
}

// InDir returns an open descriptor of the file's folder and the file's
// name in it, for openat: the kernel then looks up one name instead of
// every folder from the root down. The descriptor belongs to the walk and
// is valid only until the function the file was given to returns; ok is
// false when there is none (not Linux, or a File made by hand).
func (f File) InDir() (dirfd int, name string, ok bool) {
	return f.dirfd - 1, f.name, f.dirfd > 0
}

// Stats count what the walk saw.
type Stats struct {
	Files       int // files yielded
	Dirs        int // folders read
	Unreadable  int // folders, ignore files or the index that could not be read
	Ignored     int // files and folders left out by ignore rules (a pruned folder counts once)
	NestedRepos int // nested repositories and submodules not entered
	// IndexErr is why .git/index could not be used (corrupt, a FIFO): the
	// walk went on without it, so tracked files that ignore rules exclude
	// are missing. Callers say so once.
	IndexErr error
}

// Walk calls fn for every file under root that git would list (tracked, or
// untracked and not ignored); .git is never entered and symlinks are never
// followed (a symlink is yielded as a file with Symlink set, like git lists
// it, but its target is never read as a folder). fn may be called from
// several goroutines at once. The error is non-nil only when root itself
// cannot be walked.
func Walk(root string, opts Options, fn func(File)) (Stats, error) {
	return WalkEach(root, opts, func() func(File) { return fn })
}

// WalkEach is Walk where each of the walk's goroutines calls newVisitor
// once and then gives its files to the function it returned, so that work
// done per file (reading it, with buffers the visitor owns) needs no lock
// and no hand-off to other goroutines.
func WalkEach(root string, opts Options, newVisitor func() func(File)) (Stats, error) {
	w, start, indexErr, err := newWalker(root, opts, nil)
	if err != nil {
		return Stats{}, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	w.queue = append(w.queue, start)
	w.pending = 1
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.work(newVisitor())
		}()
	}
	wg.Wait()
	return Stats{
		Files:       int(w.files.Load()),
		Dirs:        int(w.dirs.Load()),
		Unreadable:  int(w.unreadable.Load()),
		Ignored:     int(w.ignored.Load()),
		NestedRepos: int(w.nested.Load()),
		IndexErr:    indexErr,
	}, nil
}

// newWalker finds the repository around root and prepares the job that
// reads root. wants says what to note of the index beyond what the walk
// needs (see findRepo; nil: none).
func newWalker(root string, opts Options, wants *indexWants) (*walker, *dirJob, error, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, nil, nil, err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, nil, nil, err
	}
	if !fi.IsDir() {
		return nil, nil, nil, fmt.Errorf("%s is not a folder", root)
	}
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	w := &walker{onError: opts.OnError, inputs: opts.Inputs, transient: opts.Transient}
	// A folder's path reaches OnError and Inputs, which may keep it.
	w.reuseDirs = w.transient && w.onError == nil && w.inputs == nil
	w.cond = sync.NewCond(&w.mu)

	r, errs := findRepo(abs, getenv, wants, w.inputs)
	for _, err := range errs {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			w.fail(pe.Path, err)
		} else {
			w.fail("", err)
		}
	}
	top := abs
	var indexErr error
	if r != nil {
		indexErr = r.indexErr
		top = r.top
		w.inRepo = true
		w.gitDir = r.gitDir
		w.index = r.index
		w.globals = r.globals
	}
	w.topCut = len(withSlash(top))
	w.rootCut = len(withSlash(abs))
	return w, w.leadingPath(top, abs), indexErr, nil
}

// frame is the ignore file of one folder, linked to the frames of the
// folders above it; frames are shared, never modified, by the jobs below.
type frame struct {
	list   *patternList
	parent *frame
}

// dirJob is one folder to read.
type dirJob struct {
	dir      string // absolute, with a trailing slash
	path     string // relative to the repository top (or root), no slash
	ignores  *frame
	excluded bool // inside an ignored folder: only tracked files are listed
	// nestedCheck is set for folders whose files the parent repository
	// does not track: if they hold a repository of their own, git lists
	// them as a unit and the walk must not enter them.
	nestedCheck bool
	// mem backs dir (and path) when the walker reuses folders' paths
	// (reuseDirs): a reused job's next folder is written over it.
	mem []byte
}

type walker struct {
	onError func(string, error)
	inputs  func(string, bool) // Options.Inputs; nil when not asked
	inRepo  bool
	gitDir  string // "" outside a repository
	index   *index
	globals []*patternList
	topCut  int // len of the top folder with its slash: abs[topCut:] is the repo path
	rootCut int // same for the root: abs[rootCut:] is File.Rel
	// transient is Options.Transient: each worker reuses its listing's
	// paths folder after folder; reuseDirs, also the memory of a listed
	// folder's path for a subfolder's (nothing keeps it past its listing
	// when no OnError or Inputs is told it).
	transient, reuseDirs bool

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []*dirJob
	pending int // jobs queued, being listed, or whose files are being visited
	// batches are the folders whose files are being visited, with files
	// left that an idle worker can take (see batch); idle counts the
	// workers waiting for a folder or a file.
	batches []*batch
	idle    int

	files, dirs, unreadable, ignored, nested atomic.Int64
}

func withSlash(dir string) string {
	if strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir
	}
	return dir + string(filepath.Separator)
}

// leadingPath prepares the job for root when it lies below the top of the
// repository: the .gitignore files of the folders in between apply, and
// if one of them is ignored, so is root (only tracked files remain).
func (w *walker) leadingPath(top, root string) *dirJob {
	job := &dirJob{dir: withSlash(top)}
	if root == top {
		return job
	}
	for _, name := range strings.Split(filepath.ToSlash(root[w.topCut:]), "/") {
		if !job.excluded {
			job.ignores = w.loadIgnore(job.dir, job.path, job.ignores)
		}
		job.path = strings.TrimPrefix(job.path+"/"+name, "/")
		job.dir = withSlash(job.dir + name)
		if !job.excluded && w.isExcluded(job.path, name, true, job.ignores) {
			job.excluded = true
		}
	}
	return job
}

// loadIgnore pushes dir's .gitignore, if it has one, on top of parent.
func (w *walker) loadIgnore(dir, path string, parent *frame) *frame {
	name := dir + ".gitignore"
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		w.note(name, false)
		return parent
	}
	return w.pushIgnore(name, path, parent)
}

func (w *walker) pushIgnore(file, path string, parent *frame) *frame {
	data, err := os.ReadFile(file)
	if err != nil {
		w.fail(file, err)
		return parent
	}
	return w.pushIgnoreData(file, path, data, parent)
}

// pushIgnoreData pushes the ignore file read as data on top of parent.
func (w *walker) pushIgnoreData(file, path string, data []byte, parent *frame) *frame {
	w.note(file, true)
	base := ""
	if path != "" {
		base = path + "/"
	}
	pl := parseIgnore(base, data)
	if len(pl.patterns) == 0 {
		return parent
	}
	return &frame{list: pl, parent: parent}
}

func (w *walker) fail(path string, err error) {
	w.unreadable.Add(1)
	w.note("", false) // what could not be read may be readable next time
	if w.onError != nil {
		w.onError(path, err)
	}
}

// note tells Options.Inputs about a file or folder the walk read or
// looked for ("": something stat data cannot vouch for).
func (w *walker) note(abs string, found bool) {
	if w.inputs != nil {
		w.inputs(abs, found)
	}
}

// isExcluded decides whether path (name is its last element) is ignored:
// the deepest ignore file with a matching pattern decides, then the global
// ones.
func (w *walker) isExcluded(path, name string, isDir bool, f *frame) bool {
	for ; f != nil; f = f.parent {
		if m := f.list.match(path, name, isDir); m != 0 {
			return m > 0
		}
	}
	for i := len(w.globals) - 1; i >= 0; i-- {
		if m := w.globals[i].match(path, name, isDir); m != 0 {
			return m > 0
		}
	}
	return false
}

// work runs jobs until none is queued or running.
func (w *walker) work(fn func(File)) {
	var children []*dirJob
	scratch := dirScratch{reuse: w.transient}
	var spare *batch
	for {
		w.mu.Lock()
		var stolen *batch
		for len(w.queue) == 0 && w.pending > 0 {
			if stolen = w.stealable(); stolen != nil {
				break
			}
			w.idle++
			w.cond.Wait()
			w.idle--
		}
		if stolen != nil {
			stolen.refs++
			stolen.shared = true
			w.mu.Unlock()
			w.visit(stolen, fn)
			continue
		}
		if w.pending == 0 {
			w.mu.Unlock()
			return
		}
		job := w.queue[len(w.queue)-1]
		w.queue = w.queue[:len(w.queue)-1]
		w.mu.Unlock()

		children = w.readDir(job, children[:0], &scratch)
		// Done with: the next subfolder's job may be this one's memory
		// (nothing keeps a job once its folder is listed).
		*job = dirJob{mem: job.mem}
		scratch.jobs = append(scratch.jobs, job)
		b := spare
		if b == nil {
			b = &batch{}
		}
		spare = nil
		*b = batch{files: scratch.files, fd: scratch.fd, refs: 1}
		scratch.fd = 0 // the batch's now

		// Share the subfolders and the files before visiting the files,
		// so the other workers have folders to read, or files, while this
		// one reads files. The job stays pending until its files are
		// visited: a worker out of folders waits for files to take.
		w.mu.Lock()
		w.queue = append(w.queue, children...)
		w.pending += len(children)
		if len(b.files) > 1 {
			w.batches = append(w.batches, b)
		}
		if w.idle > 0 {
			if len(children)+len(b.files) > 2 {
				w.cond.Broadcast()
			} else if len(children)+len(b.files) == 2 {
				w.cond.Signal()
			}
		}
		w.mu.Unlock()
		clear(children)
		if w.visit(b, fn) {
			// Another worker may still be visiting one of its files.
			scratch.files = nil
			scratch.paths = nil
		} else {
			clear(scratch.files)
			spare = b
		}
	}
}

// batch is the files of one folder. The worker that listed the folder
// visits them, and so does any worker with no folder left to list: each
// takes the next file not taken yet, so that the workers finish together
// and none waits while another still reads a big folder's files (2-4 ms
// of a 50 ms search were one worker alone at the end). The folder stays
// open until the last worker through with its files closes it.
type batch struct {
	files []File
	next  atomic.Int32 // the next file to take
	// refs counts the workers visiting the batch, shared whether any
	// worker other than its lister did; both are guarded by walker.mu.
	refs   int
	shared bool
	fd     int // the folder's descriptor plus one (0: none)
}

// stealable returns a batch with files left to take, dropping from
// w.batches those with none; w.mu is held.
func (w *walker) stealable() *batch {
	for len(w.batches) > 0 {
		b := w.batches[len(w.batches)-1]
		if int(b.next.Load()) < len(b.files) {
			return b
		}
		w.batches[len(w.batches)-1] = nil
		w.batches = w.batches[:len(w.batches)-1]
	}
	return nil
}

// visit gives fn the files of b that no other worker has taken, one at a
// time, and reports whether another worker visited b too; the last worker
// through closes the folder and counts its job done.
func (w *walker) visit(b *batch, fn func(File)) (shared bool) {
	for {
		i := int(b.next.Add(1)) - 1
		if i >= len(b.files) {
			break
		}
		fn(b.files[i])
	}
	w.mu.Lock()
	b.refs--
	last := b.refs == 0
	if last {
		// No longer listed, so that the lister may reuse it.
		if i := slices.Index(w.batches, b); i >= 0 {
			w.batches = slices.Delete(w.batches, i, i+1)
		}
		w.pending--
		if w.pending == 0 {
			w.cond.Broadcast()
		}
	}
	shared = b.shared
	w.mu.Unlock()
	if last && b.fd > 0 {
		closeFd(b.fd - 1)
	}
	return shared
}

// dirEntry is one name in a folder listing.
type dirEntry struct {
	abs string      // the folder's path followed by the name
	typ fs.FileMode // type bits only, as d_type gives them
}

func (e dirEntry) name(dir string) string { return e.abs[len(dir):] }

// dirScratch holds one worker's listing buffers, reused folder after
// folder.
type dirScratch struct {
	buf     []byte
	entries []dirEntry
	raw     []rawEntry // Linux: names in buf
	name    []byte     // Linux: the folder's name, NUL-terminated, for openat
	files   []File     // the folder's files to visit
	fd      int        // Linux: the listed folder's descriptor plus one, open until closeDir (0: none)
	// given is, on Linux, a descriptor (plus one) of the next folder to
	// list, open already, never listed (it is read from where it is) and
	// owned by the caller: readDir lists it instead of opening the folder
	// again (Probe.yieldsBelow).
	given int
	// paths backs the entries' paths when reuse is set (Options.Transient):
	// the next folder's listing overwrites them. Otherwise each folder's
	// paths get memory of their own, which the yielded files may keep.
	paths []byte
	reuse bool
	// jobs are listed folders' jobs, for subdir to reuse: a walk then
	// allocates about as many jobs as are queued at once, not one a folder.
	jobs []*dirJob
}

// readDir lists one folder, puts the files to yield in scratch.files and
// returns its subfolders to walk (appended to children).
func (w *walker) readDir(job *dirJob, children []*dirJob, scratch *dirScratch) []*dirJob {
	scratch.files = scratch.files[:0]
	entries, err := scratch.readDir(job.dir)
	if err != nil {
		w.fail(job.dir, err)
		return children
	}
	w.dirs.Add(1)
	if w.inputs != nil {
		w.note(strings.TrimSuffix(job.dir, string(filepath.Separator)), true)
	}

	ignores := job.ignores
	for _, e := range entries {
		switch e.name(job.dir) {
		case ".git":
			if job.nestedCheck {
				w.note("", false) // its git folder's content decides, not the folder's entries
				if _, ok := resolveGitDir(job.dir + ".git"); ok {
					w.nested.Add(1)
					return children
				}
			}
		case ".gitignore":
			if !job.excluded && e.typ.IsRegular() {
				ignores = w.pushIgnore(job.dir+".gitignore", job.path, ignores)
			}
		}
	}

	var files, ignored int64
	for _, e := range entries {
		name := e.name(job.dir)
		if name == ".git" {
			continue
		}
		typ, abs := e.typ, e.abs
		path := filepath.ToSlash(abs[w.topCut:])
		switch {
		case typ.IsDir():
			child, nested := w.subdir(job, ignores, name, abs, path, scratch)
			switch {
			case nested:
				w.nested.Add(1)
			case child == nil:
				ignored++
			default:
				children = append(children, child)
			}
		case typ.IsRegular() || typ&fs.ModeSymlink != 0:
			if !w.yields(job, ignores, name, path) {
				ignored++
				continue
			}
			files++
			scratch.files = append(scratch.files, File{Rel: filepath.ToSlash(abs[w.rootCut:]), Abs: abs, Symlink: typ&fs.ModeSymlink != 0, dirfd: scratch.fd, name: name})
		}
	}
	w.files.Add(files)
	w.ignored.Add(ignored)
	return children
}

// subdir decides whether the walk enters the folder name of job (abs is
// its absolute path, path its path from the top; ignores are job's ignore
// frames with job's own .gitignore): the job that reads it, or nil, with
// nested set when it is a submodule. The job is one of scratch's spare
// jobs when it has one (scratch may be nil).
func (w *walker) subdir(job *dirJob, ignores *frame, name, abs, path string, scratch *dirScratch) (child *dirJob, nested bool) {
	if w.index.isGitlink(path) {
		return nil, true
	}
	tracked := w.index.hasTrackedUnder(path)
	excluded := job.excluded || w.isExcluded(path, name, true, ignores)
	if excluded && !tracked {
		return nil, false
	}
	// The child's strings are its own: abs and path may be in a listing
	// that the next folder overwrites (Options.Transient).
	if scratch != nil && len(scratch.jobs) > 0 {
		child = scratch.jobs[len(scratch.jobs)-1]
		scratch.jobs = scratch.jobs[:len(scratch.jobs)-1]
	} else {
		child = new(dirJob)
	}
	var dir string
	mem := child.mem[:0]
	if w.reuseDirs {
		mem = append(append(mem, abs...), filepath.Separator)
		dir = unsafe.String(&mem[0], len(mem))
	} else {
		dir = abs + string(filepath.Separator)
	}
	*child = dirJob{
		mem:         mem,
		dir:         dir,
		path:        filepath.ToSlash(dir[w.topCut : len(dir)-1]),
		ignores:     ignores,
		excluded:    excluded,
		nestedCheck: !tracked && w.inRepo,
	}
	return child, false
}

// yields reports whether the walk yields the file (or symlink) name of
// job, as subdir does for a folder. A tracked file is yielded whatever the
// ignore files say, so the index (one hash lookup) is asked before the
// patterns are matched.
func (w *walker) yields(job *dirJob, ignores *frame, name, path string) bool {
	return w.index.tracked(path) || !(job.excluded || w.isExcluded(path, name, false, ignores))
}
