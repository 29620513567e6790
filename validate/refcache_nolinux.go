//go:build !linux

package validate

import (
	"os"
	"path/filepath"
)

// Paths and cited files are cached on Linux only, whose stat data this
// package knows how to read: elsewhere every stamp is absent and every key
// zero, so nothing is cached and every answer is worked out.

// lstatStamp is false: paths are cached on Linux only.
func lstatStamp(string) (stamp, bool) { return stamp{}, false }

func statStamp(string) (stamp, bool) { return stamp{}, false }

func stampOfInfo(os.FileInfo) (stamp, bool) { return stamp{}, false }

func (stamp) fileKey() fileKey { return fileKey{} }

// exeKey is the zero key: no cache here.
func exeKey() fileKey { return fileKey{} }

func (stamp) isSymlink() bool { return false }

func (stamp) isDir() bool     { return false }
func (stamp) isRegular() bool { return false }

// lstatDir reports whether rel (from the root, not "") is there and a
// folder, symlinks not followed.
func (c *pathsCache) lstatDir(rel string) (there, dir bool) {
	fi, err := os.Lstat(filepath.Join(c.x.root, filepath.FromSlash(rel)))
	return err == nil, err == nil && fi.IsDir()
}

// rootDir is nothing here: nothing is stat'ed for the caches.
type rootDir struct{}

func (x *repoIndex) statPath(string, bool) (stamp, bool) { return stamp{}, false }

func (x *repoIndex) statRel(string, bool) (stamp, bool) { return stamp{}, false }
