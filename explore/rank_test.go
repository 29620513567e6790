package explore

import (
	"reflect"
	"testing"
)

var versionDirs = []string{
	"", "sdk/v1/", "sdk/V2beta1/", "api/2023-10-01/", "lib/1.2.3/", "server/app0/kit/", "s3/", "oauth2/",
	"a/v/1/", "x-1/", "1-/", "9.x/", "v", "1.", "release-1.2/", "k8s/", "py3.11/", "node_v18_x/", "2023/",
}

// TestDupKey checks the folding key: versioned folders fold, numbered
// ones that are no versions stay apart.
func TestDupKey(t *testing.T) {
	for _, tc := range []struct{ rel, want string }{
		{"sdk/v1/client.ts", "sdk/*/client.ts"},
		{"sdk/v2beta1/client.ts", "sdk/*/client.ts"},
		{"api/2023-10-01/routes.py", "api/*/routes.py"},
		{"lib/1.2.3/x.go", "lib/*/x.go"},
		{"server/app0/kit/locker.py", "server/app0/kit/locker.py"},
		{"migrations/v0.4.0.go", "migrations/v0.4.0.go"},
		{"s3/v1.py", "s3/v1.py"},
	} {
		if got := dupKey(tc.rel); got != tc.want {
			t.Errorf("dupKey(%q) = %q, want %q", tc.rel, got, tc.want)
		}
	}
}

// FuzzMayHoldVersion: the quick test must never skip a folder the
// regexp would rewrite.
func FuzzMayHoldVersion(f *testing.F) {
	for _, d := range versionDirs {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, dir string) {
		if versionSegment.MatchString(dir) && !mayHoldVersion(dir) {
			t.Fatalf("mayHoldVersion(%q) = false, but versionSegment matches", dir)
		}
	})
}

func TestHasSegment(t *testing.T) {
	for _, tc := range []struct {
		rel  string
		want bool
	}{
		{"vendor/x.go", true}, {"a/vendor/x.go", true}, {"a/b/vendor", true}, {"vendor", true},
		{"vendors/x.go", false}, {"a/myvendor/x.go", false}, {"", false}, {"a//b", false},
	} {
		if got := hasSegment(tc.rel, "dist", "vendor"); got != tc.want {
			t.Errorf("hasSegment(%q) = %v, want %v", tc.rel, got, tc.want)
		}
	}
}

// TestParallelScoring: scoring on two goroutines gives what one gives
// (run with -race: the helper must share nothing it writes).
func TestParallelScoring(t *testing.T) {
	defer func(n, c int) { parallelScoring, scoringChunk = n, c }(parallelScoring, scoringChunk)
	scoringChunk = 1 // the fixture's few files are shared out one by one
	for n := range 20 {
		concept := []string{"distributed-lock", "task-debouncer", "lock"}[n%3] // many times: the helper must get some files
		parallelScoring = 1 << 30
		one, err := Search(Options{Root: fixture, Concept: concept, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		parallelScoring = 1
		two, err := Search(Options{Root: fixture, Concept: concept, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		one.Stats.ElapsedMS, two.Stats.ElapsedMS = 0, 0
		if !reflect.DeepEqual(one, two) {
			t.Errorf("%s: scoring on two goroutines changed the result:\n%+v\n%+v", concept, one.Results, two.Results)
		}
		if len(one.Results) == 0 {
			t.Errorf("%s: no results: the test compares nothing", concept)
		}
	}
}

// TestReopenedClassIsNoOverride: a name many files define and few use is
// a hook each overrides (def perform in every job), but a class or
// module defined in many files is one namespace opened again in each
// (Ruby's class Rule::Condition under rule/ beside rule.rb's class Rule):
// its definition keeps its credit.
func TestReopenedClassIsNoOverride(t *testing.T) {
	c, _ := ParseConcept("transaction-rules")
	r := newRanker(c, &corpus{files: 100, uses: map[string]int{"Rule": 6, "perform": 6}}, AudienceBackend)
	r.definers = map[string]int{"Rule": 12, "perform": 12}
	for _, tc := range []struct {
		d    defFact
		want bool
	}{
		{defFact{name: "perform", shown: "def perform"}, true},
		{defFact{name: "Rule", shown: "class Rule"}, false},
		{defFact{name: "Rule", shown: "module Rule"}, false},
	} {
		if got := r.override(tc.d); got != tc.want {
			t.Errorf("override(%s) = %v, want %v", tc.d.shown, got, tc.want)
		}
	}
}

// TestReversedRunsWhereThePhraseIsNeverSaid: reversed runs are the phrase
// where some file says it in the concept's order (resetPassword beside
// PasswordReset), and only part of it where none does (tagContent).
func TestReversedRunsWhereThePhraseIsNeverSaid(t *testing.T) {
	f := &fileFacts{phrase: 3.5, partial: 1, phraseCode: 3, reversed: 3, reversedCode: 3}
	for _, tc := range []struct {
		inOrder                   int
		phrase, partial, reversed float32
		code                      int32
	}{
		{inOrder: 1, phrase: 3.5, partial: 1, code: 3},
		{inOrder: 0, phrase: 0.5, partial: 4, reversed: 3, code: 0},
	} {
		r := &ranker{cp: &corpus{dfInOrder: tc.inOrder}}
		phrase, partial, code, reversed := r.phraseCounts(f)
		if phrase != tc.phrase || partial != tc.partial || code != tc.code || reversed != tc.reversed {
			t.Errorf("%d files in order: phrase %v, partial %v, in code %d, reversed %v; want %v, %v, %d, %v",
				tc.inOrder, phrase, partial, code, reversed, tc.phrase, tc.partial, tc.code, tc.reversed)
		}
	}
}
