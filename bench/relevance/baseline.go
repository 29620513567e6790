package main

import (
	"bytes"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// conceptWords splits a kebab-case concept into its stemmed words.
func conceptWords(name string) []string {
	var out []string
	for _, w := range splitWords(name) {
		out = append(out, stem(w))
	}
	return out
}

// splitWords splits a name on separators and camel humps, lower-cased:
// "rate_limit", "RateLimit" and "rate-limit" all give rate, limit.
func splitWords(s string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && len(cur) > 0 &&
			(unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]) ||
				(i+1 < len(rs) && unicode.IsLower(rs[i+1]))):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return words
}

// stem is the light stemming a person does when scanning names: plural and
// -ing/-ed/-er/-ation forms of a word look like the word. It is applied to
// both sides, so it only has to be consistent, not linguistically right.
func stem(w string) string {
	w = strings.ToLower(w)
	for _, s := range []struct {
		suffix, repl string
		keep         int // letters that must remain
	}{
		{"ations", "", 4}, {"ation", "", 4}, {"ings", "", 4}, {"ing", "", 4},
		{"ies", "y", 3}, {"ers", "", 4}, {"er", "", 4}, {"ed", "", 4},
		{"es", "", 4}, {"s", "", 3}, {"e", "", 4},
	} {
		if strings.HasSuffix(w, s.suffix) && len(w)-len(s.suffix) >= s.keep && !strings.HasSuffix(w, "ss") {
			return w[:len(w)-len(s.suffix)] + s.repl
		}
	}
	return w
}

// File classes, in the order a backend developer scanning the tree looks at
// them: backend code first, then other code, front-end code, config and
// data, docs, and tests last.
const (
	classBackend = iota
	classCode
	classFrontend
	classData
	classDoc
	classTest
)

var extClass = map[string]int{
	".py": classBackend, ".go": classBackend, ".rb": classBackend, ".rake": classBackend,
	".java": classBackend, ".kt": classBackend, ".rs": classBackend, ".php": classBackend,
	".ex": classBackend, ".exs": classBackend, ".cs": classBackend, ".scala": classBackend,
	".sql": classCode, ".sh": classCode, ".tf": classCode,
	".ts": classFrontend, ".tsx": classFrontend, ".js": classFrontend, ".jsx": classFrontend,
	".mjs": classFrontend, ".cjs": classFrontend, ".vue": classFrontend, ".svelte": classFrontend,
	".css": classFrontend, ".scss": classFrontend, ".html": classFrontend, ".erb": classFrontend,
	".haml": classFrontend, ".hbs": classFrontend,
	".json": classData, ".yaml": classData, ".yml": classData, ".toml": classData, ".lock": classData,
	".csv": classData, ".svg": classData, ".png": classData, ".jpg": classData, ".gif": classData,
	".ico": classData, ".xml": classData, ".ini": classData, ".cfg": classData, ".txt": classDoc,
	".md": classDoc, ".mdx": classDoc, ".rst": classDoc,
}

var testDirs = map[string]bool{
	"test": true, "tests": true, "spec": true, "specs": true, "__tests__": true, "e2e": true,
	"testdata": true, "fixtures": true, "load_tests": true, "__mocks__": true,
}

func fileClass(p string) int {
	base := path.Base(p)
	for _, seg := range strings.Split(path.Dir(p), "/") {
		if testDirs[seg] {
			return classTest
		}
	}
	if strings.HasPrefix(base, "test_") || base == "conftest.py" ||
		strings.HasSuffix(base, "_test.go") || strings.HasSuffix(base, "_test.py") ||
		strings.HasSuffix(base, "_spec.rb") || strings.HasSuffix(base, "_test.rb") ||
		strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") {
		return classTest
	}
	if c, ok := extClass[strings.ToLower(path.Ext(base))]; ok {
		return c
	}
	return classCode
}

