package explore

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kljensen/snowball/english"
)

func TestParseConcept(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"distributed-lock", []string{"distributed", "lock"}},
		{"distributed lock", []string{"distributed", "lock"}},
		{"DistributedLock", []string{"distributed", "lock"}},
		{"distributedLock", []string{"distributed", "lock"}},
		{"DISTRIBUTED_LOCK", []string{"distributed", "lock"}},
		{"  task--debouncer  ", []string{"task", "debouncer"}},
		{"HTTPServer", []string{"http", "server"}},
		{"oauth2-token", []string{"oauth", "2", "token"}},
		{"outbox", []string{"outbox"}},
		{"lock-x", []string{"lock"}},         // a single letter matches everywhere
		{"a-b-testing", []string{"testing"}}, // (a is a stop word)
		{"x", []string{"x"}},                 // unless it is all there is
		{"the-x", []string{"x"}},
		{"a b", []string{"b"}},
		// A single letter joined to digits is one name with them.
		{"s3-uploads", []string{"s3", "uploads"}},
		{"S3Storage", []string{"s3", "storage"}},
		{"x509-certificates", []string{"x509", "certificates"}},
		{"k8s-deploy", []string{"k8s", "deploy"}},
		{"i18n", []string{"i18n"}},
		{"e2e-tests", []string{"e2e", "tests"}},
		{"2fa", []string{"2", "fa"}},
	} {
		c, err := ParseConcept(tc.in)
		if err != nil {
			t.Errorf("ParseConcept(%q): %v", tc.in, err)
			continue
		}
		if !reflect.DeepEqual(c.Words, tc.want) {
			t.Errorf("ParseConcept(%q) = %q, want %q", tc.in, c.Words, tc.want)
		}
	}
	for _, bad := range []string{"", "   ", "--", "!?_.", "—", "the", "The-Of", "and or"} {
		if _, err := ParseConcept(bad); err == nil {
			t.Errorf("ParseConcept(%q) = nil error, want a usage error", bad)
		}
	}
}

