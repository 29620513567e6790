package mcp_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/mcp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// The skill file is reviewed as a whole: a change to it shows in the
// golden's diff. go test ./mcp -run SkillGolden -update rewrites it.
func TestSkillGolden(t *testing.T) {
	got := mcp.SkillText()
	golden := filepath.Join("testdata", "SKILL.md.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the skill differs from %s (run with -update after checking the change)", golden)
	}

	// Frontmatter: what agents read to decide when to use the skill.
	parts := strings.SplitN(string(got), "---\n", 3)
	if len(parts) != 3 || parts[0] != "" {
		t.Fatalf("no frontmatter:\n%s", got)
	}
	var fm struct{ Name, Description string }
	if err := yaml.Unmarshal([]byte(parts[1]), &fm); err != nil {
		t.Fatal(err)
	}
	if fm.Name != mcp.SkillName || len(fm.Description) < 50 || len(fm.Description) > 1024 {
		t.Errorf("frontmatter name %q, description of %d characters", fm.Name, len(fm.Description))
	}
	for _, step := range []string{"handbook new", "handbook explore", "handbook draft", "--section-file", "handbook lint", "--format json", "feedback"} {
		if !bytes.Contains(got, []byte(step)) {
			t.Errorf("the skill never mentions %s", step)
		}
	}
}

func writeSkill(t *testing.T, root string, force bool) (*mcp.SkillResult, error) {
	t.Helper()
	var out bytes.Buffer
	return mcp.WriteSkill(mcp.SkillOptions{IO: &cli.IO{Out: &out, ErrOut: &out}, Root: root, Dir: root, Force: force})
}

func TestSkillWritesUpdatesAndKeepsEdits(t *testing.T) {
	root := copyRepo(t)
	path := filepath.Join(root, ".claude/skills/handbook-backend-development/SKILL.md")
	step := func(force bool, wantAction string) {
		t.Helper()
		res, err := writeSkill(t, root, force)
		if err != nil {
			t.Fatalf("want %s, got %v", wantAction, err)
		}
		if res.Action != wantAction || res.Path != ".claude/skills/handbook-backend-development/SKILL.md" {
			t.Errorf("got %+v, want %s", res, wantAction)
		}
		if got := readFile(t, path); got != string(mcp.SkillText()) {
			t.Errorf("after %s the file is not this version's skill", wantAction)
		}
	}
	step(false, mcp.SkillWritten)
	step(false, mcp.SkillUnchanged)

	// An edit is kept: the run is refused and the file stays as edited.
	edited := strings.Replace(readFile(t, path), "# Writing", "# Our way of writing", 1)
	os.WriteFile(path, []byte(edited), 0o644)
	if _, err := writeSkill(t, root, false); err == nil || !strings.Contains(err.Error(), "was edited") || cli.ExitCode(err) != cli.ExitUsage {
		t.Errorf("an edited skill: err = %v, want a refusal (exit 2)", err)
	}
	if readFile(t, path) != edited {
		t.Error("the refused run changed the edited skill")
	}
	step(true, mcp.SkillReplaced)

	// A file an earlier version wrote (another text, its own valid stamp)
	// is updated without --force.
	old := "---\nname: handbook-backend-development\ndescription: older\n---\n\nOld text.\n"
	os.WriteFile(path, stamped(old), 0o644)
	step(false, mcp.SkillUpdated)

	// A file without the stamp was written by someone else: kept.
	os.WriteFile(path, []byte("my own skill\n"), 0o644)
	if _, err := writeSkill(t, root, false); err == nil {
		t.Error("a skill handbook did not write was overwritten")
	}
}

// stamped is text with the stamp handbook skill would give it.
func stamped(text string) []byte {
	self := mcp.SkillText()
	i := bytes.LastIndex(self[:len(self)-1], []byte("\n")) + 1
	stamp := regexp.MustCompile(`[0-9a-f]{64}`).ReplaceAllString(string(self[i:]), sha256hex(text))
	return append([]byte(text), stamp...)
}

