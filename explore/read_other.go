//go:build !unix

package explore

import (
	"io"
	"os"
)

// readInto reads the file at path into *buf, growing it up to limit bytes,
// and returns the byte count. A symlink is never read through (errSymlink).
func readInto(path string, buf *[]byte, limit int) (int, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return 0, err
	}
	if fi.Mode()&os.ModeSymlink != 0 {
		return 0, errSymlink
	}
	if !fi.Mode().IsRegular() {
		return 0, os.ErrInvalid
	}
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	for n < limit {
		if n == len(*buf) {
			*buf = grow(*buf, limit)
		}
		m, err := f.Read((*buf)[n:])
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
