package explore

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/handbook-dev/handbook/workspace/lang"
)

func TestDefinedName(t *testing.T) {
	for _, tc := range []struct {
		path, line, word, want string
	}{
		{"a.py", "class DistributedLock:", "DistributedLock", "class DistributedLock"},
		{"a.py", "class DistributedLock(Base):", "DistributedLock", "class DistributedLock"},
		{"a.py", "    async def acquire_lock(self) -> bool:", "lock", "async def acquire_lock"},
		{"a.py", "def distributed_lock(redis):", "distributed_lock", "def distributed_lock"},
		{"a.py", "LOCK_TIMEOUT = 30", "LOCK", "LOCK_TIMEOUT"},
		{"a.py", "LOCK_TIMEOUT: float = 30", "LOCK", "LOCK_TIMEOUT"},
		{"a.go", "func NewDistributedLock(c *Client) *DistributedLock {", "DistributedLock", "func NewDistributedLock"},
		{"a.go", "func (l *Lock) Acquire() error {", "Acquire", "func (l *Lock) Acquire"},
		{"a.go", "type DistributedLock struct {", "DistributedLock", "type DistributedLock"},
		{"a.ts", "export class DistributedLock {", "DistributedLock", "export class DistributedLock"},
		{"a.ts", "export interface LockOptions {", "Lock", "export interface LockOptions"},
		{"a.tsx", "export const useDistributedLock = () => {", "DistributedLock", "export const useDistributedLock"},
		{"a.ts", "export default function lockOrder(id: string) {", "lock", "export default function lockOrder"},
		{"a.rs", "pub struct DistributedLock {", "DistributedLock", "pub struct DistributedLock"},
		{"a.sql", "CREATE TABLE IF NOT EXISTS distributed_locks (", "distributed_locks", "CREATE TABLE IF NOT EXISTS distributed_locks"},
		// Uses are not definitions.
		{"a.py", "    lock = DistributedLock(redis)", "DistributedLock", ""},
		{"a.py", "    return DistributedLock()", "DistributedLock", ""},
		{"a.go", "	l := NewDistributedLock(c)", "DistributedLock", ""},
		{"a.ts", "const x = new DistributedLock()", "DistributedLock", ""},
		{"a.py", "x == LOCK_TIMEOUT", "LOCK", ""},
	} {
		text := "x = 1\n" + tc.line + "\ny = 2\n"
		ms := strings.Index(text, tc.word)
		lf := factsOf([]byte(text), ms, lang.Of(tc.path))
		got := ""
		if lf.nameStart <= ms && ms+len(tc.word) <= lf.nameEnd {
			got = lang.Shown([]byte(text)[lf.defAt:lf.nameEnd])
		}
		if lf.start != len("x = 1\n") || lf.end != lf.start+len(tc.line) {
			t.Errorf("%q: line at [%d, %d)", tc.line, lf.start, lf.end)
		}
		if got != tc.want {
			t.Errorf("%s %q: defines %q, want %q", tc.path, tc.line, got, tc.want)
		}
	}
}

// TestLongLine makes sure a minified file, one long line full of matches,
// is classified in linear time: quadratic work here would hang the search.
func TestLongLine(t *testing.T) {
	c, _ := ParseConcept("distributed-lock")
	a := newAnalyzer(c)
	a.wantPicks = true
	line := []byte("var a=1;" + strings.Repeat("lock(x);", 250_000))
	var f fileFacts
	_, s := a.analyze("dist/app.min.js", line, &f)
	if len(s.picks) != 1 || s.picks[0].line != 1 {
		t.Errorf("picks %+v, want the one line", s.picks)
	}
}

func TestSnippetText(t *testing.T) {
	line := []byte(strings.Repeat("é", 300) + "distributed_lock" + strings.Repeat("x", 300) + "\r")
	ms := strings.Index(string(line), "distributed_lock")
	text, spans := snippetText(line, [][2]int{{ms, ms + len("distributed_lock")}})
	if !strings.HasPrefix(text, "…") || !strings.HasSuffix(text, "…") || strings.ContainsRune(text, '\r') {
		t.Errorf("long line not cut on both sides: %q", text)
	}
	if len(spans) != 1 || text[spans[0][0]:spans[0][1]] != "distributed_lock" {
		t.Errorf("spans %v do not point at the match in %q", spans, text)
	}
	if text, _ := snippetText([]byte("caf\xe9\tlock"), nil); text != "caf\uFFFD    lock" {
		t.Errorf("invalid UTF-8 and tabs: %q", text)
	}
}

