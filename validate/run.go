package validate

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/safefile"
	"github.com/handbook-dev/handbook/internal/thp"
	"github.com/handbook-dev/handbook/workspace"
)

// Options are the inputs of `handbook lint`.
type Options struct {
	IO   *cli.IO
	Root string // --root; "" finds the repository from Dir
	Dir  string // where relative paths start; "" is the current directory
	// Paths are files or folders (searched recursively for .mdx files);
	// none means every entry of the backend-development section.
	Paths  []string
	Format string // "text" (default), "json" or "github"
	Strict bool   // warnings fail the run too
	Fix    bool   // register entries missing from the navigation, re-anchor references
	// ChangedSince is a git revision: references whose code changed since
	// then are reported (ref-changed).
	ChangedSince string
	// Baseline is a file of accepted findings ("" takes lint.baseline from
	// the configuration); BaselineWrite records the findings of this run
	// in a file instead of failing on them.
	Baseline, BaselineWrite string
	// OneShot: the process ends with this run (the command line), so
	// the run may tune the garbage collector for itself and leave it so.
	OneShot bool
}

// Report is the outcome of a run, as printers see it.
type Report struct {
	Findings []Finding
	Files    int // files linted
	Errors   int
	Warnings int
	// Unreadable counts the paths that could not be read; each is named on
	// stderr and makes the run fail.
	Unreadable int
	// ReadErrors name them, for the JSON report.
	ReadErrors []ReadError
	// Notes are said once on stderr (drift that could not be checked).
	Notes []string `json:"-"`

	edits map[string][]edit // per entry: what --fix would change
}

// heapPerEntry is about what a run allocates per entry, all of it kept to
// its end (31 MB over bench/lint's 1,000 entries of 7 KiB).
const heapPerEntry = 40 << 10

// Run lints the entries opts names, prints the report and returns nil, an
// error wrapping cli.ErrFindings (exit 1) or any other error (exit 2).
func Run(opts Options) error {
	printer, err := NewPrinter(opts.Format)
	if err != nil {
		return err
	}
	if opts.OneShot {
		// Every entry's model is kept until the history is read and
		// the rules run, so most of what a run allocates stays live to
		// its end; at the default target the collector ran a dozen
		// times over 1,000 entries (18% of lint's CPU), and even one
		// cycle cost more than the memory it gave back (5% of CPU
		// against 4 MB more resident). The process ends with the run,
		// so the collector runs only when the heap nears the limit,
		// which keeps a huge section from growing it unchecked. (A
		// server running calls side by side keeps its own settings:
		// saving and restoring them around overlapping calls could
		// leave the collector off for good.)
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(512 << 20)
	}
	cwd := opts.Dir
	if cwd == "" {
		if cwd, err = os.Getwd(); err != nil {
			return err
		}
	}
	ws, err := workspace.Open(workspace.Options{Root: opts.Root, Dir: cwd})
	if err != nil {
		return err
	}
	l, err := New(ws)
	if err != nil {
		return err
	}
	set, err := collect(ws, cwd, opts.Paths)
	if err != nil {
		return err
	}
	if opts.OneShot {
		// With the collector off every allocation is memory touched for
		// the first time; huge pages take a fraction of the faults.
		thp.Reserve(min(len(set.files)*heapPerEntry, 256<<20))
	}
	l.since = opts.ChangedSince
	rep, readErrs, err := l.lint(set)
	if err != nil {
		return err
	}
	show := displayPath(ws, opts.Format)
	if opts.Fix {
		changed, err := fix(opts.IO, ws, l, rep)
		if err != nil {
			return err
		}
		edited, err := applyEdits(opts.IO, ws, rep, show)
		if err != nil {
			return err
		}
		if changed || edited {
			if l, err = New(ws); err != nil {
				return err
			}
			l.since = opts.ChangedSince
			if rep, readErrs, err = l.lint(set); err != nil {
				return err
			}
		}
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(opts.IO.ErrOut, "handbook: %s\n", n)
	}
	inScope := scopeOf(ws, set)
	if opts.BaselineWrite != "" {
		return writeBaselineFile(opts, ws, cwd, rep, inScope, append(set.errs, readErrs...))
	}
	var base *baselineResult
	baseName := ""
	if file, name, err := baselinePath(opts, ws, cwd); err != nil {
		return err
	} else if file != "" {
		b, err := readBaseline(file, name)
		if err != nil {
			return err
		}
		res := applyBaseline(ws, rep, b, inScope)
		base, baseName = &res, name
	}
	for i := range rep.Findings {
		rep.Findings[i].Path = show(rep.Findings[i].Path)
	}
	SortFindings(rep.Findings)
	failed := append(set.errs, readErrs...)
	rep.Unreadable = len(failed)
	for _, e := range failed {
		rep.ReadErrors = append(rep.ReadErrors, ReadError{Path: show(e.path), Message: e.msg})
	}
	if err := printer.Print(opts.IO, rep); err != nil {
		return err
	}
	for _, e := range failed {
		fmt.Fprintf(opts.IO.ErrOut, "handbook: %s: %s\n", cli.SafeText(show(e.path)), e.msg)
	}
	if base != nil {
		reportBaseline(opts, ws, show, base, baseName)
	}
	switch {
	case len(failed) > 0:
		return fmt.Errorf("%s could not be linted (named above); fix or drop %s and run again", cli.Plural(len(failed), "path", "paths"), them(len(failed)))
	case rep.Errors > 0 || opts.Strict && rep.Warnings > 0:
		return cli.ErrFindings
	}
	return nil
}

