package explore

import (
	"syscall"

	"github.com/handbook-dev/handbook/workspace/walk"
)

// fileReader reads the files of one walk. It opens them relative to the
// root's descriptor (openat), which spares the kernel the walk down the
// root's own path for every file.
type fileReader struct{ dirfd int }

func newFileReader(root string) (*fileReader, error) {
	fd, err := syscall.Open(root, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	return &fileReader{dirfd: fd}, nil
}

func (r *fileReader) Close() error { return syscall.Close(r.dirfd) }

func (r *fileReader) open(f walk.File) (int, error) {
	return syscall.Openat(r.dirfd, f.Rel, openFlags, 0)
}
