//go:build unix && !linux

package explore

import (
	"syscall"

	"github.com/handbook-dev/handbook/workspace/walk"
)

// fileReader reads the files of one walk (by absolute path: package
// syscall has no openat here).
type fileReader struct {
	big bigBuffer
	own ownBuffers
}

func newFileReader(string) (*fileReader, error) { return &fileReader{}, nil }

func (r *fileReader) Close() error {
	r.big.free()
	r.own.free()
	return nil
}

func (r *fileReader) open(f walk.File, _ *[]byte) (int, error) {
	return syscall.Open(f.Abs, openFlags, 0)
}
