package validate

import (
	"slices"
	"testing"
)

// TestRepeatedCitations: a reference is a repeat when an earlier one on
// the same line cites the same path, lines and symbol; the first of them
// is not, nor is one on another line or citing anything else.
func TestRepeatedCitations(t *testing.T) {
	src := []byte("line one\nline two\n")
	doc := Parse(src, nil)
	one, two := 0, 9 // offsets on lines 1 and 2
	refs := []Ref{
		{Start: one, Path: "a.py", Line: 1, EndLine: 1},
		{Start: one + 2, Path: "a.py", Line: 1, EndLine: 1},              // repeat of 0
		{Start: one + 3, Path: "a.py", Line: 1, EndLine: 2},              // other lines
		{Start: two, Path: "a.py", Line: 1, EndLine: 1},                  // other line
		{Start: one + 4, Path: "a.py", Line: 1, EndLine: 1, Symbol: "X"}, // symbol
		{Start: two + 1, Path: "b.py", Line: 1, EndLine: 1},              // other path
		{Start: one + 5, Path: "a.py", Line: 1, EndLine: 1, Symbol: "X"}, // repeat of 4
		{Start: two + 2, Path: "a.py", Line: 1, EndLine: 1},              // repeat of 3
		{Start: one + 1, Path: "a.py", Line: 1, EndLine: 1},              // repeat of 0
	}
	got := repeatedCitations(doc, refs)
	want := []bool{false, true, false, false, false, false, true, true, true}
	if !slices.Equal(got, want) {
		t.Errorf("repeatedCitations = %v, want %v", got, want)
	}
	if got := repeatedCitations(doc, refs[:1]); !slices.Equal(got, []bool{false}) {
		t.Errorf("one reference: %v", got)
	}
}