// FuzzAnalyze feeds any bytes to the scorer and the snippet builder: they
// must not panic, and snippets must be valid UTF-8 on the right lines.
func FuzzAnalyze(f *testing.F) {
	f.Add("a.py", []byte("class DistributedLock:\n    \"\"\"A lock.\"\"\"\n# lock\r\n"), 2)
	f.Add("a.ts", []byte("/* lock */ export const distributedLock = 1\n\xff\xfe lock"), 0)
	f.Add("docs/x.md", []byte("lock\n\n\nlock"), 5)
	f.Fuzz(func(t *testing.T, path string, data []byte, context int) {
		c, _ := ParseConcept("distributed-lock")
		p := &plan{concept: c, context: min(max(context, 0), maxContext)}
		an := newAnalyzer(c)
		a := &an
		a.wantPicks = true
		var ff fileFacts
		_, s := a.analyze(path, data, &ff)
		lines := strings.Count(string(data), "\n") + 1
		for _, h := range p.hits(a, data, s.picks, lang.Of(path)) {
			if h.Line < 1 || h.Line > lines || !utf8.ValidString(h.Text) {
				t.Fatalf("bad hit %+v in %d lines", h, lines)
			}
			for _, sp := range h.Spans {
				if sp[0] < 0 || sp[1] > len(h.Text) || sp[0] > sp[1] {
					t.Fatalf("bad span %v in %q", sp, h.Text)
				}
			}
		}
	})
}

// Memory is bounded by what the output needs, not by the number of matches
// (issue 8, item 16): matches are held one chunk at a time, and only the
// picks the snippets can come from are kept.
// TestLetterWithDigits: s3-storage is about S3, not every s of the code
// (s *Store, a receiver in every Go method), which the letter alone
// matched.
func TestLetterWithDigits(t *testing.T) {
	c, _ := ParseConcept("s3-storage")
	a := newAnalyzer(c)
	var f fileFacts
	a.analyze("store/blob.go", []byte("func (s *Store) Put(k string) error {\n\treturn s.put(k)\n}\n"), &f)
	if f.tf[0] != 0 {
		t.Errorf("s3 found %v times in code without it", f.tf[0])
	}
	f = fileFacts{}
	a.analyze("store/blob.go", []byte("// Put uploads to S3.\nfunc (b *S3Bucket) Put(k string) error { return newS3Client().put(k) }\n"), &f)
	if f.tf[0] == 0 {
		t.Errorf("s3 not found in S3Bucket, newS3Client")
	}
}

func TestManyMatchesKeepLittle(t *testing.T) {
	c, _ := ParseConcept("distributed-lock")
	a := newAnalyzer(c)
	a.wantPicks = true
	var b strings.Builder
	for b.Len() < 4*analyzeChunk {
		b.WriteString("lock lock lock lock lock lock lock lock\n")
	}
	b.WriteString("class DistributedLock:\n")
	total := strings.Count(b.String(), "lock")
	var ff fileFacts
	ok, s := a.analyze("server/locks.py", []byte(b.String()), &ff)
	if !ok {
		t.Fatal("no match")
	}
	if cap(a.matches) > total/2 {
		t.Errorf("held room for %d matches of %d; want about one chunk's", cap(a.matches), total)
	}
	if len(s.picks) > maxSnippets+1 {
		t.Errorf("%d picks kept; want at most %d lines and the definition", len(s.picks), maxSnippets)
	}
	var def bool
	for _, p := range s.picks {
		def = def || p.kind == KindDefinition && p.def == "DistributedLock"
	}
	if !def {
		t.Errorf("picks %+v lack the definition", s.picks)
	}
}

