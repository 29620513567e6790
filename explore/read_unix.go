//go:build unix

package explore

import (
	"bytes"
	"errors"
	"sync"
	"syscall"

	"github.com/handbook-dev/handbook/workspace/walk"
)

// openFlags open a file to read it: never through a symlink (O_NOFOLLOW),
// and never waiting on a FIFO (O_NONBLOCK).
const openFlags = syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// read reads f into *buf and returns its content. It reads the first
// binarySniff bytes first: a file with a NUL byte there is binary
// (errBinary) and the rest is never read, which spares most of the bytes
// of a repository with images, archives and fonts. A longer text file's
// size comes from fstat, so the buffer grows once to hold it and the rest
// is read in one call; a file over maxSize is refused (errTooLarge) before
// its bytes are read, whatever they are. It opens with O_NOFOLLOW, so a
// symlink is never read through (errSymlink), and O_NONBLOCK, so a FIFO
// cannot hang the search. It goes around os.File: no allocation, no poller
// registration. When the content is in the shared big buffer, the caller
// must call r.done once it is through with it.
func (r *fileReader) read(f walk.File, bufs *readBuffers, maxSize int64) (data []byte, err error) {
	buf := &bufs.content
	fd, err := r.open(f, &bufs.path)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, errSymlink
		}
		return nil, err
	}
	defer syscall.Close(fd)
	first := int(min(binarySniff, maxSize+1))
	if len(*buf) < first {
		*buf = make([]byte, first)
	}
	n, short, err := readInto(fd, (*buf)[:first])
	if err != nil {
		return nil, err
	}
	if short {
		// The whole file, in one read: most source files end here.
		if bytes.IndexByte((*buf)[:n], 0) >= 0 {
			return nil, errBinary
		}
		return (*buf)[:n], nil
	}
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, err
	}
	if st.Size > maxSize {
		return nil, errTooLarge
	}
	if bytes.IndexByte((*buf)[:n], 0) >= 0 {
		return nil, errBinary
	}
	// Room for the whole file and one byte more, so that the read that
	// returns less than asked tells the end without another call. A file
	// bigger than a worker's own buffer goes to the one big buffer all
	// workers share, one file at a time: memory holds one big file, not
	// one a worker.
	limit := int(maxSize + 1)
	if want := min(int(st.Size)+1, limit); want > maxOwnBuffer {
		r.big.Lock()
		defer func() {
			if err != nil {
				r.big.Unlock()
			}
		}()
		copy(r.big.grow(want, limit), (*buf)[:n])
		buf = &r.big.buf
	}
	for {
		want := min(max(int(st.Size)+1, n+1), limit)
		if len(*buf) < want {
			// Geometric growth: a few sizes over a run, not one a file.
			nb := make([]byte, min(max(want, 2*len(*buf)), limit))
			copy(nb, (*buf)[:n])
			*buf = nb
		}
		m, short, err := readInto(fd, (*buf)[n:want])
		if err != nil {
			return nil, err
		}
		n += m
		if n > int(maxSize) {
			return nil, errTooLarge // it grew since fstat
		}
		if short {
			return (*buf)[:n], nil
		}
		st.Size = int64(n) * 2 // it grew since fstat: read on
	}
}

// readInto fills b from fd and reports how much it read and whether a
// read returned less than asked (for a regular file, its end).
func readInto(fd int, b []byte) (n int, short bool, err error) {
	for n < len(b) {
		m, err := syscall.Read(fd, b[n:])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return n, false, err
		}
		n += m
		if m == 0 || n < len(b) {
			return n, true, nil
		}
	}
	return n, false, nil
}

// bigBuffer is the buffer files over maxOwnBuffer are read into, by one
// worker at a time (it holds the lock from read to done).
type bigBuffer struct {
	sync.Mutex
	buf []byte
}

// grow makes buf hold at least want bytes (its content is not kept) and
// returns it. Under the default limit (2 MiB) it is made at the limit
// once, rather than again for each bigger file.
func (b *bigBuffer) grow(want, limit int) []byte {
	if len(b.buf) < want {
		size := want
		if limit <= 4<<20 {
			size = limit
		}
		b.buf = nil // let the old one go before the new one is made
		b.buf = make([]byte, size)
	}
	return b.buf
}

// readBuffers are a worker's own buffers: the content of the file it
// reads and its path as the system call takes it.
type readBuffers struct {
	content, path []byte
}

// done releases the big buffer if data lies in it.
func (r *fileReader) done(data []byte) {
	if len(data) > 0 && len(r.big.buf) > 0 && &data[0] == &r.big.buf[0] {
		r.big.Unlock()
	}
}
