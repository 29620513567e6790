//go:build !linux

package validate

// entryDirs opens entries by path where openat is not in package syscall.
type entryDirs struct{}

func openEntryDirs([]string) *entryDirs { return &entryDirs{} }

func (*entryDirs) read(name string) ([]byte, error) { return readFile(name) }

func (*entryDirs) close() {}
