package validate

import "os"

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
