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
	return ws.editNav(dryRun, pages, func(nav *Nav, page string) ([]byte, NavChange, error) {
		return nav.AddPage(ws.NavGroup(), page)
	})
}

// Unregister removes pages from the navigation in one locked
// read-modify-write of docs.json: the pages whose files are gone. It
// returns one change a page, each with the line the page was on.
func (ws *Workspace) Unregister(pages ...string) ([]NavChange, error) {
	if len(pages) == 0 {
		return nil, nil
	}
	return ws.editNav(false, pages, (*Nav).RemovePage)
}

// editNav applies edit to each page in turn, under the repository lock,
// each edit seeing the navigation the ones before it left (a page may live
// in docs.json or in a file it refers to with $ref), then writes every file
// that changed in one transaction. With dryRun nothing is locked or written.
func (ws *Workspace) editNav(dryRun bool, pages []string, edit func(*Nav, string) ([]byte, NavChange, error)) ([]NavChange, error) {
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
	changed := map[string][]byte{} // file → new content, for each file edited
	var order []string
	var changes []NavChange
	for _, p := range pages {
		out, ch, err := edit(nav, p)
		if err != nil {
			return nil, err
		}
		changes = append(changes, ch)
		if ch.Already {
			continue
		}
		target := ch.Target
		if target == "" {
			target = ws.DocsJSON
		}
		if _, seen := changed[target]; !seen {
			order = append(order, target)
		}
		changed[target] = out
		if nav, err = nav.WithFile(target, out); err != nil {
			return nil, fmt.Errorf("internal error: the edited %s does not parse (%v); nothing was written", ws.Rel(target), err)
		}
		nav.SetPaths(ws.Rel)
	}
	if dryRun || len(order) == 0 {
		return changes, nil
	}
	for _, target := range order {
		if err := t.WriteFile(target, changed[target], 0o644); err != nil {
			return nil, writeErr(ws, target, err)
		}
	}
	return changes, t.Commit()
}

// writeErr names the file in a write error, unless the error says it
// already or is a cancellation.
func writeErr(ws *Workspace, path string, err error) error {
	var ro *ReadOnlyError
	var pe *PathError
	if errors.As(err, &ro) || errors.As(err, &pe) || errors.Is(err, cli.ErrCancelled) || errors.Is(err, cli.ErrTerminated) {
		return err
	}
	return fmt.Errorf("writing %s: %w", ws.Rel(path), err)
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
		nav.SetPaths(ws.Rel) // for messages; writes go to each file's absolute path
	}
	return nav, err
}
