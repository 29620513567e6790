package thp

import (
	"runtime"

	"golang.org/x/sys/unix"
)

func reserve(n int) {
	b := make([]byte, n)
	if unix.Madvise(b, unix.MADV_HUGEPAGE) != nil {
		return
	}
	// b is dead from here: the collection frees it.
	runtime.GC()
}
