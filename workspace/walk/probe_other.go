//go:build !linux

package walk

import "os"

// probeFds holds no descriptor here: folders are looked up by their path
// (the Linux version keeps them open; see probe_linux.go).
type probeFds struct{}

func (*probeFds) closeAll()   {}
func (*probeFds) release(int) {}

const maxHeldFds = 0

// openDirIn reports whether the folder name of parent is one the walk can
// list; it keeps no descriptor.
func (p *Probe) openDirIn(_ int, parent, name string) (int, bool) {
	return 0, readable(parent + name)
}

// lstatIn is os.Lstat of parent+name.
func lstatIn(_ int, parent, name string) (os.FileInfo, error) {
	return os.Lstat(parent + name)
}

// statHeld is never called: no folder is held here.
func statHeld(int, string) (os.FileInfo, error) { return nil, os.ErrInvalid }

// loadIgnoreIn is loadIgnore.
func (w *walker) loadIgnoreIn(_ int, dir, path string, parent *frame) *frame {
	return w.loadIgnore(dir, path, parent)
}

// heldFds counts the folder descriptors probes hold: none here.
var heldFds atomicZero

type atomicZero struct{}

func (atomicZero) Load() int64 { return 0 }

// OpenFile opens nothing here: the probe holds no folder, and the caller
// opens the path itself (held is false; see probe_linux.go).
func (p *Probe) OpenFile(rel string, flags int) (fd int, held bool, err error) {
	return -1, false, nil
}
