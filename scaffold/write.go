package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/workspace"
)

// planNav computes the navigation change without writing, for --dry-run.
func (r *Result) planNav() error {
	ws := r.ws
	if ws.DocsJSON == "" {
		return nil
	}
	nav, err := ws.LoadNav()
	if err != nil {
		return err
	}
	return r.addToNav(nav)
}

func (r *Result) addToNav(nav *workspace.Nav) error {
	out, ch, err := nav.AddPage(r.ws.NavGroup(), r.Page)
	if err != nil {
		return err
	}
	ch.File = r.ws.Rel(r.ws.DocsJSON)
	r.Nav, r.navBefore, r.navAfter = &ch, nav.Data, out
	return nil
}

// write creates the entry and registers it, holding the docs.json lock for
// the whole read-modify-write so concurrent runs all land. On any failure
// every file and folder is put back as it was.
func (r *Result) write(entry string, content []byte, force bool) error {
	ws := r.ws
	if ws.DocsJSON != "" {
		unlock, err := workspace.LockDir(filepath.Dir(ws.DocsJSON))
		if err != nil {
			return fmt.Errorf("locking %s: %w", ws.Rel(ws.DocsJSON), err)
		}
		defer unlock()
		nav, err := ws.LoadNav()
		if err != nil {
			return err
		}
		if err := r.addToNav(nav); err != nil {
			return err
		}
	}

	created, err := mkdirAll(ws.Section)
	removeCreated := func() {
		for i := len(created) - 1; i >= 0; i-- {
			os.Remove(created[i])
		}
	}
	if err != nil {
		removeCreated()
		return fmt.Errorf("creating %s: %w", ws.Rel(ws.Section), err)
	}

	var old []byte
	if force {
		if b, err := os.ReadFile(entry); err == nil {
			old, r.Replaced = b, true
		}
		err = workspace.WriteFileAtomic(entry, content, 0o644)
	} else {
		err = workspace.CreateFileAtomic(entry, content, 0o644)
	}
	if err != nil {
		removeCreated()
		if errors.Is(err, fs.ErrExist) {
			return &cli.UsageError{Msg: ws.Rel(entry) + " was created by someone else meanwhile; nothing was written"}
		}
		return fmt.Errorf("writing %s: %w", ws.Rel(entry), err)
	}

	if r.Nav != nil && !r.Nav.Already {
		if err := writeNav(ws.DocsJSON, r.navAfter, 0o644); err != nil {
			if r.Replaced {
				_ = workspace.WriteFileAtomic(entry, old, 0o644)
			} else {
				os.Remove(entry)
			}
			removeCreated()
			return fmt.Errorf("writing %s: %w; the entry was not created", ws.Rel(ws.DocsJSON), err)
		}
	}
	return nil
}

// writeNav writes docs.json; tests replace it to make the second write of
// the transaction fail.
var writeNav = workspace.WriteFileAtomic

// mkdirAll is os.MkdirAll that returns the folders it created, outermost
// first, so a failed command can remove exactly those.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	var created []string
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return created, err
		}
		created = append(created, missing[i])
	}
	return created, nil
}
