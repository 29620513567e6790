package validate

import (
	"hash/maphash"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/handbook-dev/handbook/workspace/walk"
)

// The listing cache keeps, between runs, what a walk of the whole
// repository yielded — every file git lists — which the repository-wide
// questions need (the only file of a name, the source files a name may be
// defined in), in .git/handbook/listing. As git's untracked cache does, it
// keeps with it the stat data of everything the walk's answer rests on
// (walk.Options.Inputs: each folder it listed, each ignore file, the index,
// git's configuration and excludes files, found or not) and the values of
// the environment variables the walk reads (walk.Env). A later run stats
// those, about one call per folder, instead of opening and listing every
// folder: adding, removing or renaming an entry changes its folder's stat
// data, and anything else the walk reads is among the inputs.
//
// A walk that met something stat data cannot vouch for (an unreadable
// folder, a nested repository) is not kept; nor is one whose inputs
// changed less than cacheSettle before the run (stat times are coarse), or
// that were not found by the stat as the walk found them (changed during
// the run).

const (
	listingCacheName  = "listing"
	listingCacheMagic = "handbook listing 2\n"
	maxListingInputs  = 1 << 16
	maxListed         = 1 << 20
)

// listed is a file git lists.
type listed struct {
	rel  string
	link bool // a symlink
}

// listingInput is an input of the walk as the cache keeps it.
type listingInput struct {
	abs   string
	found bool
	st    stamp // when found
}

// listing walks the whole repository, once, for the questions about all
// its files; from the listing cache when it still holds.
func (x *repoIndex) listing() {
	x.listOnce.Do(func() {
		defer x.listDone.Store(true)
		if list, ok := x.cachedListing(); ok {
			x.list = list
			return
		}
		if walkHook != nil {
			walkHook()
		}
		var record func(string, bool)
		var inputs map[string]bool
		trusted := x.cacheStore().dir != ""
		var mu sync.Mutex
		if trusted {
			inputs = map[string]bool{}
			record = func(abs string, found bool) {
				mu.Lock()
				defer mu.Unlock()
				if abs == "" {
					trusted = false
				}
				inputs[abs] = found
			}
		}
		// Each of the walk's workers lists its files apart (no lock a
		// file); the lists are joined after.
		var parts []*[]listed
		_, err := walk.WalkEach(x.root, walk.Options{Inputs: record}, func() func(walk.File) {
			mine := new([]listed)
			mu.Lock()
			parts = append(parts, mine)
			mu.Unlock()
			return func(f walk.File) { *mine = append(*mine, listed{rel: f.Rel, link: f.Symlink}) }
		})
		n := 0
		for _, p := range parts {
			n += len(*p)
		}
		x.list = make([]listed, 0, n)
		for _, p := range parts {
			x.list = append(x.list, *p...)
		}
		// Sorted for the cache only (5,000 paths with long common
		// prefixes: 2% of a cold lint of polar's years-old handbook);
		// where none is kept, those who need an order sort what they
		// take from the list (listUnsorted).
		if err == nil && trusted {
			slices.SortFunc(x.list, func(a, b listed) int { return strings.Compare(a.rel, b.rel) })
			x.listInputs = x.stampInputs(inputs)
		} else {
			x.listUnsorted = true
		}
	})
}

// walkHook, when set (by tests), is called as the repository is walked.
var walkHook func()

// sameName lists the files git lists whose name is base, sorted.
func (x *repoIndex) sameName(base string) []string {
	x.listing()
	x.byBaseOnce.Do(func() { x.byBase = newNameIndex(x.list) })
	return x.byBase.find(x.list, base)
}

// nameIndex finds the files of a listing by their name. A map from each
// name to its files cost a map entry and a slice for each of the
// thousands of names (3.6% of a warm lint of polar's years-old handbook,
// whose 50 missing paths ask for 52 names): here a table of hashes of the
// names, each slot the first file of a chain through next.
type nameIndex struct {
	seed  maphash.Seed
	heads []int32 // by the name's hash: 1 + the index of its chain's first file; 0: none
	next  []int32 // by file: 1 + the index of the next file in its chain; 0: the last
}

