package validate

import (
	"path/filepath"
	"syscall"
)

// entryDirs holds a descriptor of each folder the entries of a run are
// in, so each entry is opened relative to its folder (openat): the kernel
// looks up one name, not every folder from the root down, which was most
// of the cost of opening 1,000 entries.
type entryDirs struct {
	fds map[string]int // by folder, with its trailing separator
}

// maxEntryDirs bounds the descriptors a run holds; entries of further
// folders are opened by path.
const maxEntryDirs = 256

func openEntryDirs(files []string) *entryDirs {
	d := &entryDirs{fds: map[string]int{}}
	for _, f := range files {
		dir, _ := filepath.Split(f)
		if _, ok := d.fds[dir]; ok || len(d.fds) == maxEntryDirs {
			continue
		}
		fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
		if err != nil {
			fd = -1 // its entries are opened by path, with readFile's errors
		}
		d.fds[dir] = fd
	}
	return d
}

// read is readFile(name), opened relative to name's folder when that is
// held. Any failure to open goes to readFile, so the errors are the same.
func (d *entryDirs) read(name string) ([]byte, error) {
	dir, base := filepath.Split(name)
	if fd, ok := d.fds[dir]; ok && fd >= 0 {
		if f, err := syscall.Openat(fd, base, readFlags, 0); err == nil {
			return readOpened(f, name)
		}
	}
	return readFile(name)
}

func (d *entryDirs) close() {
	for _, fd := range d.fds {
		if fd >= 0 {
			syscall.Close(fd)
		}
	}
}
