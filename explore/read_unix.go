//go:build unix

package explore

import (
	"errors"
	"syscall"

	"github.com/handbook-dev/handbook/workspace/walk"
)

// openFlags open a file to read it: never through a symlink (O_NOFOLLOW),
// and never waiting on a FIFO (O_NONBLOCK).
const openFlags = syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// read reads f into *buf, growing it up to limit bytes, and returns the
// byte count (limit means the file is longer than limit-1 bytes). It opens with
// O_NOFOLLOW, so a symlink is never read through (errSymlink), and
// O_NONBLOCK, so a FIFO cannot hang the search. It goes around os.File: no
// allocation, no poller registration.
func (r *fileReader) read(f walk.File, buf *[]byte, limit int) (int, error) {
	fd, err := r.open(f)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return 0, errSymlink
		}
		return 0, err
	}
	defer syscall.Close(fd)
	n := 0
	for n < limit {
		if n == len(*buf) {
			// Past the first buffer, learn the size before reading on:
			// a file over the limit is refused without reading 2 MiB.
			var st syscall.Stat_t
			if err := syscall.Fstat(fd, &st); err == nil && st.Size >= int64(limit) {
				return limit, nil
			}
			*buf = grow(*buf, limit)
		}
		m, err := syscall.Read(fd, (*buf)[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		n += m
		if m < len(*buf)-(n-m) {
			// A short read of a regular file is its end: skipping the
			// read that would return 0 saves a system call a file.
			break
		}
	}
	return n, nil
}
