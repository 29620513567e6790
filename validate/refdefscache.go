package validate

import (
	"encoding/binary"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/workspace/lang"
)

// The definitions cache keeps, between runs, every definition of every
// source file the repository-wide name lookups read (refdefs.go), keyed
// like the cited files by each file's stat data, in .git/handbook/
// definitions: a later run stats the sources instead of reading and
// listing them, reads only those whose stat data changed or that are new,
// and answers any name, asked before or not, without reading the others.
//
// It is kept by name: the sources (their paths, one string, and stat
// data), then every name defined in them, sorted, each with where it is
// defined (source, line, last line). A table of the records' offsets comes
// before them, so that a run finds the few names it asks by binary search
// in the file as read, without decoding the others: on a repository of
// 3,800 source files and 32,000 definitions (polar) the cache is about a
// megabyte, of which a run decodes the paths, the stat data and its names.
//
// Only sources whose every definition is known are kept: those the cache
// held unchanged and those listed in the run, once their stat data are
// cacheSettle old. A source that changed, went or was not listed is not.
const (
	defsCacheName  = "definitions"
	defsCacheMagic = "handbook definitions 5\n"
	// maxCachedDefNames bounds the names of the definitions cache, and
	// maxCachedDefsAt the definitions of one name.
	maxCachedDefNames = 1 << 22
	maxCachedDefsAt   = 1 << 20
	// maxDefsCache bounds the definitions cache's size, read or written.
	maxDefsCache = 32 << 20
)

// maxCachedSources bounds the files of the definitions cache (a
// variable for tests).
var maxCachedSources = 1 << 17

// defsCache is the definitions cache as a run found it.
type defsCache struct {
	paths []string // the sources, sorted
	keys  []fileKey
	// offsets holds, 4 bytes each (little-endian), where each name's
	// record starts in records; names are in byte order.
	offsets string
	records string
}

// cachedDef is a definition as the cache keeps it: in its source number
// source (an index of paths), at line, to end.
type cachedDef struct {
	source, line, end int
}

// defsCache is the definitions cache, read on first use: empty when there
// is none or it cannot be trusted.
func (x *repoIndex) defsCache() *defsCache {
	x.defsCacheOnce.Do(func() {
		x.defsCached = &defsCache{}
		if d := x.cacheStore().readUpTo(defsCacheName, defsCacheMagic, maxDefsCache); d != nil {
			if c, err := decodeDefs(d); err == nil {
				x.defsCached = c
			}
		}
	})
	return x.defsCached
}

func decodeDefs(d *decoder) (*defsCache, error) {
	n := d.num(maxCachedSources)
	c := &defsCache{paths: make([]string, 0, n), keys: make([]fileKey, n)}
	// The paths, NUL-separated in one string (no path holds a NUL).
	if all := d.str(); n > 0 {
		for p := range strings.SplitSeq(all, "\x00") {
			c.paths = append(c.paths, p)
		}
	}
	if len(c.paths) != n || !slices.IsSorted(c.paths) {
		return nil, errCorrupt
	}
	for i := range c.keys {
		c.keys[i] = d.key()
	}
	names := d.num(maxCachedDefNames)
	c.offsets, c.records = d.str(), d.str()
	if d.bad || len(d.b) != 0 || len(c.offsets) != 4*names {
		return nil, errCorrupt
	}
	return c, nil
}

// names is how many names the cache holds.
func (c *defsCache) names() int { return len(c.offsets) / 4 }

// cmpCachedDef orders definitions by source and line.
func cmpCachedDef(a, b cachedDef) int {
	if a.source != b.source {
		return a.source - b.source
	}
	return a.line - b.line
}

// record is a decoder at the record of the cache's k-th name, after the
// name, which it returns; ok is false when the offset is out of range.
func (c *defsCache) record(k int) (name string, d decoder, ok bool) {
	o := c.offsets[4*k : 4*k+4]
	off := int(o[0]) | int(o[1])<<8 | int(o[2])<<16 | int(o[3])<<24
	if off >= len(c.records) {
		return "", decoder{}, false
	}
	d = decoder{b: c.records[off:]}
	name = d.str()
	return name, d, !d.bad
}

// defs reads the definitions of a record (after its name), appended to
// out.
func (c *defsCache) defs(d *decoder, out []cachedDef) ([]cachedDef, bool) {
	n := d.num(maxCachedDefsAt)
	// Each takes three bytes at least; there is no source to be in when
	// the cache holds none.
	if d.bad || n > len(d.b)/3 || n > 0 && len(c.paths) == 0 {
		return out, false
	}
	for range n {
		out = append(out, cachedDef{source: d.num(len(c.paths) - 1), line: d.num(1 << 31), end: d.num(1 << 31)})
	}
	return out, !d.bad
}