func TestSkillStdoutAndDir(t *testing.T) {
	root := copyRepo(t)
	var out bytes.Buffer
	res, err := mcp.WriteSkill(mcp.SkillOptions{IO: &cli.IO{Out: &out}, Root: root, Dir: root, Stdout: true})
	if err != nil || res != nil || !bytes.Equal(out.Bytes(), mcp.SkillText()) {
		t.Errorf("--stdout: %v, %v, %d bytes", res, err, out.Len())
	}
	if _, err := os.Stat(filepath.Join(root, ".claude")); err == nil {
		t.Error("--stdout wrote a file")
	}

	res, err = mcp.WriteSkill(mcp.SkillOptions{IO: &cli.IO{Out: &out}, Root: root, Dir: filepath.Join(root, "server"), SkillsDir: "../.cursor/skills"})
	if err != nil || res.Path != ".cursor/skills/handbook-backend-development/SKILL.md" {
		t.Errorf("--dir: %+v, %v", res, err)
	}
	if _, err := mcp.WriteSkill(mcp.SkillOptions{IO: &cli.IO{Out: &out}, Root: root, Dir: root, SkillsDir: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "outside the repository") {
		t.Errorf("--dir outside the repository: %v", err)
	}
}

// Every command the skill shows runs: flags and values exist (no usage
// error, exit 2), in the order the skill gives them.
func TestSkillCommandsRun(t *testing.T) {
	root := copyRepo(t)
	os.MkdirAll(filepath.Join(root, "handbook-draft"), 0o755)
	for name, text := range map[string]string{"when.md": "When two workers could run the same job.", "how.md": "Call `lock.acquire()`.", "internals.md": "SET NX with a TTL."} {
		os.WriteFile(filepath.Join(root, "handbook-draft", name), []byte(text), 0o644)
	}
	blocks := regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(string(mcp.SkillText()), -1)
	if len(blocks) < 4 {
		t.Fatalf("%d command blocks in the skill", len(blocks))
	}
	for _, b := range blocks {
		line := strings.ReplaceAll(b[1], "\\\n", " ")
		args := shellWords(t, strings.TrimSpace(line))
		if args[0] != "handbook" {
			t.Fatalf("not a handbook command: %s", line)
		}
		args = append([]string{"--root", root}, args[1:]...)
		// The lint example names the entry relative to the repository.
		for i, a := range args {
			if strings.HasPrefix(a, "handbook/") || strings.HasPrefix(a, "When to use=") || strings.HasPrefix(a, "How") {
				if name, p, ok := strings.Cut(a, "="); ok {
					args[i] = name + "=" + filepath.Join(root, p)
				} else {
					args[i] = filepath.Join(root, a)
				}
			}
		}
		stdout, stderr, code := runCLI(t, args...)
		if code == cli.ExitUsage || code == cli.ExitCancelled {
			t.Errorf("%s: exit %d\n%s", line, code, stderr)
		}
		if !strings.HasPrefix(strings.TrimSpace(stdout), "{") {
			t.Errorf("%s: no JSON on stdout: %.200s", line, stdout)
		}
	}
}

// shellWords splits a command line the way sh does for the simple quoting
// the skill uses: double quotes, no escapes inside them.
func shellWords(t *testing.T, s string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, inWord = !quoted, true
		case !quoted && (r == ' ' || r == '\n' || r == '\t'):
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quoted {
		t.Fatalf("unbalanced quotes in %s", s)
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

func sha256hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// The skill's MCP section names every tool the server offers, so an agent
// reading it knows of each (status was added after the text was written).
func TestSkillNamesEveryTool(t *testing.T) {
	_, section, ok := strings.Cut(string(mcp.SkillText()), "## With the handbook MCP server")
	if !ok {
		t.Fatal("the skill has no MCP section")
	}
	section = strings.Join(strings.Fields(section), " ")
	res, err := connect(t, copyRepo(t)).ListTools(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tool := range res.Tools {
		if !strings.Contains(section, "`"+tool.Name+"`") {
			t.Errorf("the skill's MCP section does not name the tool %q:\n%s", tool.Name, section)
		}
	}
}
