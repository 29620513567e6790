package validate

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/handbook-dev/handbook/workspace/walk"
)

// The paths cache keeps, between runs, what the probe said of the paths
// entries cite (workspace/walk.Probe: a file, a folder, nothing), with the
// stat data each answer rests on, in .git/handbook/paths. Walking the
// folders on the way to each path (opening each, looking for its ignore
// file) was the largest part of what the reference checks cost once the
// cited files were cached. An answer is kept only when a few stat calls
// can tell it still holds:
//
//   - a file git's index tracks is yielded whatever the ignore files say:
//     it still is while the index has the same stat data and the file and
//     every folder on its way are what they were (device, inode, type and
//     permission bits: a folder swapped for a symlink, moved, or made
//     unreadable by chmod is not);
//   - a folder is one while a tracked file below it (the probe's witness)
//     still is one, as above;
//   - a path that does not exist still does not while the deepest folder
//     on its way that exists has the same stat data (adding an entry to a
//     folder changes its modification time).
//
// Every other answer (an untracked or ignored path) is asked of the probe
// each run. Stat times are coarse, so an index written, or a folder whose
// entries an answer relies on changed, less than cacheSettle before the
// run is not relied on, as for the cited files.

// stamp is the stat data of a path of any kind (lstatStamp).
type stamp struct {
	dev, ino, mode     uint64
	uid, gid           uint64 // with mode, who may read a folder (the probe reads an unreadable one as empty)
	size, mtime, ctime int64
}

const (
	pathsCacheName  = "paths"
	pathsCacheMagic = "handbook paths 5\n"
	maxCachedPaths  = 1 << 15
	maxPathStamps   = 64
	// maxCachedStamps bounds the cache's table of stamps (each row is
	// at least 10 bytes: the cache's size bounds it first).
	maxCachedStamps = maxCachedPaths * maxPathStamps
)

// pathEntry is a cached answer and the stat data it rests on: stamps for
// an answer found this run, rows of the cache's table of stamps for one
// read from the cache.
type pathEntry struct {
	rel    string // the path (from the root), in the cache's list
	kind   walk.Kind
	stamps []pathStamp
	rows   []uint32
}

type pathStamp struct {
	path string // from the root; "" is the root
	st   stamp
	// full: every field must match (the folder's entries are relied on);
	// else only what it is (device, inode, type and permissions).
	full bool
}

// holds reports whether now, the stat data of s.path, keeps s.
func (s pathStamp) holds(now stamp) bool {
	if s.full {
		return now == s.st
	}
	return now.dev == s.st.dev && now.ino == s.st.ino && now.mode == s.st.mode && now.uid == s.st.uid && now.gid == s.st.gid
}

type pathsCache struct {
	x       *repoIndex
	store   *cacheStore
	index   stamp // the index's stat data now
	usable  bool  // there is an index to key by
	entries cachedPaths
	// table is the cache's stamps, each written once however many
	// entries rest on it (the root and the folders near it are on the way
	// to nearly every path), and held what this run found of each row:
	// 0 not asked yet, rowHolds or rowFails.
	table []pathStamp
	held  []atomic.Uint32
	rowMu []sync.Mutex // by row: held while the row is stat'ed
	// py is what the index says of Python (pyResolver), kept with the
	// index's stat data; nil when not cached.
	py *pyIndexInfo

	mu     sync.Mutex
	stats  map[string]statResult // stat data asked this run, by path
	learnt map[string]*pathEntry // answers found this run that can be kept
	failed map[string]bool       // cached answers that no longer hold
}

type statResult struct {
	st stamp
	ok bool
}

// pathsCache is the paths cache, read on first use.
func (x *repoIndex) pathsCache() *pathsCache {
	x.pathsOnce.Do(func() {
		c := &pathsCache{x: x, store: x.cacheStore(),
			stats: map[string]statResult{}, learnt: map[string]*pathEntry{}, failed: map[string]bool{}}
		x.paths = c
		if c.store.dir == "" {
			return
		}
		// An index written just now could be written again in the same
		// tick with the same stat data: the cache waits until it settles.
		c.index, c.usable = lstatStamp(filepath.Join(x.gitDir, "index"))
		if c.usable = c.usable && c.store.settled(fileKey{ctime: c.index.ctime, mtime: c.index.mtime, ino: 1}); !c.usable {
			return
		}
		if d := c.store.read(pathsCacheName, pathsCacheMagic); d != nil {
			if idx := d.stamp(); idx == c.index {
				py := decodePyInfo(d)
				if table, entries, err := decodePaths(d); err == nil {
					c.entries, c.table, c.py = entries, table, py
					c.held = make([]atomic.Uint32, len(table))
					c.rowMu = make([]sync.Mutex, len(table))
					// The stat data asked this run: about one a row of the
					// table. Room for them up front: grown from empty, the
					// map was rehashed into new memory again and again.
					c.stats = make(map[string]statResult, len(table)+64)
				}
			}
		}
	})
	return x.paths
}

