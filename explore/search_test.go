package explore

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/workspace/lang"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

const fixture = "testdata/repo"

func search(t *testing.T, opts Options) *Result {
	t.Helper()
	if opts.Root == "" {
		opts.Root = fixture
	}
	res, err := Search(opts)
	if err != nil {
		t.Fatalf("Search(%+v): %v", opts, err)
	}
	res.Stats.ElapsedMS = 0
	return res
}

func paths(res *Result) []string {
	var out []string
	for _, r := range res.Results {
		out = append(out, r.Path)
	}
	return out
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func TestRankDistributedLock(t *testing.T) {
	for _, concept := range []string{"distributed-lock", "distributed lock", "DistributedLock"} {
		res := search(t, Options{Concept: concept, Limit: 20})
		got := paths(res)
		if len(got) == 0 || got[0] != "server/acme/kit/locker.py" {
			t.Fatalf("%s: first result %v, want the module defining DistributedLock first", concept, got)
		}
		test := indexOf(got, "server/tests/kit/test_locker.py")
		if test < 1 {
			t.Errorf("%s: tests at %d in %v, want them below the implementation", concept, test, got)
		}
		for _, never := range []string{"clients/apps/web/src/utils/clock.ts", "server/acme/order/repository.py"} {
			if i := indexOf(got, never); i >= 0 {
				t.Errorf("%s: %s (block, clock, blocking only) listed at %d", concept, never, i)
			}
		}
		if i := indexOf(got, "server/acme/kit/db.py"); i >= 0 {
			for _, h := range res.Results[i].Hits {
				if !strings.Contains(h.Text, "Row locks") {
					t.Errorf("%s: db.py matched on %q; only \"Row locks\" should", concept, h.Text)
				}
			}
		}
		if service, endpoint := indexOf(got, "server/acme/order/service.py"), indexOf(got, "server/acme/order/endpoints.py"); service < 0 || endpoint < 0 {
			t.Errorf("%s: the service and endpoint using the lock are missing from %v", concept, got)
		}
		if res.Results[0].Hits[0].Kind != KindDefinition || !strings.Contains(res.Results[0].Hits[0].Text, "class DistributedLock") {
			t.Errorf("%s: first snippet %+v, want the class definition", concept, res.Results[0].Hits[0])
		}
		if len(res.DocumentedIn) != 0 {
			t.Errorf("%s: documented in %v; the database-sessions entry only mentions row locks", concept, res.DocumentedIn)
		}
	}
}

func TestRankTaskDebouncer(t *testing.T) {
	res := search(t, Options{Concept: "task-debouncer"})
	got := paths(res)
	// The order task using @debounced may come before the test.
	if i := indexOf(got, "server/tests/worker/test_debounce.py"); len(got) < 2 || got[0] != "server/acme/worker/_debounce.py" || i < 1 || i > 2 {
		t.Errorf("results %v, want _debounce.py first and its test in the top 3", got)
	}
	if want := []string{"handbook/engineering/backend-development/task-debouncing.mdx"}; strings.Join(res.DocumentedIn, ",") != strings.Join(want, ",") {
		t.Errorf("documented_in %v, want %v", res.DocumentedIn, want)
	}
	if indexOf(got, "handbook/engineering/backend-development/task-debouncing.mdx") >= 0 {
		t.Error("the entry is listed among the code results too")
	}
}

func TestFilters(t *testing.T) {
	res := search(t, Options{Concept: "distributed-lock", Roles: []string{"service", "endpoint"}})
	if got := paths(res); strings.Join(got, ",") != "server/acme/order/service.py,server/acme/order/endpoints.py" {
		t.Errorf("--role service --role endpoint: %v", got)
	}
	res = search(t, Options{Concept: "distributed-lock", Paths: []string{fixture + "/server/tests"}, Dir: "."})
	if got := paths(res); strings.Join(got, ",") != "server/tests/kit/test_locker.py" {
		t.Errorf("--path server/tests: %v", got)
	}
	res = search(t, Options{Concept: "distributed-lock", Limit: 1, Context: -1})
	if len(res.Results) != 1 || res.Matched < 5 {
		t.Fatalf("--limit 1: %d results of %d matched", len(res.Results), res.Matched)
	}
	for _, h := range res.Results[0].Hits {
		if len(h.ContextBefore)+len(h.ContextAfter) != 0 {
			t.Errorf("--context 0 still has context: %+v", h)
		}
	}
	if len(res.Results[0].Hits) > maxSnippets {
		t.Errorf("%d snippets, want at most %d", len(res.Results[0].Hits), maxSnippets)
	}
}

func TestBadOptions(t *testing.T) {
	for name, opts := range map[string]Options{
		"no letters":   {Concept: "--"},
		"bad role":     {Concept: "lock", Roles: []string{"services"}},
		"bad limit":    {Concept: "lock", Limit: -1},
		"outside path": {Concept: "lock", Paths: []string{"/"}},
		"missing path": {Concept: "lock", Paths: []string{"testdata/repo/nope"}, Dir: "."},
		"big context":  {Concept: "lock", Context: 99},
	} {
		opts.Root = fixture
		if _, err := Search(opts); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestContentFilters builds a folder with every kind of awkward file.
func TestContentFilters(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("bin.dat", append([]byte("lock lock\x00"), bytes.Repeat([]byte("lock\n"), 10)...))
	write("late-nul.txt", append(bytes.Repeat([]byte("x"), binarySniff), []byte("\x00 distributed lock")...))
	write("big.py", bytes.Repeat([]byte("distributed_lock = 1\n"), 2000))
	write("crlf.py", []byte("# Verrou distribu\xe9\r\nclass DistributedLock:\r\n    pass\r\n"))
	long := strings.Repeat("a", 5000) + " distributed_lock " + strings.Repeat("b", 5000)
	write("long.js", []byte("const x = 1\n"+long+"\n"))
	write("secret.py", []byte("distributed_lock = 2\n"))
	if runtime.GOOS != "windows" && os.Getuid() != 0 {
		if err := os.Chmod(filepath.Join(dir, "secret.py"), 0); err != nil {
			t.Fatal(err)
		}
	}
	target := filepath.Join(t.TempDir(), "outside.py")
	if err := os.WriteFile(target, []byte("class DistributedLock: pass\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "link.py")); err != nil {
		t.Fatal(err)
	}

	res := search(t, Options{Root: dir, Concept: "distributed-lock", MaxFileSize: 30_000, Limit: 20})
	st := res.Stats
	if st.SkippedBinary != 1 || st.SkippedLarge != 1 {
		t.Errorf("stats %+v: want 1 binary (NUL in the first 8 KiB only) and 1 large", st)
	}
	if os.Getuid() != 0 && st.Unreadable != 1 {
		t.Errorf("stats %+v: want 1 unreadable", st)
	}
	got := paths(res)
	if indexOf(got, "link.py") >= 0 {
		t.Error("a symlink was read through")
	}
	if indexOf(got, "late-nul.txt") < 0 {
		t.Error("a NUL byte after the first 8 KiB made the file binary")
	}
	for _, r := range res.Results {
		for _, h := range r.Hits {
			if strings.ContainsRune(h.Text, '\r') || len(h.Text) > maxSnippetLine+10 {
				t.Errorf("%s:%d: snippet not cleaned: %q", r.Path, h.Line, h.Text)
			}
			if r.Path == "long.js" && !strings.Contains(h.Text, "distributed_lock") {
				t.Errorf("long line cut away the match: %q", h.Text)
			}
			if r.Path == "crlf.py" && h.Line == 2 && h.Text != "class DistributedLock:" {
				t.Errorf("CRLF line: %q", h.Text)
			}
		}
	}
	if i := indexOf(got, "crlf.py"); i != 0 {
		t.Errorf("crlf.py at %d in %v, want first (it defines the class)", i, got)
	}
	if line := res.Stats.Skipped(30_000); !strings.Contains(line, "1 binary") || !strings.Contains(line, "1 over") {
		t.Errorf("skipped line %q", line)
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name, concept string
		render        func(*bytes.Buffer, *Result)
	}{
		{"distributed-lock.txt", "distributed-lock", func(b *bytes.Buffer, r *Result) { WriteText(b, r, true, false) }},
		{"distributed-lock.color.txt", "distributed-lock", func(b *bytes.Buffer, r *Result) { WriteText(b, r, false, true) }},
		{"distributed-lock.json", "distributed-lock", func(b *bytes.Buffer, r *Result) { _ = WriteJSON(b, r) }},
		{"distributed-lock.md", "distributed-lock", func(b *bytes.Buffer, r *Result) { WriteMarkdown(b, r, false, nil) }},
		{"task-debouncer.txt", "task-debouncer", func(b *bytes.Buffer, r *Result) { WriteText(b, r, false, false) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			tc.render(&b, search(t, Options{Concept: tc.concept, Limit: 5}))
			golden := filepath.Join("testdata", "golden", tc.name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./explore -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("output differs from %s (go test ./explore -update rewrites it):\n%s", golden, b.String())
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"2M": 2 << 20, "2MiB": 2 << 20, "512k": 512 << 10, "1.5MB": 3 << 19, "100": 100, "1G": 1 << 30} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "M", "-1M", "two", "0", "1T"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

func TestHandbookNavigationIsNoResult(t *testing.T) {
	res, err := Search(Options{Root: "testdata/repo", Concept: "task-debouncer", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res.Results {
		if strings.HasSuffix(r.Path, "docs.json") {
			t.Errorf("the handbook's docs.json is a result: %+v", r)
		}
	}
}

// Code under examples/ is a sample, not the system: it ranks below the
// real implementation, and --explain says why.
func TestExamplesRankBelowTheSystem(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, content string) { writeRel(t, dir, rel, content) }
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Mkdir(filepath.Join(dir, ".git"), 0o755))
	example := "class DistributedLock:\n    \"\"\"A distributed lock in Redis.\"\"\"\n\nasync def distributed_lock(key):\n    pass\n"
	write("examples/shop/server/shop/core/locker.py", example)
	write("server/app/locking.py", "class DistributedLock:\n    pass\n")
	res := search(t, Options{Root: dir, Concept: "distributed-lock", Explain: true})
	got := paths(res)
	if len(got) != 2 || got[0] != "server/app/locking.py" {
		t.Fatalf("results %v, want server/app/locking.py first", got)
	}
	if why := strings.Join(res.Results[1].Reasons, "; "); !strings.Contains(why, "example code") {
		t.Errorf("the example's reasons %q do not say it is example code", why)
	}
}

// TestNULBoundary: a file is binary when a NUL byte lies in its first 8
// KiB, and only then; a text file's bytes after the first 8 KiB are read
// and searched; a file over the size limit counts as large even when it
// is binary, as before the first 8 KiB were read apart.
func TestNULBoundary(t *testing.T) {
	text := func(n int) []byte { return bytes.Repeat([]byte("x"), n) }
	for _, c := range []struct {
		name          string
		data          []byte
		binary, large int
		found         bool
	}{
		{"nul-last-of-sniff", append(append(text(binarySniff-1), 0), " distributed lock"...), 1, 0, false},
		{"nul-first-after-sniff", append(append(text(binarySniff), 0), " distributed lock"...), 0, 0, true},
		{"nul-early-small", []byte("\x00 distributed lock"), 1, 0, false},
		{"match-after-sniff", append(text(3*binarySniff), "\ndistributed lock\n"...), 0, 0, true},
		{"exactly-sniff", append(text(binarySniff-len("\ndistributed lock")), "\ndistributed lock"...), 0, 0, true},
		{"large-binary", append([]byte{0}, text(40_000)...), 0, 1, false},
		// Text over the limit, though the worker's buffer would hold it:
		// told once the limit is read past, without fstat.
		{"large-text", append(text(40_000), "\ndistributed lock\n"...), 0, 1, false},
		{"text-at-limit", append(text(30_000-len("\ndistributed lock\n")), "\ndistributed lock\n"...), 0, 0, true},
		{"text-one-over-limit", append(text(30_001-len("\ndistributed lock\n")), "\ndistributed lock\n"...), 0, 1, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "f.txt"), c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			res := search(t, Options{Root: dir, Concept: "distributed-lock", MaxFileSize: 30_000})
			st := res.Stats
			if st.SkippedBinary != c.binary || st.SkippedLarge != c.large {
				t.Errorf("stats %+v: want %d binary, %d large", st, c.binary, c.large)
			}
			if found := len(res.Results) == 1; found != c.found {
				t.Errorf("found = %v, want %v", found, c.found)
			}
			if c.found && st.Bytes != int64(len(c.data)) {
				t.Errorf("searched %d bytes of %d", st.Bytes, len(c.data))
			}
		})
	}
}

// TestBigFilesShareOneBuffer: files over a worker's own buffer are read,
// one at a time, into the buffer the workers share; every one is searched
// whole, and a file that fails after taking the buffer gives it back.
func TestBigFilesShareOneBuffer(t *testing.T) {
	dir := t.TempDir()
	for i := range 6 {
		data := append(bytes.Repeat([]byte("x = 1\n"), (maxOwnBuffer+i*10_000)/6), "class DistributedLock: pass\n"...)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("big%d.py", i)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Over the limit, known only once the first 8 KiB are read: refused
	// from fstat, before the shared buffer is taken.
	if err := os.WriteFile(filepath.Join(dir, "huge.py"), bytes.Repeat([]byte("distributed lock\n"), 40_000), 0o644); err != nil {
		t.Fatal(err)
	}
	res := search(t, Options{Root: dir, Concept: "distributed-lock", Workers: 3, MaxFileSize: 600_000, Limit: 10})
	if len(res.Results) != 6 || res.Stats.SkippedLarge != 1 {
		t.Fatalf("found %v, stats %+v; want the 6 big files and 1 too large", paths(res), res.Stats)
	}
	for _, r := range res.Results {
		if len(r.Hits) == 0 || r.Hits[0].Text != "class DistributedLock: pass" {
			t.Errorf("%s: hits %+v, want the class on the last line", r.Path, r.Hits)
		}
	}
}

// TestFactsBounded: however many files mention the concept, each worker
// remembers a bounded number, and the files that can rank are among them.
func TestFactsBounded(t *testing.T) {
	defer func(n int) { maxFactsPerWorker = n }(maxFactsPerWorker)
	maxFactsPerWorker = 4 // (without the bound every file is kept: the check below fails)
	dir := t.TempDir()
	for i := range 40 {
		p := filepath.Join(dir, "server", fmt.Sprintf("mod%02d.py", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("# takes the lock\nx = 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "server", "zz_locker.py"), []byte("class DistributedLock:\n    pass\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := search(t, Options{Root: dir, Concept: "distributed-lock", Workers: 1})
	if got := paths(res); len(got) == 0 || got[0] != "server/zz_locker.py" {
		t.Errorf("results %v, want zz_locker.py first", got)
	}
	if res.Matched != 41 || len(res.Results) > 4 {
		t.Errorf("matched %d (want 41, every file), %d results kept (want at most 4)", res.Matched, len(res.Results))
	}
}

func TestSkippedLine(t *testing.T) {
	for _, tc := range []struct {
		s    Stats
		want string
	}{
		{Stats{}, ""},
		{Stats{SkippedBinary: 1}, "skipped 1 binary file"},
		{Stats{SkippedBinary: 3}, "skipped 3 binary files"},
		{Stats{SkippedLarge: 2}, "skipped 2 files over 2 MiB (see --max-filesize)"},
		{Stats{Unreadable: 1}, "skipped 1 unreadable file"},
		{Stats{SkippedBinary: 258, SkippedLarge: 3}, "skipped 261 files: 258 binary, 3 over 2 MiB (see --max-filesize)"},
	} {
		if got := tc.s.Skipped(2 << 20); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.s, got, tc.want)
		}
	}
}

// writeRel writes content to the slash path rel under dir, making its
// folders.
func writeRel(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLongFilesStreamed: files longer than a worker's buffer are analysed
// a window at a time and found as when read whole, with their bytes
// counted: one whose mention lies windows in, and a minified one whose
// single line no window can end after (read whole instead).
func TestLongFilesStreamed(t *testing.T) {
	dir := t.TempDir()
	var long []byte
	for len(long) < 3*maxOwnBuffer {
		long = append(long, "value = compute(1, 2, 3)  # nothing to see here\n"...)
	}
	long = append(long, "class DistributedLock:\n    pass\n"...)
	minified := append(bytes.Repeat([]byte("var a=1;"), maxOwnBuffer/4), "function distributedLock(){}"...)
	for name, data := range map[string][]byte{"server/locker.py": long, "web/bundle.min.js": minified} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := search(t, Options{Root: dir, Concept: "distributed-lock", Workers: 1})
	if got := paths(res); !slices.Contains(got, "server/locker.py") || !slices.Contains(got, "web/bundle.min.js") {
		t.Fatalf("found %v, want both long files", got)
	}
	if want := int64(len(long) + len(minified)); res.Stats.Bytes != want || res.Stats.FilesSearched != 2 {
		t.Errorf("stats %+v: want 2 files and %d bytes", res.Stats, want)
	}
	for _, r := range res.Results {
		if r.Path == "server/locker.py" && (len(r.Hits) == 0 || r.Hits[0].Text != "class DistributedLock:" || r.Hits[0].Line != bytes.Count(long, []byte("\n"))-1) {
			t.Errorf("locker.py hits %+v, want the class on line %d", r.Hits, bytes.Count(long, []byte("\n"))-1)
		}
	}
}

// TestStreamingEqualsWholeReads: on files longer than a worker's buffer,
// with mentions, definitions, comments and docstrings on both sides of
// window ends, searching a window at a time finds what reading each file
// whole finds, to the score and the line.
func TestStreamingEqualsWholeReads(t *testing.T) {
	dir := t.TempDir()
	lines := []string{
		"def acquire_distributed_lock(key):", `    """Take the distributed lock.`, `    """`, "    return lock(key)  # the lock",
		"class LockTimeout(Exception): pass", "x = 1", "", "'''", "a distributed lock in a string", "'''",
		"# DistributedLock helpers", "locks = [DistributedLock(k) for k in keys]",
	}
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 8 {
		var b strings.Builder
		for b.Len() < maxOwnBuffer+r.IntN(3*maxOwnBuffer) {
			b.WriteString(lines[r.IntN(len(lines))])
			b.WriteByte('\n')
		}
		name := fmt.Sprintf("server/mod%d/locks.%s", i, []string{"py", "ts", "md", "go"}[i%4])
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(stream bool) string {
		defer func(v bool) { streamLong = v }(streamLong)
		streamLong = stream
		res := search(t, Options{Root: dir, Concept: "distributed-lock", Workers: 2, Limit: 20})
		res.Stats.ElapsedMS = 0
		data, err := json.Marshal(res)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if streamed, whole := run(true), run(false); streamed != whole {
		t.Errorf("streamed:\n%s\nread whole:\n%s", streamed, whole)
	}
}

// TestSameResultWhateverTheWalkShares: which files a worker sees depends on
// how the walk shares the tree out among its workers, and each worker keeps
// only its strongest files; the result must not depend on it. Many files
// tie on the provisional score, in folders the workers take in turn.
func TestSameResultWhateverTheWalkShares(t *testing.T) {
	defer func(n int) { maxFactsPerWorker = n }(maxFactsPerWorker)
	maxFactsPerWorker = 6 // (without the cut after the walk, runs with more workers differ)
	dir := t.TempDir()
	for i := range 60 {
		p := filepath.Join(dir, "server", fmt.Sprintf("pkg%d", i%12), fmt.Sprintf("mod%02d.py", i))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		body := strings.Repeat("# takes the lock\n", 1+i%3) + "x = 1\n"
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := paths(search(t, Options{Root: dir, Concept: "distributed-lock", Workers: 1}))
	for round := range 20 {
		for _, workers := range []int{2, 3, 4} {
			if got := paths(search(t, Options{Root: dir, Concept: "distributed-lock", Workers: workers})); !slices.Equal(got, want) {
				t.Fatalf("round %d, %d workers: %v\nwant (1 worker) %v", round, workers, got, want)
			}
		}
	}
}

// TestDocBeforeByLanguage: the comment lines shown above a definition are
// the language's comments (and decorators), not any line starting with a
// character that is a comment somewhere: SQL's -- counts, a TypeScript
// private field (#count) does not.
func TestDocBeforeByLanguage(t *testing.T) {
	for _, tc := range []struct {
		file, src string
		want      int
	}{
		{"locks.py", "import x\n# Hands out locks.\n@dataclass\nclass Locker:\n", 2},
		{"locks.go", "package locks\n\n// Locker hands out locks.\n// It is safe for concurrent use.\ntype Locker struct{}\n", 2},
		{"schema.sql", "-- One row per lock.\nCREATE TABLE locks (\n", 1},
		{"counter.ts", "class Counter {\n  #count = 0;\n  increment() {\n", 0},
		{"counter.ts", "/**\n * Counts.\n */\nexport class Counter {\n", 3},
		{"job.rb", "# Runs nightly.\nclass NightlyJob\n", 1},
	} {
		start := strings.LastIndex(strings.TrimSuffix(tc.src, "\n"), "\n") + 1
		if got := docBefore([]byte(tc.src), start, lang.Of(tc.file)); got != tc.want {
			t.Errorf("%s %q: %d doc lines, want %d", tc.file, tc.src, got, tc.want)
		}
	}
}
