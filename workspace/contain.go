package workspace

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/handbook-dev/handbook/internal/cli"
)

// Resolve returns p with every symlink in its existing part resolved; the
// part that does not exist yet is appended as it is. It is where a write to
// p would land.
func Resolve(p string) (string, error) {
	p = filepath.Clean(p)
	var rest []string
	for {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		// A dangling symlink is not "missing": writing through it would
		// create its target, wherever that is. Anything else that exists
		// now appeared since EvalSymlinks looked (a concurrent run made
		// the folder): look again.
		if fi, lerr := os.Lstat(p); lerr == nil {
			if fi.Mode()&fs.ModeSymlink != 0 {
				return "", err
			}
			continue
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(append([]string{p}, rest...)...), nil
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// resolve is Resolve(p) for a path of the workspace. Below the root it
// starts from the root's real path, found once by Open, and looks only at
// the folders under the root: opening a workspace resolves the handbook,
// the section and docs.json, and Resolve walked the root's own folders
// from / for each (six walks, 30 lstat calls for a root three folders
// deep). A symlink below the root, an error, another system's paths
// (where EvalSymlinks also normalises names) and paths outside the root
// go to Resolve.
func (ws *Workspace) resolve(p string) (string, error) {
	p = filepath.Clean(p)
	if ws.realRoot == "" || filepath.Separator != '/' || !within(ws.Root, p) {
		return Resolve(p)
	}
	rest := strings.TrimPrefix(strings.TrimPrefix(p, ws.Root), "/")
	real := ws.realRoot
	for rest != "" {
		name, after, _ := strings.Cut(rest, "/")
		next := filepath.Join(real, name)
		fi, err := os.Lstat(next)
		if errors.Is(err, fs.ErrNotExist) {
			// The part that does not exist yet, as it is.
			return filepath.Join(real, rest), nil
		}
		if err != nil || fi.Mode()&fs.ModeSymlink != 0 {
			return Resolve(p)
		}
		real, rest = next, after
	}
	return real, nil
}

// within reports whether p is dir or inside it; both clean and absolute.
func within(dir, p string) bool {
	if p == dir {
		return true
	}
	return strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// Inside reports whether p, after symlinks, is the folder dir or inside it
// (dir's symlinks resolved too).
func Inside(dir, p string) (bool, error) {
	rd, err := Resolve(dir)
	if err != nil {
		return false, err
	}
	rp, err := Resolve(p)
	if err != nil {
		return false, err
	}
	return within(rd, rp), nil
}

// inside is Inside for paths of the workspace.
func (ws *Workspace) inside(dir, p string) (bool, error) {
	rd, err := ws.resolve(dir)
	if err != nil {
		return false, err
	}
	rp, err := ws.resolve(p)
	if err != nil {
		return false, err
	}
	return within(rd, rp), nil
}

// Contain checks that p, after symlinks, stays inside the repository root.
// what names the path in the error ("section", "--section-file", …).
func (ws *Workspace) Contain(what, p string) error {
	rp, err := ws.resolve(p)
	if err != nil {
		return &PathError{Path: ws.Rel(p), Msg: what + " cannot be resolved: " + describeErr(err), Hint: "fix or remove the symlink"}
	}
	if !within(ws.realRoot, rp) {
		return &PathError{Path: ws.Rel(p), Msg: what + " is outside the repository (it resolves to " + filepath.ToSlash(rp) + ")",
			Hint: "use a path inside the repository"}
	}
	return nil
}

// ContainFlag is Contain for a path given on the command line: the error
// names it as the user wrote it (given, e.g. "--baseline /tmp/x.json"), the
// repository it must stay in, and where it leads only when a symlink makes
// that differ from what was written.
func (ws *Workspace) ContainFlag(given, p string) error {
	rp, err := ws.resolve(p)
	if err != nil {
		return &cli.UsageError{Msg: given + " cannot be resolved: " + describeErr(err), Hint: "Fix or remove the symlink."}
	}
	if within(ws.realRoot, rp) {
		return nil
	}
	msg := given + " is outside the repository " + filepath.ToSlash(ws.Root)
	if abs, err := filepath.Abs(p); err != nil || rp != abs {
		msg += " (it resolves to " + filepath.ToSlash(rp) + ")"
	}
	return &cli.UsageError{Msg: msg, Hint: "Use a path inside the repository."}
}

func describeErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}
