package lang

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// DefinedAt must answer as Definitions does, for every name a file
// defines and for names it only mentions or lacks.
func TestDefinedAtAgreesWithDefinitions(t *testing.T) {
	srcs := map[string][]byte{
		"a.py": []byte("class Locker:\n    def lock(self):\n        Locker = 1\n\fdef hidden(): pass\nx_lock = lock\nlock = 2\n"),
		"b.ts": []byte("export class Store {}\nconst store = new Store()\n// class Store\n"),
	}
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		srcs[f] = b
	}
	for file, src := range srcs {
		l := Of(file)
		names := []string{"", "nowhere", "lock", "x"}
		for _, d := range l.Definitions(src) {
			names = append(names, d.Name)
		}
		for _, name := range names {
			var want []int
			for _, d := range l.Definitions(src) {
				if d.Name == name {
					want = append(want, d.Line)
				}
			}
			if got := l.DefinedAt(src, name); !slices.Equal(got, want) {
				t.Errorf("%s: DefinedAt(%q) = %v, Definitions say %v", file, name, got, want)
			}
		}
	}
}

func TestLinesWith(t *testing.T) {
	src := []byte("ab\n\nxab ab\nc\nab")
	for _, s := range []string{"ab", "", "c", "zz", "\n"} {
		var want, got []int
		for i, line := range bytes.Split(src, []byte("\n")) {
			if bytes.Contains(line, []byte(s)) {
				want = append(want, i+1)
			}
		}
		LinesWith(src, s, func(n int, line []byte) {
			if !bytes.Contains(line, []byte(s)) && s != "\n" {
				t.Errorf("%q: line %d %q does not hold it", s, n, line)
			}
			got = append(got, n)
		})
		if s == "\n" {
			continue // a newline is in no line
		}
		if !slices.Equal(got, want) {
			t.Errorf("LinesWith(%q) = %v, want %v", s, got, want)
		}
	}
}
