package validate

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/safefile"
	"github.com/handbook-dev/handbook/workspace"
)

// A baseline records the findings a handbook had when it adopted lint, so
// that only new findings fail (handbook lint --baseline-write FILE, then
// --baseline FILE or lint.baseline in .handbook.yaml).
//
// A finding is keyed by its file, rule, message and the text of the line it
// is on, never by its line number: adding or removing lines elsewhere in
// the file keeps it matched, while editing the line itself (usually to fix
// it) does not.

// baselineVersion is the format of the file; a newer one is refused.
const baselineVersion = 1

// baselineFile is the JSON file --baseline-write writes.
type baselineFile struct {
	Version int `json:"version"`
	// Comment tells a reader what the file is.
	Comment  string          `json:"comment,omitempty"`
	Findings []baselineEntry `json:"findings"`
}

type baselineEntry struct {
	Path    string `json:"path"` // relative to the repository root
	Rule    string `json:"rule"`
	Message string `json:"message"`
	// Context is a hash of the finding's line, trimmed.
	Context string `json:"context"`
	// Count is how many identical findings there were (1 when omitted).
	Count int `json:"count,omitempty"`
}

func (e baselineEntry) key() string {
	return e.Path + "\x00" + e.Rule + "\x00" + e.Message + "\x00" + e.Context
}

func (e baselineEntry) count() int { return max(e.Count, 1) }

// lineContext hashes the text of a line of a file, read once per file.
type lineContext struct {
	files map[string][][]byte
}

func (lc *lineContext) hash(path string, line int) string {
	if lc.files == nil {
		lc.files = map[string][][]byte{}
	}
	lines, ok := lc.files[path]
	if !ok {
		data, _ := os.ReadFile(path)
		lines = bytes.Split(data, []byte("\n"))
		lc.files[path] = lines
	}
	var text []byte
	if line >= 1 && line <= len(lines) {
		text = bytes.TrimSpace(lines[line-1])
	}
	sum := sha256.Sum256(text)
	return hex.EncodeToString(sum[:6])
}

// entriesOf keys findings (whose paths are absolute).
func entriesOf(ws *workspace.Workspace, fs []Finding) []baselineEntry {
	var lc lineContext
	counts := map[string]int{}
	var out []baselineEntry
	for _, f := range fs {
		e := baselineEntry{Path: ws.Rel(f.Path), Rule: f.Rule, Message: f.Message, Context: lc.hash(f.Path, f.Line)}
		if counts[e.key()] == 0 {
			out = append(out, e)
		}
		counts[e.key()]++
	}
	for i := range out {
		if n := counts[out[i].key()]; n > 1 {
			out[i].Count = n
		}
	}
	return out
}

// baselineLimit bounds a baseline file: a finding is a few hundred bytes.
const baselineLimit = 64 << 20

// readBaseline reads a baseline file; what names it in errors.
func readBaseline(path, what string) (*baselineFile, error) {
	// A regular file of bounded size: a FIFO or /dev/zero named as the
	// baseline must not hang lint or fill memory.
	data, err := safefile.Read(path, baselineLimit)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file; create it with `handbook lint --baseline-write %s`", what, what)
		}
		return nil, fmt.Errorf("%s: %s", what, safefile.Describe(err))
	}
	var b baselineFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s: not a baseline file (%v); write it again with `handbook lint --baseline-write %s`", what, err, what)
	}
	if b.Version != baselineVersion {
		return nil, fmt.Errorf("%s: baseline version %d, this handbook reads version %d; write it again with `handbook lint --baseline-write %s`", what, b.Version, baselineVersion, what)
	}
	return &b, nil
}

// baselineResult is what applying a baseline did.
type baselineResult struct {
	accepted int
	fixed    []baselineEntry // in the baseline, in scope, no longer found
}

// applyBaseline removes the findings the baseline accepts from rep.
// inScope says whether a repository-relative path was linted this run: only
// those entries can be reported fixed.
func applyBaseline(ws *workspace.Workspace, rep *Report, b *baselineFile, inScope func(string) bool) baselineResult {
	left := map[string]int{}
	for _, e := range b.Findings {
		left[e.key()] += e.count()
	}
	var res baselineResult
	var lc lineContext
	kept := rep.Findings[:0]
	for _, f := range rep.Findings {
		k := baselineEntry{Path: ws.Rel(f.Path), Rule: f.Rule, Message: f.Message, Context: lc.hash(f.Path, f.Line)}.key()
		if left[k] > 0 {
			left[k]--
			res.accepted++
			if f.Severity == SeverityError {
				rep.Errors--
			} else {
				rep.Warnings--
			}
			continue
		}
		kept = append(kept, f)
	}
	rep.Findings = kept
	for _, e := range b.Findings {
		if n := left[e.key()]; n > 0 && inScope(e.Path) {
			e.Count = n
			if n == 1 {
				e.Count = 0
			}
			left[e.key()] = 0
			res.fixed = append(res.fixed, e)
		}
	}
	return res
}