// fileNameScore scores how well a path's names match the concept words, as a
// person scanning file names would: a word in the file name counts 3, in the
// folder holding it 2, higher up 1, each times the word's rarity among the
// paths (a person skims past "task" in a tree full of tasks.py and looks for
// "debounce"); a path holding every word, and a file or folder named after the
// whole concept, count extra.
func fileNameScore(p string, words []string, idf map[string]float64) float64 {
	base := path.Base(p)
	if ext := path.Ext(base); ext != "" && ext != base {
		base = strings.TrimSuffix(base, ext)
	}
	baseTok := stemAll(splitWords(base))
	dirs := strings.Split(path.Dir(p), "/")
	parentTok := stemAll(splitWords(dirs[len(dirs)-1]))
	var upTok []string
	for _, d := range dirs[:len(dirs)-1] {
		upTok = append(upTok, stemAll(splitWords(d))...)
	}
	var score, all float64
	inBase, inParent, matched := 0, 0, 0
	for _, w := range words {
		all += idf[w]
		switch {
		case contains(baseTok, w):
			score += 3 * idf[w]
			inBase++
		case contains(parentTok, w):
			score += 2 * idf[w]
			inParent++
		case contains(upTok, w):
			score += idf[w]
		default:
			continue
		}
		matched++
	}
	if matched == 0 {
		return 0
	}
	if matched == len(words) {
		score += all
	}
	if inBase == len(words) || inParent == len(words) {
		score += all
	}
	return score
}

// pathIDF weighs each word by how few paths hold it: ln(1 + files/df).
func pathIDF(files []string, words []string) map[string]float64 {
	df := map[string]int{}
	for _, f := range files {
		toks := stemAll(splitWords(f))
		for _, w := range words {
			if contains(toks, w) {
				df[w]++
			}
		}
	}
	idf := map[string]float64{}
	for _, w := range words {
		idf[w] = math.Log(1 + float64(len(files))/float64(max(df[w], 1)))
	}
	return idf
}

func stemAll(ws []string) []string {
	for i, w := range ws {
		ws[i] = stem(w)
	}
	return ws
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// rankByFileName orders the files with any matching name: by class (backend
// code first, tests last), then score, then the shallower and shorter path.
func rankByFileName(files []string, words []string, limit int) []string {
	type cand struct {
		p     string
		class int
		score float64
	}
	var cs []cand
	idf := pathIDF(files, words)
	for _, f := range files {
		if s := fileNameScore(f, words, idf); s > 0 {
			cs = append(cs, cand{f, fileClass(f), s})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.class != b.class {
			return a.class < b.class
		}
		if a.score != b.score {
			return a.score > b.score
		}
		da, db := strings.Count(a.p, "/"), strings.Count(b.p, "/")
		if da != db {
			return da < db
		}
		if len(a.p) != len(b.p) {
			return len(a.p) < len(b.p)
		}
		return a.p < b.p
	})
	var out []string
	for i := 0; i < len(cs) && i < limit; i++ {
		out = append(out, cs[i].p)
	}
	return out
}

// grepIndex holds, per file, how often each search word occurs in it
// (case-insensitive substring counts, as `grep -oi WORD | wc -l` would give).
type grepIndex struct {
	files  []string
	counts []map[string]int
}

const maxGrepFile = 2 << 20 // the size explore skips by default

// buildGrepIndex reads every file once and counts all the words of all the
// concepts. Binary files (a NUL in the first 8 KiB) and files over 2 MiB are
// skipped, as explore skips them.
func buildGrepIndex(root string, files []string, words []string) (*grepIndex, error) {
	idx := &grepIndex{}
	pats := make([][]byte, len(words))
	for i, w := range words {
		pats[i] = []byte(w)
	}
	buf := make([]byte, maxGrepFile+1)
	for _, f := range files {
		fh, err := os.Open(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			continue
		}
		n, _ := io.ReadFull(fh, buf)
		fh.Close()
		data := buf[:n]
		if n > maxGrepFile || bytes.IndexByte(data[:min(n, 8192)], 0) >= 0 {
			continue
		}
		lower := bytes.ToLower(data)
		var m map[string]int
		for i, p := range pats {
			if c := bytes.Count(lower, p); c > 0 {
				if m == nil {
					m = map[string]int{}
				}
				m[words[i]] = c
			}
		}
		if m != nil {
			idx.files = append(idx.files, f)
			idx.counts = append(idx.counts, m)
		}
	}
	return idx, nil
}

// rank orders the files holding any concept word: most distinct words first,
// then most matches in all.
func (g *grepIndex) rank(words []string, limit int) []string {
	type cand struct {
		p               string
		distinct, total int
	}
	var cs []cand
	for i, m := range g.counts {
		c := cand{p: g.files[i]}
		for _, w := range words {
			if n := m[w]; n > 0 {
				c.distinct++
				c.total += n
			}
		}
		if c.distinct > 0 {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.distinct != b.distinct {
			return a.distinct > b.distinct
		}
		if a.total != b.total {
			return a.total > b.total
		}
		return a.p < b.p
	})
	var out []string
	for i := 0; i < len(cs) && i < limit; i++ {
		out = append(out, cs[i].p)
	}
	return out
}
