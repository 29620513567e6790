// Package githistory reads what git knows about the history of a handbook's
// entries and the code they reference, with a fixed number of git
// processes per run whatever the number of entries and references:
//
//   - `git rev-parse` for the state of the repository;
//   - `git status` for entries with uncommitted changes (edited now);
//   - one streamed `git log --name-status` over the entries and the cited
//     paths, newest first, stopped as soon as every entry's last commit has
//     been seen: which commits touched which path since each entry's last
//     edit (no diffs, so it stays cheap however long the history is);
//   - one `git diff-tree --stdin --raw` comparing each distinct entry
//     commit with HEAD over the cited paths (which files differ, by blob:
//     no file is read), then one `git diff-tree --stdin -p -U0` diffing
//     each distinct pair of blobs an entry needs once, however many entry
//     commits share it: the lines that changed since, net, which tell
//     whether a cited line range changed and where its lines are now;
//   - only when a cited path is missing, one `git diff-tree -M` on the
//     commits that deleted such paths, to say where they went;
//   - only when cited lines are to be found as they were, one
//     `git cat-file --batch` (Blobs) answering every such question.
//
// Callers ask questions of the parsed History: when an entry was last
// changed, and what happened since to a file or to a range of its lines.
package githistory

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/workspace/lang"
)

// Hunk is one change of a -U0 diff: old lines [OldStart, OldStart+OldLines)
// became new lines [NewStart, NewStart+NewLines). A pure insertion has
// OldLines 0 and goes after line OldStart; a pure deletion has NewLines 0.
type Hunk struct {
	OldStart, OldLines, NewStart, NewLines int
}

// FileChange is what one commit did to one file.
type FileChange struct {
	Path           string
	Hunks          []Hunk
	Added, Deleted int
	Binary         bool
	Removed        bool // the commit deleted the file
	Created        bool // the file did not exist before
}

// Commit is one commit that touched an entry or a referenced path.
type Commit struct {
	Hash    string
	Time    time.Time
	Subject string
	Merge   bool // more than one parent
	Files   []FileChange
}

// Short is the abbreviated hash.
func (c *Commit) Short() string { return c.Hash[:min(len(c.Hash), 7)] }

// State says why a History may be incomplete.
type State int

const (
	OK        State = iota
	NotGit          // not a git repository, or git is not installed
	NoCommits       // a repository without commits
	Shallow         // a shallow clone: the history is cut off
)

// String explains the state in a sentence that fits a message.
func (s State) String() string {
	switch s {
	case NotGit:
		return "the folder is not a git repository (or git is not installed)"
	case NoCommits:
		return "the repository has no commits yet"
	case Shallow:
		return "the clone is shallow; fetch the history with `git fetch --unshallow`"
	}
	return "ok"
}

// History is the part of the log a run needs.
type History struct {
	State State
	// Commits touched an entry or a referenced path, newest first, back to
	// the oldest entry's last commit.
	Commits []*Commit
	// last is each entry's last commit, as an index into Commits; entries
	// with uncommitted changes are absent (they are edited now).
	last map[string]int
	// dirty are the entries changed in the working tree or untracked.
	dirty map[string]bool
	// net are the changes between an entry commit and HEAD, by commit
	// hash and path.
	net map[string]map[string]*FileChange
	// moved is what Renames answered for Options.Missing, asked while the
	// net changes were read; movedAsked says it was.
	moved      map[string]string
	movedAsked bool
}

// Options say what to read.
type Options struct {
	Root    string   // the repository's top folder
	Entries []string // entry paths, relative to Root, forward slashes
	Paths   []string // referenced paths (files or folders), relative to Root
	// Missing are referenced paths that do not exist: where they went is
	// asked of git (Renames) at the same time as the changes since each
	// entry's last commit are, and Moved returns it.
	Missing []string
	// Cites are the paths each entry cites (a subset of Paths): the
	// changes since an entry's last commit are read only for those. An
	// entry absent from a non-nil map cites nothing; a nil map means
	// every entry cites every path.
	Cites map[string][]string
	// Git is the git program; "" is "git".
	Git string
}

