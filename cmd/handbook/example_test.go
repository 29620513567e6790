package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/cmd"
	"github.com/handbook-dev/handbook/internal/cli"
)

// run runs handbook in-process and returns its exit code and streams.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := map[string]string{"NO_COLOR": "1"}
	ios := &cli.IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(k string) string { return env[k] }}
	code := cmd.Run(args, ios)
	return code, out.String(), errOut.String()
}

// copyTree copies the example to a scratch folder, so the run writes
// nowhere in this repository.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The README's quick start on examples/shop: a folder without .git, made
// its own root with --root. new, explore, draft and lint each do real work
// there, and the walk honours the example's .gitignore.
func TestExampleShopFirstRun(t *testing.T) {
	root := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "examples", "shop"), root)
	if _, err := os.Stat(filepath.Join(root, ".git")); !os.IsNotExist(err) {
		t.Fatalf("the example must not be a repository of its own: %v", err)
	}
	// What .gitignore excludes is never read, even without a repository.
	for _, p := range []string{"server/shop/core/__pycache__/locker.cpython-312.pyc", ".env"} {
		full := filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte("DistributedLock distributed_lock"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errOut := run(t, "explore", "--root", root, "--files")
	if code != 0 || strings.Contains(out, "__pycache__") || strings.Contains(out, ".env\n") || !strings.Contains(out, "server/shop/core/locker.py") {
		t.Fatalf("explore --files: exit %d\n%s%s", code, out, errOut)
	}

	code, out, errOut = run(t, "explore", "distributed-lock", "--root", root, "--format", "json")
	var res struct {
		Results []struct{ Path, Role string } `json:"results"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Results) < 3 || res.Results[0].Path != "server/shop/core/locker.py" {
		t.Fatalf("explore: exit %d, want server/shop/core/locker.py first:\n%s%s", code, out, errOut)
	}

	// The entries it ships are in shape; the stale one cites lines of
	// server/shop/orders/tasks.py that moved to core/retry.py, which the
	// reference rules report, and nothing else. The example has no git
	// remote, so its links to code are relative, and each is a
	// link-outside-docs warning (Mintlify publishes only handbook/).
	code, out, errOut = run(t, "lint", "--root", root)
	var kept []string
	for _, line := range strings.SplitAfter(out, "\n") {
		if !strings.HasSuffix(strings.TrimSpace(line), "[link-outside-docs]") {
			kept = append(kept, line)
		}
	}
	if code != 1 || strings.Count(out, "[link-outside-docs]") != 4 {
		t.Fatalf("lint of the shipped entries: exit %d, want 4 link-outside-docs warnings\n%s%s", code, out, errOut)
	}
	out = strings.Join(kept, "")
	if code != 1 || strings.Count(out, "\n") != 1 ||
		!strings.Contains(out, "task-retries.mdx:27:5: error: `server/shop/orders/tasks.py` has 17 lines, so lines 12-25 are past its end") {
		t.Fatalf("lint of the shipped entries: exit %d, want the stale reference only\n%s%s", code, out, errOut)
	}

	code, out, errOut = run(t, "new", "distributed-lock", "--root", root, "--no-input", "--refs", "auto",
		"--description", "One holder at a time across API processes and workers.",
		"--summary", "A Redis-backed lock shared by the API and the workers.")
	if code != 0 {
		t.Fatalf("new: exit %d\n%s%s", code, out, errOut)
	}
	// The next steps it prints run against the same root; the search is
	// not among them, its references are in the entry already.
	for _, next := range []string{"handbook draft distributed-lock --root ", "handbook lint --root "} {
		if !strings.Contains(errOut, next) {
			t.Errorf("new's next steps lack %q:\n%s", next, errOut)
		}
	}
	if strings.Contains(errOut, "handbook explore") {
		t.Errorf("new's next steps suggest the search it did already:\n%s", errOut)
	}
	entry := filepath.Join(root, "handbook", "engineering", "backend-development", "distributed-lock.mdx")
	got, err := os.ReadFile(entry)
	if err != nil || !bytes.Contains(got, []byte("(../../../server/shop/core/locker.py#L")) {
		t.Fatalf("the entry does not cite the lock's code: %v\n%s", err, got)
	}
	// A file is cited where it shows the concept, not at an import line.
	if !bytes.Contains(got, []byte("(service): `async with distributed_lock(f\"order:{order_id}\"):`")) || bytes.Contains(got, []byte("orders/service.py:5")) {
		t.Errorf("the service is not cited where it takes the lock:\n%s", got)
	}
	docs, _ := os.ReadFile(filepath.Join(root, "handbook", "docs.json"))
	if !bytes.Contains(docs, []byte("\"engineering/backend-development/distributed-lock\"")) {
		t.Errorf("docs.json does not list the entry:\n%s", docs)
	}

	// lint reports the sections still to write; draft writes one.
	code, out, _ = run(t, "lint", "--root", root)
	if code != 1 || strings.Count(out, "[placeholder]") != 3 {
		t.Errorf("lint after new: exit %d, want 1 and three sections to write:\n%s", code, out)
	}
	code, _, errOut = run(t, "draft", "distributed-lock", "--root", root, "--yes",
		"--when", "Two workers could confirm the same order at once.")
	if code != 0 || !strings.Contains(errOut, "handbook/engineering/backend-development/distributed-lock.mdx\n") || !strings.Contains(errOut, "Wrote ") {
		t.Errorf("draft: exit %d\n%s", code, errOut)
	}
	if code, out, _ = run(t, "lint", "--root", root); strings.Count(out, "[placeholder]") != 2 {
		t.Errorf("lint after draft: exit %d, want two sections left:\n%s", code, out)
	}
	// A typo names the entry, with the same root.
	if code, _, errOut = run(t, "draft", "distributed-lok", "--root", root); code != 2 || !strings.Contains(errOut, "Did you mean: handbook draft distributed-lock --root ") {
		t.Errorf("draft with a typo: exit %d\n%s", code, errOut)
	}
}
