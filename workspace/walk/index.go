package walk

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math/bits"
	"slices"
	"sync"
)

// index is what the walker needs of .git/index: whether a path is tracked
// (so it is listed even when ignored), whether a folder holds tracked files
// (so it is entered even when ignored) and whether a folder is a
// submodule.
//
// The index is read as a stream and only a 64-bit hash of each path and of
// each folder above it is kept, sorted: 8 bytes an entry instead of the
// whole file plus a string per path, so memory hardly grows with the
// repository. The seed is random per process, so two paths that collide
// (odds about n²/2⁶⁴, some 10⁻¹¹ for 20,000 paths) cannot be made to on
// purpose, and a collision could only make an ignored file look tracked.
type index struct {
	seed     maphash.Seed
	files    []uint64 // hashes of tracked paths, sorted
	dirs     []uint64 // hashes of folders holding tracked paths, sorted
	gitlinks map[string]bool
	entries  int // entries read, conflict stages included
	// kept are the paths the reader's keep function chose, in index order
	// (a Probe keeps a few, such as Python packages; the walk none).
	kept []string

	// firsts, when the reader asked for them (a Probe), name for each
	// folder holding tracked paths a path below it: the first right in
	// it, and where it is first met, the first below it (see firstBelow).
	// Each keeps the path's part below the folder, in firstPaths.
	firsts     []firstPath
	firstPaths []byte
	firstsOnce sync.Once // makes firstsAt
	firstsAt   []uint32  // firsts by folder (see tableFirsts)
}

// firstPath is a tracked path below a folder: the folder, a slash and
// firstPaths[off:off+n].
type firstPath struct {
	dir    uint64 // the folder's hash
	off    uint32
	n      uint16
	direct bool // the path is right in the folder (the first such)
}

const gitlinkMode = 0o160000

var errIndexTruncated = errors.New("truncated")

// parseIndex reads the entries of a git index held in memory (tests).
func parseIndex(data []byte, hashSize int) (*index, error) {
	return readIndex(bytes.NewReader(data), hashSize, nil, true)
}

// maxFirstPaths bounds the memory of the folders' first paths: past it,
// folders have none (firstBelow says so, and callers list them).
const maxFirstPaths = 64 << 20

// noteFirst notes name[at:] as the part below the folder whose hash is
// dir of a path below it. name[from:] holds it: it is copied to
// firstPaths unless tail says where it is there already (-1: not yet);
// the result is where the copy is (-1: none, past maxFirstPaths).
func (x *index) noteFirst(dir uint64, name []byte, from, at, tail int, direct bool) int {
	if len(name)-from > 0xffff {
		return tail
	}
	if tail < 0 {
		if len(x.firstPaths) >= maxFirstPaths {
			return -1
		}
		tail = len(x.firstPaths)
		x.firstPaths = append(x.firstPaths, name[from:]...)
	}
	x.firsts = append(x.firsts, firstPath{dir: dir, off: uint32(tail + at - from), n: uint16(len(name) - at), direct: direct})
	return tail
}

