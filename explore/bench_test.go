package explore

import (
	"os"
	"path/filepath"
	"testing"
)

// benchText is about 1 MiB of the fixture's Python, TypeScript and docs.
func benchText(b *testing.B) []byte {
	var text []byte
	err := filepath.Walk(fixture, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().IsRegular() && filepath.Ext(p) != ".png" {
			data, err := os.ReadFile(p)
			text = append(text, data...)
			return err
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	for len(text) < 1<<20 {
		text = append(text, text...)
	}
	return text[:1<<20]
}

// BenchmarkFind measures the scan alone: it must stay well above the
// speed files are read at (a few GB/s from the page cache).
func BenchmarkFind(b *testing.B) {
	text := benchText(b)
	c, _ := ParseConcept("distributed-lock")
	m := newMatcher(c)
	var out []match
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		out = m.find(text, out)
	}
}

// BenchmarkAnalyze adds scoring: line numbers, kinds, definitions.
func BenchmarkAnalyze(b *testing.B) {
	text := benchText(b)
	c, _ := ParseConcept("distributed-lock")
	a := newAnalyzer(c)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		var f fileFacts
		a.analyze("server/acme/kit/locker.py", text, &f)
	}
}

// BenchmarkSearch runs a whole search on the fixture repository; the
// corpus-sized comparison with ripgrep is bench/explore/run.sh.
func BenchmarkSearch(b *testing.B) {
	for b.Loop() {
		if _, err := Search(Options{Root: fixture, Concept: "distributed-lock"}); err != nil {
			b.Fatal(err)
		}
	}
}
