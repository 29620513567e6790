//go:build !unix

package validate

// lstatKey is the zero key: cited files are not cached here (readCodeInto
// gives no stat data to compare with).
func lstatKey(string) fileKey { return fileKey{} }