// readIndex reads the entries of a git index file, versions 2 to 4, from
// r. hashSize is 20 for SHA-1 repositories and 32 for SHA-256 ones.
// Extensions after the entries are not read. keepPath, when set, chooses
// the paths whose text is kept (index.kept); the others leave only a hash.
// firsts notes each folder's first path (index.firstBelow).
func readIndex(r io.Reader, hashSize int, keepPath func(path []byte) bool, firsts bool) (*index, error) {
	ir := &indexReader{r: r, buf: make([]byte, 32<<10)}
	head := ir.need(12)
	if head == nil || string(head[:4]) != "DIRC" {
		return nil, errors.New("not a git index (no DIRC signature)")
	}
	version := binary.BigEndian.Uint32(head[4:8])
	if version < 2 || version > 4 {
		return nil, fmt.Errorf("unsupported index version %d", version)
	}
	count := binary.BigEndian.Uint32(head[8:12])
	idx := &index{seed: maphash.MakeSeed(), files: make([]uint64, 0, min(count, 1<<16))}
	if firsts {
		// About what repositories need (polar: 1,303 for 4,986 paths and
		// 25 KB), so that they rarely grow: each growth is a copy, and
		// new memory is zeroed.
		idx.firsts = make([]firstPath, 0, min(count, 1<<16)/3+16)
		idx.firstPaths = make([]byte, 0, min(count, 1<<16)*6+64)
	}
	// Fixed part: ctime, mtime (8 bytes each), dev, ino, mode, uid, gid,
	// size (4 bytes each), the object hash, then 16 bits of flags.
	fixed := 40 + hashSize + 2
	var name, prevDir []byte // the current path and the previous one's folder, reused
	truncated := func(i uint32) error { return fmt.Errorf("index truncated in entry %d", i) }
	for i := uint32(0); i < count; i++ {
		fix := ir.need(fixed)
		if fix == nil {
			return nil, truncated(i)
		}
		mode := binary.BigEndian.Uint32(fix[24:28])
		flags := binary.BigEndian.Uint16(fix[fixed-2 : fixed])
		read := fixed
		if flags&0x4000 != 0 { // extended flags (version 3 and later), unused
			if version < 3 {
				return nil, fmt.Errorf("extended flags in index version %d, entry %d", version, i)
			}
			if ir.need(2) == nil {
				return nil, truncated(i)
			}
			read += 2
		}
		keep := 0
		if version == 4 {
			// The name is the previous one minus N trailing bytes, plus
			// a NUL-terminated suffix; there is no padding.
			strip, err := readVarint(ir)
			if err != nil {
				if errors.Is(err, errIndexTruncated) {
					return nil, truncated(i)
				}
				return nil, fmt.Errorf("bad path prefix in index entry %d", i)
			}
			if strip > uint64(len(name)) {
				return nil, fmt.Errorf("bad path prefix in index entry %d", i)
			}
			keep = len(name) - int(strip)
		}
		suffix, ok := ir.untilNUL()
		if !ok {
			return nil, truncated(i)
		}
		name = append(name[:keep], suffix...)
		if version != 4 {
			// Entries are padded with 1 to 8 NULs to a multiple of 8;
			// one was the terminator.
			total := read + len(name)
			pad := (total+8)&^7 - total - 1
			if ir.need(pad) == nil {
				return nil, truncated(i)
			}
		}
		idx.entries++
		if mode == gitlinkMode {
			if idx.gitlinks == nil {
				idx.gitlinks = map[string]bool{}
			}
			idx.gitlinks[string(name)] = true
		}
		idx.files = append(idx.files, maphash.Bytes(idx.seed, name))
		if keepPath != nil && keepPath(name) && (len(idx.kept) == 0 || idx.kept[len(idx.kept)-1] != string(name)) {
			idx.kept = append(idx.kept, string(name)) // conflict stages repeat a path
		}
		// Record the folders above the path; in a sorted index those
		// before the prefix it shares with the previous path's folder
		// are recorded already, and so is that folder itself (repeats are
		// dropped below anyway, but recording a file's folder again for
		// each of its files made the list as long as the index, growing
		// to 600 KB on 20,000 paths).
		last := 0 // where the last '/' is
		// Most paths are below the previous path's folder: one comparison
		// of the whole folder tells (commonPrefix, byte by byte after the
		// first words, was a seventh of reading the index).
		inPrev := len(prevDir) > 0 && len(name) > len(prevDir) && name[len(prevDir)] == '/' && string(name[:len(prevDir)]) == string(prevDir)
		j := len(prevDir) + 1
		if !inPrev {
			j = commonPrefix(name, prevDir)
		}
		// The folders first met at this path (and its own folder when
		// this is the first path right in it) get its part below them:
		// one copy of its end, from the first part any of them needs.
		from, tail := j, -1 // where the copy starts in name, and in firstPaths
		newDirs := false
		for ; ; j++ {
			k := bytes.IndexByte(name[j:], '/')
			if k < 0 {
				break
			}
			j += k
			h := maphash.Bytes(idx.seed, name[:j])
			idx.dirs = append(idx.dirs, h)
			if firsts {
				tail = idx.noteFirst(h, name, from, j+1, tail, false)
			}
			last, newDirs = j, true
		}
		met := tail >= 0 // and the last folder noted is the path's own
		// With no new folder its last '/' is before from: right before it
		// when it is in the previous path's folder (as most paths are:
		// then its folder is that one, which needs no comparing).
		sameDir := !newDirs && inPrev
		switch {
		case sameDir:
			last = from - 1
		case !newDirs:
			last = max(bytes.LastIndexByte(name[:from], '/'), 0)
		}
		if firsts && last > 0 && !sameDir {
			// The first path right in its folder, which has fewer folders
			// on its way than the first below it may have: firstBelow
			// prefers it.
			if met {
				idx.firsts[len(idx.firsts)-1].direct = true
			} else {
				idx.noteFirst(maphash.Bytes(idx.seed, name[:last]), name, last+1, last+1, -1, true)
			}
		}
		if !sameDir {
			prevDir = append(prevDir[:0], name[:last]...)
		}
	}
	sortHashes(idx.files)
	sortHashes(idx.dirs)
	idx.dirs = slices.Compact(idx.dirs)
	return idx, nil
}

