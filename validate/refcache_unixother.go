//go:build unix && !linux

package validate

import "syscall"

// keyOf is the zero key: cited files are cached on Linux only, whose
// stat data this package knows how to read.
func keyOf(*syscall.Stat_t) fileKey { return fileKey{} }
