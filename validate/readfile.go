package validate

import (
	"bytes"
	"os"
)

// maxEntrySize bounds an entry lint reads: a handbook entry is a few
// kilobytes, and a file past this is reported as unreadable instead of
// filling memory.
const maxEntrySize = 64 << 20

// readCodeSlow is readCode in os's calls: Lstat (a symlink or anything
// but a regular file is not read), the size limit, then the whole file.
func readCodeSlow(name string, limit int64) ([]byte, bool) {
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > limit {
		return nil, false
	}
	src, err := os.ReadFile(name)
	return src, err == nil
}

// looksBinary is git's test for a binary file (a NUL in its first 8000
// bytes), which cited code and the definitions index both apply.
func looksBinary(src []byte) bool {
	return bytes.IndexByte(src[:min(len(src), 8000)], 0) >= 0
}