// fileName is the name of the file at rel (the part after its last slash).
func fileName(rel string) string { return rel[strings.LastIndexByte(rel, '/')+1:] }

func newNameIndex(list []listed) *nameIndex {
	size := 16
	for size < 2*len(list) {
		size *= 2
	}
	ix := &nameIndex{seed: maphash.MakeSeed(), heads: make([]int32, size), next: make([]int32, len(list))}
	// From the last file back, so that each chain is in the list's order.
	for i := len(list) - 1; i >= 0; i-- {
		h := maphash.String(ix.seed, fileName(list[i].rel)) & uint64(size-1)
		ix.next[i] = ix.heads[h]
		ix.heads[h] = int32(i + 1)
	}
	return ix
}

// find lists the files of list (the one the index was made of) named
// base, sorted.
func (ix *nameIndex) find(list []listed, base string) []string {
	var out []string
	for i := ix.heads[maphash.String(ix.seed, base)&uint64(len(ix.heads)-1)]; i != 0; i = ix.next[i-1] {
		if rel := list[i-1].rel; fileName(rel) == base {
			out = append(out, rel)
		}
	}
	slices.Sort(out) // the list may be in the walk's order
	return out
}

// stampInputs takes the stat data of the walk's inputs, as the walk found
// them: nil when one cannot be kept (see the top of this file). They are
// stat'ed as inputsSame checks them (in chunks on every CPU, a folder the
// paths cache stat'ed this run not again), right after the walk, which
// the other workers of a first run wait for.
func (x *repoIndex) stampInputs(found map[string]bool) []listingInput {
	if len(found) > maxListingInputs {
		return nil
	}
	out := make([]listingInput, 0, len(found))
	for abs, ok := range found {
		out = append(out, listingInput{abs: abs, found: ok})
	}
	var lost atomic.Bool
	inChunks(len(out), func(i int) bool {
		in := &out[i]
		st, there := x.inputStat(in.abs)
		if there != in.found || there && !x.cacheStore().settled(fileKey{ctime: st.ctime, mtime: st.mtime, ino: 1}) {
			lost.Store(true)
			return false
		}
		in.st = st
		return true
	})
	if lost.Load() {
		return nil
	}
	slices.SortFunc(out, func(a, b listingInput) int { return strings.Compare(a.abs, b.abs) })
	return out
}

// cachedListing is the listing cache's list when every input is as it
// was.
func (x *repoIndex) cachedListing() ([]listed, bool) {
	d := x.cacheStore().read(listingCacheName, listingCacheMagic)
	if d == nil {
		return nil, false
	}
	env, inputs, list, err := decodeListing(d)
	if err != nil || !envSame(env) || !x.inputsSame(inputs) {
		return nil, false
	}
	return list, true
}

// inputsSame reports whether each input is as it was, stat'ing them in
// chunks on every CPU: the inputs of a whole walk are some 1,000 folders
// (a few ms), and the other workers of a run would otherwise wait for the
// first to ask a question of the listing (most entries of a handbook
// with missing paths do).
func (x *repoIndex) inputsSame(inputs []listingInput) bool {
	return inChunks(len(inputs), func(i int) bool { return x.inputHolds(inputs[i]) })
}

// inputHolds reports whether a cache's input is as it was.
func (x *repoIndex) inputHolds(in listingInput) bool {
	st, ok := x.inputStat(in.abs)
	return ok == in.found && (!ok || st == in.st)
}

// inChunks calls each for 0 to n-1, in chunks on every CPU, until one
// call returns false; it reports whether none did.
func inChunks(n int, each func(i int) bool) bool {
	const chunk = 64
	var failed atomic.Bool
	parallel((n+chunk-1)/chunk, func(c int) {
		for i := c * chunk; i < min((c+1)*chunk, n) && !failed.Load(); i++ {
			if !each(i) {
				failed.Store(true)
			}
		}
	})
	return !failed.Load()
}

// inputStat is the stat data of a cache's input at abs, symlinks
// followed: those the paths cache took this run when they are a folder's
// (a folder's lstat is its stat; the folders on the way to the cited
// paths, some 200 on polar, are inputs of the listing too), else a stat
// now.
func (x *repoIndex) inputStat(abs string) (stamp, bool) {
	if rel, ok := relBelow(x.root, abs); ok {
		if st, ok, known := x.pathsCache().statKnown(rel); known && ok && st.isDir() {
			return st, true
		}
	}
	return x.statPath(abs, true)
}

