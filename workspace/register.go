package workspace

import (
	"errors"
	"fmt"

	"github.com/handbook-dev/handbook/internal/cli"
)

// Register adds pages to the navigation group of the workspace in one
// locked read-modify-write of docs.json, so concurrent runs never lose each
// other's pages. It returns one change a page. With dryRun nothing is
// written. When the handbook has no docs.json there is nothing to register.
func (ws *Workspace) Register(dryRun bool, pages ...string) ([]NavChange, error) {
	if ws.DocsJSON == "" {
		return nil, nil
	}
	var t *Txn
	if !dryRun {
		var err error
		if t, err = ws.Begin(); err != nil {
			return nil, err
		}
		defer t.End()
	}
	nav, err := ws.LoadNav()
	if err != nil {
		return nil, err
	}
	data := nav.Data
	var changes []NavChange
	for _, p := range pages {
		out, ch, err := nav.AddPage(ws.NavGroup(), p)
		if err != nil {
			return nil, err
		}
		ch.File = ws.Rel(ws.DocsJSON)
		changes = append(changes, ch)
		if nav, err = ParseNav(ws.Rel(ws.DocsJSON), out); err != nil {
			return nil, fmt.Errorf("internal error: the edited docs.json does not parse (%v); nothing was written", err)
		}
		data = out
	}
	if dryRun || string(data) == string(nav.Data) && len(changes) > 0 && allAlready(changes) {
		return changes, nil
	}
	if err := t.WriteFile(ws.DocsJSON, data, 0o644); err != nil {
		return nil, writeErr(ws, err)
	}
	return changes, t.Commit()
}

// writeErr names docs.json in a write error, unless the error says it
// already or is a cancellation.
func writeErr(ws *Workspace, err error) error {
	var ro *ReadOnlyError
	var pe *PathError
	if errors.As(err, &ro) || errors.As(err, &pe) || errors.Is(err, cli.ErrCancelled) || errors.Is(err, cli.ErrTerminated) {
		return err
	}
	return fmt.Errorf("writing %s: %w", ws.Rel(ws.DocsJSON), err)
}

// Unregister removes pages from the navigation in one locked
// read-modify-write of docs.json: the pages whose files are gone. It
// returns one change a page, each with the line the page was on.
func (ws *Workspace) Unregister(pages ...string) ([]NavChange, error) {
	if ws.DocsJSON == "" || len(pages) == 0 {
		return nil, nil
	}
	t, err := ws.Begin()
	if err != nil {
		return nil, err
	}
	defer t.End()
	nav, err := ws.LoadNav()
	if err != nil {
		return nil, err
	}
	var changes []NavChange
	for _, p := range pages {
		out, ch, err := nav.RemovePage(p)
		if err != nil {
			return nil, err
		}
		ch.File = ws.Rel(ws.DocsJSON)
		changes = append(changes, ch)
		if nav, err = ParseNav(ws.Rel(ws.DocsJSON), out); err != nil {
			return nil, fmt.Errorf("internal error: the edited docs.json does not parse (%v); nothing was written", err)
		}
	}
	if err := t.WriteFile(ws.DocsJSON, nav.Data, 0o644); err != nil {
		return nil, writeErr(ws, err)
	}
	return changes, t.Commit()
}

func allAlready(chs []NavChange) bool {
	for _, c := range chs {
		if !c.Already {
			return false
		}
	}
	return true
}

// LoadNav loads the handbook's docs.json; errors name it relative to the
// repository root.
func (ws *Workspace) LoadNav() (*Nav, error) {
	nav, err := LoadNav(ws.DocsJSON)
	var se *SyntaxError
	if errors.As(err, &se) {
		se.Path = ws.Rel(se.Path)
	}
	if nav != nil {
		nav.Path = ws.Rel(nav.Path) // for messages; writes go to ws.DocsJSON
	}
	return nav, err
}