// indexReader reads an index's entries where they are read to: need and
// untilNUL return slices of its buffer, valid until its next call (bufio's
// Peek, Discard and ReadSlice, a call or two each field, were a fifth of
// reading the index).
type indexReader struct {
	r    io.Reader
	buf  []byte
	rest []byte // what is read and not taken yet, in buf
	err  error
}

// need takes the next n bytes; nil when the index ends before them.
func (ir *indexReader) need(n int) []byte {
	if len(ir.rest) < n {
		return ir.needMore(n)
	}
	b := ir.rest[:n]
	ir.rest = ir.rest[n:]
	return b
}

// needMore is need when fewer than n bytes are read and not taken: not
// inlined, so that need is.
//
//go:noinline
func (ir *indexReader) needMore(n int) []byte {
	if !ir.fill(n) {
		return nil
	}
	b := ir.rest[:n]
	ir.rest = ir.rest[n:]
	return b
}

// untilNUL takes the bytes up to the next NUL, and the NUL; false when
// the index ends before one.
func (ir *indexReader) untilNUL() ([]byte, bool) {
	for seen := 0; ; {
		if i := bytes.IndexByte(ir.rest[seen:], 0); i >= 0 {
			b := ir.rest[:seen+i]
			ir.rest = ir.rest[seen+i+1:]
			return b, true
		}
		seen = len(ir.rest)
		if !ir.fill(seen + 1) {
			return nil, false
		}
	}
}

// ReadByte takes one byte (readVarint).
func (ir *indexReader) ReadByte() (byte, error) {
	b := ir.need(1)
	if b == nil {
		return 0, io.ErrUnexpectedEOF
	}
	return b[0], nil
}

// fill reads until n bytes are not taken yet, moving them to the front of
// the buffer (grown when they do not fit); false at the end of the index
// or on an error.
func (ir *indexReader) fill(n int) bool {
	if n > len(ir.buf) {
		ir.buf = make([]byte, max(n, 2*len(ir.buf)))
	}
	end := copy(ir.buf, ir.rest)
	for idle := 0; end < n; {
		if ir.err != nil {
			ir.rest = ir.buf[:end]
			return false
		}
		m, err := ir.r.Read(ir.buf[end:])
		end += m
		switch {
		case err != nil:
			ir.err = err
		case m > 0:
			idle = 0
		default:
			if idle++; idle > 100 {
				ir.err = io.ErrNoProgress // as bufio says of a reader that reads nothing
			}
		}
	}
	ir.rest = ir.buf[:end]
	return true
}

