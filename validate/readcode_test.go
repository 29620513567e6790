package validate

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/workspace/lang"
	"github.com/handbook-dev/handbook/workspace/walk"
)

// readCode reads regular files within the limit and nothing else; a
// symlink is never followed, even to a readable file.
func TestReadCode(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.py")
	if err := os.WriteFile(file, []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.py")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.py")
	if err := os.Symlink(file, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	for _, tc := range []struct {
		name  string
		limit int64
		want  string
		ok    bool
	}{
		{file, 100, "x = 1\n", true},
		{file, 6, "x = 1\n", true},
		{file, 5, "", false},
		{empty, 5, "", true},
		{link, 100, "", false},
		{dir, 100, "", false},
		{filepath.Join(dir, "missing.py"), 100, "", false},
	} {
		got, ok := readCode(tc.name, tc.limit)
		if ok != tc.ok || string(got) != tc.want {
			t.Errorf("readCode(%s, %d) = %q, %v; want %q, %v", filepath.Base(tc.name), tc.limit, got, ok, tc.want, tc.ok)
		}
	}
}

// line finds line starts only as far as asked, in any order of asking,
// and answers as splitting the file at its newlines does.
func TestCodeFileLine(t *testing.T) {
	var long strings.Builder // lines of every length, over many counting blocks
	for i := range 3000 {
		long.WriteString(strings.Repeat("x", i%97) + "\n")
	}
	for _, src := range []string{"", "a", "a\n", "a\nb", "a\nb\n", "\n\n\nx\n", "one\ntwo\n\nfour", long.String(), long.String() + "end"} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "f.py"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		x := &repoIndex{root: dir, srcs: map[string]*codeFile{}}
		x.kinds.Set("f.py", kindOf{kind: walk.RegularFile})
		f := x.file("f.py")
		want := strings.Split(strings.TrimSuffix(src, "\n"), "\n")
		if src == "" {
			want = nil
		}
		if f.lines != len(want) {
			t.Errorf("%q: %d lines, want %d", src, f.lines, len(want))
		}
		asks := []int{3, 1, 4, 2, 0, 5, 9, 2999, 100, 101, 3000, 3001, 1500, 40, 2000, 2001, 2003}
		for n := len(want); n >= 1; n -= 7 { // backwards, over every block boundary
			asks = append(asks, n)
		}
		for n := 1; n <= len(want); n++ {
			asks = append(asks, n)
		}
		for _, n := range asks {
			w := ""
			if n >= 1 && n <= len(want) {
				w = want[n-1]
			}
			if got := string(f.line(n)); got != w {
				t.Errorf("%q: line(%d) = %q, want %q", src, n, got, w)
			}
		}
	}
}

// nearestDefinition, looking in windows around a line, answers as picking
// the nearest (the earlier of two as near) of every definition in the file.
func TestNearestDefinitionAsWholeFile(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for round := range 40 {
		var b strings.Builder
		n := 50 + r.IntN(3000)
		for i := 0; i < n; i++ {
			switch r.IntN(40 + 400*(round%2)) {
			case 0:
				b.WriteString("def target():\n")
			case 1:
				b.WriteString("    def target(self):\n")
			case 2:
				b.WriteString("target = 1\n")
			default:
				b.WriteString(strings.Repeat("x", r.IntN(60)) + " target\n")
			}
		}
		f := &codeFile{path: "a.py", src: []byte(b.String()), lines: n}
		all := lang.Of("a.py").DefinedAt(f.src, "target")
		for _, line := range []int{1, n, n + 500, r.IntN(n) + 1, r.IntN(n) + 1, r.IntN(n) + 1} {
			want, ok := 0, len(all) > 0
			for _, d := range all {
				if want == 0 || abs(d-line) < abs(want-line) {
					want = d
				}
			}
			got, gok := f.nearestDefinition("target", line)
			if got != want || gok != ok {
				t.Fatalf("round %d, line %d of %d: nearestDefinition = %d, %v; every definition says %d, %v", round, line, n, got, gok, want, ok)
			}
		}
	}
}