// stat is the stat data of rel (from the root), once a run.
func (c *pathsCache) stat(rel string) (stamp, bool) {
	c.mu.Lock()
	r, ok := c.stats[rel]
	c.mu.Unlock()
	if ok {
		return r.st, r.ok
	}
	if rel != "" {
		r.st, r.ok = c.x.statRel(filepath.FromSlash(rel), false)
	} else {
		// The root may be reached through a symlink (--root link, or a
		// shell that cd'd through one): its stat data are the folder's,
		// which a file added at the top changes, not the link's.
		r.st, r.ok = statStamp(c.x.root)
	}
	c.mu.Lock()
	c.stats[rel] = r
	c.mu.Unlock()
	return r.st, r.ok
}

// noteStat keeps fi, what the probe's lstat of rel said as it answered
// for it, as rel's stat data this run when the answer may be recorded:
// the stamps of a first run then do not stat each cited path again.
func (c *pathsCache) noteStat(rel string, fi os.FileInfo) {
	if !c.usable || fi == nil || rel == "" {
		return
	}
	st, ok := stampOfInfo(fi)
	if !ok {
		return
	}
	c.mu.Lock()
	if _, known := c.stats[rel]; !known {
		c.stats[rel] = statResult{st: st, ok: true}
	}
	c.mu.Unlock()
}

// statKnown is the stat data of rel when this run took them already.
func (c *pathsCache) statKnown(rel string) (stamp, bool, bool) {
	c.mu.Lock()
	r, known := c.stats[rel]
	c.mu.Unlock()
	return r.st, r.ok, known
}

// answer is the cached answer for rel, if it still holds.
func (c *pathsCache) answer(rel string) (walk.Kind, bool) {
	e := c.entries.find(rel)
	if e == nil {
		return 0, false
	}
	for _, row := range e.rows {
		if !c.rowHolds(row) {
			c.mu.Lock()
			c.failed[rel] = true
			c.mu.Unlock()
			return 0, false
		}
	}
	return e.kind, true
}

const (
	rowHolds = 1
	rowFails = 2
)

// rowHolds reports whether row of the table still holds: stat'ed and
// compared once a run, however many entries rest on it. The entries are
// checked in parallel and share the rows of the root and the folders
// near it: the first to ask a row stats it, and the others wait on the
// row's lock the moment that takes (each asking too stat'ed the same path
// twice, about 40 times a run). They sleep there: waiting by
// runtime.Gosched in a loop, a worker spun through the scheduler for as
// long as the one stat'ing was off its CPU, 4.7% of a warm lint's CPU on
// polar's 64 entries on this shared machine.
func (c *pathsCache) rowHolds(row uint32) bool {
	switch c.held[row].Load() {
	case rowHolds:
		return true
	case rowFails:
		return false
	}
	c.rowMu[row].Lock()
	defer c.rowMu[row].Unlock()
	switch c.held[row].Load() {
	case rowHolds:
		return true
	case rowFails:
		return false
	}
	s := c.table[row]
	st, ok := c.stat(s.path)
	holds := ok && s.holds(st)
	if holds {
		c.held[row].Store(rowHolds)
	} else {
		c.held[row].Store(rowFails)
	}
	return holds
}

// stampsOf is the stat data e rests on.
func (c *pathsCache) stampsOf(e *pathEntry) []pathStamp {
	if e.rows == nil {
		return e.stamps
	}
	stamps := make([]pathStamp, len(e.rows))
	for i, row := range e.rows {
		stamps[i] = c.table[row]
	}
	return stamps
}

