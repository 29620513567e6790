package validate

import (
	"bytes"
	"os"

	"github.com/handbook-dev/handbook/workspace/walk"
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
	return bytes.IndexByte(src[:min(len(src), binaryPrefix)], 0) >= 0
}

// binaryPrefix is how much of a file looksBinary looks at.
const binaryPrefix = 8000

// partFirst is how much of a file of size-1 bytes (size is the buffer's
// length: one byte more) readCodePart reads first to hold its first lines
// lines: 40 bytes a line, which nine source lines in ten are under (31 is
// the median of polar's cited files), and at least what looksBinary looks
// at. An extra read costs about what copying a few kilobytes more does.
func partFirst(lines, size int) int {
	return partUpTo(max(lines*40+2048, binaryPrefix+192), 0, size)
}

// partNext is how far readCodePart reads next, having read n bytes that
// hold newlines newlines of the lines it needs: as far as the lines read so
// far say the last one ends, with room to spare, and twice as far when
// they say nothing.
func partNext(n, newlines, lines, size int) int {
	want := 2 * n
	if newlines > 0 {
		need := int(int64(n) * int64(lines) / int64(newlines))
		want = need + need/8 + 2048
	}
	return partUpTo(want, n, size)
}

// partUpTo bounds a read's end want: past n by a page at least, the whole
// file when less than a page would be left, never past size.
func partUpTo(want, n, size int) int {
	want = max(want, n+4096)
	if want >= size-4096 {
		return size
	}
	return want
}

// openIn is where readCodePart may open a file below the root: relative
// to its folder, which probe holds open when it looked the path rel up
// (walk.Probe.OpenFile), instead of by its whole path, which the kernel
// walks folder by folder from the root again. The zero value opens by path.
type openIn struct {
	probe *walk.Probe
	rel   string
	// stat, when set, is the Sys of the path's lstat data as the probe
	// took them this run (a *syscall.Stat_t), which readCodePart takes for
	// the open file's instead of asking fstat: only where no cache keeps
	// the file's stat data (see repoIndex.load).
	stat any
}

// openInHook, when set (by tests), is told of each file readCodePart was
// given a probe for: whether it opened it "in folder", and whether it took
// the probe's "stat" instead of fstat's.
var openInHook func(rel, what string, yes bool)
