package validate

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// The cited files' cache keeps, between runs, what the reference checks
// learnt of the files entries cite: each file's number of lines, whether
// it is binary, the text of the lines asked for and the answers worked out
// from its text (where a name is mentioned or defined, whether a module
// re-exports it). It lives in the repository's git folder
// (.git/handbook/cited-files, a worktree's own), and each file's answers
// are keyed by its stat data, the fields git's index keeps to know a file
// is unchanged without reading it. A run whose cited files did not change
// then stats them instead of opening and reading each, which was most of
// what reference checks added to lint without drift.
//
// The cache is never needed for an answer: a file whose stat data differ,
// a question not answered before, a cache written by another build of
// handbook or for another root, one that is corrupt or too large are all
// worked out from the file, as without a cache, so the findings are the
// same. A file changed less than cacheSettle before the run started is not
// cached: stat times are coarse, and a change in the same tick as the read
// could keep the same stat data (git's "racily clean" entries).

// fileKey is the stat data of a regular file that change whenever its
// content can: the zero key for anything else, which is never cached.
type fileKey struct {
	dev, ino           uint64
	size, mtime, ctime int64
}

// fileMemo is what is known of a file's text: lines by number, and
// answers by question (see codeFile.ask).
type fileMemo struct {
	lines   map[int][]byte
	answers map[string][]int
}

// cachedFile is a file's entry in the cache.
type cachedFile struct {
	key           fileKey
	lines         int
	binary, large bool
	memo          fileMemo
}

const (
	citedCacheName  = "cited-files"
	citedCacheMagic = "handbook cited-files 3\n"
	// Bounds: a cache larger than maxCitedCache is not read; at most
	// maxCachedFiles files are kept (those of the last run first), each
	// with at most maxCachedAnswers lines and answers; a line longer than
	// maxCachedLine or an answer of more than maxCachedInts numbers is
	// worked out again each run instead.
	maxCitedCache    = 8 << 20
	maxCachedFiles   = 8192
	maxCachedAnswers = 256
	maxCachedLine    = 4096
	maxCachedInts    = 1024
	// cacheSettle is how long before its read a file must have last
	// changed for its answers to be kept.
	cacheSettle = 2 * time.Second
)

// cacheNow is the clock the settle time is measured by (tests move it).
var cacheNow = time.Now

// cacheStore is where a run finds and keeps its caches: the git folder's
// handbook/, for this root and this build of handbook.
type cacheStore struct {
	dir     string // "" when there is no git folder or no build to key by
	root    string // the root the cached paths are relative to
	exe     fileKey
	started time.Time
}

func openCacheStore(gitDir, root string) *cacheStore {
	c := &cacheStore{root: root, started: cacheNow()}
	if gitDir == "" {
		return c
	}
	// Answers are worked out by this build's rules: another build's are
	// not used (a rebuilt binary has other stat data).
	if c.exe = exeKey(); c.exe == (fileKey{}) {
		return c
	}
	dir := filepath.Join(gitDir, "handbook")
	fi, err := os.Lstat(dir)
	if os.IsNotExist(err) {
		// A clone's first run keeps nothing but the folder, and works as
		// where no cache can be kept: a fresh clone linted once (CI) would
		// only pay for writing caches no run reads. A second run in the
		// clone finds the folder and keeps its caches.
		_ = os.Mkdir(dir, 0o755)
		return c
	}
	if err != nil || !fi.IsDir() {
		return c // no cache can be kept there: nothing is recorded either
	}
	c.dir = dir
	return c
}

// read returns a decoder of the cache file name after its header, nil
// when there is none or it is not this build's and root's, or corrupt.
func (c *cacheStore) read(name, magic string) *decoder {
	return c.readUpTo(name, magic, maxCitedCache)
}

// readUpTo is read of a cache that may be up to limit bytes.
func (c *cacheStore) readUpTo(name, magic string, limit int64) *decoder {
	if c.dir == "" {
		return nil
	}
	data, ok := readCode(filepath.Join(c.dir, name), limit)
	if !ok {
		return nil
	}
	d, err := openDecoder(data, magic, c.root, c.exe)
	if err != nil {
		return nil
	}
	return d
}