// record keeps the probe's answer k for rel when stat data can tell later
// that it still holds (see the top of this file).
func (c *pathsCache) record(rel string, k walk.Kind) {
	if !c.usable {
		return
	}
	p := c.x.prober()
	// Stamps: the root, each folder on the way and the path itself.
	e := &pathEntry{kind: k, stamps: make([]pathStamp, 0, strings.Count(rel, "/")+2)}
	var on string // the tracked file whose way is stamped
	switch k {
	case walk.RegularFile, walk.Symlink:
		if !p.Tracked(rel) {
			return
		}
		on = rel
	case walk.Folder:
		if on = p.Witness(rel); on == "" || !p.Tracked(on) {
			return
		}
	case walk.Missing:
		if _, ok := c.stat(rel); ok {
			// There, but not listed: behind a symlink (never followed),
			// which holds while the folders down to it and it are what they
			// were; else ignored, which the ignore files decide.
			for i := 0; i < len(rel); i++ {
				if rel[i] != '/' {
					continue
				}
				if !c.stampOf(e, rel[:i], false) {
					return
				}
				if e.stamps[len(e.stamps)-1].st.isSymlink() {
					if c.stampOf(e, "", false) {
						c.keep(rel, e)
					}
					return
				}
			}
			return
		}
		d := rel
		for d != "" {
			if d = path.Dir(d); d == "." {
				d = ""
			}
			if _, ok := c.stat(d); ok {
				break
			}
		}
		if c.stampOf(e, d, true) {
			c.keep(rel, e)
		}
		return
	default:
		return
	}
	if !c.stampOf(e, "", false) {
		return
	}
	for i := 0; i < len(on); i++ {
		if on[i] == '/' && !c.stampOf(e, on[:i], false) {
			return
		}
	}
	if !c.stampOf(e, on, false) || len(e.stamps) > maxPathStamps {
		return
	}
	// The stat data must show what the probe saw a moment before (folders
	// on the way, the file a file or a symlink): a path changed in between
	// is asked again next time rather than kept with the wrong stat data.
	for _, s := range e.stamps[:len(e.stamps)-1] {
		if !s.st.isDir() {
			return
		}
	}
	leaf := e.stamps[len(e.stamps)-1].st
	if k == walk.Symlink && !leaf.isSymlink() || k != walk.Symlink && !leaf.isRegular() {
		return
	}
	c.keep(rel, e)
}

// stampOf adds rel's stat data to e; false when rel is not there, or, for
// a full stamp, changed too recently to be relied on (stat times are
// coarse: an entry added in the same tick could keep them).
func (c *pathsCache) stampOf(e *pathEntry, rel string, full bool) bool {
	st, ok := c.stat(rel)
	if !ok || full && !c.store.settled(fileKey{ctime: st.ctime, mtime: st.mtime, ino: 1}) {
		return false
	}
	e.stamps = append(e.stamps, pathStamp{path: rel, st: st, full: full})
	return true
}

func (c *pathsCache) keep(rel string, e *pathEntry) {
	c.mu.Lock()
	c.learnt[rel] = e
	c.mu.Unlock()
}

// save writes the cache back when this run learnt an answer or found a
// cached one that no longer holds.
func (c *pathsCache) save() {
	if !c.usable {
		return
	}
	fresh := false
	for rel := range c.learnt {
		if c.entries.find(rel) == nil {
			fresh = true
			break
		}
	}
	// What the index says of Python: as read this run, or as cached.
	py := c.py
	if c.x.probe != nil {
		py = &c.x.py.read
	}
	if !fresh && len(c.failed) == 0 && (py == c.py || c.py != nil) {
		return
	}
	all := map[string]*pathEntry{}
	for i := range c.entries {
		if e := &c.entries[i]; !c.failed[e.rel] {
			all[e.rel] = e
		}
	}
	for rel, e := range c.learnt {
		all[rel] = e
	}
	rels := make([]string, 0, len(all))
	for rel := range all {
		rels = append(rels, rel)
	}
	slices.Sort(rels)
	rels = rels[:min(len(rels), maxCachedPaths)]
	// The table: each stamp once, in the order the entries first use it.
	var table []pathStamp
	index := map[pathStamp]uint32{}
	rows := make([][]uint32, len(rels))
	for i, rel := range rels {
		for _, s := range c.stampsOf(all[rel]) {
			row, ok := index[s]
			if !ok {
				row = uint32(len(table))
				index[s] = row
				table = append(table, s)
			}
			rows[i] = append(rows[i], row)
		}
	}
	c.store.write(pathsCacheName, pathsCacheMagic, func(enc *encoder) {
		enc.stamp(c.index)
		encodePyInfo(enc, py)
		enc.uvarint(uint64(len(table)))
		for _, s := range table {
			enc.str(s.path)
			enc.stamp(s.st)
			enc.flag(s.full)
		}
		enc.uvarint(uint64(len(rels)))
		for i, rel := range rels {
			enc.str(rel)
			enc.uvarint(uint64(all[rel].kind))
			enc.uvarint(uint64(len(rows[i])))
			for _, row := range rows[i] {
				enc.uvarint(uint64(row))
			}
		}
	})
}

