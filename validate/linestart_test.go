package validate

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestLineStartAnyOrder asks a file's lines in random order, near one
// another and far apart (forward from the start or the line last asked
// for, back from it), and compares each start with a count from the
// start; on files of short and long lines, with and without a final
// newline.
func TestLineStartAnyOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	for _, text := range []string{
		"",
		"one line",
		"a\nb\n",
		strings.Repeat("x = 1\n", 5000),
		strings.Repeat("def f():\n    return 1\n\n", 700) + "last",
		strings.Repeat(strings.Repeat("y", 3000)+"\n\n", 40),
	} {
		src := []byte(text)
		lines := 0
		if len(src) > 0 {
			lines = bytes.Count(src[:len(src)-1], []byte("\n")) + 1
		}
		var starts []int // starts[i] is where line i+1 starts
		for off := 0; off < len(src) || off == 0; {
			starts = append(starts, off)
			k := bytes.IndexByte(src[off:], '\n')
			if k < 0 {
				break
			}
			off += k + 1
		}
		f := &codeFile{src: src, lines: lines}
		prev := 1
		for range 400 {
			n := 1 + r.IntN(lines+1)
			if r.IntN(2) == 0 { // near the last one, either side
				n = min(max(1, prev+r.IntN(200)-100), lines+1)
			}
			want := len(src)
			if n <= lines {
				want = starts[n-1]
			}
			if got := f.lineStart(n); got != want {
				t.Fatalf("%d lines: line %d (after %d): got %d, want %d", lines, n, prev, got, want)
			}
			prev = n
		}
	}
}
