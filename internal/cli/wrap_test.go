package cli

import (
	"slices"
	"strings"
	"testing"
)

func TestWrapWords(t *testing.T) {
	long := "[`server/polar/webhook/repository.py:127-129`](../../../server/polar/webhook/repository.py#L127-L129)"
	for _, tc := range []struct {
		name   string
		line   string
		width  int
		indent int
		want   []string
	}{
		{"fits", "a b c", 10, 2, []string{"a b c"}},
		{"no width", "a b c d e f", 0, 2, []string{"a b c d e f"}},
		{"at words, under the indentation", "  one two three four", 12, 2, []string{"  one two", "    three", "    four"}},
		// A word that fits no line stays with what precedes it: a list's
		// marker is not left alone on a line.
		{"long word kept with its marker", " - " + long + " (repository): `class X(`", 40, 2,
			[]string{" - " + long, "   (repository): `class X(`"}},
		{"long word first", long + " after", 40, 2, []string{long, "  after"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := WrapWords(tc.line, tc.width, tc.indent)
			if !slices.Equal(got, tc.want) {
				t.Errorf("WrapWords(%q, %d, %d)\n got %q\nwant %q", tc.line, tc.width, tc.indent, got, tc.want)
			}
			if strings.Join(strings.Fields(strings.Join(got, " ")), " ") != strings.Join(strings.Fields(tc.line), " ") {
				t.Errorf("words lost or changed: %q", got)
			}
		})
	}
}

func TestWrapFit(t *testing.T) {
	for _, tc := range []struct {
		line  string
		width int
		want  []string
	}{
		{"what is wrong here is long", 12, []string{"what is", "wrong here", "is long"}},
		{"a `path/that/is/longer/than/room` b", 12, []string{"a `path/that", "/is/longer/t", "han/room` b"}},
		{"abcdefghi `path/that/is/longer` b", 12, []string{"abcdefghi", "`path/that/i", "s/longer` b"}},
		{"", 12, []string{""}},
	} {
		got := WrapFit(tc.line, tc.width)
		if !slices.Equal(got, tc.want) {
			t.Errorf("WrapFit(%q, %d) = %q, want %q", tc.line, tc.width, got, tc.want)
		}
		for _, l := range got {
			if n := len([]rune(l)); n > tc.width {
				t.Errorf("WrapFit(%q, %d): %q is %d wide", tc.line, tc.width, l, n)
			}
		}
	}
}
