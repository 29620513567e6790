package walk

import (
	"encoding/binary"
	"io/fs"
	"os"
	"slices"
	"syscall"
)

// readDir lists dir (which ends in a slash) with raw getdents64 calls into
// a reused buffer. os.File.ReadDir would cost, per folder, an fstat, an
// epoll registration attempt and four fcntl calls on top of open,
// getdents64 and close, and an allocation per entry for the DirEntry;
// here each entry costs one allocation (its absolute path, of which the
// name is a substring) and the entry type comes from d_type.
func (s *dirScratch) readDir(dir string) ([]dirEntry, error) {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: dir, Err: err}
	}
	defer syscall.Close(fd)
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
			return nil, &os.PathError{Op: "getdents", Path: dir, Err: err}
		}
		if n <= 0 {
			break
		}
		buf = buf[:len(buf)+n]
	}
	s.buf = buf
	entries := s.entries[:0]
	// struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name.
	for off := 0; off+19 <= len(buf); {
		reclen := int(binary.NativeEndian.Uint16(buf[off+16:]))
		if reclen == 0 || off+reclen > len(buf) {
			break
		}
		typ := buf[off+18]
		name := buf[off+19 : off+reclen]
		for i, c := range name {
			if c == 0 {
				name = name[:i]
				break
			}
		}
		off += reclen
		if len(name) == 0 || string(name) == "." || string(name) == ".." {
			continue
		}
		e := dirEntry{abs: dir + string(name)}
		switch typ {
		case syscall.DT_DIR:
			e.typ = fs.ModeDir
		case syscall.DT_REG:
			e.typ = 0
		case syscall.DT_LNK:
			e.typ = fs.ModeSymlink
		case syscall.DT_UNKNOWN:
			// Some file systems leave the type out; ask for it.
			fi, err := os.Lstat(e.abs)
			if err != nil {
				continue // gone since the listing
			}
			e.typ = fi.Mode().Type()
		default:
			e.typ = fs.ModeIrregular // fifo, socket, device: skipped
		}
		entries = append(entries, e)
	}
	s.entries = entries
	return entries, nil
}
