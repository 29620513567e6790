//go:build linux && !amd64 && !arm64

package walk

import "syscall"

// haveFstatat is false: the Stat_t of package syscall and fstatat's
// number vary by architecture, so paths are stat'ed whole here (os.Lstat).
const haveFstatat = false

func fstatat(int, []byte, *syscall.Stat_t) syscall.Errno { return syscall.ENOSYS }
