//go:build unix

package validate

import "syscall"

// lstatKey is the stat data of name (not followed if a symlink): the zero
// key when it is no regular file or cannot be stat'ed.
func lstatKey(name string) fileKey {
	var st syscall.Stat_t
	for {
		err := syscall.Lstat(name, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return fileKey{}
		}
		return keyOf(&st)
	}
}
