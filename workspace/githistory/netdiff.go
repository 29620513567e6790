package githistory

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// netDiff finds the changes between each distinct entry commit and HEAD
// over the paths the entries of that commit cite, in two git processes
// whatever the number of entries, both fed while the log is read.
//
// The first, `git diff-tree --stdin --raw`, is given each entry commit as
// soon as the log meets it. It says which files differ and by which blobs,
// without reading a file, so it is cheap however many files changed. Each
// stdin line "HEAD E" is read as a commit and its parent, so the diff goes
// from E to HEAD; --always prints the header line (HEAD's hash) even for
// an empty diff, which keeps the output in step with the input.
//
// Diffing the files is what costs, and entry commits share most of it: a
// file unchanged between two entry commits is the same pair of blobs for
// both, and an entry needs only the files under the paths it cites. So the
// second process diffs each distinct pair an entry needs once: the new
// pairs of each entry commit are put into a pair of trees, written as
// loose objects into a temporary folder that git reads as an alternate
// object store (the repository is never written), each file at its own
// path so that the repository's attributes apply to it as to the
// commits'. `git diff-tree --stdin -p -U0` diffs the tree pairs with the
// same options as the commits would have been, so the hunks are the ones
// git gives for E..HEAD.
type netDiff struct {
	h      *History
	ctx    context.Context
	git    string
	opts   Options
	prefix string // the root's folder inside the repository, "" or "x/"
	head   string
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr bytes.Buffer
	werr   error      // the first failed write or start
	parsed chan error // the raw reader's result
	mu     sync.Mutex // guards bases and cites, which the reader reads
	bases  []string   // in the order written
	seen   map[string]bool
	// cites are the paths the entries of each base cite (nil: every path).
	cites map[string]map[string]bool
	// raw are the changes the first process found, by base; index says
	// in which tree pair each distinct change was diffed. Both are the
	// raw reader's until it is done.
	raw   map[string][]rawChange
	index map[rawChange]int
	pairs *pairDiff
}

// rawChange is one line of `git diff-tree --raw`.
type rawChange struct {
	oldMode, newMode, oldID, newID, path string
}

func (h *History) newNetDiff(ctx context.Context, git string, opts Options, prefix, head string) *netDiff {
	return &netDiff{h: h, ctx: ctx, git: git, opts: opts, prefix: prefix, head: head,
		seen: map[string]bool{}, cites: map[string]map[string]bool{}, raw: map[string][]rawChange{}, index: map[rawChange]int{}}
}

// add asks for the changes from base to HEAD under the paths the entries
// (all those base last changed) cite; the process starts with the first.
func (n *netDiff) add(base string, entries []string) {
	if len(n.opts.Paths) == 0 || n.werr != nil || n.seen[base] {
		return
	}
	n.seen[base] = true
	if n.cmd == nil {
		n.werr = n.start()
		if n.werr != nil {
			return
		}
	}
	n.mu.Lock()
	n.bases = append(n.bases, base)
	if n.opts.Cites != nil {
		cited := map[string]bool{}
		for _, e := range entries {
			for _, p := range n.opts.Cites[e] {
				cited[strings.TrimSuffix(p, "/")] = true
			}
		}
		n.cites[base] = cited
	}
	n.mu.Unlock()
	// A line that is no object id is echoed back, and git flushes its
	// output there: the echo says this base's changes are all out, so its
	// pairs are diffed while the log goes on.
	if _, err := io.WriteString(n.stdin, n.head+" "+base+"\n"+endOfBase+"\n"); err != nil {
		n.werr = err
	}
}

// endOfBase follows each base on the raw process's input.
const endOfBase = "-"

// diffArgs are the options both processes share: the tree pairs must be
// diffed as the commits would have been.
var diffArgs = []string{"--always", "-r", "--relative", "--no-renames", "--no-color", "--no-ext-diff", "--no-textconv"}

func (n *netDiff) start() error {
	args := append(append([]string{"diff-tree", "--stdin", "--raw"}, diffArgs...), "--")
	n.cmd = gitCommand(n.ctx, n.git, n.opts.Root, append(args, n.opts.Paths...)...)
	n.cmd.Stderr = &n.stderr
	stdin, stdout, err := startPiped(n.cmd, "git diff-tree")
	if err != nil {
		return err
	}
	n.stdin = stdin
	n.parsed = make(chan error, 1)
	go func() {
		err := n.readRaw(stdout)
		_, _ = io.Copy(io.Discard, stdout)
		n.parsed <- err
	}()
	return nil
}

