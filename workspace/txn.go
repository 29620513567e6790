package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/handbook-dev/handbook/internal/cli"
)

// TempSuffix ends the name of every temporary file handbook writes
// (".docs.json.handbook-tmp"). Writes happen only under the repository
// lock, so a temporary file found while holding it was left by a killed
// run: it is removed (sweep), and each target has one fixed temporary name
// that the next write reuses.
const TempSuffix = ".handbook-tmp"

// Txn is one change to the repository's files: new's entry and navigation
// line, draft's edit, lint --fix's navigation edit. It holds the repository
// lock for its whole read-check-write, so concurrent runs never lose each
// other's changes; it writes every file through a temporary file and a
// rename, so a reader sees the old content or the new; and it records how
// to undo each step, so a failure or SIGINT/SIGTERM puts every file back.
//
// Signals are caught only while a Txn is open: before, nothing is written
// and the default action (exit) is right. A signal that arrives while the
// lock is awaited ends the wait at once; one that arrives during the writes
// is acted on at the next step, and one that arrives after the last step is
// re-raised once the lock is released, when every file is complete.
type Txn struct {
	ws     *Workspace
	unlock func()
	sigs   chan os.Signal
	sig    os.Signal
	undo   []func()
	temps  []string // temporary files being written, removed on abort
	swept  map[string]bool
	done   bool
	kept   bool // committed: every change stays
}

// Begin opens a transaction: it catches SIGINT and SIGTERM, takes the
// repository lock (interruptibly) and removes the temporary files earlier
// killed runs left in the handbook.
func (ws *Workspace) Begin() (*Txn, error) {
	t := &Txn{ws: ws, sigs: make(chan os.Signal, 4), swept: map[string]bool{}}
	signal.Notify(t.sigs, os.Interrupt, syscall.SIGTERM)
	type locked struct {
		unlock func()
		err    error
	}
	got := make(chan locked, 1)
	abandoned := make(chan struct{})
	go func() {
		unlock, err := LockDir(ws.Root)
		select {
		case got <- locked{unlock, err}:
		case <-abandoned:
			if err == nil {
				unlock()
			}
		}
	}()
	select {
	case l := <-got:
		if l.err != nil {
			signal.Stop(t.sigs)
			return nil, fmt.Errorf("locking %s: %w", ws.Root, l.err)
		}
		t.unlock = l.unlock
	case s := <-t.sigs:
		close(abandoned)
		signal.Stop(t.sigs)
		return nil, signalError(s)
	}
	if ws.DocsJSON != "" {
		t.sweep(filepath.Dir(ws.DocsJSON))
	}
	t.sweep(ws.Section)
	return t, nil
}

// signalError is the error a command returns when stopped by s: exit 130
// for SIGINT, 143 for SIGTERM.
func signalError(s os.Signal) error {
	if s == syscall.SIGTERM {
		return cli.ErrTerminated
	}
	return cli.ErrCancelled
}

// Check returns the cancellation error once a signal has arrived. Every
// write calls it first; callers may call it between their own steps.
func (t *Txn) Check() error {
	if t.sig == nil {
		select {
		case s := <-t.sigs:
			t.sig = s
		default:
		}
	}
	if t.sig != nil {
		return signalError(t.sig)
	}
	return nil
}

// sweep removes temporary files left in dir by killed runs.
func (t *Txn) sweep(dir string) {
	if t.swept[dir] {
		return
	}
	t.swept[dir] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, ".") && strings.HasSuffix(n, TempSuffix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

// ReadOnlyError is a file whose mode forbids writing it; handbook respects
// the mode instead of replacing the file through a rename.
type ReadOnlyError struct {
	Path string
	Mode fs.FileMode
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("%s is read-only (mode %04o); make it writable (chmod u+w) if it should change; nothing was written", e.Path, e.Mode.Perm())
}

// target resolves where a write to path lands: symlinks are written
// through to their target, which must be inside the repository, and a file
// whose mode forbids writing is refused.
func (t *Txn) target(path string) (string, fs.FileInfo, error) {
	if err := t.ws.Contain("the path", path); err != nil {
		return "", nil, err
	}
	real, err := Resolve(path)
	if err != nil {
		return "", nil, err
	}
	fi, err := os.Stat(real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return real, nil, nil
	case err != nil:
		return "", nil, err
	case !fi.Mode().IsRegular():
		return "", nil, &PathError{Path: t.ws.Rel(path), Msg: "is not a regular file (" + fileKind(fi.Mode()) + ")", Hint: "nothing was written"}
	case fi.Mode().Perm()&0o200 == 0:
		return "", nil, &ReadOnlyError{Path: t.ws.Rel(path), Mode: fi.Mode()}
	}
	return real, fi, nil
}

// Writable reports, before anything is written, an error that WriteFile
// would meet for path: a read-only file, a symlink leading out, a folder.
func (t *Txn) Writable(path string) error {
	_, _, err := t.target(path)
	return err
}

// WriteFile replaces (or creates) path with data; the file keeps its mode.
func (t *Txn) WriteFile(path string, data []byte, perm fs.FileMode) error {
	if err := t.Check(); err != nil {
		return err
	}
	real, fi, err := t.target(path)
	if err != nil {
		return err
	}
	var old []byte
	if fi != nil {
		perm = fi.Mode().Perm()
		if old, err = os.ReadFile(real); err != nil {
			return err
		}
	}
	tmp, err := t.writeTemp(real, data, perm)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, real); err != nil {
		os.Remove(tmp)
		return err
	}
	if fi == nil {
		t.undo = append(t.undo, func() { os.Remove(real) })
	} else {
		t.undo = append(t.undo, func() {
			if tmp, err := t.writeTemp(real, old, perm); err == nil {
				if os.Rename(tmp, real) != nil {
					os.Remove(tmp)
				}
			}
		})
	}
	return nil
}