// TestNamedLooselyFolderByFolder: the folder's answer, which a worker
// keeps for the folder's next files, is that folder's and not the one
// before it.
func TestNamedLooselyFolderByFolder(t *testing.T) {
	c, err := ParseConcept("csp")
	if err != nil {
		t.Fatal(err)
	}
	a := newAnalyzer(c)
	for _, tc := range []struct {
		rel  string
		want bool
	}{
		{"server/app/views.py", false},
		{"server/content_security_policy/__init__.py", true},
		{"server/content_security_policy/rules.py", true},
		{"server/app/models.py", false},
		{"models.py", false},
		{"content_security_policy.py", true},
		{"server/app/content_security_policy.py", true},
		{"server/app/urls.py", false},
	} {
		if got := a.namedLoosely(tc.rel); got != tc.want {
			t.Errorf("namedLoosely(%q) = %v, want %v", tc.rel, got, tc.want)
		}
	}
}

// splitWindows gives data in windows that end after a newline, each at
// least about size bytes, as a file read a buffer at a time is.
type splitWindows struct {
	data []byte
	size int
	off  int
}

func (w *splitWindows) next() ([]byte, error) {
	if w.off >= len(w.data) {
		return nil, nil
	}
	start := w.off
	end := min(len(w.data), start+w.size)
	if i := bytes.IndexByte(w.data[end:], '\n'); i >= 0 && end < len(w.data) {
		end += i + 1
	} else {
		end = len(w.data)
	}
	w.off = end
	// A copy, reused: what the analyzer keeps must not point into it.
	return append([]byte(nil), w.data[start:end]...), nil
}

// TestWindowsEqualWhole: a file analysed a window at a time, as a big
// file is read, gives the facts the whole file gives, whatever the
// windows: lines and docstrings counted across them, definitions shown,
// the head's marker and hash.
func TestWindowsEqualWhole(t *testing.T) {
	lines := []string{
		"class DistributedLock:", `    """Takes the distributed lock.`, `    lock it"""`, "    def acquire_lock(self): pass",
		"# a comment about the lock", "x = lock_timeout  # lock", "", "def release(lock): return lock",
		"LOCK = 'distributed lock'", "'''", "a lock in a docstring", "'''", "export class LockManager {}",
		"// Code generated by hand, not: DO NOT EDIT", "locks = [Lock() for _ in range(3)]",
	}
	r := rand.New(rand.NewPCG(3, 4))
	c, err := ParseConcept("distributed-lock")
	if err != nil {
		t.Fatal(err)
	}
	for round := range 300 {
		var b strings.Builder
		for range 1 + r.IntN(120) {
			b.WriteString(lines[r.IntN(len(lines))])
			b.WriteByte('\n')
		}
		data := []byte(b.String())
		if r.IntN(3) == 0 {
			data = data[:len(data)-1] // no newline at the end
		}
		path := []string{"a.py", "a.ts", "a.md", "a.go"}[round%4]
		// A doc comment and the definition it documents are paired
		// within a window: a pair a window boundary cuts (in a file
		// streamed in windows, or past a chunk) is not credited, so the
		// documented definitions are left out of this comparison.
		whole := newAnalyzer(c)
		whole.docs = false
		var want fileFacts
		wantOK, _ := whole.analyze(path, data, &want)

		a := newAnalyzer(c)
		a.docs = false
		var got fileFacts
		src := &splitWindows{data: data, size: 1 + r.IntN(200)}
		gotOK, _, err := a.analyzeWindows(path, nil, data[:min(len(data), fileHead)], src, &got)
		if err != nil {
			t.Fatal(err)
		}
		if gotOK != wantOK || !reflect.DeepEqual(got, want) || !slices.Equal(a.identBuf, whole.identBuf) || !slices.Equal(a.identEnds, whole.identEnds) {
			t.Fatalf("round %d (%s, windows of %d+ bytes):\nwindows %v %+v %v\nwhole   %v %+v %v", round, path, src.size, gotOK, got, a.identBuf, wantOK, want, whole.identBuf)
		}
	}
}

