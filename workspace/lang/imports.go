package lang

import "bytes"

// IsImport reports whether line only brings names in from elsewhere: a
// Python `import x` or `from x import y`, a Go or Java `import`, a
// JavaScript or TypeScript `import … from` or `require(…)` line. Such a
// line names a concept without showing it, so it is the weakest place to
// cite.
func IsImport(line []byte) bool {
	t := bytes.TrimSpace(line)
	switch {
	case bytes.HasPrefix(t, []byte("import ")), bytes.HasPrefix(t, []byte("import(")), bytes.HasPrefix(t, []byte("import{")):
		return true
	case bytes.HasPrefix(t, []byte("from ")) && bytes.Contains(t, []byte(" import ")):
		return true
	case bytes.HasPrefix(t, []byte("const ")) && bytes.Contains(t, []byte("= require(")):
		return true
	}
	return false
}