// gitCommand is the one way this package starts git: in root, paths
// printed unquoted, in the C locale, taking no optional locks (a lint must
// not block a commit), and with paths as names, never patterns (a file
// called `a*.go` must not match every Go file).
func gitCommand(ctx context.Context, git, root string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, git, append([]string{"-C", root, "-c", "core.quotePath=false"}, args...)...)
	cmd.Env = append(os.Environ(), "GIT_LITERAL_PATHSPECS=1", "GIT_OPTIONAL_LOCKS=0", "LC_ALL=C")
	return cmd
}

// startPiped starts cmd, a long-lived git that answers questions written
// to its stdin (cat-file --batch, diff-tree --stdin); name says which in
// the error.
func startPiped(cmd *exec.Cmd, name string) (io.WriteCloser, io.ReadCloser, error) {
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return in, out, nil
}

// Load reads the history the entries and paths need. A repository that
// cannot answer (no git, no commits, shallow) is not an error: the returned
// History says so in State and answers every question with "unknown".
func Load(ctx context.Context, opts Options) (*History, error) {
	h := &History{last: map[string]int{}, dirty: map[string]bool{}, net: map[string]map[string]*FileChange{}}
	git := opts.Git
	if git == "" {
		git = "git"
	}
	run := func(args ...string) *exec.Cmd { return gitCommand(ctx, git, opts.Root, args...) }
	// The root may be a folder inside the repository: --show-prefix says
	// which, so that git status's paths (from the top) can be made
	// relative to it; diffs are asked for with --relative.
	out, err := run("rev-parse", "--is-shallow-repository", "--show-prefix", "--verify", "-q", "HEAD").Output()
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	switch {
	case len(out) == 0:
		h.State = NotGit
		return h, nil
	case err != nil || len(lines) < 3:
		h.State = NoCommits
		return h, nil
	case lines[0] == "true":
		h.State = Shallow
		return h, nil
	}
	prefix, head := lines[1], lines[2]
	if len(opts.Entries) == 0 {
		return h, nil
	}
	out, err = run(append([]string{"status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored", "--"}, opts.Entries...)...).Output()
	if err != nil {
		return nil, fmt.Errorf("git status: %w", err)
	}
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) > 3 && rec[2] == ' ' {
			h.dirty[strings.TrimPrefix(string(rec[3:]), prefix)] = true
		}
	}
	waiting := map[string]bool{}
	for _, e := range opts.Entries {
		if !h.dirty[e] {
			waiting[e] = true
		}
	}
	if len(waiting) == 0 {
		return h, nil
	}
	// A merge counts as an edit of an entry when the merge itself changed
	// it: its content differs from every parent's (a conflict resolved),
	// which is what git's combined diff lists. A merge that takes one
	// side's entry is not an edit: that side's commit is. For code, the
	// commits that changed it are in the log; merges are skipped.
	args := []string{"log", "--name-status", "--relative", "--no-renames", "--diff-merges=combined",
		"--format=%x00%H%x09%ct%x09%P%x09%s", "--"}
	// git matches each pathspec against each changed path, so hundreds of
	// cited paths make the log several times slower than the top folders
	// holding them; the log is asked for those, and the paths are picked
	// out here.
	wanted := map[string]bool{}
	for _, p := range append(append([]string(nil), opts.Entries...), opts.Paths...) {
		wanted[strings.TrimSuffix(p, "/")] = true
	}
	args = append(args, topFolders(wanted)...)
	logCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := gitCommand(logCtx, git, opts.Root, args...)
	cmd.Cancel = func() error { return cmd.Process.Kill() }
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git log: %w", err)
	}
	net := h.newNetDiff(ctx, git, opts, prefix, head)
	stopped := false
	perr := parseLog(stdout, nil, func(c *Commit) bool {
		kept := c.Files[:0]
		for _, f := range c.Files {
			if wantedPath(wanted, f.Path) {
				kept = append(kept, f)
			}
		}
		c.Files = kept
		h.Commits = append(h.Commits, c)
		var written []string // the entries this commit last changed
		for _, f := range c.Files {
			if waiting[f.Path] {
				delete(waiting, f.Path)
				h.last[f.Path] = len(h.Commits) - 1
				written = append(written, f.Path)
			}
		}
		if len(written) > 0 {
			net.add(c.Hash, written)
		}
		if len(waiting) == 0 {
			stopped = true
			return false
		}
		return true
	})
	if stopped {
		cancel()
		// Drain nothing more: the process is killed.
		_, _ = io.Copy(io.Discard, stdout)
	}
	werr := cmd.Wait()
	if perr != nil {
		_ = net.finish(true)
		return nil, fmt.Errorf("reading git log: %w", perr)
	}
	if werr != nil && !stopped {
		_ = net.finish(true)
		return nil, fmt.Errorf("git log: %v: %s", werr, strings.TrimSpace(stderr.String()))
	}
	if len(opts.Missing) == 0 {
		return h, net.finish(false)
	}
	// Where missing paths went is asked at the same time: each process
	// mostly waits on its own reading of objects.
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.moved, _ = h.Renames(ctx, opts.Root, opts.Missing)
		h.movedAsked = true
	}()
	err = net.finish(false)
	<-done
	return h, err
}

