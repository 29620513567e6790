package workspace

import (
	"fmt"
	"strings"
	"testing"
)

// bigNav is a docs.json with n pages, some several to a line, in groups.
func bigNav(n int) []byte {
	var b strings.Builder
	b.WriteString("{\r\n  \"navigation\": {\"groups\": [\n")
	for g := 0; g*100 < n; g++ {
		if g > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "    {\"group\": \"G%d\", \"pages\": [\n", g)
		for i := g * 100; i < min(n, (g+1)*100); i++ {
			sep := ",\n      "
			if i%3 == 0 {
				sep = ", "
			}
			if i > g*100 {
				b.WriteString(sep)
			}
			fmt.Fprintf(&b, "%q", fmt.Sprintf("section/page-%d", i))
		}
		b.WriteString("]}")
	}
	b.WriteString("\n  ]}\n}\n")
	return []byte(b.String())
}

// Pages counts lines incrementally; its positions must be the ones
// counted from the start.
func TestPagesPositionsMatchLineCol(t *testing.T) {
	data := bigNav(1000)
	nav, err := ParseNav("docs.json", data)
	if err != nil {
		t.Fatal(err)
	}
	pages := nav.Pages()
	if len(pages) != 1000 {
		t.Fatalf("%d pages", len(pages))
	}
	for _, p := range pages {
		off := strings.Index(string(data), fmt.Sprintf("%q", p.Page))
		line, col := lineCol(data, off)
		if p.Line != line || p.Column != col {
			t.Fatalf("%s at %d:%d, want %d:%d", p.Page, p.Line, p.Column, line, col)
		}
	}
}

// BenchmarkPages40k: 40,000 pages (issue 8, item 15: new took 3 s when
// Pages recounted lines from the start for every page).
func BenchmarkPages40k(b *testing.B) {
	data := bigNav(40000)
	nav, err := ParseNav("docs.json", data)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		nav.Pages()
	}
}

// BenchmarkAddPage40k is what new does with docs.json: parse, then add.
func BenchmarkAddPage40k(b *testing.B) {
	data := bigNav(40000)
	for b.Loop() {
		nav, err := ParseNav("docs.json", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := nav.AddPage("G7", "section/new-page"); err != nil {
			b.Fatal(err)
		}
	}
}