// displayPath makes output paths relative to the current directory, as
// compilers and golangci-lint print them, so editors and terminals open
// them. GitHub annotations are the exception: GitHub resolves their paths
// from the repository root, so the github format prints root-relative
// paths.
func displayPath(ws *workspace.Workspace, format string) func(string) string {
	return func(p string) string {
		if format == "github" {
			return ws.Rel(p)
		}
		return ws.Show(p)
	}
}

// pathErr is a path that could not be linted.
type pathErr struct {
	path string
	msg  string
}

// fileSet is what a run lints.
type fileSet struct {
	files []string // absolute, sorted, unique
	errs  []pathErr
	// section: the whole section folder is in the set, so pages of the
	// navigation inside it must have files (nav-dangling).
	section bool
}

func collect(ws *workspace.Workspace, cwd string, paths []string) (*fileSet, error) {
	set := &fileSet{}
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			set.files = append(set.files, p)
		}
	}
	explicit := len(paths) > 0
	if len(paths) == 0 {
		extra := ws.Config.Lint.Paths
		if !ws.SectionExists && len(extra) == 0 {
			return nil, &workspace.PathError{Path: ws.Rel(ws.Section), Msg: "the backend-development section does not exist",
				Hint: "create an entry with `handbook new`, set `section` in .handbook.yaml, or pass the paths to lint"}
		}
		if ws.SectionExists {
			paths = append(paths, ws.Section)
		}
		for _, p := range extra { // relative to the repository root, like every config path
			if !filepath.IsAbs(p) {
				p = filepath.Join(ws.Root, filepath.FromSlash(p))
			}
			paths = append(paths, p)
		}
	}
	for _, arg := range paths {
		p := arg
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		p = filepath.Clean(p)
		if !within(p, ws.Root) {
			// Read-only, but the MCP server passes paths from an agent: lint
			// reads nothing outside the repository (/etc/passwd, ../other).
			if in, _ := workspace.Inside(ws.Root, p); !in {
				set.errs = append(set.errs, pathErr{p, "is outside the repository " + filepath.ToSlash(ws.Root) + "; pass paths inside it, or --root DIR for another repository"})
				continue
			}
		}
		fi, err := os.Stat(p)
		if err != nil {
			set.errs = append(set.errs, pathErr{p, describe(err)})
			continue
		}
		if !fi.IsDir() {
			if !fi.Mode().IsRegular() { // a FIFO or device would block or never end
				set.errs = append(set.errs, pathErr{p, "not a regular file"})
				continue
			}
			add(p)
			continue
		}
		if strings.HasSuffix(p, ".mdx") {
			// Named like an entry but a folder: linting its inside would
			// report "no problems in 0 files" about a path that is wrong.
			set.errs = append(set.errs, pathErr{p, "is a folder, not an .mdx entry"})
			continue
		}
		if within(ws.Section, p) {
			set.section = true
		}
		found, errsBefore := 0, len(set.errs)
		walkEntries(p, func(f string) { found++; add(f) }, func(path string, err error) { set.errs = append(set.errs, pathErr{path, describe(err)}) })
		if explicit && found == 0 && len(set.errs) == errsBefore {
			// A folder given by hand that holds no entry is a wrong path
			// (a typo in CI would otherwise pass as "no problems in 0 files").
			set.errs = append(set.errs, pathErr{p, "holds no .mdx entry; pass a folder of entries or an entry"})
		}
	}
	sort.Strings(set.files)
	return set, nil
}

