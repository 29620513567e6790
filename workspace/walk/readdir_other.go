//go:build !linux

package walk

import "os"

// readDir lists dir (which ends in a separator) with os.ReadDir; the
// Linux version reads raw directory entries instead.
func (s *dirScratch) readDir(dir string) ([]dirEntry, error) {
	des, err := os.ReadDir(dir)
	entries := s.entries[:0]
	for _, d := range des {
		entries = append(entries, dirEntry{abs: dir + d.Name(), typ: d.Type()})
	}
	s.entries = entries
	if err != nil && len(entries) == 0 {
		return nil, err
	}
	return entries, nil
}

type rawEntry struct{}

// closeDir does nothing: os.ReadDir keeps no folder open, so files are
// opened by their path.
func (s *dirScratch) closeDir() {}

// readable reports whether dir is a folder the walk can list, not
// through a symlink.
func readable(dir string) bool {
	if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() {
		return false
	}
	f, err := os.Open(dir)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// closeFd does nothing: no folder is kept open (see closeDir).
func closeFd(int) {}
