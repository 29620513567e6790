package explore

import (
	"math"
	"reflect"
	"slices"
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

// TestOneMentionIsOneMention: BM25's length normalisation rewards a short
// file for saying a word often, not for saying it once (maybe's 24-line
// tool_call/function.rb, whose one comment says "LLM").
func TestOneMentionIsOneMention(t *testing.T) {
	r := &ranker{avgLen: 4000}
	short, avg := 1000, 4000
	if s, a := r.sat(1, short), r.sat(1, avg); s != a {
		t.Errorf("one mention: %.3f in a short file, %.3f in an average one; want the same", s, a)
	}
	if s, a := r.sat(0.4, short), r.sat(0.4, avg); s != a {
		t.Errorf("one mention in a comment: %.3f in a short file, %.3f in an average one; want the same", s, a)
	}
	if s, a := r.sat(5, short), r.sat(5, avg); s <= a {
		t.Errorf("five mentions: %.3f in a short file, %.3f in an average one; want more in the short file", s, a)
	}
}

// TestWordOnlyInComments: a word a file says only in comments is talk
// about it, worth wProse of the same mentions in code after saturation;
// a comment documenting a definition as the whole concept says what the
// file is, and counts as before.
func TestWordOnlyInComments(t *testing.T) {
	c, _ := ParseConcept("llm-function-calling")
	r := newRanker(c, &corpus{files: 100, bytes: 400000}, AudienceBackend)
	talk := &fileFacts{size: 4000, inCode: 0b110}
	talk.tf[0] = wProse // "LLM" once in a comment
	code := &fileFacts{size: 4000, inCode: 0b111}
	code.tf[0] = 1
	got, want := r.wordCredit(talk, 0, false), wProse*r.wordCredit(code, 0, false)
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("a word said once only in a comment: %.3f, want %.3f (wProse of a mention in code)", got, want)
	}
	if doc := r.wordCredit(talk, 0, true); doc <= got {
		t.Errorf("a word in a comment documenting a definition as the concept: %.3f, want more than talk (%.3f)", doc, got)
	}
}

// TestKindFolder: a file read with its folder, where the folder holds the
// concept's later words (tool_call/function.rb: a function tool call), is
// one of the kind the folder names, and the folder is not counted again;
// a folder holding the concept's first words (transaction/search.rb) is
// the module the file is part of, and counts on its own.
func TestKindFolder(t *testing.T) {
	for _, tc := range []struct {
		concept, rel string
		folder       bool
	}{
		{"llm-function-calling", "app/models/tool_call/function.rb", false},
		{"distributed-lock", "server/locks/distributed.py", false},
		{"transaction-search", "app/models/transaction/search.rb", true},
		{"provider-registry", "app/models/provider/registry.rb", true},
	} {
		c, _ := ParseConcept(tc.concept)
		r := newRanker(c, &corpus{files: 100, bytes: 400000}, AudienceBackend)
		rk := r.score(&fileFacts{rel: tc.rel, size: 4000}, true)
		got := false
		for _, s := range rk.signals {
			got = got || s.Name == "folder-name"
		}
		if got != tc.folder {
			t.Errorf("%s for %s: folder credit %v, want %v (%v)", tc.rel, tc.concept, got, tc.folder, rk.signals)
		}
	}
}

// TestFolderWordsInADefinedName: a defined name's words that its folder
// holds too (Event in AppriseEventListener, under event_bus_service/) say
// where it is, not what else it is about; the folder's namesake (ToolCall
// under tool_call/) keeps its words.
func TestFolderWordsInADefinedName(t *testing.T) {
	defValue := func(concept, rel, name string) float64 {
		c, _ := ParseConcept(concept)
		r := newRanker(c, &corpus{files: 100, bytes: 400000}, AudienceBackend)
		mask, words, covered, ordered, syn := r.a.nameWords([]byte(name), true)
		f := &fileFacts{rel: rel, size: 4000, defs: []defFact{{name: name, shown: "class " + name, mask: mask, words: words, covered: covered, ordered: ordered, syn: syn}}}
		for _, s := range r.score(f, true).signals {
			if s.Name == "definition" {
				return s.Value
			}
		}
		return 0
	}
	listener := defValue("apprise-notifications", "app/services/event_bus_service/event_bus_listeners.py", "AppriseEventListener")
	publisher := defValue("apprise-notifications", "app/services/event_bus_service/publisher.py", "ApprisePublisher")
	if listener != publisher {
		t.Errorf("AppriseEventListener under event_bus_service/: %.2f, ApprisePublisher: %.2f; want the same", listener, publisher)
	}
	elsewhere := defValue("apprise-notifications", "app/services/listeners/event_bus_listeners.py", "AppriseEventListener")
	if elsewhere >= listener {
		t.Errorf("AppriseEventListener elsewhere: %.2f, want less than under event_bus_service/ (%.2f)", elsewhere, listener)
	}
	inFolder := defValue("llm-function-calling", "app/models/tool_call/function.rb", "ToolCall")
	alone := defValue("llm-function-calling", "app/models/function.rb", "ToolCall")
	if inFolder != alone {
		t.Errorf("ToolCall under tool_call/: %.2f, elsewhere %.2f; want the same (the folder's namesake)", inFolder, alone)
	}
}

// TestCopiesFold: a copy is folded into the better of the two when its
// path differs only in version folders (whatever its content) or when its
// name, size and content are the same (whatever its folder); a file with
// the same name and size but other content is no copy.
func TestCopiesFold(t *testing.T) {
	dir := t.TempDir()
	body := func(s string) string {
		return "def currency_conversion(amount):\n    # convert the currency " + s + "\n    return amount\n"
	}
	writeRel(t, dir, "sdk/v1/convert.py", body("one"))
	writeRel(t, dir, "sdk/v2/convert.py", body("two, longer"))
	writeRel(t, dir, "alpha/money.py", body("same"))
	writeRel(t, dir, "beta/money.py", body("same"))
	writeRel(t, dir, "gamma/rate.py", body("AAAA"))
	writeRel(t, dir, "delta/rate.py", body("BBBB"))
	res := search(t, Options{Root: dir, Concept: "currency-conversion", Limit: 20})
	folded := map[string][]string{}
	for _, r := range res.Results {
		folded[r.Path] = r.Duplicates
	}
	for _, pair := range [][2]string{{"sdk/v1/convert.py", "sdk/v2/convert.py"}, {"alpha/money.py", "beta/money.py"}} {
		a, aok := folded[pair[0]]
		b, bok := folded[pair[1]]
		if aok == bok || !slices.Equal(a, pair[1:]) && !slices.Equal(b, pair[:1]) {
			t.Errorf("%s and %s: want one result, the other its duplicate; results %v", pair[0], pair[1], folded)
		}
	}
	for _, p := range []string{"gamma/rate.py", "delta/rate.py"} {
		if d, ok := folded[p]; !ok || len(d) > 0 {
			t.Errorf("%s: want a result of its own with no duplicates; results %v", p, folded)
		}
	}
}
