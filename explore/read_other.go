//go:build !unix

package explore

import (
	"io"
	"os"
)

// readInto reads the file at path into buf until EOF or buf is full. A
// symlink is never read through (errSymlink).
func readInto(path string, buf []byte) (int, error) {
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
	n, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return n, err
}
