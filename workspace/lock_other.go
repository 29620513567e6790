//go:build !unix

package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"time"
)

// LockDir takes an exclusive lock on a folder through a lock file created
// with O_EXCL, for systems without flock. A lock file older than a minute is
// taken to be left by a crashed process.
func LockDir(dir string) (func(), error) {
	p := filepath.Join(dir, ".handbook.lock")
	for {
		f, err := os.OpenFile(p, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err == nil {
			f.Close()
			return func() { os.Remove(p) }, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > time.Minute {
			os.Remove(p)
			continue
		}
		time.Sleep(20 * time.Millisecond)
	}
}
