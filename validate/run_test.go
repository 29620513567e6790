package validate

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/handbook-dev/handbook/internal/cli"
)

// TestRunGolden lints testdata/repo, a handbook shaped like a real one, in
// every format and compares the output with testdata/golden/repo-*.golden.
func TestRunGolden(t *testing.T) {
	repo, err := filepath.Abs(filepath.Join("testdata", "repo"))
	must(t, err)
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			var out, errOut bytes.Buffer
			ios := &cli.IO{Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
			err := Run(Options{IO: ios, Root: repo, Dir: repo, Format: format})
			if !errors.Is(err, cli.ErrFindings) {
				t.Fatalf("Run: %v, want findings", err)
			}
			got := []byte("-- stdout --\n" + out.String() + "-- stderr --\n" + errOut.String())
			golden := filepath.Join("testdata", "golden", "repo-"+format+".golden")
			if *update {
				must(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			must(t, err)
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run go test -update to accept):\n%s", golden, got)
			}
		})
	}
}