// cachedPaths is the cache's answers, sorted by path: found by binary
// search, where a map was an allocation, a hash and an insert a path
// (about 1,000 a warm run of polar's 64 entries) before the first answer.
type cachedPaths []pathEntry

// find is rel's entry; nil when the cache has none.
func (p cachedPaths) find(rel string) *pathEntry {
	i := sort.Search(len(p), func(i int) bool { return p[i].rel >= rel })
	if i == len(p) || p[i].rel != rel {
		return nil
	}
	return &p[i]
}

// decodePaths reads the table of stamps and the entries resting on its
// rows, in the order save wrote them (by path: anything else is corrupt).
// The entries' rows are carved from a few large slices, not allocated one
// by one.
func decodePaths(d *decoder) ([]pathStamp, cachedPaths, error) {
	n := d.num(maxCachedStamps)
	if n > len(d.b) {
		return nil, nil, errCorrupt // not room for that many rows
	}
	table := make([]pathStamp, n)
	for i := range table {
		table[i] = pathStamp{path: d.str(), st: d.stamp(), full: d.num(1) == 1}
	}
	if n = d.num(maxCachedPaths); n > len(d.b) {
		return nil, nil, errCorrupt // not room for that many paths
	}
	entries := make(cachedPaths, n)
	var rows []uint32
	for i := range entries {
		e := &entries[i]
		e.rel = d.str()
		if i > 0 && e.rel <= entries[i-1].rel {
			return nil, nil, errCorrupt
		}
		e.kind = walk.Kind(d.num(int(walk.Folder)))
		k := d.num(maxPathStamps)
		if len(rows) < k {
			rows = make([]uint32, max(k, 2048))
		}
		e.rows, rows = rows[:k:k], rows[k:]
		for i := range e.rows {
			if row := d.num(len(table)); row < len(table) {
				e.rows[i] = uint32(row)
			} else {
				d.bad = true // no such row
			}
		}
		if d.bad {
			return nil, nil, errCorrupt
		}
	}
	if d.bad || len(d.b) != 0 {
		return nil, nil, errCorrupt
	}
	return table, entries, nil
}

// flag writes a bool as 0 or 1.
func (e *encoder) flag(b bool) {
	if b {
		e.uvarint(1)
	} else {
		e.uvarint(0)
	}
}

func (e *encoder) stamp(s stamp) {
	e.uvarint(s.dev)
	e.uvarint(s.ino)
	e.uvarint(s.mode)
	e.uvarint(s.uid)
	e.uvarint(s.gid)
	e.uvarint(uint64(s.size))
	e.uvarint(uint64(s.mtime))
	e.uvarint(uint64(s.ctime))
}

func (d *decoder) stamp() stamp {
	return stamp{dev: d.uvarint(), ino: d.uvarint(), mode: d.uvarint(), uid: d.uvarint(), gid: d.uvarint(), size: int64(d.uvarint()), mtime: int64(d.uvarint()), ctime: int64(d.uvarint())}
}

// encodePyInfo writes what the index says of Python (nil: not known).
func encodePyInfo(e *encoder, py *pyIndexInfo) {
	if py == nil || len(py.inits) > maxCachedPaths || len(py.topDir) > maxCachedPaths {
		e.uvarint(0)
		return
	}
	e.uvarint(1)
	e.flag(py.indexed)
	e.uvarint(uint64(len(py.inits)))
	for _, p := range py.inits {
		e.str(p)
	}
	tops := make([]string, 0, len(py.topDir))
	for t := range py.topDir {
		tops = append(tops, t)
	}
	slices.Sort(tops)
	e.uvarint(uint64(len(tops)))
	for _, t := range tops {
		e.str(t)
		e.str(py.topDir[t])
	}
}

func decodePyInfo(d *decoder) *pyIndexInfo {
	if d.num(1) == 0 {
		return nil
	}
	py := &pyIndexInfo{indexed: d.num(1) == 1}
	if n := d.num(maxCachedPaths); n > 0 {
		py.inits = make([]string, n)
		for i := range py.inits {
			py.inits[i] = d.str()
		}
	}
	if n := d.num(maxCachedPaths); n > 0 {
		py.topDir = make(map[string]string, n)
		for range n {
			t := d.str()
			py.topDir[t] = d.str()
		}
	}
	if d.bad {
		return nil
	}
	return py
}
