package workspace

import (
	"math/rand/v2"
	"testing"
)

func TestClosest(t *testing.T) {
	tests := []struct {
		name       string
		typed      string
		candidates []string
		maxDist    int
		want       string
	}{
		{"exact", "ref-lines", []string{"ref-missing", "ref-lines"}, 2, "ref-lines"},
		{"one typo", "ref-lnes", []string{"ref-missing", "ref-lines"}, 2, "ref-lines"},
		{"too far", "drift", []string{"ref-missing", "ref-lines"}, 2, ""},
		{"at the limit", "abcd", []string{"abxy"}, 2, "abxy"},
		{"one past the limit", "abcd", []string{"axyz"}, 2, ""},
		{"tie goes to the first", "cat", []string{"bat", "hat", "cab"}, 1, "bat"},
		{"a nearer one after a tie", "cat", []string{"bat", "hat", "cat"}, 1, "cat"},
		{"nearer beats first", "servce", []string{"serve", "service"}, 2, "serve"},
		{"later strictly nearer", "servce", []string{"sevr", "service"}, 2, "service"},
		{"length filter", "a", []string{"abcd", "ab"}, 1, "ab"},
		{"no candidates", "name", nil, 2, ""},
		{"empty name", "", []string{"abc", "ab", "a"}, 1, "a"},
		{"empty name, empty candidate", "", []string{"a", ""}, 1, ""},
		{"empty candidate", "ab", []string{"", "xy"}, 2, ""},
		{"empty candidate within reach", "a", []string{"", "b"}, 1, ""},
		{"zero distance", "abc", []string{"abd", "abc"}, 0, "abc"},
		{"zero distance, none", "abc", []string{"abd"}, 0, ""},
		{"negative distance", "abc", []string{"abc"}, -1, ""},
		// Distances are in bytes: é is two bytes in UTF-8, so e→é is two
		// edits (a replacement and an insertion).
		{"unicode in bytes", "cafe", []string{"café"}, 1, ""},
		{"unicode in bytes, two", "cafe", []string{"café"}, 2, "café"},
		{"unicode one rune replaced", "naïve", []string{"naive"}, 1, ""},
		{"unicode same", "日本語", []string{"日本", "日本語"}, 3, "日本語"},
		{"unicode rune dropped", "日本語", []string{"日本"}, 3, "日本"},
		{"transposition is two", "service", []string{"sevrice"}, 1, ""},
		{"transposition within two", "service", []string{"sevrice"}, 2, "sevrice"},
		{"common prefix and suffix", "celery/app/task.py", []string{"celery/app/tasks.py", "celery/app/trace.py"}, 1, "celery/app/tasks.py"},
		{"long names", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", []string{"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxy"}, 1, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Closest(tt.typed, tt.candidates, tt.maxDist); got != tt.want {
				t.Errorf("Closest(%q, %q, %d) = %q, want %q", tt.typed, tt.candidates, tt.maxDist, got, tt.want)
			}
		})
	}
}

// levenshtein is the textbook distance, in bytes: the oracle for
// Closest's bounded one.
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// closestOracle is Closest with the textbook distance.
func closestOracle(name string, candidates []string, maxDist int) string {
	best, bestD := "", maxDist+1
	for _, c := range candidates {
		if d := levenshtein(name, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// randomName draws from a small alphabet (so that near names are common),
// with multi-byte runes among the letters.
func randomName(r *rand.Rand, maxLen int) string {
	alphabet := []string{"a", "b", "c", "_", ".", "/", "é", "日", "\xff"}
	n := r.IntN(maxLen + 1)
	s := ""
	for range n {
		s += alphabet[r.IntN(len(alphabet))]
	}
	return s
}

// TestClosestAgainstTextbook compares Closest and its distance with the
// plain Levenshtein distance on random names.
func TestClosestAgainstTextbook(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		a, b := randomName(r, 12), randomName(r, 12)
		if r.IntN(3) == 0 {
			// b a few edits away from a
			b = a
			for range r.IntN(4) {
				i := r.IntN(len(b) + 1)
				b = b[:i] + randomName(r, 1) + b[min(len(b), i+r.IntN(2)):]
			}
		}
		want := levenshtein(a, b)
		for k := -1; k <= 6; k++ {
			got := EditDistanceWithin(a, b, k)
			if want <= k && got != want || want > k && got != k+1 {
				t.Fatalf("EditDistanceWithin(%q, %q, %d) = %d; distance %d", a, b, k, got, want)
			}
		}
	}
	for range 3000 {
		name := randomName(r, 8)
		cands := make([]string, r.IntN(8))
		for i := range cands {
			cands[i] = randomName(r, 8)
		}
		for k := -1; k <= 4; k++ {
			if got, want := Closest(name, cands, k), closestOracle(name, cands, k); got != want {
				t.Fatalf("Closest(%q, %q, %d) = %q, want %q", name, cands, k, got, want)
			}
		}
	}
}

func FuzzEditDistanceWithin(f *testing.F) {
	f.Add("service", "sevrice", 2)
	f.Add("café", "cafe", 1)
	f.Fuzz(func(t *testing.T, a, b string, k int) {
		if len(a) > 64 || len(b) > 64 || k > 70 || k < -2 {
			return
		}
		want := levenshtein(a, b)
		got := EditDistanceWithin(a, b, k)
		if want <= k && got != want || want > k && got != k+1 {
			t.Fatalf("EditDistanceWithin(%q, %q, %d) = %d; distance %d", a, b, k, got, want)
		}
	})
}
