package validate

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/handbook-dev/handbook/workspace"
)

// loadNav reads docs.json once per linter.
func (l *Linter) loadNav() {
	l.navOnce.Do(func() {
		if l.ws.DocsJSON == "" {
			return
		}
		nav, err := workspace.LoadNav(l.ws.DocsJSON)
		if err != nil {
			l.navErr = err
			return
		}
		l.navList = nav.Pages()
		l.navPages = make(map[string]bool, len(l.navList))
		for _, p := range l.navList {
			l.navPages[p.Page] = true
		}
	})
}

// nav reports an entry of the handbook that the navigation does not list.
func (l *Linter) nav(c *checker) {
	l.loadNav()
	if l.navPages == nil {
		return
	}
	page, ok := l.pageOf(c.path)
	if !ok {
		return
	}
	if l.navPages[page] || slices.Contains(l.ws.Config.Lint.NavOptional, page) {
		return
	}
	c.atLine(1, 1, RuleNavMissing, "the entry is not in the docs.json navigation; run `handbook lint --fix` to add %q to group %q, or list it in lint.nav_optional of .handbook.yaml", page, l.ws.NavGroup())
}

// pageOf is the navigation page of an entry of the handbook (ok false for
// a file outside it). Entries of a run are absolute and clean, so one below
// the handbook and docs.json's folder is the page by slicing, without the
// filepath.Abs and two filepath.Rel calls of the general case.
func (l *Linter) pageOf(path string) (string, bool) {
	if base := l.pagesBase; filepath.IsAbs(path) && strings.HasPrefix(path, base) && strings.HasPrefix(path, l.ws.Handbook+string(filepath.Separator)) && filepath.Clean(path) == path {
		rel := filepath.ToSlash(path[len(base):])
		return strings.TrimSuffix(rel, filepath.Ext(rel)), true
	}
	abs, err := filepath.Abs(path)
	if err != nil || !within(abs, l.ws.Handbook) {
		return "", false
	}
	return l.ws.PageOf(abs), true
}

// pagesBase is the folder pages are relative to (as workspace.PageOf has
// it), with a trailing separator.
func pagesBase(ws *workspace.Workspace) string {
	base := ws.Handbook
	if ws.DocsJSON != "" {
		base = filepath.Dir(ws.DocsJSON)
	}
	return base + string(filepath.Separator)
}

// NavFindings checks docs.json itself: that it parses (nav-invalid) and,
// when dangling is set, that every page it lists inside the section folder
// has a file (nav-dangling). Configured severities apply.
func (l *Linter) NavFindings(dangling bool) ([]Finding, error) {
	return l.navFindings(dangling, nil)
}

// navFindings is NavFindings for a run that has just walked the section:
// a page whose file is among linted (absolute, sorted) exists without
// another stat(2); there is one page per entry, so a run of 1,000 entries
// made 1,000 system calls to learn what its walk already knew.
func (l *Linter) navFindings(dangling bool, linted []string) ([]Finding, error) {
	l.loadNav()
	var out []Finding
	var se *workspace.SyntaxError
	switch {
	case errors.As(l.navErr, &se):
		msg := fmt.Sprintf("docs.json is not valid JSON: %s; fix it (the navigation rules were skipped)", se.Msg)
		if se.Shape {
			msg = fmt.Sprintf("docs.json: %s (the navigation rules were skipped)", se.Msg)
		}
		// An error in a file docs.json refers to ($ref) is reported there.
		at := l.ws.DocsJSON
		if se.Path != "" && filepath.IsAbs(se.Path) {
			at = se.Path
		}
		out = append(out, Finding{Path: at, Line: se.Line, Column: se.Column, Rule: RuleNavInvalid, Message: msg})
	case l.navErr != nil:
		return nil, fmt.Errorf("reading %s: %w", l.ws.Rel(l.ws.DocsJSON), l.navErr)
	}
	if dangling && l.navPages != nil {
		prefix := l.ws.PageOf(l.ws.Section) + "/"
		base := filepath.Dir(l.ws.DocsJSON)
		for _, p := range l.navList {
			if p.API || !strings.HasPrefix(p.Page, prefix) || pageHasFile(base, p.Page, linted) {
				continue
			}
			out = append(out, Finding{Path: p.File, Line: p.Line, Column: p.Column, Rule: RuleNavDangling,
				Message: fmt.Sprintf("navigation page %q has no file %s.mdx; create the entry or remove the page from %s", p.Page, p.Page, filepath.Base(p.File))})
		}
	}
	return l.finish(nil, out), nil
}

// navPageAt is the navigation page listed at line:col of file (docs.json
// or a file it refers to), "" when none is.
func (l *Linter) navPageAt(file string, line, col int) string {
	l.loadNav()
	for _, p := range l.navList {
		if p.File == file && p.Line == line && p.Column == col {
			return p.Page
		}
	}
	return ""
}

func pageHasFile(base, page string, linted []string) bool {
	if _, found := slices.BinarySearch(linted, filepath.Join(base, filepath.FromSlash(page)+".mdx")); found {
		return true // the walk found it a regular file (or a link to one)
	}
	for _, ext := range []string{".mdx", ".md"} {
		if fi, err := os.Stat(filepath.Join(base, filepath.FromSlash(page)+ext)); err == nil && fi.Mode().IsRegular() {
			return true
		}
	}
	return false
}

// within reports whether p is dir or below it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