// Moved returns what Renames says of Options.Missing, when Load asked it
// (ok is false when it did not: no missing path, or no history read).
// The map is nil when git could not say.
func (h *History) Moved() (moved map[string]string, ok bool) {
	return h.moved, h.movedAsked
}

// parseLog reads `git log -p -U0` output with the format above, calling
// each for every commit until it returns false. A `git diff` has no commit
// lines: cur is then the commit its changes are collected in.
func parseLog(r io.Reader, cur *Commit, each func(*Commit) bool) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var file *FileChange
	skip := 0 // content lines of the current hunk still to skip
	flush := func() bool {
		if cur == nil {
			return true
		}
		c := cur
		cur, file = nil, nil
		return each(c)
	}
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A very long content line: only its start matters.
			for err == bufio.ErrBufferFull {
				_, err = br.ReadSlice('\n')
			}
		}
		if len(line) == 0 && err != nil {
			if err == io.EOF {
				flush()
				return nil
			}
			return err
		}
		if skip > 0 && len(line) > 0 && (line[0] == '+' || line[0] == '-' || line[0] == ' ') {
			skip--
			continue
		}
		if len(line) > 0 && line[0] == '\\' { // "\ No newline at end of file"
			continue
		}
		skip = 0
		text := strings.TrimRight(string(line), "\r\n")
		switch {
		case strings.HasPrefix(text, "\x00"):
			if !flush() {
				return nil
			}
			parts := strings.SplitN(text[1:], "\t", 4)
			if len(parts) < 2 {
				return fmt.Errorf("unexpected commit line %q", text)
			}
			secs, _ := strconv.ParseInt(parts[1], 10, 64)
			cur = &Commit{Hash: parts[0], Time: time.Unix(secs, 0).UTC()}
			if len(parts) == 4 {
				cur.Merge = strings.Contains(parts[2], " ")
				cur.Subject = parts[3]
			}
		case cur == nil:
		case nameStatus(text) > 0:
			// --name-status: "M\tpath"; a merge's combined diff has one
			// letter per parent ("MM\tpath").
			n := nameStatus(text)
			p, _ := headerPath(text[n+1:], "")
			cur.Files = append(cur.Files, FileChange{Path: p, Removed: strings.Contains(text[:n], "D")})
			file = nil
		case strings.HasPrefix(text, "diff --git "):
			cur.Files = append(cur.Files, FileChange{Path: diffGitPath(text)})
			file = &cur.Files[len(cur.Files)-1]
		case file == nil:
		case strings.HasPrefix(text, "--- "):
			if p, ok := headerPath(text[4:], "a/"); ok {
				file.Path = p
			} else {
				file.Created = true
			}
		case strings.HasPrefix(text, "+++ "):
			if p, ok := headerPath(text[4:], "b/"); ok {
				file.Path = p
			} else {
				file.Removed = true
			}
		case strings.HasPrefix(text, "Binary files "):
			file.Binary = true
		case strings.HasPrefix(text, "@@ "):
			hk, ok := parseHunk(text)
			if !ok {
				return fmt.Errorf("unexpected hunk header %q", text)
			}
			file.Hunks = append(file.Hunks, hk)
			file.Added += hk.NewLines
			file.Deleted += hk.OldLines
			skip = hk.OldLines + hk.NewLines
		}
	}
}

