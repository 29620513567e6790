package quietterm

import (
	"os"
	"testing"
)

// Package init set CI and emptied PATH; Restore gives back what the
// process started with (this test binary imports no terminal library, so
// nothing restored them before).
func TestRestoreGivesBackCIAndPATH(t *testing.T) {
	if got := os.Getenv("PATH"); EmptiesPATH && got != "" {
		t.Fatalf("PATH during package initialisation = %q, want it empty", got)
	}
	if got := os.Getenv("CI"); got != "1" {
		t.Fatalf("CI during package initialisation = %q, want 1", got)
	}
	Restore()
	if got, ok := os.LookupEnv("PATH"); got != pathValue || ok != pathSet {
		t.Errorf("PATH after Restore = %q (set %v), want %q (set %v)", got, ok, pathValue, pathSet)
	}
	if got, ok := os.LookupEnv("CI"); got != ciValue || ok != ciSet {
		t.Errorf("CI after Restore = %q (set %v), want %q (set %v)", got, ok, ciValue, ciSet)
	}
	if pathValue == "" {
		t.Skip("the test ran without PATH: nothing to give back")
	}
}
