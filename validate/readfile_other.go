//go:build !unix

package validate

import "github.com/handbook-dev/handbook/internal/safefile"

func readFile(name string) ([]byte, error) { return safefile.Read(name, maxEntrySize) }

// readCode reads a file a reference cites: false for a symlink, anything
// but a regular file, a file over limit bytes or an unreadable one.
func readCode(name string, limit int64) ([]byte, bool) { return readCodeSlow(name, limit) }

// readCodeInto is readCode; the stat data it gives is the zero key (no
// cache of cited files here), and buf is not used.
func readCodeInto(name string, limit int64, buf []byte) ([]byte, fileKey, bool) {
	src, ok := readCodeSlow(name, limit)
	return src, fileKey{}, ok
}

// readCodePart is readCodeInto: the whole file (whole is always true).
func readCodePart(name string, _ openIn, limit int64, buf []byte, lines int, _ func([]byte) bool) (src []byte, key fileKey, whole, ok bool) {
	src, key, ok = readCodeInto(name, limit, nil)
	return src, key, true, ok
}
