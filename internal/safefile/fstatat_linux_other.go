//go:build linux && !amd64 && !arm64

package safefile

import "syscall"

// HaveFstatat is false: the Stat_t of package syscall and fstatat's
// number vary by architecture, so callers stat paths whole here.
const HaveFstatat = false

// AtSymlinkNoFollow is AT_SYMLINK_NOFOLLOW: lstat, not stat.
const AtSymlinkNoFollow = 0x100

func Fstatat(int, []byte, *syscall.Stat_t, int) syscall.Errno { return syscall.ENOSYS }