// walkEntries finds .mdx files under root. Hidden folders (such as
// .templates) and node_modules are skipped; symlinked folders below root
// are never followed, so a symlink loop cannot trap the walk.
func walkEntries(root string, add func(string), fail func(string, error)) {
	// The trailing separator makes a root that is itself a symlink to a
	// folder (a handbook linked into the repository) be walked, not skipped.
	root += string(filepath.Separator)
	_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fail(p, err)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "node_modules") {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".mdx") {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p)
			switch {
			case err != nil:
				fail(p, err)
				return nil
			case !fi.Mode().IsRegular():
				return nil
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		add(p)
		return nil
	})
}

// describe turns a file error into a message that says what is wrong.
func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var tb *safefile.TooBigError
	if errors.Is(err, safefile.ErrNotRegular) || errors.As(err, &tb) {
		return safefile.Describe(err)
	}
	return err.Error()
}

type fileResult struct {
	doc      *Document
	refs     []Ref
	findings []Finding
	edits    []edit
	err      error
}

// parallel runs fn for 0..n-1 on one worker per CPU. Workers take the
// next index from a shared counter: handing each of 1,000 entries through
// a channel parked and woke the workers in turn, a context switch each.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	work := func() {
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			fn(i)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	var wg sync.WaitGroup
	for range workers - 1 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work() // the calling goroutine is one of the workers
	wg.Wait()
}

// resolved is an entry's references as found: never nil, since check
// resolves them again when given nil.
func resolved(refs []Ref) []Ref {
	if refs == nil {
		return []Ref{}
	}
	return refs
}

// lint lints the set's files in parallel, then checks the navigation.
// Entries are parsed and their references found first, so that the git
// history of every entry and every cited path is read in one go.
func (l *Linter) lint(set *fileSet) (*Report, []pathErr, error) {
	results := make([]fileResult, len(set.files))
	refsOn := l.refsOn()
	dirs := openEntryDirs(set.files)
	var preparing atomic.Bool
	parallel(len(set.files)+2, func(i int) {
		// The first item makes the parser ready (once a process): made by
		// the first entry's Parse, the other worker's first Parse waited
		// for it (some 0.05 ms a run, in most runs of polar's 64 entries).
		// The second is the navigation: every run reads docs.json (for
		// each entry's nav check, and navFindings), and read by the first
		// check, it kept the other workers waiting on it.
		switch i {
		case 0:
			if len(set.files) > 0 {
				readyParser()
			}
			return
		case 1:
			l.loadNav()
			return
		}
		i -= 2
		src, err := dirs.read(set.files[i])
		if err != nil {
			results[i].err = err
			return
		}
		results[i].doc = Parse(src, l.sections)
		// The first entry that cites code has its worker prepare what
		// resolving references needs first (the git index and the root's
		// ignore files, 0.4 ms on celery) while the other workers go on
		// parsing: resolved as each entry was parsed, the other worker
		// waited for it. cites finds every entry's spans and imports here,
		// not as its references are resolved: the other workers, done
		// parsing while the index is read, waited for it idle (a first run
		// of polar's 64 entries, in half of the runs).
		// That worker then reads the cited files' cache, which prefetch
		// needs first: read there, the other worker waited on it (0.15 ms
		// of a warm run of polar's 64 entries); read by the parse phase's
		// last item, the other waited for that item instead.
		if refsOn && cites(results[i].doc) && !preparing.Load() && preparing.CompareAndSwap(false, true) {
			l.repoIndex().prepare()
			l.repoIndex().citedCache()
		}
	})
	dirs.close()
	if preparing.Load() {
		parallel(len(set.files), func(i int) {
			if results[i].err == nil {
				results[i].refs = resolved(l.references(set.files[i], results[i].doc))
			}
		})
	}
	rep := &Report{edits: map[string][]edit{}}
	if err := l.loadHistory(set, results, rep); err != nil {
		return nil, nil, err
	}
	refs := make([][]Ref, 0, len(results))
	for i := range results {
		results[i].refs = l.settle(results[i].refs)
		refs = append(refs, results[i].refs)
	}
	if l.repo != nil {
		l.repo.prefetch(refs, l.wholeRepository())
	}
	// The names whose definitions findings need are looked up together,
	// after the checks (refdefslater.go).
	later := &defsLater{}
	checkers := make([]*checker, len(set.files))
	parallel(len(set.files), func(i int) {
		if r := &results[i]; r.err == nil {
			checkers[i] = l.startCheck(set.files[i], r.doc, r.refs, later)
		}
	})
	if len(later.names) > 0 {
		l.repoIndex().answerLater(later)
	}
	parallel(len(set.files), func(i int) {
		if r := &results[i]; r.err == nil {
			r.findings, r.edits = l.checked(checkers[i])
		}
	})
	l.closeBlobs()
	if l.repo != nil {
		l.repo.saveCache()
	}

	var failed []pathErr
	for i, r := range results {
		if r.err != nil {
			failed = append(failed, pathErr{set.files[i], describe(r.err)})
			continue
		}
		rep.Files++
		rep.Findings = append(rep.Findings, r.findings...)
		if len(r.edits) > 0 {
			rep.edits[set.files[i]] = r.edits
		}
	}
	nav, err := l.navFindings(set.section, set.files)
	if err != nil {
		return nil, nil, err
	}
	rep.Findings = append(rep.Findings, nav...)
	for _, f := range rep.Findings {
		if f.Severity == SeverityError {
			rep.Errors++
		} else {
			rep.Warnings++
		}
	}
	return rep, failed, nil
}

