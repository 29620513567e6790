package validate

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/githistory"
)

// historyTimeout bounds the git processes drift needs.
const historyTimeout = 60 * time.Second

// loadHistory reads, once for the whole run, the git history the drift
// rule needs and the changes --changed-since asks about.
func (l *Linter) loadHistory(set *fileSet, results []fileResult, rep *Report) error {
	_, driftOn := l.severity[RuleRefDrift]
	if !driftOn && l.since == "" {
		return nil
	}
	var entries, paths []string
	seen := map[string]bool{}
	cites := map[string][]string{}
	for i, r := range results {
		if r.err != nil || len(r.refs) == 0 && !l.everyEntry {
			continue
		}
		entry := l.ws.Rel(set.files[i])
		entries = append(entries, entry)
		for _, ref := range r.refs {
			if ref.Path != "" {
				cites[entry] = append(cites[entry], ref.Path)
			}
			if ref.Path != "" && !seen[ref.Path] {
				seen[ref.Path] = true
				paths = append(paths, ref.Path)
				if ok, _ := l.repoIndex().exists(ref.Path); !ok {
					l.missingPaths = append(l.missingPaths, ref.Path)
				}
			}
		}
	}
	if len(entries) == 0 {
		return nil
	}
	sort.Strings(paths)
	// History is bounded in time like every input: a repository so large
	// that git cannot answer in time gets a note, not a hung lint.
	ctx, cancel := context.WithTimeout(l.ctx(), historyTimeout)
	defer cancel()
	if l.since != "" {
		if !l.ws.InRepo {
			return fmt.Errorf("--changed-since needs a git repository; %s is not one", l.ws.Root)
		}
		changes, err := githistory.Changes(ctx, l.ws.Root, l.since, paths)
		if err != nil {
			return fmt.Errorf("%w; give a revision git knows (a shallow clone needs `git fetch --unshallow` or fetch-depth: 0)", err)
		}
		l.changes = changes
	}
	if !driftOn {
		return nil
	}
	h, err := githistory.Load(ctx, githistory.Options{Root: l.ws.Root, Entries: entries, Paths: paths, Missing: l.missingPaths, Cites: cites})
	if err != nil {
		if ctx.Err() != nil {
			err = fmt.Errorf("git took longer than %v to read the history", historyTimeout)
		}
		rep.Notes = append(rep.Notes, fmt.Sprintf("drift was not checked: %v", err))
		return nil
	}
	if h.State != githistory.OK {
		rep.Notes = append(rep.Notes, "drift was not checked: "+h.State.String())
	}
	l.hist = h
	return nil
}

// applyEdits makes the reference fixes lint found, entry by entry, and
// prints each change.
func applyEdits(ios *cli.IO, ws *workspace.Workspace, rep *Report, show func(string) string) (bool, error) {
	files := make([]string, 0, len(rep.edits))
	for f := range rep.edits {
		files = append(files, f)
	}
	sort.Strings(files)
	changed := false
	if len(files) == 0 {
		return false, nil
	}
	// One transaction under the repository lock, like every write: a
	// failure or SIGINT/SIGTERM puts every entry back.
	t, err := ws.Begin()
	if err != nil {
		return false, err
	}
	defer t.End()
	// The changes are printed only once they are committed: a failure or
	// a signal before that puts every entry back, and then nothing was fixed.
	var printed []string
	for _, file := range files {
		src, err := readFile(file)
		if err != nil {
			return false, err // the transaction puts back what was written
		}
		edits := slices.Clone(rep.edits[file])
		sort.Slice(edits, func(i, j int) bool { return edits[i].start > edits[j].start })
		doc := Parse(src, nil)
		out := slices.Clone(src)
		var notes []string
		prev := len(src) + 1
		for _, e := range edits {
			if e.end > prev || e.start < 0 || e.end > len(src) || string(src[e.start:e.end]) == e.text {
				continue // overlapping or no change
			}
			line, col := doc.Position(e.start)
			notes = append(notes, fmt.Sprintf("fixed: %s:%d:%d: %q → %q [%s]", show(file), line, col, src[e.start:e.end], e.text, e.rule))
			out = append(out[:e.start:e.start], append([]byte(e.text), out[e.end:]...)...)
			prev = e.start
		}
		if len(notes) == 0 {
			continue
		}
		if err := t.WriteFile(file, out, 0o644); err != nil {
			return false, fmt.Errorf("%s: %w", filepath.ToSlash(file), err)
		}
		changed = true
		slices.Reverse(notes)
		printed = append(printed, notes...)
	}
	if err := t.Commit(); err != nil {
		return false, err
	}
	if len(printed) > 0 {
		fmt.Fprintln(ios.ErrOut, strings.Join(printed, "\n"))
	}
	return changed, nil
}
