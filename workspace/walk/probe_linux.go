package walk

import (
	"io/fs"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/handbook-dev/handbook/internal/safefile"
)

// A Probe keeps the folders it decided open (up to maxHeldFds for the
// whole process), so that the names below them are looked up one at a
// time relative to the folder (openat, fstatat): a path asked about, its
// folder's .gitignore and .git, its subfolders. A lookup of the whole path
// would walk every folder from the root down again, and that was most of
// a first lint's time deciding what git lists at each cited path. Past the
// bound, folders are looked up by their path as before.
const maxHeldFds = 256

// heldFds counts the folder descriptors all probes hold.
var heldFds atomic.Int64

// probeFds are the descriptors a probe holds, closed once the probe is
// no longer reachable (runtime.AddCleanup) or by Probe.Close.
type probeFds struct {
	mu  sync.Mutex
	fds []int
}

func (s *probeFds) closeAll() {
	s.mu.Lock()
	fds := s.fds
	s.fds = nil
	s.mu.Unlock()
	for _, fd := range fds {
		syscall.Close(fd)
	}
	heldFds.Add(-int64(len(fds)))
}

// hold keeps fd open for the probe when the bound allows it: the
// descriptor plus one, or 0 (then fd is closed).
func (s *probeFds) hold(fd int, limit int64) int {
	if heldFds.Add(1) > limit {
		heldFds.Add(-1)
		syscall.Close(fd)
		return 0
	}
	s.mu.Lock()
	s.fds = append(s.fds, fd)
	s.mu.Unlock()
	return fd + 1
}

// release closes a descriptor hold kept that no folder uses after all
// (another goroutine decided the folder first).
func (s *probeFds) release(fd int) {
	if fd <= 0 {
		return
	}
	s.mu.Lock()
	for i, h := range s.fds {
		if h == fd-1 {
			s.fds[i] = s.fds[len(s.fds)-1]
			s.fds = s.fds[:len(s.fds)-1]
			s.mu.Unlock()
			syscall.Close(fd - 1)
			heldFds.Add(-1)
			return
		}
	}
	s.mu.Unlock()
}

// cName is name NUL-terminated, in buf when it fits.
func cName(buf []byte, name string) []byte {
	return append(append(buf[:0], name...), 0)
}

// at is the descriptor to look name up in (in parent, which ends in a
// slash): the folder's own when held, else the current folder with the
// whole path.
func at(fd int, parent, name string, buf []byte) (int, []byte) {
	if fd > 0 {
		return fd - 1, cName(buf, name)
	}
	return safefile.AtFDCWD, cName(buf, parent+name)
}

// openDirIn opens the folder name of the folder parent (held as fd, see
// probeDir.fd), as the walk would list it: a folder, not through a
// symlink. ok is false when it cannot; the descriptor is kept (plus one)
// when the bound allows.
func (p *Probe) openDirIn(fd int, parent, name string) (held int, ok bool) {
	var buf [128]byte
	dirfd, cname := at(fd, parent, name, buf[:])
	h, err := safefile.Openat(dirfd, cname, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW)
	if err != nil {
		return 0, false
	}
	return p.fds.hold(h, p.fdLimit), true
}

// OpenFile opens rel, a clean path from the root (the path of a file
// Lookup found), with flags and O_NOFOLLOW, relative to its folder when
// the probe holds that folder open: one openat of the file's name, where
// an open of the whole path walks every folder from the root down again
// (5% of a first lint opening 314 cited files so). held is false when the
// probe does not hold the folder (not decided by a Lookup, past
// maxHeldFds, or not Linux): the caller then opens the path itself.
func (p *Probe) OpenFile(rel string, flags int) (fd int, held bool, err error) {
	parentRel, name := "", rel
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		parentRel, name = rel[:i], rel[i+1:]
	}
	d := p.met(parentRel)
	if d == nil || d.fd <= 0 || d.job == nil || name == "" || name == "." || name == ".." || strings.IndexByte(name, 0) >= 0 {
		return -1, false, nil
	}
	var buf [128]byte
	fd, err = safefile.Openat(d.fd-1, cName(buf[:], name), flags|syscall.O_NOFOLLOW|syscall.O_CLOEXEC)
	runtime.KeepAlive(p) // holds d.fd open
	return fd, true, err
}

