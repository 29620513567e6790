package validate

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"
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
// same. A file changed less than cacheSettle before it was read is not
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
	citedCacheMagic = "handbook cited-files 1\n"
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

// citedCache is the cache as a run found it, and where to write it back.
type citedCache struct {
	dir     string // the git folder's handbook/; "" when there is none
	root    string // the root the cited paths are relative to
	exe     fileKey
	started time.Time
	files   map[string]*cachedFile
}

// openCitedCache reads the cache of the repository whose git folder is
// gitDir ("" outside one): an empty cache when there is none or it cannot
// be trusted.
func openCitedCache(gitDir, root string) *citedCache {
	c := &citedCache{root: root, started: cacheNow(), files: map[string]*cachedFile{}}
	if gitDir == "" {
		return c
	}
	exe, err := os.Executable()
	if err != nil {
		return c
	}
	// Answers are worked out by this build's rules: another build's are
	// not used (a rebuilt binary has other stat data).
	if c.exe = lstatKey(exe); c.exe == (fileKey{}) {
		return c
	}
	c.dir = filepath.Join(gitDir, "handbook")
	data, ok := readCode(filepath.Join(c.dir, citedCacheName), maxCitedCache)
	if !ok {
		return c
	}
	if files, err := decodeCitedCache(data, root, c.exe); err == nil {
		c.files = files
	}
	return c
}

// lookup returns the cached entry of rel when the file at abs still has
// the stat data it was cached with.
func (c *citedCache) lookup(rel, abs string) *cachedFile {
	e := c.files[rel]
	if e == nil || lstatKey(abs) != e.key {
		return nil
	}
	return e
}

var errCorrupt = errors.New("corrupt cache")

// decodeCitedCache reads the cache's bytes: its magic, the build and root
// it was written for, its files, and a checksum of all that.
func decodeCitedCache(data []byte, root string, exe fileKey) (map[string]*cachedFile, error) {
	if len(data) < len(citedCacheMagic)+4 || !bytes.HasPrefix(data, []byte(citedCacheMagic)) {
		return nil, errCorrupt
	}
	body, sum := data[:len(data)-4], data[len(data)-4:]
	if crc32.ChecksumIEEE(body) != binary.LittleEndian.Uint32(sum) {
		return nil, errCorrupt
	}
	d := decoder{b: body[len(citedCacheMagic):]}
	if d.key() != exe || d.str() != root {
		return nil, errCorrupt // another build's or another root's: not ours
	}
	n := d.num(maxCachedFiles)
	files := make(map[string]*cachedFile, n)
	for range n {
		p := d.str()
		e := &cachedFile{key: d.key(), lines: d.num(1 << 31)}
		flags := d.num(3)
		e.binary, e.large = flags&1 != 0, flags&2 != 0
		if k := d.num(maxCachedAnswers); k > 0 {
			e.memo.lines = make(map[int][]byte, k)
			for range k {
				ln := d.num(1 << 31)
				e.memo.lines[ln] = []byte(d.str())
			}
		}
		if k := d.num(maxCachedAnswers); k > 0 {
			e.memo.answers = make(map[string][]int, k)
			for range k {
				q := d.str()
				v := make([]int, d.num(maxCachedInts))
				for i := range v {
					v[i] = d.num(1 << 31)
				}
				e.memo.answers[q] = v
			}
		}
		if d.bad {
			return nil, errCorrupt
		}
		files[p] = e
	}
	if d.bad || len(d.b) != 0 {
		return nil, errCorrupt
	}
	return files, nil
}

// decoder reads the cache's varints and strings; any error sets bad, and
// every later read returns zero values.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) uvarint() uint64 {
	if d.bad {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad = true
		return 0
	}
	d.b = d.b[n:]
	return v
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

func (d *decoder) str() string {
	n := d.uvarint()
	if d.bad || n > uint64(len(d.b)) {
		d.bad = true
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) key() fileKey {
	return fileKey{dev: d.uvarint(), ino: d.uvarint(), size: int64(d.uvarint()), mtime: int64(d.uvarint()), ctime: int64(d.uvarint())}
}

// encoder writes what decoder reads.
type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
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
// files of the cache as they were. It writes a temporary file and renames
// it over the cache, so a reader never sees half of one; any failure
// leaves the cache as it was (or without it), which only costs reads.
func (c *citedCache) save(files map[string]*codeFile) {
	if c.dir == "" {
		return
	}
	settled := c.started.Add(-cacheSettle).UnixNano()
	var paths []string
	learnt := false
	for p, f := range files {
		if f.key == (fileKey{}) || f.key.ctime >= settled || f.key.mtime >= settled {
			continue
		}
		paths = append(paths, p)
		learnt = learnt || f.fresh
	}
	if !learnt {
		return // every answer came from the cache: nothing to write
	}
	slices.Sort(paths)
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(c.dir, citedCacheName+"-*.tmp")
	if err != nil {
		return
	}
	defer os.Remove(tmp.Name()) // after the rename, nothing is there
	var e encoder
	e.b = append(e.b, citedCacheMagic...)
	e.key(c.exe)
	e.str(c.root)
	var others []string
	for p := range c.files {
		if files[p] == nil {
			others = append(others, p)
		}
	}
	slices.Sort(others)
	n := min(len(paths)+len(others), maxCachedFiles)
	e.uvarint(uint64(n))
	for _, p := range paths[:min(len(paths), n)] {
		f := files[p]
		f.mu.Lock()
		encodeFile(&e, p, &cachedFile{key: f.key, lines: f.lines, binary: f.binary, large: f.large, memo: f.memo})
		f.mu.Unlock()
	}
	for _, p := range others[:n-min(len(paths), n)] {
		encodeFile(&e, p, c.files[p])
	}
	e.b = binary.LittleEndian.AppendUint32(e.b, crc32.ChecksumIEEE(e.b))
	if _, err := tmp.Write(e.b); err != nil {
		tmp.Close()
		return
	}
	if err := tmp.Close(); err != nil {
		return
	}
	_ = os.Rename(tmp.Name(), filepath.Join(c.dir, citedCacheName))
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
		e.str(string(f.memo.lines[n]))
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
		v := f.memo.answers[q]
		e.uvarint(uint64(len(v)))
		for _, n := range v {
			e.uvarint(uint64(n))
		}
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