// topFolders returns the first path segment of each wanted path (a file at
// the top stays itself), sorted.
func topFolders(wanted map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for p := range wanted {
		top, _, _ := strings.Cut(p, "/")
		if !seen[top] {
			seen[top] = true
			out = append(out, top)
		}
	}
	sort.Strings(out)
	return out
}

// wantedPath reports whether file is a wanted path or inside a wanted
// folder.
func wantedPath(wanted map[string]bool, file string) bool {
	for p := file; ; {
		if wanted[p] {
			return true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}

// nameStatus returns the length of the status letters of a --name-status
// line ("M\tpath", "MM\tpath"), or 0 when it is not one.
func nameStatus(text string) int {
	for i := 0; i < len(text) && i < 9; i++ {
		if text[i] == '\t' {
			if i == 0 {
				return 0
			}
			return i
		}
		if strings.IndexByte("ACDMTUX", text[i]) < 0 {
			return 0
		}
	}
	return 0
}

// diffGitPath takes the path from "diff --git a/X b/X" (both the same,
// since renames are off); --- and +++ lines refine it when present.
func diffGitPath(text string) string {
	rest := text[len("diff --git "):]
	if strings.HasPrefix(rest, `"`) {
		if p, ok := headerPath(rest[:strings.Index(rest[1:], `"`)+2], "a/"); ok {
			return p
		}
	}
	// "a/X b/X": the halves are equal, so the middle splits them.
	if n := len(rest); n%2 == 1 && strings.HasPrefix(rest, "a/") {
		return rest[2 : n/2]
	}
	return strings.TrimPrefix(rest, "a/")
}

// headerPath reads the path of a ---/+++ line; /dev/null is no path.
func headerPath(s, prefix string) (string, bool) {
	s = strings.TrimSuffix(s, "\t")
	if s == "/dev/null" {
		return "", false
	}
	if strings.HasPrefix(s, `"`) {
		u, err := strconv.Unquote(s)
		if err != nil {
			return "", false
		}
		s = u
	}
	return strings.TrimPrefix(s, prefix), true
}

// parseHunk reads "@@ -a[,b] +c[,d] @@ …".
func parseHunk(text string) (Hunk, bool) {
	f := strings.Fields(text)
	if len(f) < 3 || !strings.HasPrefix(f[1], "-") || !strings.HasPrefix(f[2], "+") {
		return Hunk{}, false
	}
	var h Hunk
	var ok1, ok2 bool
	h.OldStart, h.OldLines, ok1 = rangeOf(f[1][1:])
	h.NewStart, h.NewLines, ok2 = rangeOf(f[2][1:])
	return h, ok1 && ok2
}

func rangeOf(s string) (start, n int, ok bool) {
	a, b, has := strings.Cut(s, ",")
	start, err := strconv.Atoi(a)
	if err != nil {
		return 0, 0, false
	}
	n = 1
	if has {
		if n, err = strconv.Atoi(b); err != nil {
			return 0, 0, false
		}
	}
	return start, n, true
}

// ErrUnknown is returned by questions History cannot answer.
var ErrUnknown = errors.New("history unknown")

// LastEdit is when an entry was last changed: its last commit, or nil when
// it has uncommitted changes (it is edited now) or was never committed.
func (h *History) LastEdit(entry string) (c *Commit, dirty bool) {
	if h.dirty[entry] {
		return nil, true
	}
	if i, ok := h.last[entry]; ok {
		return h.Commits[i], false
	}
	return nil, false
}

// Drift is what changed in a referenced file (or in a range of its lines)
// after an entry's last change.
type Drift struct {
	// Commits are the commits that changed the file (or folder) after the
	// entry's last commit; for a line range they are counted only when the
	// range changed, and they are the file's commits (git reports lines
	// changed per commit only at a cost that grows with the history).
	Commits int
	// Added and Deleted are the lines changed between the entry's last
	// commit and HEAD: in the whole file, or touching the range.
	Added, Deleted int
	// Newest is the newest commit that changed it; List has them all.
	Newest *Commit
	List   []*Commit
	// Start and End are where the range is now (0 for a whole file). Gone
	// is set when every line of the range was deleted.
	Start, End int
	Gone       bool
}

// Since returns what changed in path after the entry's last commit: the
// whole file when start is 0, else lines start..end (1-based, inclusive)
// as they were when the entry was last changed. ok is false when the
// entry's last change is unknown (never committed) and the question has no
// answer; an entry edited now has no drift.
func (h *History) Since(entry, path string, start, end int) (d Drift, ok bool) {
	return h.since(entry, path, start, end, false)
}

// SinceNow is Since for lines as they are now (a definition found in the
// current file): the range is followed back in time instead.
func (h *History) SinceNow(entry, path string, start, end int) (d Drift, ok bool) {
	return h.since(entry, path, start, end, true)
}

func (h *History) since(entry, path string, start, end int, now bool) (d Drift, ok bool) {
	d.Start, d.End = start, end
	if h.State != OK {
		return d, false
	}
	if h.dirty[entry] {
		return d, true
	}
	k, found := h.last[entry]
	if !found {
		return d, false
	}
	// The commits since the entry's, newest first.
	for i := 0; i < k; i++ {
		c := h.Commits[i]
		if c.Merge {
			continue
		}
		for _, f := range c.Files {
			if under(f.Path, path) && !lang.TestOfFolder(path, f.Path) {
				d.Commits++
				d.List = append(d.List, c)
				if d.Newest == nil {
					d.Newest = c
				}
				break
			}
		}
	}
	net := h.net[h.Commits[k].Hash]
	if start == 0 {
		for p, f := range net {
			if under(p, path) && !lang.TestOfFolder(path, p) {
				d.Added += f.Added
				d.Deleted += f.Deleted
			}
		}
		return d, true
	}
	f := net[path]
	if f != nil && f.Created {
		// Not there when the entry was written (renamed or added since):
		// its lines cannot be compared with what the entry cited.
		return d, false
	}
	if f == nil || f.Binary {
		d.Commits, d.List, d.Newest = 0, nil, nil
		return d, true
	}
	hunks := f.Hunks
	if now {
		hunks = swapped(hunks)
	}
	add, del, touched := Overlap(hunks, start, end)
	if now {
		add, del = del, add
	}
	d.Added, d.Deleted = add, del
	if !touched {
		d.Commits, d.List, d.Newest = 0, nil, nil
	}
	if !now {
		d.Start, d.End, d.Gone = Shift(hunks, start, end)
	}
	return d, true
}

// swapped turns hunks around, to map lines from the new file to the old.
func swapped(hunks []Hunk) []Hunk {
	out := make([]Hunk, len(hunks))
	for i, h := range hunks {
		out[i] = Hunk{OldStart: h.NewStart, OldLines: h.NewLines, NewStart: h.OldStart, NewLines: h.OldLines}
	}
	return out
}

// Removed reports whether a commit the log read deleted path (or, for a
// folder, a file in it): the path existed since the oldest entry's last
// edit.
func (h *History) Removed(path string) bool {
	for _, c := range h.Commits {
		for _, f := range c.Files {
			if f.Removed && under(f.Path, path) {
				return true
			}
		}
	}
	return false
}

// under reports whether file is path or inside the folder path.
func under(file, path string) bool {
	p := strings.TrimSuffix(path, "/")
	return file == p || strings.HasPrefix(file, p+"/")
}

// Overlap returns the lines added and deleted by the hunks that touch lines
// start..end, and whether any does. An insertion counts when it lands
// strictly inside the range.
func Overlap(hunks []Hunk, start, end int) (added, deleted int, touched bool) {
	for _, hk := range hunks {
		var in bool
		if hk.OldLines == 0 {
			in = hk.OldStart >= start && hk.OldStart < end
		} else {
			in = hk.OldStart <= end && hk.OldStart+hk.OldLines-1 >= start
		}
		if in {
			touched = true
			added += hk.NewLines
			deleted += hk.OldLines
		}
	}
	return added, deleted, touched
}

// Shift maps lines start..end of the old file to where they are in the new
// one. gone is set when the hunks deleted the whole range.
func Shift(hunks []Hunk, start, end int) (ns, ne int, gone bool) {
	return mapLine(hunks, start), mapLine(hunks, end), deletedRange(hunks, start, end)
}

// mapLine maps one old line. A line inside a changed hunk maps to the same
// distance into the replacement, or its last line.
func mapLine(hunks []Hunk, line int) int {
	delta := 0
	for _, hk := range hunks {
		switch {
		case hk.OldLines == 0: // insertion after OldStart
			if hk.OldStart < line {
				delta += hk.NewLines
			}
		case hk.OldStart+hk.OldLines-1 < line: // wholly before
			delta += hk.NewLines - hk.OldLines
		case hk.OldStart <= line: // the line itself changed
			if hk.NewLines == 0 {
				return max(hk.NewStart+1, 1) // deleted: where the next line now is
			}
			// The same distance into the replacement, as far as it goes:
			// a block of code edited in place keeps its lines' order.
			return max(hk.NewStart+min(line-hk.OldStart, hk.NewLines-1), 1)
		}
	}
	return max(line+delta, 1)
}

// deletedRange reports whether the hunks delete every line of the range
// and add nothing in its place.
func deletedRange(hunks []Hunk, start, end int) bool {
	covered := 0
	for _, hk := range hunks {
		if hk.OldLines == 0 {
			continue
		}
		lo, hi := max(start, hk.OldStart), min(end, hk.OldStart+hk.OldLines-1)
		if lo > hi {
			continue
		}
		if hk.NewLines > 0 {
			return false
		}
		covered += hi - lo + 1
	}
	return covered == end-start+1
}

// Changes is what `git diff -U0 REV` reports for the working tree against
// REV: each changed path under paths with its hunks (new-side lines are
// the working tree's). It is one git process, used by lint --changed-since.
func Changes(ctx context.Context, root, rev string, paths []string) (map[string]*FileChange, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("revision %q: a revision cannot start with '-'", rev)
	}
	args := []string{"diff", "-U0", "--relative", "--no-color", "--no-ext-diff", "--no-renames", "--no-textconv", rev, "--"}
	cmd := gitCommand(ctx, "git", root, append(args, paths...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		return nil, fmt.Errorf("git diff %s: %s", rev, msg)
	}
	all := &Commit{}
	if err := parseLog(bytes.NewReader(out), all, func(*Commit) bool { return true }); err != nil {
		return nil, err
	}
	changes := map[string]*FileChange{}
	for i := range all.Files {
		changes[all.Files[i].Path] = &all.Files[i]
	}
	return changes, nil
}

// Renames says where missing paths went: for each path the log saw
// deleted, git's rename detection on the commits that deleted them (one
// git process for all of them, only when a reference is missing), so the
// cost follows the number of such commits, not the length of the history.
// A path maps to its new name, or to "" when a rename is ambiguous.
func (h *History) Renames(ctx context.Context, root string, missing []string) (map[string]string, error) {
	if h.State != OK {
		return nil, ErrUnknown
	}
	want := map[string]bool{}
	for _, p := range missing {
		want[p] = true
	}
	var commits []string
	seen := map[string]bool{}
	// Oldest first, so chains of renames resolve in order.
	for i := len(h.Commits) - 1; i >= 0; i-- {
		c := h.Commits[i]
		for _, f := range c.Files {
			if f.Removed && !c.Merge && want[f.Path] && !seen[c.Hash] {
				seen[c.Hash] = true
				commits = append(commits, c.Hash)
			}
		}
	}
	if len(commits) == 0 {
		return map[string]string{}, nil
	}
	cmd := gitCommand(ctx, "git", root, "diff-tree", "--stdin", "-r", "-M", "--relative", "--diff-filter=R", "--name-status", "--no-commit-id")
	cmd.Stdin = strings.NewReader(strings.Join(commits, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git diff-tree for renames: %w", err)
	}
	moved := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 || !strings.HasPrefix(f[0], "R") {
			continue
		}
		from, _ := headerPath(f[1], "")
		to, _ := headerPath(f[2], "")
		// Oldest first: earlier renames of `from` now lead to `to`.
		for old, now := range moved {
			if now == from {
				moved[old] = to
			}
		}
		if prev, ok := moved[from]; ok && prev != to {
			moved[from] = ""
			continue
		}
		moved[from] = to
	}
	return moved, nil
}