// fix makes the navigation match the files, printing each change like a
// finding: it registers the entries the navigation misses and removes the
// pages of the section whose file is gone. An entry whose file name lint
// rejects is not registered: the page would dangle once the file is renamed.
func fix(ios *cli.IO, ws *workspace.Workspace, l *Linter, rep *Report) (bool, error) {
	// Temporary files a killed run left are removed, under the lock.
	if err := ws.SweepTemps(); err != nil {
		return false, err
	}
	badName := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Rule == RuleFilename {
			badName[f.Path] = true
		}
	}
	var pages []string
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		if f.Rule != RuleNavMissing {
			continue
		}
		// Only entries of the section go into its group: another section's
		// pages must not be filed under it.
		if ok, _ := workspace.Inside(ws.Section, f.Path); !ok {
			fmt.Fprintf(ios.ErrOut, "not fixed: %s is outside the section %s; add it to docs.json by hand\n", ws.Show(f.Path), ws.Show(ws.Section))
			continue
		}
		// The name is checked here too: the filename rule may be off.
		name := filepath.Base(f.Path)
		if badName[f.Path] || !strings.HasSuffix(name, ".mdx") || !workspace.ValidSlug(strings.TrimSuffix(name, ".mdx")) {
			fmt.Fprintf(ios.ErrOut, "not fixed: %s stays out of the navigation until its file name is kebab-case; rename it, then run --fix again\n", ws.Show(f.Path))
			continue
		}
		if page := ws.PageOf(f.Path); !seen[page] {
			seen[page] = true
			pages = append(pages, page)
		}
	}
	// Pages whose file is gone are removed first: their lines are those
	// of the file lint read, and each line printed stays true of the file
	// as it is left (an add after them is at its final line too).
	changed := false
	var gone []string
	for _, f := range rep.Findings {
		if f.Rule == RuleNavDangling {
			if p := l.navPageAt(f.Path, f.Line, f.Column); p != "" && !slices.Contains(gone, p) {
				gone = append(gone, p)
			}
		}
	}
	if len(gone) > 0 {
		changes, err := ws.Unregister(gone...)
		if err != nil {
			return false, err
		}
		for _, ch := range changes {
			changed = true
			fmt.Fprintf(ios.ErrOut, "fixed: removed %q, which has no file, from %s in %s:%d\n", ch.Page, navWhere(ch), ws.Show(ch.File), ch.Line)
		}
	}
	if len(pages) > 0 {
		changes, err := ws.Register(false, pages...)
		if err != nil {
			return false, err
		}
		for _, ch := range changes {
			if ch.Already {
				continue
			}
			changed = true
			where := navWhere(ch)
			if ch.CreatedGroup {
				where = fmt.Sprintf("new group %q (in %s)", ch.Group, ch.CreatedIn())
			}
			fmt.Fprintf(ios.ErrOut, "fixed: added %q to %s in %s:%d\n", ch.Page, where, ws.Show(ch.File), ch.Line)
		}
	}
	return changed, nil
}

// navWhere names the place of a page in the navigation: its group, or
// the whole breadcrumb when the group is nested under tabs, languages, ….
func navWhere(ch workspace.NavChange) string {
	if ch.Where != "" && ch.Where != "group "+ch.Group {
		return ch.Where
	}
	return fmt.Sprintf("group %q", ch.Group)
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