// checksum guards a cache against a torn or damaged write (never an
// adversary: a cache is only ever this tool's own write). FNV-1a's step
// taken over 8-byte words instead of bytes, with a final mix so that
// every bit of the 64-bit state reaches the 32 kept: the byte-wise hash
// waited on one multiply per byte, 2% of a warm run over the ~170 KB of
// the caches; this one is 8 times fewer. (hash/crc32 would build its table
// at every start-up of every command: 13 µs, five page faults.)
func checksum(b []byte) uint32 {
	const prime = 1099511628211
	h := uint64(14695981039346656037) ^ uint64(len(b))
	for ; len(b) >= 8; b = b[8:] {
		h = (h ^ binary.LittleEndian.Uint64(b)) * prime
	}
	for _, c := range b {
		h = (h ^ uint64(c)) * prime
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return uint32(h)
}

// openDecoder checks a cache's magic, checksum, build and root, and
// returns a decoder of what follows them.
func openDecoder(data []byte, magic, root string, exe fileKey) (*decoder, error) {
	if len(data) < len(magic)+4 || !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errCorrupt
	}
	body, sum := data[:len(data)-4], data[len(data)-4:]
	if checksum(body) != binary.LittleEndian.Uint32(sum) {
		return nil, errCorrupt
	}
	// One string of the whole body: the paths, names and lines read from
	// it are substrings, not an allocation and a copy each. The string is
	// the read bytes themselves, not a copy of them (the caches are up to
	// a few hundred KB: a copy was as many new pages to fault in): data is
	// the decoder's from here on, and nothing changes it.
	rest := body[len(magic):]
	d := &decoder{b: unsafe.String(unsafe.SliceData(rest), len(rest))}
	if d.key() != exe || d.str() != root || d.bad {
		return nil, errCorrupt // another build's or another root's: not ours
	}
	return d, nil
}

// settled reports whether a file with stat data k last changed long
// enough before this run started for its answers to be kept.
func (c *cacheStore) settled(k fileKey) bool {
	limit := c.started.Add(-cacheSettle).UnixNano()
	return k != (fileKey{}) && k.ctime < limit && k.mtime < limit
}

// write replaces the cache file name with its header and what body
// encodes: a temporary file renamed over it, so a reader never sees half
// of one; any failure leaves the cache as it was (or without it), which
// only costs reads.
func (c *cacheStore) write(name, magic string, body func(e *encoder)) {
	c.writeUpTo(name, magic, maxCitedCache, body)
}

