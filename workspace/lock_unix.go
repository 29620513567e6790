//go:build unix

package workspace

import (
	"os"
	"syscall"
)

// LockDir takes an exclusive advisory lock on a folder and returns the
// function that releases it. Locking the folder rather than docs.json itself
// matters: docs.json is replaced by rename, so a lock on its inode would not
// exclude a process that opens the new file. The folder leaves no lock file
// behind.
func LockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
