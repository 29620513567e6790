package thp

import (
	"bytes"
	"os"
	"runtime"
	"syscall"
)

func reserve(n int) {
	if !roomFor(n) {
		return
	}
	b := make([]byte, n)
	if syscall.Madvise(b, syscall.MADV_HUGEPAGE) != nil {
		return
	}
	// b is dead from here: the collection frees it.
	runtime.GC()
}

// roomFor reports whether asking for n bytes up front is safe: an
// allocation the system refuses is fatal in Go, and the reservation is
// address space lint would not otherwise claim. Under an address-space
// limit (ulimit -v) or strict overcommit accounting it is not asked for.
func roomFor(n int) bool {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &lim); err != nil || lim.Cur != ^uint64(0) {
		return false
	}
	mode, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err == nil && !bytes.HasPrefix(mode, []byte("2"))
}
