package cli

import (
	"bufio"
	"strings"
	"testing"
)

// TestLineReaderStarved: questions read as huh's accessible prompts read
// them (a fresh scanner each); Starved tells a question that got no answer
// from a last answer without its newline.
func TestLineReaderStarved(t *testing.T) {
	for _, tc := range []struct {
		input     string
		questions int
		answers   []string
		starved   bool
	}{
		{"a\nb\n", 2, []string{"a", "b"}, false},
		{"a\nb", 2, []string{"a", "b"}, false},
		{"a\n\n", 2, []string{"a", ""}, false}, // an empty line is an answer
		{"a\n", 2, []string{"a"}, true},
		{"a", 2, []string{"a"}, true},
		{"", 1, nil, true},
	} {
		l := NewLineReader(strings.NewReader(tc.input))
		var got []string
		for range tc.questions {
			s := bufio.NewScanner(l)
			if s.Scan() {
				got = append(got, s.Text())
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.answers, "|") || l.Starved != tc.starved {
			t.Errorf("%q, %d questions: answers %q, starved %v; want %q, %v", tc.input, tc.questions, got, l.Starved, tc.answers, tc.starved)
		}
	}
}
