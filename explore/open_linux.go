package explore

import (
	"syscall"

	"github.com/handbook-dev/handbook/internal/safefile"
	"github.com/handbook-dev/handbook/workspace/walk"
)

// fileReader reads the files of one walk. It opens them relative to
// their folder's descriptor, which the walk holds open while it hands out
// the folder's files (openat: the kernel looks up one name, not every
// folder on the way down), or else relative to the root's.
type fileReader struct {
	dirfd int
	big   bigBuffer
	own   ownBuffers
}

func newFileReader(root string) (*fileReader, error) {
	fd, err := syscall.Open(root, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	return &fileReader{dirfd: fd}, nil
}

func (r *fileReader) Close() error {
	r.big.free()
	r.own.free()
	return syscall.Close(r.dirfd)
}

// open opens f relative to its folder or the root; path is the caller's
// buffer for the NUL-terminated name (syscall.Openat would allocate one a
// file).
func (r *fileReader) open(f walk.File, path *[]byte) (int, error) {
	dirfd, name, ok := f.InDir()
	if !ok {
		dirfd, name = r.dirfd, f.Rel
	}
	p := append(append((*path)[:0], name...), 0)
	*path = p
	return safefile.Openat(dirfd, p, openFlags)
}
