//go:build unix

package githistory

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process pid may still run: signal 0
// checks without sending; EPERM is a live process of another user.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