func TestTerms(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"distributed-lock", "distributed lock|distributed|lock|locks|locked|locker|locking|mutex"},
		{"task-debouncer", "task debouncer|task|debouncer|debounce|debounces|debounced|debouncing"},
		{"debounce", "debounce|debounces|debounced|debouncer|debouncing"},
		{"retry", "retry|retries|retried|retrying|backoff"},
		{"outbox", "outbox|outboxes|outboxed|outboxer|outboxing"},
	} {
		c, err := ParseConcept(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(c.Terms(), "|"); got != tc.want {
			t.Errorf("Terms(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// kinds of match in the variant table.
const (
	none   = "none"
	phrase = "phrase"
	word   = "word"
)

func TestVariants(t *testing.T) {
	for _, tc := range []struct {
		concept, text, want string
	}{
		// Every spelling of the phrase.
		{"distributed-lock", "distributed lock", phrase},
		{"distributed-lock", "distributed_lock", phrase},
		{"distributed-lock", "distributed-lock", phrase},
		{"distributed-lock", "distributed.lock", phrase},
		{"distributed-lock", "DistributedLock", phrase},
		{"distributed-lock", "distributedLock", phrase},
		{"distributed-lock", "DISTRIBUTED_LOCK", phrase},
		{"distributed-lock", "distributedlock", phrase},
		{"distributed-lock", "x = DistributedLockManager()", phrase},
		{"distributed-lock", "acquire_distributed_lock(key)", phrase},
		{"distributed-lock", "distributed locks", phrase},
		{"distributed-lock", "distributed locking", phrase},
		{"distributed-lock", "DistributedLocker", phrase},
		{"distributed-lock", "DISTRIBUTED_LOCKED", phrase},
		{"distributed-lock", "distributed__lock", phrase},
		{"DistributedLock", "distributed lock", phrase},
		// Single words count, as words.
		{"distributed-lock", "lock", word},
		{"distributed-lock", "locks", word},
		{"distributed-lock", "locking", word},
		{"distributed-lock", "locked", word},
		{"distributed-lock", "locker", word},
		{"distributed-lock", "Locker", word},
		{"distributed-lock", "get_locker()", word},
		{"distributed-lock", "threading.Lock()", word},
		{"distributed-lock", "LOCK_TIMEOUT", word},
		{"distributed-lock", "acquireLock", word},
		{"distributed-lock", "distributed systems", word},
		{"distributed-lock", "distributed  cache lock", word},
		// Not the word at all.
		{"distributed-lock", "block", none},
		{"distributed-lock", "clock", none},
		{"distributed-lock", "blocking", none},
		{"distributed-lock", "Blocking", none},
		{"distributed-lock", "BLOCK", none},
		{"distributed-lock", "unlock", none},
		{"distributed-lock", "deadlock", none},
		{"distributed-lock", "locksmith", none},
		// Every word has its forms, by the stemmer too.
		{"distributed-lock", "distribute", word},
		{"distributed-lock", "redistributed", none},
		{"distributed-lock", "getBlock", none},
		// Debouncer ↔ debounce, debouncing.
		{"task-debouncer", "TaskDebouncer", phrase},
		{"task-debouncer", "task_debounce", phrase},
		{"task-debouncer", "task debouncing", phrase},
		{"task-debouncer", "tasks debounced", phrase},
		{"task-debouncer", "debounce", word},
		{"task-debouncer", "debounced", word},
		{"task-debouncer", "_debounce", word},
		{"task-debouncer", "debouncing", word},
		{"task-debouncer", "DEBOUNCE_PREFIX", word},
		{"task-debouncer", "rebounce", none},

		{"debounce", "debouncer", phrase},
		{"debounce", "Debounce", phrase},
	} {
		c, err := ParseConcept(tc.concept)
		if err != nil {
			t.Fatal(err)
		}
		got := kindOf(newMatcher(c), tc.text)
		if !strings.Contains("|"+tc.want+"|", "|"+got+"|") {
			t.Errorf("%s in %q: got %s, want %s", tc.concept, tc.text, got, tc.want)
		}
	}
}

// kindOf says the strongest match of the concept in text.
func kindOf(m *matcher, text string) string {
	orig := []byte(text)
	got := none
	for _, h := range m.find(orig, nil) {
		if h.start < 0 || h.end > len(orig) || h.start >= h.end {
			return "bad span"
		}
		if h.word == wordPhrase {
			return phrase
		}
		got = word
	}
	return got
}

// FuzzFind checks that matching never panics, and that every match lies in
// the text, starts on a word boundary and spells a term.
func FuzzFind(f *testing.F) {
	f.Add("distributed-lock", "class DistributedLock:\n  # a lock, blocking\nLOCKED = 1")
	f.Add("task-debouncer", "TaskDebouncer _debounce debouncing")
	f.Add("a", "a_a-a.a A")
	f.Add("lock", "xxxxxxxKxxxxxxxkLOCK lock\x00Lock\x80klock")
	f.Fuzz(func(t *testing.T, concept, text string) {
		c, err := ParseConcept(concept)
		if err != nil {
			return
		}
		orig := []byte(text)
		m := newMatcher(c)
		got := m.find(orig, nil)
		// The eight-bytes-at-a-time scan must find what trying every
		// position finds.
		var slow []match
		for p := range orig {
			for k := range m.needles {
				slow = m.at(orig, &m.needles[k], p, slow)
			}
		}
		if slow = m.settle(orig, slow); len(got)+len(slow) > 0 && !reflect.DeepEqual(got, slow) {
			t.Fatalf("%v in %q: scan found %v, every position %v", c.Words, text, got, slow)
		}
		for _, h := range got {
			if h.start < 0 || h.end > len(orig) || h.start >= h.end {
				t.Fatalf("bad span %v in %q", h, text)
			}
			if !startsWord(orig, h.start) || !endsWord(orig, h.end) {
				t.Fatalf("match %q of %v not on word boundaries in %q", text[h.start:h.end], c.Words, text)
			}
		}
	})
}

// TestMayShareStem: the first-letter test that spares stemming never
// rejects two words whose stems are equal, over every pair of synonym
// members, their words, and words whose stems are irregular.
func TestMayShareStem(t *testing.T) {
	words := []string{"skies", "sky", "dying", "die", "lying", "lie", "tying", "tie", "idly", "gently", "ugly", "early", "only",
		"news", "howe", "atlas", "cosmos", "bias", "andes", "'tis", "tis", "yelling", "yell", "Yes", "yes"}
	for _, g := range synonymGroups {
		for _, m := range g {
			words = append(words, m)
			words = append(words, strings.Fields(m)...)
		}
	}
	for _, a := range words {
		for _, b := range words {
			if english.Stem(a, false) == english.Stem(b, false) && !mayShareStem(a, b) {
				t.Errorf("%q and %q share the stem %q, but mayShareStem says they cannot", a, b, english.Stem(a, false))
			}
		}
	}
}

// TestSynonymTable: common backend synonyms reach the names the code uses
// (Cloner for content-copying, TrashCan for recycle-bin, a spelling for
// the whole concept matched by its stems).
func TestSynonymTable(t *testing.T) {
	for concept, want := range map[string]string{
		"content-copying": "clone", "recycle-bin": "trash", "rate-limiting": "throttle", "favorites": "favourites", "mime-sniffing": "mimetype",
	} {
		c, err := ParseConcept(concept)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, tm := range c.nameTerms {
			if tm.text == want {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no name term %q", concept, want)
		}
	}
}

// TestPhraseSynonyms: a synonym group's member of several words stands
// for the whole concept in names, word after word, whatever its role
// suffix and with small words between; a team's own phrase
// (.handbook.yaml) counts the same way; the words apart or out of order
// do not.
func TestPhraseSynonyms(t *testing.T) {
	team := [][]string{{"payout run", "disbursement of funds"}}
	for _, tc := range []struct {
		concept, name string
		whole         bool
	}{
		{"update-check", "release_checker", true},
		{"update-check", "VersionCheckService", true},
		{"update-check", "release_notes", false},
		{"update-check", "check_release", false},
		{"payout-run", "disbursement_of_funds_job", true},
		{"payout-run", "FundsDisbursement", false},
		{"throttle", "rate_limiter", true},
	} {
		c, err := parseConcept(tc.concept, team)
		if err != nil {
			t.Fatal(err)
		}
		a := newAnalyzer(c)
		mask, words, covered, _, syn := a.nameWords([]byte(tc.name), false)
		if got := mask == a.nm.full && words == covered && syn; got != tc.whole {
			t.Errorf("%s in %s: whole concept %v, want %v (mask %b, %d of %d words)", tc.concept, tc.name, got, tc.whole, mask, covered, words)
		}
	}
}

// izeFormEndings is written out (so that it is not built at package init):
// it must stay izeEndings plus the adjective and noun endings.
func TestIzeFormEndingsExtendIzeEndings(t *testing.T) {
	want := append(slices.Clone(izeEndings), "able", "ability")
	if !slices.Equal(izeFormEndings, want) {
		t.Errorf("izeFormEndings = %q, want %q", izeFormEndings, want)
	}
}
