package walk

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAttributesAgainstGit compares Attributes with `git check-attr` on
// nested .gitattributes files: patterns with and without slashes, "**",
// folder patterns (which never cover files in attribute files), unset and
// unspecified values, and a deeper file overriding a shallower one.
func TestAttributesAgainstGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	files := map[string]string{
		".gitattributes": "# generated SDKs\n" +
			"clients/sdk/** linguist-generated\n" +
			"*.pb.go linguist-generated=true\n" +
			"docs/ linguist-documentation\n" +
			"docs/** linguist-documentation\n" +
			"vendor/** linguist-vendored\n" +
			"/schema.sql linguist-generated\n" +
			"!negated linguist-generated\n" +
			"*.md linguist-documentation -linguist-generated\n",
		"clients/sdk/.gitattributes":     "hand/*.ts -linguist-generated\nhand/keep.ts !linguist-generated\n",
		"server/.gitattributes":          "models/*_gen.py linguist-generated\nschema.sql linguist-generated=false\n",
		"clients/sdk/v1/client.ts":       "",
		"clients/sdk/hand/util.ts":       "",
		"clients/sdk/hand/keep.ts":       "",
		"api/lock.pb.go":                 "",
		"api/lock.go":                    "",
		"docs/guide.md":                  "",
		"docs/img/x.txt":                 "",
		"vendor/lib/a.go":                "",
		"schema.sql":                     "",
		"server/schema.sql":              "",
		"server/models/order_gen.py":     "",
		"server/models/sub/order_gen.py": "",
		"README.md":                      "",
		"negated":                        "",
	}
	dir := t.TempDir()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	env := newTestEnv(t)
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, env.vars
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	git("init", "-q")
	var a Attributes
	var paths []string
	for rel, content := range files {
		if strings.HasSuffix(rel, ".gitattributes") {
			a.Add(rel, []byte(content))
		} else {
			paths = append(paths, rel)
		}
	}
	names := []string{"linguist-generated", "linguist-documentation", "linguist-vendored"}
	args := append(append([]string{"check-attr"}, names...), "--")
	out := git(append(args, paths...)...)
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		// "path: attr: value" with value set, unset, unspecified or a string.
		if strings.HasPrefix(line, "warning:") || strings.HasPrefix(line, "Use '\\!'") {
			continue // git's note about the negative pattern
		}
		parts := strings.SplitN(line, ": ", 3)
		if len(parts) != 3 {
			t.Fatalf("unexpected check-attr line %q", line)
		}
		want := parts[2]
		got, ok := a.Get(parts[0], parts[1])
		if !ok {
			got = "unspecified"
		}
		if got != want {
			t.Errorf("%s %s: got %s, git says %s", parts[0], parts[1], got, want)
		}
		checked++
	}
	if checked != len(paths)*len(names) {
		t.Errorf("checked %d answers, want %d", checked, len(paths)*len(names))
	}
	if !a.IsSet("clients/sdk/v1/client.ts", "linguist-generated") || a.IsSet("clients/sdk/hand/util.ts", "linguist-generated") {
		t.Error("IsSet disagrees with Get on the SDK files")
	}
}
