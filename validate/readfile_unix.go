//go:build unix

package validate

import (
	"bytes"
	"io/fs"
	"os"
	"syscall"

	"github.com/handbook-dev/handbook/internal/safefile"
)

// readFile is os.ReadFile for a regular file in four system calls (open,
// fstat, one read of the whole size, close) instead of eight: os.File also
// tries to register the file with the poller and sets and clears
// non-blocking mode, which a regular file never needs; on 1,000 entries
// those calls were a tenth of lint's time. Anything else (a folder, a
// FIFO, a file that changes size while read) goes to os.ReadFile, so the
// errors are the same.
func readFile(name string) ([]byte, error) {
	fd, err := syscall.Open(name, readFlags, 0)
	if err != nil {
		return os.ReadFile(name)
	}
	return readOpened(fd, name)
}

// readFlags open an entry: O_NONBLOCK, so a FIFO swapped in is not waited on.
const readFlags = syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NONBLOCK

// readOpened is readFile for the file name open at fd, which it closes.
func readOpened(fd int, name string) ([]byte, error) {
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return os.ReadFile(name)
	}
	// A FIFO swapped in since the walk would block os.ReadFile, and a huge
	// file would fill memory: both are errors, said like any unreadable path.
	if st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
		return os.ReadFile(name) // fails at once, with os's error
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, &fs.PathError{Op: "read", Path: name, Err: safefile.ErrNotRegular}
	}
	if st.Size > maxEntrySize {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &safefile.TooBigError{Limit: maxEntrySize}}
	}
	// One byte more than the size: a read that returns exactly the size
	// is the whole file, with no read at the end to learn it.
	buf := make([]byte, st.Size+1)
	n, err := readOnce(fd, buf)
	if err != nil {
		return os.ReadFile(name)
	}
	if n == len(buf) {
		return safefile.Read(name, maxEntrySize) // it grew
	}
	if int64(n) != st.Size {
		return os.ReadFile(name) // it shrank
	}
	return buf[:n], nil
}

// readOnce reads into buf with one read(2), retried on EINTR, and returns
// the bytes read. buf is one byte longer than the size fstat gave: a read
// that fills it means the file grew, one short of the size that it shrank;
// both callers then read the slow way.
func readOnce(fd int, buf []byte) (int, error) {
	for {
		n, err := syscall.Read(fd, buf)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		return n, nil
	}
}

// readCode reads a file a reference cites: false for a symlink (never
// followed: O_NOFOLLOW), anything but a regular file, a file over limit
// bytes or an unreadable one. Like readFile it costs four system calls,
// not the eight of os.Lstat and os.ReadFile; a file that changes size
// while read is read again the slow way.
func readCode(name string, limit int64) ([]byte, bool) {
	src, _, ok := readCodeInto(name, limit, nil)
	return src, ok
}

// readCodeInto is readCode, also giving the file's stat data as read (the
// zero key when the file was read the slow way: it is not cached), and
// reading into buf when the file fits its capacity: a caller that reads
// file after file into one buffer touches that memory once, where a new
// buffer each is new pages of memory the kernel must fault in and zero (7%
// of a first lint of 64 entries citing 124 files of 1.3 MB).
func readCodeInto(name string, limit int64, buf []byte) ([]byte, fileKey, bool) {
	src, key, _, ok := readCodePart(name, openIn{}, limit, buf, -1, nil)
	return src, key, ok
}

// readCodePart is readCodeInto that may stop before the end of the file:
// once what it read holds lines whole lines (each ended by its newline)
// and the bytes looksBinary looks at, it asks enough of what it read so
// far (every byte, the last line perhaps cut short; nil asks nothing) and
// returns it, with whole false, when that says so; until then it reads on,
// twice as far each time. Read in chunks sized from the lines read so far,
// a file cited near its top costs a read of its top only (a first lint of
// 64 entries read 7.5 MB of cited files for the 3.7 MB up to their last
// cited lines). lines < 0 reads the whole file in one read, as
// readCodeInto. The text is whole (whole true) when the file ends before
// what is asked or little is left after it. The file is opened relative
// to its folder when in's probe holds it (see openIn), else by name.
func readCodePart(name string, in openIn, limit int64, buf []byte, lines int, enough func(read []byte) bool) (src []byte, key fileKey, whole, ok bool) {
	const flags = syscall.O_RDONLY | syscall.O_CLOEXEC | syscall.O_NONBLOCK | syscall.O_NOFOLLOW
	fd, err := -1, error(nil)
	if in.probe != nil {
		h, held, err := in.probe.OpenFile(in.rel, flags)
		if held && err == nil {
			fd = h
		}
		if openInHook != nil {
			openInHook(in.rel, "in folder", fd >= 0)
		}
	}
	if fd < 0 {
		fd, err = syscall.Open(name, flags, 0)
	}
	if err != nil {
		src, ok := readCodeSlow(name, limit)
		return src, fileKey{}, true, ok
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if lst, ok := in.stat.(*syscall.Stat_t); ok && lst.Mode&syscall.S_IFMT == syscall.S_IFREG {
		// The probe's lstat of the path, this run: a file changed since
		// has another size, which the reads below find (it grew, or it
		// ends short of the size: read again the slow way), and anything
		// but a regular file now fails to read as one (read the slow way,
		// which says so).
		st = *lst
	} else if err := syscall.Fstat(fd, &st); err != nil {
		return nil, keyOf(&st), true, false
	}
	if openInHook != nil && in.probe != nil {
		openInHook(in.rel, "stat", in.stat != nil)
	}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG || st.Size > limit {
		return nil, keyOf(&st), true, false
	}
	if int64(cap(buf)) > st.Size {
		buf = buf[:st.Size+1]
	} else if buf != nil {
		// Doubled, so a run of ever larger files grows it a few times.
		buf = make([]byte, st.Size+1, max(st.Size+1, 2*int64(cap(buf))))
	} else {
		buf = make([]byte, st.Size+1)
	}
	// One byte more than the size: a read that stops short of it is at the
	// end, one that fills it found the file grown.
	n, want, newlines := 0, len(buf), 0
	if lines >= 0 {
		want = partFirst(lines, len(buf))
	}
	for {
		m, err := readOnce(fd, buf[n:want])
		if err != nil || m == 0 && n != int(st.Size) {
			break // unreadable, or it shrank: read the slow way
		}
		if m == 0 || n+m < want && n+m == int(st.Size) {
			return buf[:st.Size], keyOf(&st), true, true // at the end
		}
		if n += m; n == len(buf) {
			break // it grew
		}
		if lines < 0 {
			continue // a short read (a signal): read on
		}
		newlines += bytes.Count(buf[n-m:n], []byte("\n"))
		if newlines >= lines && n >= binaryPrefix {
			if enough == nil || enough(buf[:n]) {
				return buf[:n], keyOf(&st), false, true
			}
			// The lines are in, not what else is asked: where it is,
			// nothing tells.
			want = partUpTo(2*n, n, len(buf))
			continue
		}
		want = partNext(n, newlines, lines, len(buf))
	}
	src, ok = readCodeSlow(name, limit)
	return src, fileKey{}, true, ok
}
