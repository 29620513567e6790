//go:build unix

package githistory

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// A trees folder a killed run left (its process gone, older than
// staleAfter) is removed by the next run; a live run's, a recent one and
// folders of other names are kept.
func TestSweepTreesRemovesOnlyKilledRunsFolders(t *testing.T) {
	tmp := t.TempDir()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true(1):", err)
	}
	dead := strconv.Itoa(cmd.Process.Pid) // waited for: gone
	live := strconv.Itoa(os.Getpid())
	old := time.Now().Add(-2 * staleAfter)
	for name, mtime := range map[string]time.Time{
		treesPrefix + dead + "-1": old,        // left by a killed run: removed
		treesPrefix + live + "-2": old,        // a run still going
		treesPrefix + dead + "-3": time.Now(), // too recent to judge
		treesPrefix + "x-4":       old,        // not named by a process
		"other-" + dead + "-5":    old,
	} {
		p := filepath.Join(tmp, name)
		if err := os.MkdirAll(filepath.Join(p, "objects"), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	sweepTrees(tmp, time.Now())
	left, _ := filepath.Glob(filepath.Join(tmp, "*"))
	got := map[string]bool{}
	for _, p := range left {
		got[filepath.Base(p)] = true
	}
	if got[treesPrefix+dead+"-1"] {
		t.Error("the killed run's folder is still there")
	}
	for _, keep := range []string{treesPrefix + live + "-2", treesPrefix + dead + "-3", treesPrefix + "x-4", "other-" + dead + "-5"} {
		if !got[keep] {
			t.Errorf("%s was removed", keep)
		}
	}
	dir, err := treesDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if base := filepath.Base(dir); base[:len(treesPrefix+live)+1] != treesPrefix+live+"-" {
		t.Errorf("trees folder %s is not named by this process", base)
	}
}