// lstatIn is os.Lstat of parent+name, relative to fd when held.
func lstatIn(fd int, parent, name string) (os.FileInfo, error) {
	if fd <= 0 || !safefile.HaveFstatat {
		return os.Lstat(parent + name)
	}
	var buf [128]byte
	cname := cName(buf[:], name)
	fi := &statInfo{name: name}
	for {
		switch errno := safefile.Fstatat(fd-1, cname, &fi.st, safefile.AtSymlinkNoFollow); errno {
		case 0:
			return fi, nil
		case syscall.EINTR:
			continue
		default:
			return nil, &os.PathError{Op: "lstat", Path: parent + name, Err: errno}
		}
	}
}

// statHeld is what lstat says of the folder name held as fd (plus one):
// fstat of the descriptor, which looks no name up (the folder was opened
// without following a symlink, so it is what lstat would find).
func statHeld(fd int, name string) (os.FileInfo, error) {
	fi := &statInfo{name: name}
	for {
		switch err := syscall.Fstat(fd-1, &fi.st); err {
		case nil:
			return fi, nil
		case syscall.EINTR:
			continue
		default:
			return nil, err
		}
	}
}

// loadIgnoreIn is loadIgnore of the folder dir held as fd: one openat of
// its .gitignore relative to the folder (most folders have none).
func (w *walker) loadIgnoreIn(fd int, dir, path string, parent *frame) *frame {
	if fd <= 0 {
		return w.loadIgnore(dir, path, parent)
	}
	var buf [16]byte
	h, err := safefile.Openat(fd-1, cName(buf[:], ".gitignore"), syscall.O_RDONLY|syscall.O_CLOEXEC|syscall.O_NOFOLLOW|syscall.O_NONBLOCK)
	if err == syscall.ENOENT || err == syscall.ELOOP {
		// None, or a symlink: loadIgnore's lstat would say not a regular file.
		w.note(dir+".gitignore", false)
		return parent
	}
	if err != nil {
		return w.loadIgnore(dir, path, parent) // as the walk says it
	}
	defer syscall.Close(h)
	var st syscall.Stat_t
	if syscall.Fstat(h, &st) != nil || st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		w.note(dir+".gitignore", false)
		return parent
	}
	data := make([]byte, 0, st.Size+1)
	for {
		n, err := syscall.Read(h, data[len(data):cap(data)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			w.fail(dir+".gitignore", &os.PathError{Op: "read", Path: dir + ".gitignore", Err: err})
			return parent
		}
		if n <= 0 {
			break
		}
		data = data[:len(data)+n]
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	return w.pushIgnoreData(dir+".gitignore", path, data, parent)
}

// statInfo is an os.FileInfo made from fstatat's answer, as os.Lstat
// makes one (Sys is the *syscall.Stat_t).
type statInfo struct {
	name string
	st   syscall.Stat_t
}

func (fi *statInfo) Name() string       { return fi.name }
func (fi *statInfo) Size() int64        { return fi.st.Size }
func (fi *statInfo) ModTime() time.Time { return time.Unix(fi.st.Mtim.Unix()) }
func (fi *statInfo) IsDir() bool        { return fi.Mode().IsDir() }
func (fi *statInfo) Sys() any           { return &fi.st }

func (fi *statInfo) Mode() fs.FileMode {
	mode := fs.FileMode(fi.st.Mode & 0o777)
	switch fi.st.Mode & syscall.S_IFMT {
	case syscall.S_IFBLK:
		mode |= fs.ModeDevice
	case syscall.S_IFCHR:
		mode |= fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFDIR:
		mode |= fs.ModeDir
	case syscall.S_IFIFO:
		mode |= fs.ModeNamedPipe
	case syscall.S_IFLNK:
		mode |= fs.ModeSymlink
	case syscall.S_IFSOCK:
		mode |= fs.ModeSocket
	}
	if fi.st.Mode&syscall.S_ISGID != 0 {
		mode |= fs.ModeSetgid
	}
	if fi.st.Mode&syscall.S_ISUID != 0 {
		mode |= fs.ModeSetuid
	}
	if fi.st.Mode&syscall.S_ISVTX != 0 {
		mode |= fs.ModeSticky
	}
	return mode
}
