package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

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
	if ch.Target == "" {
		ch.Target = r.ws.DocsJSON
	}
	before := nav.Data
	if data, ok := nav.Files()[ch.Target]; ok {
		before = data
	}
	r.Nav, r.navBefore, r.navAfter = &ch, before, out
	return nil
}

// write creates the entry and registers it as one transaction under the
// repository lock, so concurrent runs all land. The entry is written first
// and its navigation line second: a run killed in between (SIGKILL, which
// nothing can catch) leaves an entry without its line, which lint reports
// as nav-missing and `lint --fix` adds. On any failure or SIGINT/SIGTERM
// every file and folder is put back as it was.
func (r *Result) write(entry string, content []byte, force bool) error {
	ws := r.ws
	t, err := ws.Begin()
	if err != nil {
		return err
	}
	defer t.End()
	if ws.DocsJSON != "" {
		nav, err := ws.LoadNav()
		if err != nil {
			return err
		}
		if err := r.addToNav(nav); err != nil {
			return err
		}
		// A docs.json that cannot be written is found before the entry is.
		if err := t.Writable(r.Nav.Target); err != nil {
			return err
		}
	}
	if err := t.MkdirAll(ws.Section); err != nil {
		return wrapWrite(ws, ws.Section, "creating", err)
	}
	if force {
		fi, err := os.Lstat(entry)
		switch {
		case err == nil && fi.IsDir():
			return &cli.UsageError{Msg: ws.Show(entry) + " is a folder; nothing was written", Hint: "Pick another name for the entry."}
		case err == nil:
			r.Replaced = true
		}
		err = t.WriteFile(entry, content, 0o644)
		if err != nil {
			return wrapWrite(ws, entry, "writing", err)
		}
	} else if err := t.CreateFile(entry, content, 0o644); err != nil {
		if errors.Is(err, fs.ErrExist) {
			if fi, serr := os.Lstat(entry); serr == nil && fi.IsDir() {
				return &cli.UsageError{Msg: ws.Show(entry) + " is a folder; nothing was written", Hint: "Pick another name for the entry."}
			}
			return &cli.UsageError{Msg: ws.Show(entry) + " was created by someone else meanwhile; nothing was written"}
		}
		return wrapWrite(ws, entry, "writing", err)
	}
	if r.Nav != nil && !r.Nav.Already {
		if err := writeNav(t, r.Nav.Target, r.navAfter); err != nil {
			if isCancel(err) {
				return err
			}
			return fmt.Errorf("writing %s: %w; the entry was not created", ws.Show(r.Nav.Target), err)
		}
	}
	return t.Commit()
}

func isCancel(err error) bool {
	return errors.Is(err, cli.ErrCancelled) || errors.Is(err, cli.ErrTerminated)
}

func wrapWrite(ws *workspace.Workspace, path, verb string, err error) error {
	var ro *workspace.ReadOnlyError
	var pe *workspace.PathError
	if isCancel(err) || errors.As(err, &ro) || errors.As(err, &pe) {
		return err
	}
	return fmt.Errorf("%s %s: %w", verb, ws.Show(path), err)
}

// writeNav writes docs.json; tests replace it to make the second write of
// the transaction fail.
var writeNav = func(t *workspace.Txn, path string, data []byte) error {
	return t.WriteFile(path, data, 0o644)
}
