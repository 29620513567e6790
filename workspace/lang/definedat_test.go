package lang

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
			if got := l.Defines(src, name); got != (len(want) > 0) {
				t.Errorf("%s: Defines(%q) = %v, Definitions say %v", file, name, got, want)
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

// The finder answers as bytes.Index, whatever the text and string: rare
// bytes that are common in the text, matches at both ends, overlaps.
func TestFinderAgreesWithIndex(t *testing.T) {
	texts := [][]byte{
		bytes.Repeat([]byte("kkkkkkkk"), 20),
		[]byte(strings.Repeat("self._safetext(x) ", 10) + "CacheBackend"),
		[]byte("CacheBackend" + strings.Repeat(" ", 100)),
		[]byte(strings.Repeat("ab", 64) + "abc"),
	}
	for _, f := range []string{"definedat_test.go", "lang.go"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, b)
	}
	for _, text := range texts {
		for _, s := range []string{"", "k", "kk", "kkkkkkkkk", "CacheBackend", "_safetext", "abc", "ab", "ba", "zzz", "func", "LinesWith", "Backend\n", "e"} {
			for _, from := range []int{0, 1, 7, len(text) / 2, len(text) - 3, len(text)} {
				if from < 0 || from > len(text) {
					continue
				}
				want := bytes.Index(text[from:], []byte(s))
				if got := newFinder(s).index(text[from:]); got != want {
					t.Errorf("finder(%q).index(text[%d:]) = %d, bytes.Index says %d", s, from, got, want)
				}
			}
		}
	}
}

func FuzzFinder(f *testing.F) {
	f.Add([]byte("class CacheBackend(Base):\n    pass\n"), "CacheBackend")
	f.Add(bytes.Repeat([]byte("xq"), 50), "qxq")
	f.Fuzz(func(t *testing.T, text []byte, s string) {
		if got, want := newFinder(s).index(text), bytes.Index(text, []byte(s)); got != want {
			t.Errorf("finder(%q).index(%q) = %d, bytes.Index says %d", s, text, got, want)
		}
	})
}

// The finder tests a second rare byte before comparing the whole string:
// the rarest of the others, and, in a string of one byte, the same one.
func TestFinderSecondByte(t *testing.T) {
	for _, s := range []string{"CacheBackend", "add_doc", "update_graphs", "ab", "kk", "k"} {
		f := newFinder(s)
		if len(s) > 1 && f.at2 == f.at || len(s) == 1 && f.at2 != f.at {
			t.Errorf("finder(%q): second byte at %d, rarest at %d", s, f.at2, f.at)
		}
		if f.rare2 != s[f.at2] {
			t.Errorf("finder(%q): second byte %q, the string has %q there", s, f.rare2, s[f.at2])
		}
		for i := range len(s) {
			if i != f.at && byteRank[s[i]] < byteRank[f.rare2] {
				t.Errorf("finder(%q): %q at %d is rarer than the second byte %q", s, s[i], i, f.rare2)
			}
		}
	}
	// The rare byte everywhere, the second byte nowhere but in the match.
	text := []byte(strings.Repeat("Cachekend ", 40) + "CacheBackend")
	if got := newFinder("CacheBackend").index(text); got != 400 {
		t.Errorf("index = %d, want 400", got)
	}
}
