//go:build !unix

package validate

import "github.com/handbook-dev/handbook/internal/safefile"

func readFile(name string) ([]byte, error) { return safefile.Read(name, maxEntrySize) }

// readCode reads a file a reference cites: false for a symlink, anything
// but a regular file, a file over limit bytes or an unreadable one.
func readCode(name string, limit int64) ([]byte, bool) { return readCodeSlow(name, limit) }
