// Package initstack grows the main goroutine's stack once, to the size the
// libraries' package initialisation needs, before that initialisation runs.
//
// goldmark/util's init compiles a regexp with a{0,61}-style repeats
// (emailDomainRegexp); the regexp compiler recurses once per repeat, so the
// main goroutine, which starts with a few KiB of stack, grows it four times
// in a row there: 16, 32, 64 and 128 KiB, each time allocating fresh memory
// (page faults) and copying the stack over. Calling one function with a
// 64 KiB frame first makes the runtime grow it once, straight to 128 KiB
// (it doubles until the frame fits), and the regexp compile then runs
// without growing it: 0.2 ms less start-up for every command (bash
// bench/startup/version.sh). Check that it still holds after a goldmark
// upgrade: under gdb, `break runtime.copystack` during `handbook --version`
// should stop once in package init, not four times.
//
// Go initialises packages in import-path order among those whose imports
// are done (the spec's rule since Go 1.21); this package imports nothing,
// and its path sorts before github.com/yuin/goldmark, so its init runs
// first (a testscript in cmd/handbook checks the order).
package initstack

// frame is the stack frame grow uses: more than half of 128 KiB, so the
// runtime's doubling from the initial stack goes on to 128 KiB at once.
const frame = 64 << 10

func init() { grow(1) }

// grow uses a frame-sized array so the compiler keeps it on the stack
// (writing one byte and reading another); noinline keeps the frame its own.
//
//go:noinline
func grow(i int) byte {
	var a [frame]byte
	a[i] = 1
	return a[frame-i]
}
