//go:build unix

package workspace

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/handbook-dev/handbook/internal/cli"
)

// A SIGTERM during a transaction undoes every change made so far: a file
// created is removed, a file replaced gets its content back, a folder
// created is removed, and no temporary file is left (issue 8, item 5).
func TestTxnSignalUndoes(t *testing.T) {
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Mkdir(filepath.Join(root, ".git"), 0o755))
	must(os.MkdirAll(filepath.Join(root, "handbook"), 0o755))
	docs := filepath.Join(root, "handbook", "docs.json")
	must(os.WriteFile(docs, []byte("old"), 0o644))
	ws, err := Open(Options{Dir: root})
	must(err)

	tx, err := ws.Begin()
	must(err)
	defer tx.End()
	must(tx.MkdirAll(filepath.Join(root, "handbook", "a", "b")))
	must(tx.CreateFile(filepath.Join(root, "handbook", "a", "b", "x.mdx"), []byte("new entry"), 0o644))
	must(tx.WriteFile(docs, []byte("new"), 0o644))
	must(syscall.Kill(os.Getpid(), syscall.SIGTERM))
	deadline := time.Now().Add(5 * time.Second)
	for tx.Check() == nil && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if err := tx.Commit(); !errors.Is(err, cli.ErrTerminated) {
		t.Fatalf("Commit = %v, want ErrTerminated", err)
	}
	if b, _ := os.ReadFile(docs); string(b) != "old" {
		t.Errorf("docs.json = %q, want it restored", b)
	}
	if _, err := os.Stat(filepath.Join(root, "handbook", "a")); !os.IsNotExist(err) {
		t.Errorf("created folder left: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(root, "handbook"))
	for _, e := range entries {
		if e.Name() != "docs.json" {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}
