package walk

import (
	"bytes"
	"encoding/binary"
	"io/fs"
	"os"
	"slices"
	"syscall"
	"unsafe"

	"github.com/handbook-dev/handbook/internal/safefile"
)

// readDir lists dir (which ends in a slash) with raw getdents64 calls into
// a reused buffer. os.File.ReadDir would cost, per folder, an fstat, an
// epoll registration attempt and four fcntl calls on top of open,
// getdents64 and close, and an allocation per entry for the DirEntry;
// here a folder costs one allocation for the absolute paths of all its
// entries (each name is a substring of its path; none when the walk is
// Transient and the worker's last buffer is big enough) and the entry
// type comes from d_type.
//
// The folder stays open (s.fd) until closeDir, so that the files it lists
// can be opened relative to it: one name to look up, not every folder
// from the root down.
func (s *dirScratch) readDir(dir string) ([]dirEntry, error) {
	s.closeDir()
	fd := -1
	if s.given > 0 {
		// The caller's, opened and never listed yet: left open, and the
		// files come without a descriptor (File.InDir).
		fd, s.given = s.given-1, 0
	}
	if fd < 0 {
		var err error
		if fd, err = s.openDir(dir); err != nil {
			return nil, &os.PathError{Op: "open", Path: dir, Err: err}
		}
		s.fd = fd + 1
	}
	buf := s.buf[:0]
	for {
		if cap(buf)-len(buf) < 4096 {
			buf = slices.Grow(buf, max(len(buf), 16<<10))
		}
		n, err := syscall.Getdents(fd, buf[len(buf):cap(buf)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			s.buf = buf
			s.closeDir()
			return nil, &os.PathError{Op: "getdents", Path: dir, Err: err}
		}
		if n <= 0 {
			break
		}
		buf = buf[:len(buf)+n]
	}
	s.buf = buf
	// Two passes: the names and types first, then every entry's absolute
	// path in one allocation for the whole folder (the strings share it).
	names := s.raw[:0]
	size := 0
	// struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name.
	for off := 0; off+19 <= len(buf); {
		reclen := int(binary.NativeEndian.Uint16(buf[off+16:]))
		if reclen == 0 || off+reclen > len(buf) {
			break
		}
		typ := buf[off+18]
		name := buf[off+19 : off+reclen]
		if i := bytes.IndexByte(name, 0); i >= 0 {
			name = name[:i]
		}
		off += reclen
		if len(name) == 0 || string(name) == "." || string(name) == ".." {
			continue
		}
		var mode fs.FileMode
		switch typ {
		case syscall.DT_DIR:
			mode = fs.ModeDir
		case syscall.DT_REG:
			mode = 0
		case syscall.DT_LNK:
			mode = fs.ModeSymlink
		case syscall.DT_UNKNOWN:
			mode = modeUnknown
		default:
			mode = fs.ModeIrregular // fifo, socket, device: skipped
		}
		names = append(names, rawEntry{name: name, typ: mode})
		size += len(dir) + len(name)
	}
	s.raw = names
	var chunk []byte
	if s.reuse && cap(s.paths) >= size {
		chunk = s.paths[:0]
	} else {
		chunk = make([]byte, 0, size)
		if s.reuse {
			s.paths = chunk
		}
	}
	entries := s.entries[:0]
	for _, r := range names {
		start := len(chunk)
		chunk = append(chunk, dir...)
		chunk = append(chunk, r.name...)
		e := dirEntry{abs: unsafe.String(&chunk[start], len(chunk)-start), typ: r.typ}
		if e.typ == modeUnknown {
			// Some file systems leave the type out; ask for it.
			fi, err := os.Lstat(e.abs)
			if err != nil {
				continue // gone since the listing
			}
			e.typ = fi.Mode().Type()
		}
		entries = append(entries, e)
	}
	s.entries = entries
	return entries, nil
}

// openDir opens dir as a folder, its NUL-terminated name made in a buffer
// the scratch reuses (syscall.Open would allocate one a folder).
func (s *dirScratch) openDir(dir string) (int, error) {
	s.name = append(append(s.name[:0], dir...), 0)
	return safefile.Openat(safefile.AtFDCWD, s.name, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC)
}

// modeUnknown marks an entry whose type the listing left out.
const modeUnknown = fs.ModeType | fs.ModeTemporary

// rawEntry is a name in the listing buffer and its type.
type rawEntry struct {
	name []byte
	typ  fs.FileMode
}

// closeDir closes the folder readDir left open, if any.
func (s *dirScratch) closeDir() {
	if s.fd > 0 {
		syscall.Close(s.fd - 1)
		s.fd = 0
	}
}

// closeFd closes a folder descriptor a batch kept open.
func closeFd(fd int) { syscall.Close(fd) }
