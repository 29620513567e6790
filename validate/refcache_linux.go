package validate

import "syscall"

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