// sortHashes sorts hashes, which are uniform: they are moved in place to
// buckets by their top bits (an American flag sort: each hash is swapped
// straight to its bucket's next free slot), about ten to a bucket, and an
// insertion sort then only orders the few of a bucket. On 5,000 paths it
// takes a fraction of slices.Sort's time, which was a third of reading
// the index, and the walk waits for the index. Sorting in place matters
// too: a sorted copy and a counter a bucket were 290 KB on 20,000 paths,
// freed at once but still resident at the search's peak.
func sortHashes(a []uint64) {
	if len(a) < 256 {
		slices.Sort(a)
		return
	}
	shift := 64 - (bits.Len(uint(len(a))) - 4) // len(a)/16 to len(a)/8 buckets: 16 KB of counters for 20,000 hashes
	buckets := 1 << (64 - shift)
	// next[b] is bucket b's next free slot, end[b] where it ends.
	next := make([]int32, 2*buckets)
	end := next[buckets:]
	next = next[:buckets]
	for _, h := range a {
		end[h>>shift]++
	}
	at := int32(0)
	for b := range end {
		next[b] = at
		at += end[b]
		end[b] = at
	}
	for b := range next {
		for next[b] < end[b] {
			h := a[next[b]]
			// Carry h to its bucket, taking the hash there along, until
			// one belongs here.
			for hb := h >> shift; int(hb) != b; hb = h >> shift {
				j := next[hb]
				next[hb]++
				a[j], h = h, a[j]
			}
			a[next[b]] = h
			next[b]++
		}
	}
	// Buckets are in order: each hash moves only within its own.
	for i := 1; i < len(a); i++ {
		h := a[i]
		j := i
		for ; j > 0 && a[j-1] > h; j-- {
			a[j] = a[j-1]
		}
		a[j] = h
	}
}

func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for ; i+8 <= n && binary.LittleEndian.Uint64(a[i:]) == binary.LittleEndian.Uint64(b[i:]); i += 8 {
	}
	for ; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// readVarint reads git's offset varint (varint.c): big-endian groups of
// seven bits, each continuation adding one, so that every value has a
// single encoding. It is not encoding/binary's Uvarint; the two agree only
// below 128.
func readVarint(br io.ByteReader) (uint64, error) {
	c, err := br.ReadByte()
	if err != nil {
		return 0, errIndexTruncated
	}
	v := uint64(c & 127)
	for c&128 != 0 {
		v++
		if v == 0 || v>>57 != 0 {
			return 0, errors.New("varint overflows")
		}
		if c, err = br.ReadByte(); err != nil {
			return 0, errIndexTruncated
		}
		v = v<<7 + uint64(c&127)
	}
	return v, nil
}

// tracked reports whether path (relative to the repository top) is in the
// index.
func (x *index) tracked(path string) bool {
	if x == nil {
		return false
	}
	_, ok := slices.BinarySearch(x.files, maphash.String(x.seed, path))
	return ok
}

// hasTrackedUnder reports whether the folder dir (relative to the
// repository top, no trailing slash) contains tracked paths.
func (x *index) hasTrackedUnder(dir string) bool {
	if x == nil {
		return false
	}
	_, ok := slices.BinarySearch(x.dirs, maphash.String(x.seed, dir))
	return ok
}

// firstBelow returns a tracked path below the folder dir (relative to the
// repository top, no trailing slash), which a Probe looks up to tell that
// the folder is one instead of listing it: the first right in it, else
// the first further down. false when dir holds no tracked path or the
// reader did not note them.
func (x *index) firstBelow(dir string) (string, bool) {
	if x == nil || len(x.firsts) == 0 {
		return "", false
	}
	x.firstsOnce.Do(x.tableFirsts)
	h := maphash.String(x.seed, dir)
	mask := uint64(len(x.firstsAt) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		at := x.firstsAt[i]
		if at == 0 {
			return "", false
		}
		if f := x.firsts[at-1]; f.dir == h {
			return dir + "/" + string(x.firstPaths[f.off:f.off+uint32(f.n)]), true
		}
	}
}

// tableFirsts makes firstsAt, a table of firsts by their folder's hash
// (the place of each, plus one; open addressing, at most half full): for a
// folder noted twice, the first path right in it. Sorting firsts by folder
// instead took 1.4% of a cold lint's instructions (polar: 1,303 firsts).
func (x *index) tableFirsts() {
	size := 2
	for size < 2*len(x.firsts) {
		size <<= 1
	}
	x.firstsAt = make([]uint32, size)
	mask := uint64(size - 1)
	for n, f := range x.firsts {
		for i := f.dir & mask; ; i = (i + 1) & mask {
			at := x.firstsAt[i]
			if at == 0 {
				x.firstsAt[i] = uint32(n + 1)
				break
			}
			if g := x.firsts[at-1]; g.dir == f.dir {
				if f.direct && !g.direct {
					x.firstsAt[i] = uint32(n + 1)
				}
				break
			}
		}
	}
}

func (x *index) isGitlink(path string) bool {
	return x != nil && x.gitlinks[path]
}
