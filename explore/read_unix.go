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
// of a repository with images, archives and fonts. The rest of a longer
// text file is read into the worker's buffer; only a file that fills it
// has its size asked of fstat, so that a bigger buffer is taken once to
// hold it and the rest is read in one call. A file over maxSize is
// refused (errTooLarge), a binary one before more than its first bytes
// are read, a text one once the buffer or the limit is full. It opens with O_NOFOLLOW, so a
// symlink is never read through (errSymlink), and O_NONBLOCK, so a FIFO
// cannot hang the search. It goes around os.File: no allocation, no poller
// registration. When the content is in the shared big buffer, the caller
// must call r.done once it is through with it.
func (r *fileReader) read(f walk.File, bufs *readBuffers, maxSize int64) (data []byte, err error) {
	return r.readFile(f, bufs, maxSize, false)
}

// readOrStream is read, except that a file longer than the worker's own
// buffer is not read whole into the shared big buffer: it returns
// errLong with the file open in bufs.long, whose windows (each ending
// after a newline) fill the worker's own buffer one after another, so
// that memory does not grow with the longest file (a 1.9 MB generated
// client added as much to peak RSS, once a search; polar's 4x copy
// holds four). The caller closes bufs.long.
func (r *fileReader) readOrStream(f walk.File, bufs *readBuffers, maxSize int64) (data []byte, err error) {
	return r.readFile(f, bufs, maxSize, true)
}

