package walk

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// index is the sorted list of paths tracked in .git/index. Only names and
// modes are kept: the walker needs to know whether a path is tracked (so it
// is listed even when ignored), whether a folder holds tracked files (so it
// is entered even when ignored) and whether a folder is a submodule.
type index struct {
	paths    []string // sorted, may repeat for conflict stages
	gitlinks map[string]bool
}

const gitlinkMode = 0o160000

// parseIndex reads the entries of a git index file, versions 2 to 4.
// hashSize is 20 for SHA-1 repositories and 32 for SHA-256 ones.
// Extensions after the entries are ignored.
func parseIndex(data []byte, hashSize int) (*index, error) {
	if len(data) < 12 || string(data[:4]) != "DIRC" {
		return nil, errors.New("not a git index (no DIRC signature)")
	}
	version := binary.BigEndian.Uint32(data[4:8])
	if version < 2 || version > 4 {
		return nil, fmt.Errorf("unsupported index version %d", version)
	}
	count := binary.BigEndian.Uint32(data[8:12])
	idx := &index{paths: make([]string, 0, min(int(count), len(data)/62))}
	// Fixed part: ctime, mtime (8 bytes each), dev, ino, mode, uid, gid,
	// size (4 bytes each), the object hash, then 16 bits of flags.
	fixed := 40 + hashSize + 2
	off := 12
	prev := ""
	for i := uint32(0); i < count; i++ {
		start := off
		if off+fixed > len(data) {
			return nil, fmt.Errorf("index truncated in entry %d", i)
		}
		mode := binary.BigEndian.Uint32(data[off+24 : off+28])
		flags := binary.BigEndian.Uint16(data[off+fixed-2 : off+fixed])
		off += fixed
		if flags&0x4000 != 0 { // extended flags (version 3 and later)
			if version < 3 {
				return nil, fmt.Errorf("extended flags in index version %d, entry %d", version, i)
			}
			off += 2
			if off > len(data) {
				return nil, fmt.Errorf("index truncated in entry %d", i)
			}
		}
		var name string
		if version == 4 {
			// The name is the previous one minus N trailing bytes, plus
			// a NUL-terminated suffix; there is no padding.
			strip, n := decodeVarint(data[off:])
			if n <= 0 || strip > uint64(len(prev)) {
				return nil, fmt.Errorf("bad path prefix in index entry %d", i)
			}
			off += n
			end := bytes.IndexByte(data[off:], 0)
			if end < 0 {
				return nil, fmt.Errorf("index truncated in entry %d", i)
			}
			name = prev[:len(prev)-int(strip)] + string(data[off:off+end])
			off += end + 1
		} else {
			end := bytes.IndexByte(data[off:], 0)
			if end < 0 {
				return nil, fmt.Errorf("index truncated in entry %d", i)
			}
			name = string(data[off : off+end])
			// Entries are padded with 1 to 8 NULs to a multiple of 8.
			off = start + (off-start+end+8)&^7
		}
		prev = name
		if mode == gitlinkMode {
			if idx.gitlinks == nil {
				idx.gitlinks = map[string]bool{}
			}
			idx.gitlinks[name] = true
		}
		idx.paths = append(idx.paths, name)
	}
	if !sort.StringsAreSorted(idx.paths) {
		// Git keeps the index sorted; a hand-made one might not be.
		sort.Strings(idx.paths)
	}
	return idx, nil
}

// decodeVarint reads git's offset varint (varint.c): big-endian groups of
// seven bits, each continuation adding one, so that every value has a
// single encoding. It is not encoding/binary's Uvarint; the two agree only
// below 128. n is 0 for a truncated or overflowing number.
func decodeVarint(b []byte) (v uint64, n int) {
	if len(b) == 0 {
		return 0, 0
	}
	c := b[0]
	v = uint64(c & 127)
	n = 1
	for c&128 != 0 {
		v++
		if v == 0 || v>>57 != 0 || n >= len(b) {
			return 0, 0
		}
		c = b[n]
		n++
		v = v<<7 + uint64(c&127)
	}
	return v, n
}

// tracked reports whether path (relative to the repository top) is in the
// index.
func (x *index) tracked(path string) bool {
	if x == nil {
		return false
	}
	i := sort.SearchStrings(x.paths, path)
	return i < len(x.paths) && x.paths[i] == path
}

// hasTrackedUnder reports whether the folder dir (relative to the
// repository top, no trailing slash) contains tracked paths.
func (x *index) hasTrackedUnder(dir string) bool {
	if x == nil {
		return false
	}
	prefix := dir + "/"
	i := sort.SearchStrings(x.paths, prefix)
	return i < len(x.paths) && strings.HasPrefix(x.paths[i], prefix)
}

func (x *index) isGitlink(path string) bool {
	return x != nil && x.gitlinks[path]
}
