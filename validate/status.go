package validate

import (
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/githistory"
)

// StatusOptions are the inputs of `handbook status`.
type StatusOptions struct {
	IO     *cli.IO
	Root   string   // --root
	Dir    string   // where relative paths start; "" is the current directory
	Paths  []string // entries or folders; none means the whole section
	Format string   // "text" (default) or "json"
}

// EntryStatus is how true to the code one entry still is.
type EntryStatus struct {
	Path       string `json:"path"`       // relative to the repository root
	References int    `json:"references"` // references to code
	Broken     int    `json:"broken"`     // ref-missing, ref-lines and ref-symbol findings
	// LastEdited is the date of the entry's last commit (YYYY-MM-DD),
	// "uncommitted" when it has changes not committed yet, "" when unknown.
	LastEdited string `json:"last_edited"`
	LastCommit string `json:"last_commit,omitempty"` // short hash
	// Drift: commits that changed the cited code after the entry's last
	// edit, and the lines they added and deleted.
	DriftCommits int `json:"drift_commits"`
	DriftAdded   int `json:"drift_added"`
	DriftDeleted int `json:"drift_deleted"`
}

// StatusReport is every entry, stalest first.
type StatusReport struct {
	Entries []EntryStatus `json:"entries"`
	// History says whether drift could be read: "ok", or why not.
	History string `json:"history"`
}

// EntriesStatus computes the status of the entries opts names: the
// function behind `handbook status`, for any caller (an MCP server too).
func EntriesStatus(opts StatusOptions) (*StatusReport, error) {
	ws, cwd, err := openStatus(opts)
	if err != nil {
		return nil, err
	}
	return entriesStatus(ws, cwd, opts)
}

// openStatus opens the workspace opts names, and says from where.
func openStatus(opts StatusOptions) (*workspace.Workspace, string, error) {
	cwd := opts.Dir
	if cwd == "" {
		var err error
		if cwd, err = os.Getwd(); err != nil {
			return nil, "", err
		}
	}
	ws, err := workspace.Open(workspace.Options{Root: opts.Root, Dir: cwd})
	return ws, cwd, err
}

// entriesStatus is EntriesStatus in the workspace ws, with relative paths
// from cwd.
func entriesStatus(ws *workspace.Workspace, cwd string, opts StatusOptions) (*StatusReport, error) {
	l, err := New(ws)
	if err != nil {
		return nil, err
	}
	for _, r := range []string{RuleRefMissing, RuleRefLines, RuleRefSymbol, RuleRefDrift} {
		l.severity[r] = DefaultSeverity[r] // status reports them whatever the configuration
	}
	l.everyEntry = true // an entry citing no code still has a last edit
	set, err := collect(ws, cwd, opts.Paths)
	if err != nil {
		return nil, err
	}
	if len(set.errs) > 0 {
		return nil, &workspace.PathError{Path: ws.Rel(set.errs[0].path), Msg: set.errs[0].msg}
	}
	results := make([]fileResult, len(set.files))
	parallel(len(set.files), func(i int) {
		src, err := readFile(set.files[i])
		if err != nil {
			results[i].err = err
			return
		}
		results[i].doc = Parse(src, l.sections)
		results[i].refs = resolved(l.references(set.files[i], results[i].doc))
	})
	rep := &Report{}
	if err := l.loadHistory(set, results, rep); err != nil {
		return nil, err
	}
	for i := range results {
		results[i].refs = l.settle(results[i].refs)
	}
	out := &StatusReport{History: "ok"}
	if l.hist != nil && l.hist.State != githistory.OK {
		out.History = l.hist.State.String()
	} else if len(rep.Notes) > 0 {
		out.History = strings.TrimPrefix(rep.Notes[0], "drift was not checked: ")
	}
	out.Entries = make([]EntryStatus, len(set.files))
	parallel(len(set.files), func(i int) {
		r := &results[i]
		e := &out.Entries[i]
		e.Path = ws.Rel(set.files[i])
		if r.err != nil {
			return
		}
		e.References = len(r.refs)
		findings, _ := l.check(set.files[i], r.doc, r.refs)
		for _, f := range findings {
			switch f.Rule {
			case RuleRefMissing, RuleRefLines, RuleRefSymbol:
				e.Broken++
			}
		}
		h := l.hist
		if h == nil || h.State != githistory.OK {
			return
		}
		c, dirty := h.LastEdit(e.Path)
		switch {
		case dirty:
			e.LastEdited = "uncommitted"
		case c != nil:
			e.LastEdited, e.LastCommit = c.Time.Format("2006-01-02"), c.Short()
		}
		commits := map[*githistory.Commit]bool{}
		seen := map[refPlace]bool{}
		for k := range r.refs {
			ref := &r.refs[k]
			if ok, _ := l.repoIndex().exists(ref.Path); !ok || seen[driftKey(ref)] {
				continue
			}
			seen[driftKey(ref)] = true
			d, ok := l.driftOf(e.Path, ref)
			if !ok {
				continue
			}
			for _, c := range d.List {
				commits[c] = true
			}
			e.DriftAdded += d.Added
			e.DriftDeleted += d.Deleted
		}
		e.DriftCommits = len(commits)
	})
	slices.SortStableFunc(out.Entries, func(a, b EntryStatus) int {
		return cmp.Or(cmp.Compare(b.DriftCommits, a.DriftCommits), cmp.Compare(b.Broken, a.Broken),
			cmp.Compare(editedKey(a.LastEdited), editedKey(b.LastEdited)), cmp.Compare(a.Path, b.Path))
	})
	return out, nil
}

