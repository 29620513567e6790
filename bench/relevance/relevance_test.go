package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRelevance(t *testing.T) {
	rel := []string{"server/polar/locker.py", "server/polar/webhook/"}
	for _, tc := range []struct {
		path   string
		folder bool
		want   bool
	}{
		{"server/polar/locker.py", false, true},
		{"server/polar/locker.pyc", false, false},
		{"server/polar/webhook/tasks.py", false, true},
		{"server/polar/webhook_x/tasks.py", false, false},
		{"server/polar/webhook/", true, true},
		{"server/polar/webhook/sub", true, true},
		{"server/polar", true, true}, // holds locker.py directly: its module
		{"server", true, false},      // holds everything: no credit
		{"server/polar/kit/", true, false},
	} {
		got := relevantFile(tc.path, rel)
		if tc.folder {
			got = relevantFolder(tc.path, rel)
		}
		if got != tc.want {
			t.Errorf("%s (folder %v): got %v, want %v", tc.path, tc.folder, got, tc.want)
		}
	}
}

func TestSplitWordsAndStem(t *testing.T) {
	for in, want := range map[string][]string{
		"rate_limit":          {"rate", "limit"},
		"RateLimitMiddleware": {"rate", "limit", "middleware"},
		"_debounce.py":        {"debounce", "py"},
		"HTTPServer":          {"http", "server"},
		"oauth2-server":       {"oauth2", "server"},
	} {
		if got := splitWords(in); !reflect.DeepEqual(got, want) {
			t.Errorf("splitWords(%q) = %q, want %q", in, got, want)
		}
	}
	for _, pair := range [][2]string{
		{"debouncing", "debounce"}, {"locks", "lock"}, {"keys", "key"}, {"jwks", "jwk"},
		{"grants", "grant"}, {"policies", "policy"}, {"access", "access"},
	} {
		if stem(pair[0]) != stem(pair[1]) {
			t.Errorf("stem(%q) = %q, stem(%q) = %q: want equal", pair[0], stem(pair[0]), pair[1], stem(pair[1]))
		}
	}
	if stem("cors") == stem("core") {
		t.Errorf("cors and core must not share a stem")
	}
}

func TestRankByFileName(t *testing.T) {
	files := []string{
		"server/app/tasks.py", "server/app/a/tasks.py", "server/app/b/tasks.py",
		"server/app/c/tasks.py", "server/app/d/tasks.py", "server/app/e/tasks.py",
		"server/app/worker/_debounce.py", "server/tests/test_debounce.py",
		"web/src/Debounce.tsx", "docs/task-debouncing.md",
	}
	got := rankByFileName(files, conceptWords("task-debouncing"), 3)
	want := []string{"server/app/worker/_debounce.py", "server/app/tasks.py", "server/app/a/tasks.py"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGrepRank(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.go":   "rate rate rate rate",
		"b.go":   "RateLimit here",
		"bin.go": "rate limit\x00",
	}
	var names []string
	for n, c := range files {
		names = append(names, n)
		if err := os.WriteFile(filepath.Join(dir, n), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	words := conceptWords("rate-limit")
	idx, err := buildGrepIndex(dir, names, words)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(idx.rank(words, 10), " "); got != "b.go a.go" {
		t.Errorf("got %q, want b.go (both words) before a.go (one word, more often); bin.go skipped", got)
	}
}

func TestReadTruthRejects(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"nopath.tsv": "distributed-lock\n",
		"twice.tsv":  "a\tx.py\na\ty.py\n",
		"many.tsv":   "a\t1\t2\t3\t4\n",
	} {
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := readTruth(f); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	f := filepath.Join(dir, "ok.tsv")
	os.WriteFile(f, []byte("# comment\n\ndistributed-lock\tserver/locker.py\tserver/lock/\n"), 0o644)
	cs, err := readTruth(f)
	if err != nil || len(cs) != 1 || len(cs[0].Relevant) != 2 {
		t.Errorf("got %v, %v", cs, err)
	}
}

// The committed truth files parse and name only repositories in repos.tsv.
func TestCommittedTruth(t *testing.T) {
	specs, err := readRepos("repos.tsv")
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range specs {
		names[s.Name] = true
		if len(s.Commit) != 40 {
			t.Errorf("%s: pinned commit %q is not a full hash", s.Name, s.Commit)
		}
	}
	truths, _ := filepath.Glob("truth/*.tsv")
	if len(truths) == 0 {
		t.Fatal("no truth files")
	}
	classes, err := readClasses("classes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range truths {
		name := strings.TrimSuffix(filepath.Base(f), ".tsv")
		if !names[name] {
			t.Errorf("%s: %s is not in repos.tsv", f, name)
		}
		cs, err := readTruth(f)
		if err != nil {
			t.Error(err)
		}
		for _, c := range cs {
			delete(classes.unused, name+"/"+c.Name)
		}
		if len(cs) < 20 {
			t.Errorf("%s: %d concepts, want at least 20", f, len(cs))
		}
	}
	for k, line := range classes.unused {
		t.Errorf("classes.tsv:%d: %s is no concept of a truth file", line, k)
	}
}

func TestConceptClasses(t *testing.T) {
	for _, tc := range []struct {
		c    concept
		want []string
	}{
		{concept{"rate-limit", []string{"server/polar/rate_limit.py"}}, []string{"named"}},
		{concept{"license-keys", []string{"server/polar/license_key/"}}, []string{"folder", "named"}},
		{concept{"meter-aggregation", []string{"server/polar/meter/aggregation.py"}}, []string{}},
		{concept{"sso", []string{"server/polar/auth/sso/", "x/y.py"}}, []string{"folder", "named"}},
	} {
		if got := conceptClasses(tc.c, nil); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.c.Name, got, tc.want)
		}
	}
}