// writeUpTo is write of a cache that may be up to limit bytes.
func (c *cacheStore) writeUpTo(name, magic string, limit int, body func(e *encoder)) {
	if c.dir == "" {
		return
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return
	}
	c.sweep(name)
	tmp, err := os.CreateTemp(c.dir, name+"-*.tmp")
	if err != nil {
		return
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is there
	// Room for a cache of a few hundred paths up front: grown from the
	// magic, the buffer was copied a dozen times into new memory (with the
	// collector off, pages faulted in: 1% of a first run); the room past
	// what is written is never touched.
	e := encoder{b: append(make([]byte, 0, 64<<10), magic...)}
	e.key(c.exe)
	e.str(c.root)
	body(&e)
	if len(e.b) > limit-4 {
		tmp.Close()
		return // it would not be read
	}
	e.b = binary.LittleEndian.AppendUint32(e.b, checksum(e.b))
	if _, err := tmp.Write(e.b); err != nil {
		tmp.Close()
		return
	}
	if err := tmp.Close(); err != nil {
		return
	}
	_ = os.Rename(tmp.Name(), filepath.Join(c.dir, name))
}

// sweep removes the temporary files of the cache name that a run killed
// while writing it left behind (older than a minute: not another run's
// write in progress).
func (c *cacheStore) sweep(name string) {
	// Listed, not globbed: a repository path holding [, * or ? would be
	// a pattern matching other folders' files.
	des, _ := os.ReadDir(c.dir)
	for _, de := range des {
		if n := de.Name(); !strings.HasPrefix(n, name+"-") || !strings.HasSuffix(n, ".tmp") {
			continue
		}
		p := filepath.Join(c.dir, de.Name())
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > time.Minute {
			os.Remove(p)
		}
	}
}

// citedCache is the cited files' cache as a run found it.
type citedCache struct {
	store *cacheStore
	files map[string]*cachedFile
}

// openCitedCache reads the cited files' cache: an empty one when there is
// none or it cannot be trusted.
func openCitedCache(store *cacheStore) *citedCache {
	c := &citedCache{store: store, files: map[string]*cachedFile{}}
	if d := store.read(citedCacheName, citedCacheMagic); d != nil {
		if files, err := decodeCitedFiles(d); err == nil {
			c.files = files
		}
	}
	return c
}

// lookup returns the cached entry of rel when the file still has the
// stat data it was cached with (key gives them).
func (c *citedCache) lookup(rel string, key func() fileKey) *cachedFile {
	e := c.files[rel]
	if e == nil || key() != e.key {
		return nil
	}
	return e
}

var errCorrupt = errors.New("corrupt cache")

// decodeCitedCache reads the cited files' cache written for root by the
// build exe.
func decodeCitedCache(data []byte, root string, exe fileKey) (map[string]*cachedFile, error) {
	d, err := openDecoder(data, citedCacheMagic, root, exe)
	if err != nil {
		return nil, err
	}
	return decodeCitedFiles(d)
}

func decodeCitedFiles(d *decoder) (map[string]*cachedFile, error) {
	var slab []cachedFile // the entries, carved from larger slices
	return decodeEntries(d, maxCachedFiles, func(d *decoder) *cachedFile {
		if len(slab) == 0 {
			slab = make([]cachedFile, 64)
		}
		e := &slab[0]
		slab = slab[1:]
		e.key, e.lines = d.key(), d.num(1<<31)
		flags := d.num(3)
		e.binary, e.large = flags&1 != 0, flags&2 != 0
		if k := d.num(maxCachedAnswers); k > 0 {
			e.memo.lines = make(map[int][]byte, k)
			for range k {
				ln := d.num(1 << 31)
				e.memo.lines[ln] = d.bytes()
			}
		}
		if k := d.num(maxCachedAnswers); k > 0 {
			e.memo.answers = make(map[string][]int, k)
			for range k {
				q := d.str()
				e.memo.answers[q] = d.ints()
			}
		}
		return e
	})
}

// decodeEntries reads what every cache holds: a count of at most limit,
// then a path and its entry each, and nothing after them.
func decodeEntries[T any](d *decoder, limit int, entry func(*decoder) T) (map[string]T, error) {
	n := d.num(limit)
	out := make(map[string]T, n)
	for range n {
		p := d.str()
		e := entry(d)
		if d.bad {
			return nil, errCorrupt
		}
		out[p] = e
	}
	if d.bad || len(d.b) != 0 {
		return nil, errCorrupt
	}
	return out, nil
}

// decoder reads the cache's varints and strings; any error sets bad, and
// every later read returns zero values.
type decoder struct {
	b    string
	bad  bool
	slab []int // room for the lists ints reads
}

// uvarint reads what binary.AppendUvarint wrote (binary.Uvarint, on a
// string).
func (d *decoder) uvarint() uint64 {
	if d.bad {
		return 0
	}
	var v uint64
	for i := 0; i < len(d.b) && i < binary.MaxVarintLen64; i++ {
		c := d.b[i]
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				break // overflows 64 bits
			}
			d.b = d.b[i+1:]
			return v | uint64(c)<<(7*i)
		}
		v |= uint64(c&0x7f) << (7 * i)
	}
	d.bad = true
	return 0
}

// num reads a count or a line number, which must not pass limit.
func (d *decoder) num(limit int) int {
	v := d.uvarint()
	if v > uint64(limit) {
		d.bad = true
		return 0
	}
	return int(v)
}

// ints reads what encoder.ints wrote. The lists are carved from larger
// slices (d.slab), not allocated one each: a cache holds thousands of
// short answers.
func (d *decoder) ints() []int {
	n := d.num(maxCachedInts)
	if len(d.slab) < n {
		d.slab = make([]int, max(n, 512))
	}
	v := d.slab[:n:n]
	d.slab = d.slab[n:]
	for i := range v {
		v[i] = d.num(1 << 31)
	}
	return v
}

// bytes reads what encoder.bytes wrote: the cache's own bytes, not a copy,
// which no one changes (lines of cited files are only read).
func (d *decoder) bytes() []byte {
	s := d.str()
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return ""
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *decoder) key() fileKey {
	return fileKey{dev: d.uvarint(), ino: d.uvarint(), size: int64(d.uvarint()), mtime: int64(d.uvarint()), ctime: int64(d.uvarint())}
}