// editedKey orders last-edit dates oldest first, unknown before known and
// uncommitted (edited now) last.
func editedKey(s string) string {
	if s == "uncommitted" {
		return "~"
	}
	return s
}

// Status runs `handbook status`: it prints one row per entry, stalest
// first, in 80 columns (or JSON).
func Status(opts StatusOptions) error {
	if opts.Format != "" && opts.Format != "text" && opts.Format != "json" {
		return cli.Usagef("--format %q is not a format; use text or json", opts.Format)
	}
	// One workspace for the report and the names (it was opened a
	// second time for the names: 0.1-0.2 ms).
	ws, cwd, err := openStatus(opts)
	if err != nil {
		return err
	}
	rep, err := entriesStatus(ws, cwd, opts)
	if err != nil {
		return err
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	w := opts.IO.Out
	// 30+1+4+1+6+1+11+1 columns leave 25 for the drift
	// ("999 commits +99999 -99999") within 80.
	fmt.Fprintf(w, "%-30s %4s %6s %-11s %s\n", "ENTRY", "REFS", "BROKEN", "EDITED", "DRIFT")
	// Names are short: relative to the section folder for its entries,
	// else to the current folder.
	for _, e := range rep.Entries {
		name := e.Path
		abs := filepath.Join(ws.Root, filepath.FromSlash(e.Path))
		if within(abs, ws.Section) {
			name, _ = filepath.Rel(ws.Section, abs)
		} else if rel, err := filepath.Rel(cwd, abs); err == nil {
			name = rel
		}
		name = filepath.ToSlash(name)
		name = cli.SafeText(name) // a file name's ANSI escape is shown, not run
		if n := utf8.RuneCountInString(name); n > 30 {
			name = "…" + string([]rune(name)[n-29:])
		}
		edited := e.LastEdited
		if edited == "" {
			edited = "-"
		}
		drift := "-"
		switch {
		case e.DriftCommits > 0:
			drift = fmt.Sprintf("%s +%d -%d", cli.Plural(e.DriftCommits, "commit", "commits"), e.DriftAdded, e.DriftDeleted)
		case rep.History == "ok" && e.LastEdited != "":
			drift = "none"
		}
		fmt.Fprintf(w, "%-30s %4d %6d %-11s %s\n", name, e.References, e.Broken, edited, drift)
	}
	if rep.History != "ok" {
		fmt.Fprintf(opts.IO.ErrOut, "handbook: drift was not checked: %s\n", rep.History)
	}
	return nil
}
