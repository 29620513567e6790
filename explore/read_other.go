//go:build !unix

package explore

import (
	"bytes"
	"errors"
	"io"
	"os"

	"github.com/handbook-dev/handbook/workspace/walk"
)

// fileReader reads the files of one walk.
type fileReader struct{}

func newFileReader(string) (*fileReader, error) { return &fileReader{}, nil }

func (r *fileReader) Close() error { return nil }

// done is a no-op: here every worker reads into its own buffer.
func (r *fileReader) done([]byte) {}

// read reads f into *buf and returns its content, as the Unix version
// does: a file over maxSize is refused (errTooLarge), one with a NUL in
// its first binarySniff bytes is binary (errBinary), a symlink is never
// read through (errSymlink).
func (r *fileReader) read(f walk.File, bufs *readBuffers, maxSize int64) ([]byte, error) {
	buf := &bufs.content
	fi, err := os.Lstat(f.Abs)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		return nil, errSymlink
	}
	if !fi.Mode().IsRegular() {
		return nil, os.ErrInvalid
	}
	if fi.Size() > maxSize {
		return nil, errTooLarge
	}
	fh, err := os.Open(f.Abs)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	limit := int(maxSize + 1)
	if want := min(int(fi.Size())+1, limit); len(*buf) < want {
		*buf = make([]byte, want)
	}
	n := 0
	for n < limit {
		if n == len(*buf) {
			nb := make([]byte, min(2*len(*buf), limit))
			copy(nb, *buf)
			*buf = nb
		}
		m, err := fh.Read((*buf)[n:])
		n += m
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if n > int(maxSize) {
		return nil, errTooLarge
	}
	if bytes.IndexByte((*buf)[:min(n, binarySniff)], 0) >= 0 {
		return nil, errBinary
	}
	return (*buf)[:n], nil
}

// readOrStream is read: only Unix streams files longer than a buffer.
func (r *fileReader) readOrStream(f walk.File, bufs *readBuffers, maxSize int64) ([]byte, error) {
	return r.read(f, bufs, maxSize)
}

// readBuffers are a worker's own buffers.
type readBuffers struct {
	content, path, head []byte
	long                longFile
}

// errLong and errLongLine are never returned here (see the Unix version).
var errLong, errLongLine = errors.New("longer than the buffer"), errors.New("line longer than the buffer")

// longFile is never used here (see the Unix version).
type longFile struct{ total int }

func (l *longFile) next() ([]byte, error) { return nil, nil }
func (l *longFile) close()                {}