// relBelow is abs from root (forward slashes) when abs is below it.
func relBelow(root, abs string) (string, bool) {
	if len(abs) <= len(root) || abs[:len(root)] != root {
		return "", false
	}
	rel := abs[len(root):]
	switch {
	case rel[0] == filepath.Separator:
		rel = rel[1:]
	case root[len(root)-1] != filepath.Separator:
		return "", false // beside root: root's name is a prefix of its
	}
	if rel == "" {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// decodeListing reads the listing cache: the values of walk.Env, the
// inputs and the list.
func decodeListing(d *decoder) (env []string, inputs []listingInput, list []listed, err error) {
	if env = d.env(); env == nil {
		return nil, nil, nil, errCorrupt
	}
	inputs = d.inputs()
	// The paths, NUL-separated in one string (no path holds a NUL), and
	// the indexes of the symlinks among them.
	count := d.num(maxListed)
	all := d.str()
	list = make([]listed, 0, min(count, len(all)+1))
	for len(all) > 0 && len(list) < count {
		p, rest, _ := strings.Cut(all, "\x00")
		list = append(list, listed{rel: p})
		all = rest
	}
	for range d.num(count) {
		if i := d.num(count); i < len(list) {
			list[i].link = true
		} else {
			d.bad = true
		}
	}
	if d.bad || len(d.b) != 0 || len(all) != 0 || len(list) != count {
		return nil, nil, nil, errCorrupt
	}
	return env, inputs, list, nil
}

// saveListing writes the listing cache when this run walked the
// repository and the walk can be kept.
func (x *repoIndex) saveListing() {
	if x.listInputs == nil || len(x.list) > maxListed {
		return
	}
	x.cacheStore().write(listingCacheName, listingCacheMagic, func(e *encoder) {
		e.env()
		e.inputs(x.listInputs)
		e.uvarint(uint64(len(x.list)))
		var all strings.Builder
		var links []int
		for i, f := range x.list {
			if i > 0 {
				all.WriteByte(0)
			}
			all.WriteString(f.rel)
			if f.link {
				links = append(links, i)
			}
		}
		e.str(all.String())
		e.uvarint(uint64(len(links)))
		for _, i := range links {
			e.uvarint(uint64(i))
		}
	})
}

// inputs writes a walk's inputs as the listing and subtrees caches keep
// them: each path, whether it was found, and its stat data when it was.
func (e *encoder) inputs(ins []listingInput) {
	e.uvarint(uint64(len(ins)))
	for _, in := range ins {
		e.str(in.abs)
		if in.found {
			e.uvarint(1)
			e.stamp(in.st)
		} else {
			e.uvarint(0)
		}
	}
}

// env writes the values walk.Env's variables have now: a cache of what
// the walk lists holds only while they are the same (envSame).
func (e *encoder) env() {
	e.uvarint(uint64(len(walk.Env)))
	for _, v := range walk.Env {
		e.str(os.Getenv(v))
	}
}

// env reads what encoder.env wrote; nil when it is not that.
func (d *decoder) env() []string {
	if d.num(len(walk.Env)) != len(walk.Env) {
		return nil
	}
	env := make([]string, len(walk.Env))
	for i := range env {
		env[i] = d.str()
	}
	return env
}

// envSame reports whether env holds the values walk.Env's variables have
// now.
func envSame(env []string) bool {
	if len(env) != len(walk.Env) {
		return false
	}
	for i, v := range walk.Env {
		if env[i] != os.Getenv(v) {
			return false
		}
	}
	return true
}

// inputs reads what encoder.inputs wrote.
func (d *decoder) inputs() []listingInput {
	ins := make([]listingInput, d.num(maxListingInputs))
	for i := range ins {
		ins[i] = listingInput{abs: d.str(), found: d.num(1) == 1}
		if ins[i].found {
			ins[i].st = d.stamp()
		}
	}
	return ins
}
