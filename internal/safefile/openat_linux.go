package safefile

import (
	"syscall"
	"unsafe"
)

// AtFDCWD is AT_FDCWD: a dirfd that makes Openat's name relative to the
// current folder (or absolute).
const AtFDCWD = -100

// Openat opens name, which must end in a NUL byte, relative to the folder
// dirfd, retrying when a signal interrupts it. It takes the caller's
// buffer as it is: syscall.Openat would allocate a C string a call, and
// the walk and explore open thousands of files and folders a run.
func Openat(dirfd int, name []byte, flags int) (int, error) {
	for {
		fd, _, errno := syscall.Syscall6(syscall.SYS_OPENAT, uintptr(dirfd), uintptr(unsafe.Pointer(&name[0])), uintptr(flags), 0, 0, 0)
		switch errno {
		case 0:
			return int(fd), nil
		case syscall.EINTR:
			continue
		}
		return -1, errno
	}
}