// readRaw reads the raw changes base by base and hands each base's new
// pairs to the second process as soon as its changes are all read (at the
// echo of endOfBase).
func (n *netDiff) readRaw(stdout io.Reader) error {
	k := -1
	base := ""
	br := bufio.NewReaderSize(stdout, 64<<10)
	for {
		line, err := br.ReadString('\n')
		text := strings.TrimSuffix(line, "\n")
		switch {
		case text == endOfBase:
			if base != "" {
				if derr := n.diffNew(base); derr != nil {
					return derr
				}
			}
			base = ""
		case text == n.head:
			k++
			n.mu.Lock()
			base = ""
			if k < len(n.bases) {
				base = n.bases[k]
			}
			n.mu.Unlock()
		case strings.HasPrefix(text, ":") && base != "":
			meta, path, ok := strings.Cut(text[1:], "\t")
			f := strings.Fields(meta)
			if !ok || len(f) != 5 {
				return fmt.Errorf("unexpected line %q", text)
			}
			p, _ := headerPath(path, "")
			n.raw[base] = append(n.raw[base], rawChange{oldMode: f[0], newMode: f[1], oldID: f[2], newID: f[3], path: p})
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// diffNew gives the second process the pairs base needs that no earlier
// base did, as one pair of trees.
func (n *netDiff) diffNew(base string) error {
	var fresh []rawChange
	for _, c := range n.raw[base] {
		if _, ok := n.index[c]; !ok && n.needs(base, c.path) {
			fresh = append(fresh, c)
		}
	}
	if len(fresh) == 0 {
		return nil
	}
	if n.pairs == nil {
		p, err := n.startPairs()
		if err != nil {
			return err
		}
		n.pairs = p
	}
	g, err := n.pairs.add(n.prefix, fresh)
	if err != nil {
		return err
	}
	for _, c := range fresh {
		n.index[c] = g
	}
	return nil
}

// needs reports whether an entry of base cites path or a folder holding it.
func (n *netDiff) needs(base, path string) bool {
	if n.opts.Cites == nil {
		return true
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return wantedPath(n.cites[base], path)
}

// finish ends the input, waits for the raw changes and the diffs of their
// pairs and files the hunks under each base; with abort the processes are
// stopped instead (the log failed).
func (n *netDiff) finish(abort bool) error {
	if n.cmd == nil {
		return n.werr
	}
	if abort && n.cmd.Process != nil {
		_ = n.cmd.Process.Kill()
	}
	if n.stdin != nil {
		n.stdin.Close()
	}
	var perr error
	if n.parsed != nil {
		perr = <-n.parsed
	}
	werr := n.cmd.Wait()
	var found []map[string]*FileChange
	var ferr error
	if n.pairs != nil {
		found, ferr = n.pairs.finish(abort || perr != nil || werr != nil)
	}
	switch {
	case abort:
		return nil
	case perr != nil:
		return fmt.Errorf("reading git diff-tree: %w", perr)
	case werr != nil:
		return fmt.Errorf("git diff-tree: %v: %s", werr, strings.TrimSpace(n.stderr.String()))
	case n.werr != nil:
		return fmt.Errorf("git diff-tree: %w", n.werr)
	case ferr != nil:
		return ferr
	}
	for base, changes := range n.raw {
		m := map[string]*FileChange{}
		for _, c := range changes {
			if g, ok := n.index[c]; ok && n.needs(base, c.path) && g < len(found) {
				if f := found[g][c.path]; f != nil {
					m[c.path] = f
				}
			}
		}
		n.h.net[base] = m
	}
	return nil
}

// pairDiff is the second process: `git diff-tree --stdin -p -U0` over
// pairs of trees written into a temporary object store.
type pairDiff struct {
	dir    string
	objs   *objectSet
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	stderr bytes.Buffer
	mu     sync.Mutex     // guards headers, which the reader reads
	header map[string]int // "old new" → tree pair number
	count  int
	found  []map[string]*FileChange // by tree pair; the reader's until done
	parsed chan error
}

func (n *netDiff) startPairs() (*pairDiff, error) {
	dir, err := treesDir("")
	if err != nil {
		return nil, err
	}
	p := &pairDiff{dir: dir, objs: newObjectSet(len(n.head) == 64), header: map[string]int{}}
	args := append([]string{"diff-tree", "--stdin", "-p", "-U0"}, diffArgs...)
	p.cmd = gitCommand(n.ctx, n.git, n.opts.Root, args...)
	// The trees are read from the temporary folder, the blobs from the
	// repository; an alternate store the caller set stays one.
	alt := alternatePath(dir)
	if prev := os.Getenv("GIT_ALTERNATE_OBJECT_DIRECTORIES"); prev != "" {
		alt = prev + string(os.PathListSeparator) + dir
	}
	p.cmd.Env = append(p.cmd.Env, "GIT_ALTERNATE_OBJECT_DIRECTORIES="+alt)
	p.cmd.Stderr = &p.stderr
	stdin, stdout, err := startPiped(p.cmd, "git diff-tree")
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	p.stdin = stdin
	// Header lines ("old new", the trees of a pair) become the commit
	// lines parseLog reads, named by the pair's number.
	pr, pw := io.Pipe()
	go func() {
		br := bufio.NewReaderSize(stdout, 64<<10)
		for {
			line, err := br.ReadBytes('\n')
			p.mu.Lock()
			g, ok := p.header[string(bytes.TrimRight(line, "\n"))]
			p.mu.Unlock()
			if ok {
				line = []byte("\x00" + strconv.Itoa(g) + "\t0\t\t\n")
			}
			if _, werr := pw.Write(line); werr != nil {
				_, _ = io.Copy(io.Discard, br)
				return
			}
			if err != nil {
				pw.Close()
				return
			}
		}
	}()
	p.parsed = make(chan error, 1)
	go func() {
		err := parseLog(pr, nil, func(c *Commit) bool {
			g, err := strconv.Atoi(c.Hash)
			if err != nil || g < 0 {
				return true
			}
			m := map[string]*FileChange{}
			for i := range c.Files {
				m[c.Files[i].Path] = &c.Files[i]
			}
			for len(p.found) <= g {
				p.found = append(p.found, nil)
			}
			p.found[g] = m
			return true
		})
		pr.Close()
		p.parsed <- err
	}()
	return p, nil
}

// add writes the trees of changes (one per path) and asks for their diff;
// it returns the pair's number.
func (p *pairDiff) add(prefix string, changes []rawChange) (int, error) {
	old, now := &treeNode{}, &treeNode{}
	for _, c := range changes {
		full := prefix + c.path
		if !zeroID(c.oldID) {
			old.add(full, c.oldMode, c.oldID)
		}
		if !zeroID(c.newID) {
			now.add(full, c.newMode, c.newID)
		}
	}
	a, err := p.objs.tree(old)
	if err != nil {
		return 0, err
	}
	b, err := p.objs.tree(now)
	if err != nil {
		return 0, err
	}
	if err := p.objs.writePack(p.dir); err != nil {
		return 0, err
	}
	g := p.count
	p.count++
	p.mu.Lock()
	p.header[a+" "+b] = g
	p.mu.Unlock()
	if _, err := io.WriteString(p.stdin, a+" "+b+"\n"); err != nil {
		return 0, fmt.Errorf("git diff-tree: %w", err)
	}
	return g, nil
}

// finish ends the input and returns each pair's changes by path; with
// abort the process is stopped instead.
func (p *pairDiff) finish(abort bool) ([]map[string]*FileChange, error) {
	defer os.RemoveAll(p.dir)
	if abort && p.cmd.Process != nil {
		_ = p.cmd.Process.Kill()
	}
	p.stdin.Close()
	perr := <-p.parsed
	werr := p.cmd.Wait()
	switch {
	case abort:
		return nil, nil
	case perr != nil:
		return nil, fmt.Errorf("reading git diff-tree: %w", perr)
	case werr != nil:
		return nil, fmt.Errorf("git diff-tree: %v: %s", werr, strings.TrimSpace(p.stderr.String()))
	}
	return p.found, nil
}

// alternatePath writes dir as one entry of GIT_ALTERNATE_OBJECT_DIRECTORIES:
// a path holding the list separator or a double quote is given in double
// quotes, C-style, as git reads it.
func alternatePath(dir string) string {
	if !strings.ContainsAny(dir, string(os.PathListSeparator)+`"`) {
		return dir
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(dir) + `"`
}

// zeroID reports whether id is the null object id (the file is absent on
// that side).
func zeroID(id string) bool {
	return strings.Trim(id, "0") == ""
}

// treeNode is a tree to write: files by name, and subtrees.
type treeNode struct {
	files map[string][2]string // name → mode, object id
	dirs  map[string]*treeNode
}

func (t *treeNode) add(path, mode, id string) {
	dir, rest, more := strings.Cut(path, "/")
	if more {
		if t.dirs == nil {
			t.dirs = map[string]*treeNode{}
		}
		sub := t.dirs[dir]
		if sub == nil {
			sub = &treeNode{}
			t.dirs[dir] = sub
		}
		sub.add(rest, mode, id)
		return
	}
	if t.files == nil {
		t.files = map[string][2]string{}
	}
	t.files[dir] = [2]string{mode, id}
}

// objectSet collects tree objects to write as one pack: a pack and its
// index are two files however many trees a pair of trees holds, where loose
// objects would be a file (and often a folder) each, and creating files is
// most of the cost on a disk with a journal.
type objectSet struct {
	sha256 bool
	objs   map[string][]byte // id → body
}

func newObjectSet(sha256 bool) *objectSet {
	return &objectSet{sha256: sha256, objs: map[string][]byte{}}
}

func (s *objectSet) hash() hash.Hash {
	if s.sha256 {
		return sha256.New()
	}
	return sha1.New()
}

// tree adds t and its subtrees and returns its object id.
func (s *objectSet) tree(t *treeNode) (string, error) {
	type entry struct {
		key, mode, name, id string
	}
	var entries []entry
	for name, f := range t.files {
		entries = append(entries, entry{key: name, mode: strings.TrimPrefix(f[0], "0"), name: name, id: f[1]})
	}
	for name, sub := range t.dirs {
		id, err := s.tree(sub)
		if err != nil {
			return "", err
		}
		// Git orders a tree's entries by name, a folder's name as if it
		// ended in a slash.
		entries = append(entries, entry{key: name + "/", mode: "40000", name: name, id: id})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].key < entries[j].key })
	var body bytes.Buffer
	for _, e := range entries {
		raw, err := hex.DecodeString(e.id)
		if err != nil {
			return "", fmt.Errorf("object id %q: %w", e.id, err)
		}
		body.WriteString(e.mode + " " + e.name + "\x00")
		body.Write(raw)
	}
	sum := s.hash()
	fmt.Fprintf(sum, "tree %d\x00", body.Len())
	sum.Write(body.Bytes())
	id := hex.EncodeToString(sum.Sum(nil))
	s.objs[id] = body.Bytes()
	return id, nil
}

// writePack writes the objects as a pack and its index (version 2) into
// dir/pack, and forgets them. Git finds a pack added while it runs: an
// object it cannot find makes it look for new packs.
func (s *objectSet) writePack(dir string) error {
	ids := make([]string, 0, len(s.objs))
	for id := range s.objs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var pack bytes.Buffer
	pack.WriteString("PACK")
	binary.Write(&pack, binary.BigEndian, uint32(2))
	binary.Write(&pack, binary.BigEndian, uint32(len(ids)))
	offsets := make([]uint32, len(ids))
	crcs := make([]uint32, len(ids))
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.NoCompression) // the pack lives for one run
	for i, id := range ids {
		body := s.objs[id]
		offsets[i] = uint32(pack.Len())
		start := pack.Len()
		// Type 2 (tree) and the size, seven bits a byte after the first four.
		size := len(body)
		b := byte(2<<4 | size&15)
		for size >>= 4; size > 0; size >>= 7 {
			pack.WriteByte(b | 0x80)
			b = byte(size & 0x7f)
		}
		pack.WriteByte(b)
		z.Reset()
		zw.Reset(&z)
		zw.Write(body)
		if err := zw.Close(); err != nil {
			return err
		}
		pack.Write(z.Bytes())
		crcs[i] = crc32.ChecksumIEEE(pack.Bytes()[start:])
	}
	sum := s.hash()
	sum.Write(pack.Bytes())
	packSum := sum.Sum(nil)
	pack.Write(packSum)

	var idx bytes.Buffer
	idx.Write([]byte{0xff, 't', 'O', 'c'})
	binary.Write(&idx, binary.BigEndian, uint32(2))
	var fanout [256]uint32
	for _, id := range ids {
		first, _ := strconv.ParseUint(id[:2], 16, 8)
		for k := int(first); k < 256; k++ {
			fanout[k]++
		}
	}
	binary.Write(&idx, binary.BigEndian, fanout[:])
	for _, id := range ids {
		raw, _ := hex.DecodeString(id)
		idx.Write(raw)
	}
	binary.Write(&idx, binary.BigEndian, crcs)
	binary.Write(&idx, binary.BigEndian, offsets)
	idx.Write(packSum)
	sum = s.hash()
	sum.Write(idx.Bytes())
	idx.Write(sum.Sum(nil))

	folder := filepath.Join(dir, "pack")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	name := filepath.Join(folder, "pack-"+hex.EncodeToString(packSum))
	// The pack first: git reads a pack through its index.
	if err := os.WriteFile(name+".pack", pack.Bytes(), 0o444); err != nil {
		return err
	}
	if err := os.WriteFile(name+".idx", idx.Bytes(), 0o444); err != nil {
		return err
	}
	clear(s.objs)
	return nil
}