// encoder writes what decoder reads.
type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

// ints writes a list of non-negative numbers (line numbers), as d.ints
// reads it: at most maxCachedInts of them, each below 1<<31.
func (e *encoder) ints(v []int) {
	e.uvarint(uint64(len(v)))
	for _, n := range v {
		e.uvarint(uint64(n))
	}
}
func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// bytes writes b as str writes a string (without converting it first).
func (e *encoder) bytes(b []byte) {
	e.uvarint(uint64(len(b)))
	e.b = append(e.b, b...)
}
func (e *encoder) key(k fileKey) {
	e.uvarint(k.dev)
	e.uvarint(k.ino)
	e.uvarint(uint64(k.size))
	e.uvarint(uint64(k.mtime))
	e.uvarint(uint64(k.ctime))
}

// save writes the cache back when this run learnt something: the files
// this run cited first (those unchanged for cacheSettle), then the other
// files of the cache as they were.
func (c *citedCache) save(files map[string]*codeFile) {
	var paths []string
	learnt := false
	for p, f := range files {
		if c.store.settled(f.key) {
			paths = append(paths, p)
			learnt = learnt || f.fresh
		}
	}
	if !learnt {
		return // every answer came from the cache: nothing to write
	}
	slices.Sort(paths)
	var others []string
	for p := range c.files {
		if files[p] == nil {
			others = append(others, p)
		}
	}
	slices.Sort(others)
	c.store.write(citedCacheName, citedCacheMagic, func(e *encoder) {
		n := min(len(paths)+len(others), maxCachedFiles)
		e.uvarint(uint64(n))
		for _, p := range paths[:min(len(paths), n)] {
			f := files[p]
			// The whole count, never the lines of a file read in part: a
			// later run takes the cache's count for the file's.
			lines := f.lineCount()
			f.mu.Lock()
			encodeFile(e, p, &cachedFile{key: f.key, lines: lines, binary: f.binary, large: f.large, memo: f.memo})
			f.mu.Unlock()
		}
		for _, p := range others[:n-min(len(paths), n)] {
			encodeFile(e, p, c.files[p])
		}
	})
}

func encodeFile(e *encoder, p string, f *cachedFile) {
	e.str(p)
	e.key(f.key)
	e.uvarint(uint64(f.lines))
	flags := uint64(0)
	if f.binary {
		flags |= 1
	}
	if f.large {
		flags |= 2
	}
	e.uvarint(flags)
	lines := make([]int, 0, len(f.memo.lines))
	for n := range f.memo.lines {
		lines = append(lines, n)
	}
	slices.Sort(lines)
	lines = lines[:min(len(lines), maxCachedAnswers)]
	e.uvarint(uint64(len(lines)))
	for _, n := range lines {
		e.uvarint(uint64(n))
		e.bytes(f.memo.lines[n])
	}
	qs := make([]string, 0, len(f.memo.answers))
	for q := range f.memo.answers {
		qs = append(qs, q)
	}
	slices.Sort(qs)
	qs = qs[:min(len(qs), maxCachedAnswers)]
	e.uvarint(uint64(len(qs)))
	for _, q := range qs {
		e.str(q)
		e.ints(f.memo.answers[q])
	}
}

// ask returns the answer to question q about the file's text, worked out
// by work (from f.text()) unless this run or the cache already knows it.
// Answers are lists of non-negative numbers (lines, or 0/1).
func (f *codeFile) ask(q string, work func() []int) []int {
	f.mu.Lock()
	v, ok := f.memo.answers[q]
	f.mu.Unlock()
	if ok {
		return v
	}
	v = work()
	if len(v) <= maxCachedInts && !slices.ContainsFunc(v, func(n int) bool { return n < 0 }) {
		f.mu.Lock()
		if f.memo.answers == nil {
			f.memo.answers = map[string][]int{}
		}
		f.memo.answers[q] = v
		f.fresh = true
		f.mu.Unlock()
	}
	return v
}

// question is the memo key of a question about a name (and a line).
func question(kind byte, name string, line int) string {
	q := append([]byte{kind}, name...)
	if line > 0 {
		q = append(append(q, ':'), strconv.Itoa(line)...)
	}
	return string(q)
}

func boolAnswer(b bool) []int {
	if b {
		return []int{1}
	}
	return []int{}
}
