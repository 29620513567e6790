// Package walk lists the files of a repository exactly as git would:
// `git ls-files --cached --others --exclude-standard`.
//
// STUB: this naive version ignores .gitignore; the real walker replaces it
// with the same API.
package walk

import (
	"io/fs"
	"path/filepath"
)

// Options tune a walk.
type Options struct {
	// Workers is how many goroutines read folders; 0 means one per CPU.
	Workers int
}

// File is one file the walk yields.
type File struct {
	Rel  string // path relative to the root, forward slashes
	Abs  string // absolute path
	Size int64
}

// Stats count what the walk saw.
type Stats struct {
	Files      int // files yielded
	Dirs       int // folders read
	Unreadable int // folders or ignore files that could not be read
}

// Walk calls fn for every file under root that git would list (tracked, or
// untracked and not ignored); .git is never entered and symlinks are never
// followed (a symlink is yielded as a file, like git does, but its target is
// never read as a folder). fn may be called from several goroutines at once.
func Walk(root string, opts Options, fn func(File)) (Stats, error) {
	var st Stats
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			st.Unreadable++
			return nil
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			st.Dirs++
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		var size int64
		if fi, err := d.Info(); err == nil {
			size = fi.Size()
		}
		st.Files++
		fn(File{Rel: filepath.ToSlash(rel), Abs: p, Size: size})
		return nil
	})
	return st, err
}
