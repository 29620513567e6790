//go:build !unix

package explore

import (
	"io"
	"os"

	"github.com/handbook-dev/handbook/workspace/walk"
)

// fileReader reads the files of one walk.
type fileReader struct{}

func newFileReader(string) (*fileReader, error) { return &fileReader{}, nil }

func (r *fileReader) Close() error { return nil }

// read reads f into *buf, growing it up to limit bytes, and returns the
// byte count. A symlink is never read through (errSymlink).
func (r *fileReader) read(f walk.File, buf *[]byte, limit int) (int, error) {
	fi, err := os.Lstat(f.Abs)
	if err != nil {
		return 0, err
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		return 0, errSymlink
	}
	if !fi.Mode().IsRegular() {
		return 0, os.ErrInvalid
	}
	fh, err := os.Open(f.Abs)
	if err != nil {
		return 0, err
	}
	defer fh.Close()
	n := 0
	for n < limit {
		if n == len(*buf) {
			*buf = grow(*buf, limit)
		}
		m, err := fh.Read((*buf)[n:])
		n += m
		if err == io.EOF {
			break
		}
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
