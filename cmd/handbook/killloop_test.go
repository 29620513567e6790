//go:build unix

package main

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/workspace"
)

var killRounds = flag.Int("killloop.rounds", 20, "rounds of TestKillLoop (bench/killloop runs 200)")

// TestKillLoop runs 8 concurrent `handbook new` per round and kills them at
// random with SIGINT, SIGTERM or SIGKILL (issue 8, item 5). After every
// round: no page without its file; no temporary file and no entry without
// its navigation line unless a SIGKILL landed, and then `lint --fix`
// repairs the rest. Exit codes are 0, 130 (SIGINT) or 143 (SIGTERM), or
// death by the signal itself when it came before the writes began.
func TestKillLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	signals := []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGKILL}
	rng := rand.New(rand.NewPCG(1, uint64(time.Now().UnixNano())))
	const workers = 8
	stats := map[string]int{}
	for round := range *killRounds {
		dir := t.TempDir()
		mustWrite(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n")
		mustWrite(t, filepath.Join(dir, "handbook", "docs.json"), `{
  "navigation": {
    "groups": [
      {
        "group": "Backend Development",
        "pages": []
      }
    ]
  }
}
`)
		var wg sync.WaitGroup
		var mu sync.Mutex
		killed := false
		for w := range workers {
			c := exec.Command(self, "new", fmt.Sprintf("entry-%d", w), "--description", "d", "--summary", "s", "--no-input")
			c.Dir = dir
			c.Env = append(os.Environ(), "HANDBOOK_TEST_AS_MAIN=1", "CI=1")
			var stderr strings.Builder
			c.Stderr = &stderr
			if err := c.Start(); err != nil {
				t.Fatal(err)
			}
			sig := signals[rng.IntN(len(signals))]
			delay := time.Duration(rng.IntN(40_000)) * time.Microsecond
			kill := rng.IntN(4) != 0 // a quarter of the runs are left alone
			wg.Add(1)
			go func() {
				defer wg.Done()
				if kill {
					time.Sleep(delay)
					_ = c.Process.Signal(sig)
				}
				err := c.Wait()
				outcome := "exit 0"
				var ee *exec.ExitError
				if errors.As(err, &ee) {
					ws := ee.Sys().(syscall.WaitStatus)
					switch {
					case ws.Signaled():
						outcome = "killed by " + ws.Signal().String()
					default:
						outcome = fmt.Sprintf("exit %d", ws.ExitStatus())
					}
				} else if err != nil {
					t.Error(err)
				}
				mu.Lock()
				defer mu.Unlock()
				stats[outcome]++
				if kill && sig == syscall.SIGKILL && outcome == "killed by killed" {
					killed = true
				}
				switch outcome {
				case "exit 0", "exit 130", "exit 143", "killed by interrupt", "killed by terminated", "killed by killed":
				default:
					t.Errorf("round %d: %s (signal %v): %s", round, outcome, sig, stderr.String())
				}
			}()
		}
		wg.Wait()
		if killed {
			// What a SIGKILL leaves, lint --fix repairs.
			c := exec.Command(self, "lint", "--fix")
			c.Dir = dir
			c.Env = append(os.Environ(), "HANDBOOK_TEST_AS_MAIN=1", "CI=1")
			_ = c.Run()
		}
		checkConsistent(t, round, dir)
	}
	t.Logf("%d rounds of %d runs: %v", *killRounds, workers, stats)
}

// checkConsistent: every entry is registered, every registered page has
// its entry, and no temporary file is left.
func checkConsistent(t *testing.T, round int, dir string) {
	t.Helper()
	hb := filepath.Join(dir, "handbook")
	nav, err := workspace.LoadNav(filepath.Join(hb, "docs.json"))
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	listed := map[string]bool{}
	for _, p := range nav.Pages() {
		if listed[p.Page] {
			t.Errorf("round %d: %s listed twice", round, p.Page)
		}
		listed[p.Page] = true
		if _, err := os.Stat(filepath.Join(hb, p.Page+".mdx")); err != nil {
			t.Errorf("round %d: page %s has no file", round, p.Page)
		}
	}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		switch {
		case strings.Contains(name, "tmp"):
			t.Errorf("round %d: temporary file left: %s", round, p)
		case strings.HasSuffix(name, ".mdx"):
			rel, _ := filepath.Rel(hb, p)
			if page := strings.TrimSuffix(filepath.ToSlash(rel), ".mdx"); !listed[page] {
				t.Errorf("round %d: %s is not in the navigation", round, page)
			}
		}
		return nil
	})
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