// CreateFile writes data to path only if path does not exist yet (an error
// wrapping fs.ErrExist otherwise), and atomically.
func (t *Txn) CreateFile(path string, data []byte, perm fs.FileMode) error {
	if err := t.Check(); err != nil {
		return err
	}
	if err := t.ws.Contain("the path", path); err != nil {
		return err
	}
	tmp, err := t.writeTemp(path, data, perm)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	// link(2) fails when the target exists, unlike rename(2).
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return &os.PathError{Op: "create", Path: path, Err: fs.ErrExist}
		}
		// A file system without hard links: O_EXCL, then rename over it.
		f, ferr := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, perm)
		if ferr != nil {
			return ferr
		}
		f.Close()
		t.undo = append(t.undo, func() { os.Remove(path) })
		return os.Rename(tmp, path)
	}
	t.undo = append(t.undo, func() { os.Remove(path) })
	return nil
}

// MkdirAll creates dir and its missing parents; an abort removes exactly
// the folders it created.
func (t *Txn) MkdirAll(dir string) error {
	if err := t.Check(); err != nil {
		return err
	}
	if err := t.ws.Contain("the folder", dir); err != nil {
		return err
	}
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		d := missing[i]
		t.undo = append(t.undo, func() { os.Remove(d) })
	}
	return nil
}

// writeTemp writes data to the fixed temporary name of path, in its folder.
func (t *Txn) writeTemp(path string, data []byte, perm fs.FileMode) (string, error) {
	dir := filepath.Dir(path)
	t.sweep(dir)
	name := filepath.Join(dir, "."+filepath.Base(path)+TempSuffix)
	t.temps = append(t.temps, name)
	f, err := os.OpenFile(name, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, perm)
	if err != nil {
		return "", err
	}
	fail := func(err error) (string, error) {
		f.Close()
		os.Remove(name)
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Chmod(perm); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// Commit ends the transaction with every change kept, unless a signal
// arrived: then every change is undone and the cancellation is returned.
func (t *Txn) Commit() error {
	if err := t.Check(); err != nil {
		t.rollback()
		return err
	}
	t.done, t.kept = true, true
	return nil
}

// rollback undoes every step, newest first, and removes temporary files.
// Undoing newest first keeps the promise even if it is itself killed: an
// entry is removed only after its navigation line.
func (t *Txn) rollback() {
	for i := len(t.undo) - 1; i >= 0; i-- {
		t.undo[i]()
	}
	t.undo = nil
	for _, tmp := range t.temps {
		os.Remove(tmp)
	}
	t.done = true
}

// End releases the lock, undoing everything first when the transaction was
// not committed (an error path). Defer it right after Begin. A signal that
// arrived after the commit is re-raised now that every file is complete.
func (t *Txn) End() {
	if !t.done {
		t.rollback()
	}
	t.unlock()
	signal.Stop(t.sigs)
	late := t.sig
	if late == nil {
		select {
		case late = <-t.sigs:
		default:
		}
	}
	if late != nil && t.kept {
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			_ = p.Signal(late)
		}
	}
}

// SweepTemps removes, under the lock, the temporary files killed runs left
// next to docs.json and in the section folder (lint --fix calls it).
func (ws *Workspace) SweepTemps() error {
	t, err := ws.Begin()
	if err != nil {
		return err
	}
	t.done, t.kept = true, true
	t.End()
	return nil
}
