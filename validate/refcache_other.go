//go:build !unix

package validate

// lstatKey is the zero key: cited files are not cached here (readCodeKey
// gives no stat data to compare with).
func lstatKey(string) fileKey { return fileKey{} }

// lstatStamp is false: paths are cached on Linux only.
func lstatStamp(string) (stamp, bool) { return stamp{}, false }

func statStamp(string) (stamp, bool) { return stamp{}, false }

func (stamp) fileKey() fileKey { return fileKey{} }

// exeKey is the zero key: no cache here.
func exeKey() fileKey { return fileKey{} }

func (stamp) isSymlink() bool { return false }

func (stamp) isDir() bool     { return false }
func (stamp) isRegular() bool { return false }
