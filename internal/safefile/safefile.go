// Package safefile reads files whose path came from outside the program
// (configuration, flags, documents) without the two ways such a read goes
// wrong: a FIFO or device that blocks forever or never ends (/dev/zero), and
// a regular file too big to hold in memory. Only regular files are read, and
// only up to a limit.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// Limits for the inputs handbook reads whole.
const (
	ConfigLimit   = 1 << 20  // .handbook.yaml
	TemplateLimit = 1 << 20  // entry templates
	SectionLimit  = 10 << 20 // --section-file texts
	DocsJSONLimit = 16 << 20 // docs.json (Mintlify's are a few hundred KB)
	EntryLimit    = 16 << 20 // an entry re-opened by draft
)

// ErrNotRegular is returned for a folder, FIFO, device or socket.
var ErrNotRegular = errors.New("not a regular file")

// TooBigError is a file over the limit.
type TooBigError struct{ Limit int64 }

func (e *TooBigError) Error() string {
	return fmt.Sprintf("larger than %s, the limit for this file", Size(e.Limit))
}

// Size formats a byte count the way the limits are documented.
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Read returns the content of the regular file at path (symlinks followed),
// at most limit bytes. It never blocks on a FIFO: the file is opened
// non-blocking and checked with fstat before the first read, so a FIFO
// swapped in after a stat is refused too.
func Read(path string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	if fi.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooBigError{limit}}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit { // it grew while we read
		return nil, &fs.PathError{Op: "read", Path: path, Err: &TooBigError{limit}}
	}
	return data, nil
}

// Open opens the regular file at path for reading, without blocking on a
// FIFO: for inputs read as a stream (a git index can be large).
func Open(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlock, 0)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "read", Path: path, Err: ErrNotRegular}
	}
	return f, nil
}

// ReadAll reads r up to limit bytes; more is a TooBigError. For stdin.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, &TooBigError{limit}
	}
	return data, nil
}

// Describe is the reason a read failed, without Go's "open PATH:" prefix,
// for messages that name the path themselves.
func Describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	var tb *TooBigError
	switch {
	case errors.As(err, &tb):
		return tb.Error()
	case errors.Is(err, ErrNotRegular):
		return "not a regular file (a folder, FIFO or device)"
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	case errors.Is(err, syscall.ELOOP):
		return "a symlink loop"
	}
	return err.Error()
}