// TestPassCountsAsSnippets: the pass counts lines only up to the
// definitions and docstring quotes only up to the matches (and nothing
// after the last match); what it learns must be what the eager count of
// the snippet analysis learns: the same counts, and each definition on
// the line that holds it.
func TestPassCountsAsSnippets(t *testing.T) {
	lines := []string{
		"class DistributedLock:", `    """Takes the distributed lock.`, `    lock it"""`, "    def acquire_lock(self): pass",
		"# a comment about the lock", "x = lock_timeout  # lock", "", "def release(lock): return lock",
		"'''", "a lock in a docstring", "'''", "nothing here", "def other(): pass", `"""`,
		"class LockManager:", "    def lock_order(self): pass",
	}
	r := rand.New(rand.NewPCG(5, 6))
	c, err := ParseConcept("distributed-lock")
	if err != nil {
		t.Fatal(err)
	}
	for round := range 300 {
		var b strings.Builder
		for range 1 + r.IntN(60) {
			b.WriteString(lines[r.IntN(len(lines))])
			b.WriteByte('\n')
		}
		data := []byte(b.String())
		path := []string{"a.py", "a.ts"}[round%2]
		pass := newAnalyzer(c)
		var got fileFacts
		gotOK, _ := pass.analyze(path, data, &got)
		snip := newAnalyzer(c)
		snip.wantPicks = true
		var want fileFacts
		wantOK, s := snip.analyze(path, data, &want)
		if gotOK != wantOK || got.tf != want.tf || got.phrase != want.phrase || got.partial != want.partial || got.phraseCode != want.phraseCode ||
			got.reversed != want.reversed || got.reversedCode != want.reversedCode || got.inOrder != want.inOrder {
			t.Fatalf("round %d (%s): the pass learnt %v %+v, the snippet analysis %v %+v\n%s", round, path, gotOK, got, wantOK, want, data)
		}
		text := strings.Split(string(data), "\n")
		for _, d := range got.defs {
			if !strings.Contains(text[d.line-1], d.name) {
				t.Fatalf("round %d (%s): definition %s on line %d, which is %q\n%s", round, path, d.name, d.line, text[d.line-1], data)
			}
		}
		for _, pk := range s.picks {
			if pk.kind == KindDefinition && !strings.Contains(text[pk.line-1], pk.def) {
				t.Fatalf("round %d (%s): snippet of %s on line %d, which is %q", round, path, pk.def, pk.line, text[pk.line-1])
			}
		}
	}
}

// TestReversedRuns: a run of the concept's words out of its order is
// counted apart (whether it is the phrase is known only once the whole
// repository has been seen); one across a '.' (a namespace and its part,
// an object and its member) says nothing of the order.
func TestReversedRuns(t *testing.T) {
	c, err := ParseConcept("content-tags")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		line               string
		reversed           float32
		reversedCode       int32
		inOrder, phraseAny bool
	}{
		{line: "x = tagContent", reversed: 1, reversedCode: 1, phraseAny: true},
		{line: "x = content_tags", inOrder: true, phraseAny: true},
		{line: "x = contentTag", inOrder: true, phraseAny: true},
		{line: "# the tag content", reversed: wProse, phraseAny: true},
		{line: "x = tags.contentSeparator", phraseAny: true},
		{line: "use Authentication.JwtBearer; x = tags.content", phraseAny: true},
		{line: "x = tags + 1 # content"},
	} {
		a := newAnalyzer(c)
		var f fileFacts
		a.analyze("a.py", []byte(tc.line+"\n"), &f)
		if f.reversed != tc.reversed || f.reversedCode != tc.reversedCode || f.inOrder != tc.inOrder || (f.phrase > 0) != tc.phraseAny {
			t.Errorf("%q: reversed %v (in code %d), in order %v, phrase %v; want %v (%d), %v, any %v",
				tc.line, f.reversed, f.reversedCode, f.inOrder, f.phrase, tc.reversed, tc.reversedCode, tc.inOrder, tc.phraseAny)
		}
	}
}

// TestNamedLooselyPathMemoryReused: the walk reuses the memory of its
// paths for the next folder (walk.Options.Transient), so the folder whose
// answer is kept must be a copy: here the next folder's path lands in the
// same bytes, and must not be taken for the one before.
func TestNamedLooselyPathMemoryReused(t *testing.T) {
	c, err := ParseConcept("csp")
	if err != nil {
		t.Fatal(err)
	}
	a := newAnalyzer(c)
	buf := []byte("server/content_security_policy/rules.py")
	rel := unsafe.String(&buf[0], len(buf))
	if !a.namedLoosely(rel) {
		t.Fatalf("namedLoosely(%q) = false", rel)
	}
	copy(buf, "server/aaaaaaaaaaaaaaaaaaaaaaa/rules.py")
	if a.namedLoosely(rel) {
		t.Errorf("namedLoosely(%q) = true: the folder before's answer", rel)
	}
}