func (r *fileReader) readFile(f walk.File, bufs *readBuffers, maxSize int64, stream bool) (data []byte, err error) {
	buf := &bufs.content
	fd, err := r.open(f, &bufs.path)
	if err != nil {
		if errors.Is(err, syscall.ELOOP) {
			return nil, errSymlink
		}
		return nil, err
	}
	defer func() {
		if fd >= 0 {
			syscall.Close(fd)
		}
	}()
	if *buf == nil {
		if *buf, err = r.own.get(); err != nil {
			return nil, err
		}
	}
	first := int(min(binarySniff, maxSize+1))
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
	if bytes.IndexByte((*buf)[:n], 0) >= 0 {
		// Binary, unless it is over the size limit: that is told first.
		if err := syscall.Fstat(fd, &st); err != nil {
			return nil, err
		}
		if st.Size > maxSize {
			return nil, errTooLarge
		}
		return nil, errBinary
	}
	// Text so far: the rest goes into the buffer, as far as it holds and
	// the limit allows, and most files end there without an fstat. Only a
	// file that fills it has its size asked (the one read that finds the
	// end cost less than an fstat for every file over 8 KiB).
	if to := int(min(int64(len(*buf)), maxSize+1)); n < to {
		m, short, err := readInto(fd, (*buf)[n:to])
		if err != nil {
			return nil, err
		}
		n += m
		if short {
			return (*buf)[:n], nil // within the limit: it was read up to one byte past it
		}
	}
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, err
	}
	if st.Size > maxSize || n > int(maxSize) {
		return nil, errTooLarge
	}
	if stream && int(st.Size) >= len(*buf) {
		bufs.head = append(bufs.head[:0], (*buf)[:min(n, max(fileHead, importHead))]...)
		bufs.long = longFile{fd: fd, buf: *buf, n: n, total: n, maxSize: maxSize}
		fd = -1 // the stream's now
		return nil, errLong
	}
	// Room for the whole file and one byte more, so that the read that
	// returns less than asked tells the end without another call. A file
	// bigger than a worker's own buffer goes to the one big buffer all
	// workers share, one file at a time: memory holds one big file, not
	// one a worker.
	limit := int(maxSize + 1)
	big := false
	toBig := func(want int) error {
		if !big {
			r.big.Lock()
			big = true
		}
		if err := r.big.grow(want, (*buf)[:n]); err != nil {
			return err
		}
		buf = &r.big.buf
		return nil
	}
	defer func() {
		if big && err != nil {
			r.big.release()
		}
	}()
	for {
		want := min(max(int(st.Size)+1, n+1), limit)
		if len(*buf) < want {
			// A big file; or one that grew since fstat, then with
			// geometric growth, so that it is not copied again and again.
			if big || n > int(st.Size) {
				want = min(max(want, 2*len(*buf)), limit)
			}
			if err := toBig(want); err != nil {
				return nil, err
			}
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
// worker at a time (it holds the lock from read to done). It is an
// anonymous mapping outside the Go heap: a 2 MiB buffer on the heap would
// be live to the garbage collector for the rest of the run, raising its
// heap goal by as much again, and its pages would stay resident after the
// one big file that needed them. Here the pages are given back once the
// file is done (release), and the collector never sees them; the content
// is copied by read(2) as before, so a file truncated meanwhile cannot
// fault as a mapped file would.
type bigBuffer struct {
	sync.Mutex
	buf []byte
}

// grow makes buf hold at least want bytes, keeping keep (which may lie in
// the old buffer) at its start. The mapping is want bytes, made resident
// at once on Linux (MAP_POPULATE): the file is about to fill it, and
// populating in one call costs a fraction of a page fault a page (1,100
// faults a search on polar otherwise).
func (b *bigBuffer) grow(want int, keep []byte) error {
	if len(b.buf) >= want {
		copy(b.buf, keep)
		return nil
	}
	nb, err := syscall.Mmap(-1, 0, want, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON|mapPopulate)
	if err != nil {
		return err
	}
	copy(nb, keep)
	b.free()
	b.buf = nb
	return nil
}

// release gives the buffer's pages back to the system and lets the next
// worker have the buffer. (Unmapped, not madvise(MADV_DONTNEED)d, which
// package syscall offers on Linux only: a repository has a few big text
// files, so mapping again costs a few system calls.)
func (b *bigBuffer) release() {
	b.free()
	b.Unlock()
}

// free unmaps the buffer.
func (b *bigBuffer) free() {
	if b.buf != nil {
		syscall.Munmap(b.buf)
		b.buf = nil
	}
}

// ownBuffers hands out the workers' own content buffers, maxOwnBuffer
// bytes each, mapped outside the Go heap like the big buffer: the
// collector neither scans them nor counts them towards its heap goal, they
// never grow (a longer file goes to the big buffer), and only the pages a
// worker's longest file touched are resident. free unmaps them all when
// the search is over.
type ownBuffers struct {
	mu   sync.Mutex
	maps [][]byte
}

func (o *ownBuffers) get() ([]byte, error) {
	m, err := syscall.Mmap(-1, 0, maxOwnBuffer, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil, err
	}
	o.mu.Lock()
	o.maps = append(o.maps, m)
	o.mu.Unlock()
	return m, nil
}

func (o *ownBuffers) free() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, m := range o.maps {
		syscall.Munmap(m)
	}
	o.maps = nil
}

// readBuffers are a worker's own buffers: the content of the file it
// reads (from fileReader.own, valid until the fileReader is closed), its
// path as the system call takes it, and a long file being streamed with
// a copy of its head.
type readBuffers struct {
	content, path, head []byte
	long                longFile
}

// errLong is readOrStream's answer for a file longer than the worker's
// buffer: read it a window at a time from bufs.long.
var errLong = errors.New("longer than the buffer")

// errLongLine is a long file's window that holds no newline: a line
// longer than the worker's buffer, which a window cannot end after; the
// file is then read whole.
var errLongLine = errors.New("line longer than the buffer")

// longFile is a file read a window at a time into the worker's own
// buffer (see windows): each window ends after the last newline the
// buffer holds, and the rest starts the next one.
type longFile struct {
	fd      int
	buf     []byte
	n       int // bytes held in buf
	start   int // where the next window starts in buf
	eof     bool
	total   int // bytes read from the file
	maxSize int64
}

func (l *longFile) next() ([]byte, error) {
	if l.start > 0 {
		l.n = copy(l.buf, l.buf[l.start:l.n])
		l.start = 0
	}
	for !l.eof && l.n < len(l.buf) {
		m, short, err := readInto(l.fd, l.buf[l.n:])
		if err != nil {
			return nil, err
		}
		l.n += m
		l.total += m
		l.eof = short
		if l.total > int(l.maxSize) {
			return nil, errTooLarge // it grew since fstat
		}
	}
	if l.n == 0 {
		return nil, nil
	}
	end := l.n
	if !l.eof {
		i := bytes.LastIndexByte(l.buf[:l.n], '\n')
		if i < 0 {
			return nil, errLongLine
		}
		end = i + 1
	}
	l.start = end
	return l.buf[:end], nil
}

// close closes the file.
func (l *longFile) close() {
	if l.fd >= 0 {
		syscall.Close(l.fd)
		l.fd = -1
	}
}

// done releases the big buffer if data lies in it.
func (r *fileReader) done(data []byte) {
	if len(data) > 0 && len(r.big.buf) > 0 && &data[0] == &r.big.buf[0] {
		r.big.release()
	}
}
