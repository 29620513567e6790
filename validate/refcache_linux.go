package validate

import (
	"os"
	"runtime"
	"syscall"

	"github.com/handbook-dev/handbook/internal/safefile"
)

// keyOf is the stat data of a regular file that change whenever its
// content can (the fields git's index keeps); the zero key for anything
// else.
func keyOf(st *syscall.Stat_t) fileKey {
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return fileKey{}
	}
	return fileKey{
		dev: uint64(st.Dev), ino: uint64(st.Ino), size: st.Size,
		mtime: st.Mtim.Sec*1e9 + st.Mtim.Nsec, ctime: st.Ctim.Sec*1e9 + st.Ctim.Nsec,
	}
}

// lstatStamp is the stat data of whatever is at name (not followed if a
// symlink); false when nothing is there or it cannot be stat'ed.
func lstatStamp(name string) (stamp, bool) { return statData(name, false) }

// statStamp is lstatStamp following a symlink at name.
func statStamp(name string) (stamp, bool) { return statData(name, true) }

// stampOfInfo is the stamp of what an lstat said (os.Lstat's FileInfo).
func stampOfInfo(fi os.FileInfo) (stamp, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return stamp{}, false
	}
	return stampOf(st), true
}

func stampOf(st *syscall.Stat_t) stamp {
	return stamp{
		dev: uint64(st.Dev), ino: uint64(st.Ino), mode: uint64(st.Mode), uid: uint64(st.Uid), gid: uint64(st.Gid), size: st.Size,
		mtime: st.Mtim.Sec*1e9 + st.Mtim.Nsec, ctime: st.Ctim.Sec*1e9 + st.Ctim.Nsec,
	}
}

// statData is the stat data of name, following a symlink when follow.
// The calls are direct, not through a function value: st then stays on
// the stack, where passed to one it was a new 144 bytes a stat (the
// collector is off in lint: ~600 stats of a warm run were 86 KB of pages
// to fault in).
func statData(name string, follow bool) (stamp, bool) {
	var st syscall.Stat_t
	for {
		var err error
		if follow {
			err = syscall.Stat(name, &st)
		} else {
			err = syscall.Lstat(name, &st)
		}
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return stamp{}, false
		}
		return stampOf(&st), true
	}
}

// fileKey is the key of a regular file's stamp; the zero key for
// anything else.
func (s stamp) fileKey() fileKey {
	if s.mode&syscall.S_IFMT != syscall.S_IFREG {
		return fileKey{}
	}
	return fileKey{dev: s.dev, ino: s.ino, size: s.size, mtime: s.mtime, ctime: s.ctime}
}

// exeKey is the stat data of the running executable: /proc/self/exe is
// the file this process runs, even when its path was replaced since (a
// rebuild while a run goes on must not key this build's answers as the
// new one's).
func exeKey() fileKey {
	var st syscall.Stat_t
	if err := syscall.Stat("/proc/self/exe", &st); err != nil {
		return fileKey{}
	}
	return keyOf(&st)
}

// isSymlink reports whether the stamp is a symbolic link's.
func (s stamp) isSymlink() bool { return s.mode&syscall.S_IFMT == syscall.S_IFLNK }

// isDir reports whether the stamp is a folder's.
func (s stamp) isDir() bool { return s.mode&syscall.S_IFMT == syscall.S_IFDIR }

// isRegular reports whether the stamp is a regular file's.
func (s stamp) isRegular() bool { return s.mode&syscall.S_IFMT == syscall.S_IFREG }

// lstatDir reports whether rel (from the root, not "") is there and a
// folder, symlinks not followed: the paths cache's lstat, once a run
// (missing paths share their folders, which the cache stats anyway).
func (c *pathsCache) lstatDir(rel string) (there, dir bool) {
	st, ok := c.stat(rel)
	return ok, ok && st.isDir()
}

// rootDir holds the repository's root folder open, so that the stat data
// of the paths below it are taken relative to it: the kernel then looks up
// the path's own names, not every folder from / down to the root again
// (for the ~1,700 stats of a warm lint of polar's 64 entries, a fifth of
// each stat), and the name is made in a buffer on the stack (syscall.Stat
// allocates it).
type rootDir struct {
	fd int // the folder's descriptor plus one; 0: none (not opened, or it cannot be)
}

// openRoot opens the root folder, once a run (x.rootOnce).
func (x *repoIndex) openRoot() int {
	x.rootOnce.Do(func() {
		if !safefile.HaveFstatat {
			return
		}
		name := append([]byte(x.root), 0)
		fd, err := safefile.Openat(safefile.AtFDCWD, name, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC)
		if err != nil {
			return
		}
		x.rootFd.fd = fd + 1
		runtime.AddCleanup(x, func(fd int) { syscall.Close(fd) }, fd)
	})
	return x.rootFd.fd - 1
}

// statPath is statData of abs, relative to the root folder when abs is
// below it.
func (x *repoIndex) statPath(abs string, follow bool) (stamp, bool) {
	if rel, ok := relBelow(x.root, abs); ok {
		return x.statRel(rel, follow)
	}
	return statData(abs, follow)
}

// statRel is statData of rel (from the root, not ""), relative to the
// root folder.
func (x *repoIndex) statRel(rel string, follow bool) (stamp, bool) {
	fd := x.openRoot()
	if fd < 0 {
		return statData(x.root+string(os.PathSeparator)+rel, follow)
	}
	var buf [256]byte
	name := append(append(buf[:0], rel...), 0)
	flags := safefile.AtSymlinkNoFollow
	if follow {
		flags = 0
	}
	var st syscall.Stat_t
	for {
		errno := safefile.Fstatat(fd, name, &st, flags)
		if errno == syscall.EINTR {
			continue
		}
		runtime.KeepAlive(x) // holds fd open
		if errno != 0 {
			return stamp{}, false
		}
		return stampOf(&st), true
	}
}