// lookup returns the definitions of name the cache holds (none when it
// holds none); ok is false when its record cannot be read.
func (c *defsCache) lookup(name string) ([]cachedDef, bool) {
	lo, hi := 0, c.names()
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		got, d, ok := c.record(mid)
		if !ok {
			return nil, false
		}
		switch strings.Compare(got, name) {
		case 0:
			return c.defs(&d, nil)
		case -1:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return nil, true
}

// saveDefs writes the definitions cache back when what it holds changed:
// sources listed this run whose stat data settled, or sources it holds
// that this run does not have as they were (changed, gone).
func (x *repoIndex) saveDefs() {
	d := &x.defs
	if !d.read.Load() || !d.indexed || !d.listed.Load() {
		return
	}
	store := x.cacheStore()
	old := d.cache
	learnt := slices.Contains(d.cacheUsed, false)
	keep := make([]*defSource, 0, len(d.sources))
	for _, s := range d.sources {
		switch {
		case s.cacheAt >= 0:
			keep = append(keep, s)
		case store.settled(s.key):
			keep = append(keep, s)
			learnt = true
		}
	}
	if !learnt || len(keep) > maxCachedSources {
		return
	}
	// Every name's definitions in the sources kept: the cache's for the
	// sources it held unchanged (its records, in name order, renumbered),
	// merged with the listing's for the others (sorted by name), written
	// as they come: a run after an edit rewrites the cache without
	// decoding it into a map.
	newAt := make([]int, len(old.paths))
	for i := range newAt {
		newAt[i] = -1
	}
	type namedDef struct {
		name string
		def  cachedDef
	}
	var fresh []namedDef
	for i, s := range keep {
		if s.cacheAt >= 0 {
			newAt[s.cacheAt] = i
			continue
		}
		for k, def := range s.defs {
			fresh = append(fresh, namedDef{def.Name, cachedDef{source: i, line: def.Line, end: lang.Extent(s.defs, k, s.last)}})
		}
	}
	slices.SortFunc(fresh, func(a, b namedDef) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return cmpCachedDef(a.def, b.def)
	})
	var offsets []byte
	var rec encoder
	names := 0
	var defs []cachedDef
	write := func(name string) {
		if len(defs) == 0 {
			return
		}
		slices.SortFunc(defs, cmpCachedDef)
		offsets = binary.LittleEndian.AppendUint32(offsets, uint32(len(rec.b)))
		names++
		rec.str(name)
		rec.uvarint(uint64(len(defs)))
		for _, def := range defs {
			rec.uvarint(uint64(def.source))
			rec.uvarint(uint64(def.line))
			rec.uvarint(uint64(def.end))
		}
	}
	// takeFresh writes the listed names that sort before name (all of
	// them for ""), and adds those equal to it to defs.
	f := 0
	takeFresh := func(name string, last bool) {
		for f < len(fresh) && (last || fresh[f].name < name) {
			n := fresh[f].name
			defs = defs[:0]
			for ; f < len(fresh) && fresh[f].name == n; f++ {
				defs = append(defs, fresh[f].def)
			}
			write(n)
		}
		defs = defs[:0]
		for ; !last && f < len(fresh) && fresh[f].name == name; f++ {
			defs = append(defs, fresh[f].def)
		}
	}
	for k := range old.names() {
		name, d, ok := old.record(k)
		if !ok {
			return // a damaged cache: not built on (each run lists its sources until one is whole)
		}
		takeFresh(name, false)
		from := len(defs)
		if defs, ok = old.defs(&d, defs); !ok {
			return
		}
		// The sources kept, renumbered (in the same order: both lists
		// are sorted).
		kept := defs[:from]
		for _, def := range defs[from:] {
			if i := newAt[def.source]; i >= 0 {
				def.source = i
				kept = append(kept, def)
			}
		}
		if defs = kept; len(defs) > maxCachedDefsAt {
			return
		}
		write(name)
	}
	takeFresh("", true)
	if len(rec.b) >= 1<<32 {
		return
	}
	store.writeUpTo(defsCacheName, defsCacheMagic, maxDefsCache, func(e *encoder) {
		e.uvarint(uint64(len(keep)))
		var all strings.Builder
		for i, s := range keep {
			if i > 0 {
				all.WriteByte(0)
			}
			all.WriteString(s.path)
		}
		e.str(all.String())
		for _, s := range keep {
			e.key(s.key)
		}
		e.uvarint(uint64(names))
		e.str(string(offsets))
		e.str(string(rec.b))
	})
}
