package validate

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/workspace"
)

// closestUniqueOracle is closestUnique as first written: Closest at one
// edit, then two, and a second Closest without the best name to tell a tie.
func closestUniqueOracle(name string, names []string, dotted bool) string {
	names = slices.DeleteFunc(slices.Clone(names), func(n string) bool { return !dotted && strings.HasPrefix(n, ".") })
	maxDist := 1
	if utf8.RuneCountInString(name) >= 5 {
		maxDist = 2
	}
	for d := 1; d <= maxDist; d++ {
		best := workspace.Closest(name, names, d)
		if best == "" {
			continue
		}
		others := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == best })
		if workspace.Closest(name, others, d) != "" {
			return ""
		}
		return best
	}
	return ""
}

func TestClosestUnique(t *testing.T) {
	tests := []struct {
		name   string
		typed  string
		names  []string
		dotted bool
		want   string
	}{
		{"one typo", "severty", []string{"severity", "service"}, false, "severity"},
		{"two typos in a long name", "servce.py", []string{"service.py", "models.py"}, false, "service.py"},
		{"two typos in a short name", "cta", []string{"cat"}, false, ""},
		{"one typo in a short name", "ct", []string{"cat"}, false, "cat"},
		{"tie at one", "cat", []string{"bat", "cap"}, false, ""},
		{"tie at two", "abcdef", []string{"abxyef", "abcdxy"}, false, ""},
		{"one beats a tie at two", "abcdef", []string{"abxyef", "abcdxy", "abcdeg"}, false, "abcdeg"},
		{"the name itself and a typo", "cat", []string{"cat", "bat"}, false, ""},
		{"the name itself alone", "cat", []string{"cat", "dog"}, false, "cat"},
		{"duplicates are one name", "cat", []string{"bat", "bat"}, false, "bat"},
		{"hidden names skipped", "git", []string{".git", "bit"}, false, "bit"},
		{"hidden names when dotted", ".gt", []string{".git", "bit"}, true, ".git"},
		{"hidden tie when dotted", "git", []string{".git", "bit"}, true, ""},
		{"empty name", "", []string{"a", "bc"}, false, "a"},
		{"empty names", "abc", nil, false, ""},
		{"empty candidate", "a", []string{""}, false, ""},
		// Five runes (not bytes) allow two edits; distances are in bytes.
		{"unicode five runes", "café_", []string{"cafe_"}, false, "cafe_"},
		{"unicode four runes", "café", []string{"cafe"}, false, ""},
		{"unicode one rune short", "日本語", []string{"日本"}, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := closestUnique(tt.typed, tt.names, tt.dotted); got != tt.want {
				t.Errorf("closestUnique(%q, %q, %v) = %q, want %q", tt.typed, tt.names, tt.dotted, got, tt.want)
			}
			if got := closestUniqueOracle(tt.typed, tt.names, tt.dotted); got != tt.want {
				t.Errorf("oracle(%q, %q, %v) = %q, want %q", tt.typed, tt.names, tt.dotted, got, tt.want)
			}
		})
	}
}

// TestClosestUniqueAgainstOracle compares the one-pass closestUnique with
// its first formulation on random names.
func TestClosestUniqueAgainstOracle(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", "b", "c", ".", "é", "日"}
	// Names are never empty (a folder's, a file's definitions); the first
	// formulation could not tell an empty name found from none.
	word := func(max int) string {
		var b strings.Builder
		for range 1 + r.IntN(max) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 20000 {
		name := word(7)
		names := make([]string, r.IntN(10))
		for i := range names {
			names[i] = word(7)
		}
		dotted := r.IntN(2) == 0
		if got, want := closestUnique(name, names, dotted), closestUniqueOracle(name, names, dotted); got != want {
			t.Fatalf("closestUnique(%q, %q, %v) = %q, want %q", name, names, dotted, got, want)
		}
	}
}

// TestSuggestionsOnlyForReportedFindings: where a missing path went and
// where a misplaced name is defined are searched for (the repository
// walked, its sources scanned) only for findings that will be reported,
// not when the rule is off or a comment suppresses it there.
func TestSuggestionsOnlyForReportedFindings(t *testing.T) {
	// Tracked: Python's source roots come from the index, not a walk.
	ws := refRepoWith(t, "", true)
	body := "See `server/pkg/kit/metdata.py` and `Other26` (`server/pkg/kit/metadata.py:1`)."
	imports := "\n\n```python\nfrom pkg.kit.metadata import Reexported\n```"
	for _, tc := range []struct {
		name     string
		off      []string
		body     string
		searched bool
	}{
		{"reported", nil, body + imports, true},
		{"rules off", []string{RuleRefMissing, RuleRefSymbol}, body + imports, false},
		{"suppressed in the file", nil, "{/* handbook-lint-disable ref-missing ref-symbol */}\n\n" + body + imports, false},
		{"suppressed on the line", nil, "{/* handbook-lint-disable-next-line ref-missing, ref-symbol */}\n" + body, false},
		{"suppressed on another line", nil, "{/* handbook-lint-disable-next-line ref-missing, ref-symbol */}\nx\n\n" + body, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := New(ws)
			must(t, err)
			for _, r := range tc.off {
				delete(l.severity, r)
			}
			searches := 0
			nameScanHook = func(string) { searches++ }
			walkHook = func() { searches++ }
			defer func() { nameScanHook, walkHook = nil, nil }()
			got := refFindings(t, l, tc.body)
			if tc.searched != (searches > 0) {
				t.Errorf("searched %d times, want searches: %v", searches, tc.searched)
			}
			if tc.searched {
				want := []string{
					"ref-missing: file `server/pkg/kit/metdata.py` does not exist: the path one typo away is `server/pkg/kit/metadata.py`; run `handbook lint --fix` to update the reference",
					"ref-symbol: Other26 is not in `server/pkg/kit/metadata.py`; it is defined at server/pkg/kit/other.py:26; cite that",
				}
				if strings.Contains(tc.body, "```") {
					want = append(want, "ref-symbol: Reexported is not defined in pkg.kit.metadata (`server/pkg/kit/metadata.py`); Reexported is defined in pkg.kit.other, server/pkg/kit/other.py:29")
				}
				if !slices.Equal(got, want) {
					t.Errorf("findings:\n%q\nwant:\n%q", got, want)
				}
			} else if len(got) > 0 {
				t.Errorf("findings of rules off or suppressed: %q", got)
			}
		})
	}
}
