package thp

import (
	"bytes"
	"os"
	"strconv"
	"testing"
)

// anonHuge is how much of the process's anonymous memory huge pages back.
func anonHuge(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		t.Skipf("no smaps_rollup: %v", err)
	}
	for line := range bytes.Lines(b) {
		if f := bytes.Fields(line); len(f) >= 2 && string(f[0]) == "AnonHugePages:" {
			kb, err := strconv.Atoi(string(f[1]))
			if err != nil {
				t.Fatal(err)
			}
			return kb << 10
		}
	}
	t.Skip("smaps_rollup has no AnonHugePages")
	return 0
}

var sink [][]byte

// After Reserve the heap's next allocations land on huge pages, where the
// kernel gives them only on request (THP "madvise"); elsewhere the test
// cannot tell Reserve's doing from the system's and skips.
func TestReserveBacksTheNextAllocationsWithHugePages(t *testing.T) {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || !bytes.Contains(mode, []byte("[madvise]")) {
		t.Skipf("transparent huge pages are not given on request here (%q)", bytes.TrimSpace(mode))
	}
	if !roomFor(32 << 20) {
		t.Skip("no room to reserve here (ulimit -v or strict overcommit)")
	}
	before, fallbacksBefore := anonHuge(t), thpFallbacks(t)
	Reserve(32 << 20)
	for range 4096 { // 16 MiB in small objects, as lint allocates
		sink = append(sink, make([]byte, 4000))
	}
	if got := anonHuge(t) - before; got < 4<<20 {
		if fallbacks := thpFallbacks(t); fallbacks > fallbacksBefore {
			// The kernel was asked and had no huge page to give (a
			// fragmented machine): not Reserve's doing.
			t.Skipf("the kernel fell back to small pages %d times (fragmented memory)", fallbacks-fallbacksBefore)
		}
		t.Errorf("16 MiB allocated after Reserve: %d KiB more on huge pages, want at least 4 MiB", got>>10)
	}
}

// thpFallbacks is how many times the kernel could not give a huge page at
// a fault and gave small ones (/proc/vmstat thp_fault_fallback).
func thpFallbacks(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/vmstat")
	if err != nil {
		t.Skipf("no /proc/vmstat: %v", err)
	}
	for line := range bytes.Lines(b) {
		if f := bytes.Fields(line); len(f) == 2 && string(f[0]) == "thp_fault_fallback" {
			n, err := strconv.Atoi(string(f[1]))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	return 0
}