// writeBaseline records the findings; entries of files this run did not
// lint are kept from the old file, and fixed ones are dropped. It returns
// how many findings were recorded and how many old ones were dropped.
func writeBaseline(ws *workspace.Workspace, path string, findings []Finding, inScope func(string) bool) (written, dropped int, err error) {
	entries := entriesOf(ws, findings)
	if old, rerr := readBaseline(path, path); rerr == nil {
		now := map[string]bool{}
		for _, e := range entries {
			now[e.key()] = true
		}
		for _, e := range old.Findings {
			switch {
			case !inScope(e.Path):
				entries = append(entries, e)
			case !now[e.key()]:
				dropped += e.count()
			}
		}
	}
	slices.SortStableFunc(entries, func(a, b baselineEntry) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), strings.Compare(a.Rule, b.Rule), strings.Compare(a.Message, b.Message), strings.Compare(a.Context, b.Context))
	})
	for _, e := range entries {
		written += e.count()
	}
	out := baselineFile{Version: baselineVersion,
		Comment:  "Findings accepted by `handbook lint --baseline`; regenerate with `handbook lint --baseline-write FILE`.",
		Findings: entries}
	if out.Findings == nil {
		out.Findings = []baselineEntry{}
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return 0, 0, err
	}
	// Written like every file handbook writes: inside the repository, under
	// the lock, whole or not at all.
	t, err := ws.Begin()
	if err != nil {
		return 0, 0, err
	}
	defer t.End()
	if err := t.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return 0, 0, err
	}
	return written, dropped, t.Commit()
}

// scopeOf says which repository-relative paths a run linted: its files,
// and docs.json when the navigation rules ran over the whole section.
func scopeOf(ws *workspace.Workspace, set *fileSet) func(string) bool {
	in := map[string]bool{}
	for _, f := range set.files {
		in[ws.Rel(f)] = true
	}
	if set.section && ws.DocsJSON != "" {
		in[ws.Rel(ws.DocsJSON)] = true
	}
	return func(p string) bool { return in[p] }
}

// baselinePath finds the baseline to apply: --baseline (relative to the
// current folder) or lint.baseline (relative to the repository root). name
// is how messages show it.
func baselinePath(opts Options, ws *workspace.Workspace, cwd string) (file, name string, err error) {
	switch {
	case opts.Baseline != "":
		file = opts.Baseline
		if !filepath.IsAbs(file) {
			file = filepath.Join(cwd, file)
		}
		if err := ws.ContainFlag("--baseline "+opts.Baseline, file); err != nil {
			return "", "", err
		}
		return file, opts.Baseline, nil
	case ws.Config.Lint.Baseline != "":
		return filepath.Join(ws.Root, filepath.FromSlash(ws.Config.Lint.Baseline)), ws.Config.Lint.Baseline, nil
	}
	return "", "", nil
}

func writeBaselineFile(opts Options, ws *workspace.Workspace, cwd string, rep *Report, inScope func(string) bool, failed []pathErr) error {
	file := opts.BaselineWrite
	if !filepath.IsAbs(file) {
		file = filepath.Join(cwd, file)
	}
	if err := ws.ContainFlag("--baseline-write "+opts.BaselineWrite, file); err != nil {
		return err
	}
	if len(failed) > 0 {
		for _, e := range failed {
			fmt.Fprintf(opts.IO.ErrOut, "handbook: %s: %s\n", ws.Show(e.path), e.msg)
		}
		return fmt.Errorf("%s could not be linted, so no baseline was written; fix or drop %s and run again", cli.Plural(len(failed), "path", "paths"), them(len(failed)))
	}
	written, dropped, err := writeBaseline(ws, file, rep.Findings, inScope)
	if err != nil {
		return fmt.Errorf("writing %s: %w", opts.BaselineWrite, err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "handbook: recorded %s in %s", cli.Plural(written, "finding", "findings"), opts.BaselineWrite)
	if dropped > 0 {
		fmt.Fprintf(opts.IO.ErrOut, ", dropped %s", cli.Plural(dropped, "fixed one", "fixed ones"))
	}
	fmt.Fprintf(opts.IO.ErrOut, "; `handbook lint --baseline %s` (or `lint.baseline: %s` in .handbook.yaml) accepts %s\n", opts.BaselineWrite, ws.Rel(file), them(written))
	return nil
}

func reportBaseline(opts Options, ws *workspace.Workspace, show func(string) string, res *baselineResult, name string) {
	if res.accepted > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "handbook: %s accepted by the baseline %s\n", cli.Plural(res.accepted, "finding", "findings"), name)
	}
	for _, e := range res.fixed {
		n := ""
		if e.Count > 1 {
			n = fmt.Sprintf(" (%d times)", e.Count)
		}
		fmt.Fprintf(opts.IO.ErrOut, "handbook: fixed: %s: %s [%s]%s\n", show(filepath.Join(ws.Root, filepath.FromSlash(e.Path))), e.Message, e.Rule, n)
	}
	if len(res.fixed) > 0 {
		verb := "are"
		if len(res.fixed) == 1 {
			verb = "is"
		}
		fmt.Fprintf(opts.IO.ErrOut, "handbook: %s of the baseline %s fixed; `handbook lint --baseline-write %s` drops %s from the baseline\n", cli.Plural(len(res.fixed), "finding", "findings"), verb, name, them(len(res.fixed)))
	}
}
