package workspace

import "testing"

func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{
		"distributed-lock": true, "x": true, "a1-b2": true, "2fa": true,
		"": false, "Distributed Lock": false, "distributed_lock": false, "../x": false, "/abs": false,
		"-x": false, "x-": false, "a--b": false, "DistributedLock": false, "é": false,
		"a-very-long-name-that-goes-on-and-on-well-past-the-limit-of-sixty-four": false,
	} {
		if got := ValidSlug(s); got != want {
			t.Errorf("ValidSlug(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSuggestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Distributed Lock":  "distributed-lock",
		"distributed_lock":  "distributed-lock",
		"DistributedLock":   "distributed-lock",
		"HTTPServer":        "http-server",
		"lockManager2":      "lock-manager2",
		"../x":              "x",
		"/abs":              "abs",
		"":                  "",
		"???":               "",
		" task  debouncer ": "task-debouncer",
		"café":              "cafe",
		"Zürich Payouts":    "zurich-payouts",
		"naïve-résumé":      "naive-resume",
		"日本":                "",
	} {
		if got := SuggestSlug(in); got != want {
			t.Errorf("SuggestSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitleFromSlug(t *testing.T) {
	if got := TitleFromSlug("distributed-lock"); got != "Distributed Lock" {
		t.Errorf("got %q", got)
	}
}
