package validate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestNameIndex compares sameName's index with the map it replaced, on
// listings of up to 1,500 files, many names in a hash slot and many files
// of a name: every name, and names no file has.
func TestNameIndex(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1500} {
		r := rand.New(rand.NewPCG(uint64(n), 3))
		var list []listed
		want := map[string][]string{}
		for i := range n {
			name := fmt.Sprintf("f%d.py", r.IntN(n/3+1))
			rel := fmt.Sprintf("d%d/%d/%s", r.IntN(5), i, name)
			if r.IntN(4) == 0 {
				rel = name // at the root: no slash
			}
			list = append(list, listed{rel: rel})
		}
		slices.SortFunc(list, func(a, b listed) int {
			switch {
			case a.rel < b.rel:
				return -1
			case a.rel > b.rel:
				return 1
			}
			return 0
		})
		list = slices.CompactFunc(list, func(a, b listed) bool { return a.rel == b.rel })
		for _, f := range list {
			want[fileName(f.rel)] = append(want[fileName(f.rel)], f.rel)
		}
		ix := newNameIndex(list)
		for name, files := range want {
			if got := ix.find(list, name); !slices.Equal(got, files) {
				t.Errorf("%d files: %s: got %q, want %q", n, name, got, files)
			}
		}
		for _, name := range []string{"", "x.py", "f.py", "d0", "f1"} {
			if got := ix.find(list, name); len(got) != 0 && !slices.Equal(got, want[name]) {
				t.Errorf("%d files: %s: got %q, want %q", n, name, got, want[name])
			}
		}
	}
}

// TestUnsortedListing checks that a listing in the walk's order (not kept
// in the cache, so not sorted) answers as the sorted one: the files of a
// name and the sources below a folder, both sorted.
func TestUnsortedListing(t *testing.T) {
	var sorted []listed
	for _, p := range []string{"a.py", "pkg/a.py", "pkg/b.go", "pkg/sub/a.py", "pkg/sub/c.txt", "pkg-x/a.py", "pkg.d/a.py", "pkgs/a.py", "z/pkg/a.py", "pkg/link.py"} {
		sorted = append(sorted, listed{rel: p, link: p == "pkg/link.py"})
	}
	slices.SortFunc(sorted, func(a, b listed) int { return strings.Compare(a.rel, b.rel) })
	r := rand.New(rand.NewPCG(5, 8))
	for range 20 {
		shuffled := slices.Clone(sorted)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		for _, dir := range []string{"pkg", "pkg/sub", "z", "pkgs", "none"} {
			if got, want := sourcesBelow(shuffled, dir, true), sourcesBelow(sorted, dir, false); !slices.Equal(got, want) {
				t.Errorf("below %s: got %q, want %q", dir, got, want)
			}
		}
		ix, want := newNameIndex(shuffled), newNameIndex(sorted)
		for _, name := range []string{"a.py", "b.go", "c.txt", "none"} {
			if got, want := ix.find(shuffled, name), want.find(sorted, name); !slices.Equal(got, want) {
				t.Errorf("named %s: got %q, want %q", name, got, want)
			}
		}
	}
}
