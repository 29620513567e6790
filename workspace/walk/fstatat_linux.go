//go:build linux && (amd64 || arm64)

package walk

import (
	"syscall"
	"unsafe"
)

// haveFstatat: fstatat fills package syscall's Stat_t on this
// architecture.
const haveFstatat = true

// fstatat is lstat of name (NUL-terminated) in the folder dirfd.
func fstatat(dirfd int, name []byte, st *syscall.Stat_t) syscall.Errno {
	_, _, errno := syscall.Syscall6(sysFstatat, uintptr(dirfd), uintptr(unsafe.Pointer(&name[0])), uintptr(unsafe.Pointer(st)), atSymlinkNoFollow, 0, 0)
	return errno
}

// atSymlinkNoFollow is AT_SYMLINK_NOFOLLOW: lstat, not stat.
const atSymlinkNoFollow = 0x100
