//go:build !linux

package walk

import "os"

// sameFile is os.SameFile (the Linux version also takes a Probe's stat
// data, made from fstatat).
func sameFile(a, b os.FileInfo) bool { return os.SameFile(a, b) }
