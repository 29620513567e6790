//go:build linux && (amd64 || arm64)

package safefile

import (
	"syscall"
	"unsafe"
)

// HaveFstatat: Fstatat fills package syscall's Stat_t on this
// architecture.
const HaveFstatat = true

// Fstatat stats name, which must end in a NUL byte, in the folder dirfd
// (AtFDCWD: the current folder), not following a symlink at name when
// flags hold AtSymlinkNoFollow. It takes the caller's buffer as it is
// (syscall.Stat and Lstat allocate a C string a call), and a name
// relative to an open folder is looked up from there, not from the root
// of the file system down.
func Fstatat(dirfd int, name []byte, st *syscall.Stat_t, flags int) syscall.Errno {
	_, _, errno := syscall.Syscall6(sysFstatat, uintptr(dirfd), uintptr(unsafe.Pointer(&name[0])), uintptr(unsafe.Pointer(st)), uintptr(flags), 0, 0)
	return errno
}

// AtSymlinkNoFollow is AT_SYMLINK_NOFOLLOW: lstat, not stat.
const AtSymlinkNoFollow = 0x100
