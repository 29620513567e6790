//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// term is the screen side of a pseudo-terminal running the real binary.
type term struct {
	t   *testing.T
	f   *os.File
	mu  sync.Mutex
	out bytes.Buffer
	cmd *exec.Cmd
	// mark is how much of out had been shown when keys were last sent;
	// waitFor looks only at what came after, so a field title drawn before
	// the keystroke does not count as its answer.
	mark int
}

func startInPTY(t *testing.T, dir string, args ...string) *term {
	t.Helper()
	return startInPTYEnv(t, dir, nil, args...)
}

// startInPTYEnv is startInPTY with extra environment variables.
func startInPTYEnv(t *testing.T, dir string, env []string, args ...string) *term {
	t.Helper()
	if _, err := exec.LookPath("handbook"); err != nil {
		t.Skip("handbook is not on PATH (testscript.Main puts it there)")
	}
	return startInPTYSize(t, dir, 40, 80, env, args...)
}

// startInPTYSize runs handbook on a terminal of rows×cols.
func startInPTYSize(t *testing.T, dir string, rows, cols uint16, env []string, args ...string) *term {
	t.Helper()
	if _, err := exec.LookPath("handbook"); err != nil {
		t.Skip("handbook is not on PATH (testscript.Main puts it there)")
	}
	c := exec.Command("handbook", args...)
	c.Dir = dir
	c.Env = append(append(os.Environ(), "CI=", "TERM=xterm-256color", "NO_COLOR=1", "HANDBOOK_ACCESSIBLE="), env...)
	f, err := pty.StartWithSize(c, &pty.Winsize{Rows: rows, Cols: cols})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	tm := &term{t: t, f: f, cmd: c}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			tm.answerQueries(buf[:n])
			tm.mu.Lock()
			tm.out.Write(buf[:n])
			tm.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { c.Process.Kill(); f.Close() })
	return tm
}

// answerQueries replies like a terminal emulator to the status queries a
// program sends: the background colour (OSC 11) and the cursor position
// (CSI 6n). Bubble Tea asks both at start-up and waits up to five seconds
// for a terminal that stays silent.
func (tm *term) answerQueries(b []byte) {
	if bytes.Contains(b, []byte("\x1b]11;?")) {
		tm.f.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
	}
	if bytes.Contains(b, []byte("\x1b[6n")) {
		tm.f.Write([]byte("\x1b[1;1R"))
	}
}

// waitFor waits until the screen has shown s (after what was already seen).
func (tm *term) waitFor(s string) {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		tm.mu.Lock()
		ok := strings.Contains(tm.out.String()[tm.mark:], s)
		tm.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.mu.Lock()
	defer tm.mu.Unlock()
	tm.t.Fatalf("the screen never showed %q; it showed:\n%s", s, tm.out.String())
}

// send types keys.
func (tm *term) send(keys string) {
	tm.t.Helper()
	tm.mu.Lock()
	tm.mark = tm.out.Len()
	tm.mu.Unlock()
	if _, err := tm.f.Write([]byte(keys)); err != nil {
		tm.t.Fatal(err)
	}
}

// wantExit waits for the command to end and fails with the screen when
// its exit code is not want.
func (tm *term) wantExit(want int) {
	tm.t.Helper()
	if code := tm.exitCode(); code != want {
		tm.t.Fatalf("exit %d, want %d; screen:\n%s", code, want, tm.out.String())
	}
}

func (tm *term) exitCode() int {
	tm.t.Helper()
	done := make(chan error, 1)
	go func() { done <- tm.cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			tm.t.Fatal(err)
		}
		return 0
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("the program did not end; screen:\n%s", tm.out.String())
		return -1
	}
}

func ptyRepo(t *testing.T) string {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The interactive form in a real terminal: keystrokes in, entry out.
func TestNewInteractiveInPTY(t *testing.T) {
	dir := ptyRepo(t)
	tm := startInPTY(t, dir, "new", "distributed-lock")
	// huh marks the focused field with "┃"; typing before focus has moved
	// would land in the previous field.
	tm.waitFor("┃ Title")
	tm.send("\r") // keep the default title from the slug
	tm.waitFor("┃ Description")
	tm.send("Only one worker runs a job at a time\r")
	tm.waitFor("┃ Summary")
	tm.send("A Redis-backed lock.\r")
	tm.waitFor("Write the sections now?")
	tm.waitFor("handbook draft distributed-lock") // the way back later, with its slug
	tm.send("y")
	// "How to use" is left for later: its todo comment stays.
	tm.answerSections("When two workers could run the same job.", "", "SET NX with a TTL.")
	tm.wantExit(0)
	// The review lists what remains: the section left for later.
	tm.waitFor("Still to do in handbook/backend-development/distributed-lock.mdx")
	got, err := os.ReadFile(filepath.Join(dir, "handbook", "backend-development", "distributed-lock.mdx"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"title: \"Distributed Lock\"\n", "description: \"Only one worker runs a job at a time\"\n", "\nA Redis-backed lock.\n",
		"## When to use this concept\n\nWhen two workers could run the same job.\n",
		"## How to use this concept\n\n{/* handbook:todo:",
		"## How it works\n\nSET NX with a TTL.\n",
	} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("entry lacks %q:\n%s", want, got)
		}
	}
}

// Ctrl-C and Esc cancel: exit 130 and nothing written.
func TestNewCancelInPTY(t *testing.T) {
	for name, key := range map[string]string{"ctrl-c": "\x03", "esc": "\x1b"} {
		t.Run(name, func(t *testing.T) {
			dir := ptyRepo(t)
			tm := startInPTY(t, dir, "new", "distributed-lock")
			tm.waitFor("┃ Title")
			tm.send("\r")
			tm.waitFor("┃ Description")
			tm.send("half a descr")
			tm.waitFor("half a descr")
			tm.send(key)
			tm.wantExit(130)
			tm.waitFor("Cancelled; nothing was written.")
			if _, err := os.Stat(filepath.Join(dir, "handbook")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("something was written: %v", err)
			}
		})
	}
}

// Ctrl-C after the answers (at the offer to write the sections): what was
// typed is not lost, the command to start again with it is printed.
func TestNewCancelAfterAnswersKeepsThem(t *testing.T) {
	dir := ptyRepo(t)
	tm := startInPTY(t, dir, "new", "distributed-lock")
	tm.waitFor("┃ Title")
	tm.send("\r")
	tm.waitFor("┃ Description")
	tm.send("Only one worker runs a job\r")
	tm.waitFor("┃ Summary")
	tm.send("A Redis-backed lock.\r")
	tm.waitFor("Write the sections now?")
	tm.send("\x03")
	tm.wantExit(130)
	tm.waitFor("handbook new distributed-lock --description 'Only one worker runs a job' --summary 'A Redis-backed lock.'")
}

// Ctrl-C while writing the sections: the sections answered and the one
// being typed are in the command printed to start again.
func TestNewCancelInSectionsKeepsThem(t *testing.T) {
	dir := ptyRepo(t)
	tm := startInPTY(t, dir, "new", "distributed-lock", "--refs", "none")
	tm.waitFor("┃ Title")
	tm.send("\r")
	tm.waitFor("┃ Description")
	tm.send("Only one worker runs a job\r")
	tm.waitFor("┃ Summary")
	tm.send("A Redis-backed lock.\r")
	tm.waitFor("Write the sections now?")
	tm.send("y")
	tm.waitFor("┃ When to use this concept")
	tm.send("When two workers race.\r")
	tm.waitFor("┃ How to use this concept")
	tm.send("Half typed")
	tm.waitFor("Half typed")
	tm.send("\x03")
	tm.wantExit(130)
	tm.waitFor("--section 'When to use this concept=When two workers race.' --section 'How to use this concept=Half typed'")
}

// answerSections types one answer into each of the template's section
// fields, waiting for focus to reach it; "" leaves a section for later.
func (tm *term) answerSections(answers ...string) {
	tm.t.Helper()
	for i, h := range []string{"When to use this concept", "How to use this concept", "How it works"} {
		tm.waitFor("┃ " + h)
		tm.send(answers[i] + "\r")
	}
}

// draftRepo has an entry scaffolded by new, ready for draft.
func draftRepo(t *testing.T) (dir, entry string) {
	dir = ptyRepo(t)
	c := exec.Command("handbook", "new", "distributed-lock", "--description", "Locks", "--summary", "A lock.", "--no-input")
	c.Dir = dir
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("new: %v\n%s", err, out)
	}
	return dir, filepath.Join(dir, "handbook", "backend-development", "distributed-lock.mdx")
}

// draft in a terminal: a text field per unwritten section, the diff, and a
// confirmation before writing.
func TestDraftInteractiveInPTY(t *testing.T) {
	dir, entry := draftRepo(t)
	tm := startInPTY(t, dir, "draft", "distributed-lock", "--refs", "none")
	tm.answerSections("When two workers could run the same job.", "", "SET NX with a TTL.")
	tm.waitFor("Write these changes to distributed-lock.mdx?")
	tm.send("\r") // the default answer is Write
	tm.wantExit(0)
	got, _ := os.ReadFile(entry)
	for _, want := range []string{"\nWhen two workers could run the same job.\n", "\nSET NX with a TTL.\n", "## How to use this concept\n\n{/* handbook:todo:"} {
		if !bytes.Contains(got, []byte(want)) {
			t.Errorf("entry lacks %q:\n%s", want, got)
		}
	}
}

// Ctrl-C at the confirmation: exit 130, the entry as it was.
func TestDraftCancelInPTY(t *testing.T) {
	dir, entry := draftRepo(t)
	before, _ := os.ReadFile(entry)
	tm := startInPTY(t, dir, "draft", "distributed-lock", "--refs", "none")
	tm.answerSections("Text that must not land.", "", "")
	tm.waitFor("Write these changes")
	tm.send("\x03")
	tm.wantExit(130)
	if after, _ := os.ReadFile(entry); !bytes.Equal(before, after) {
		t.Errorf("the entry changed:\n%s", after)
	}
}

// Ctrl-C at a later section: the entry is untouched, and what was typed
// (the sections answered and the one being written) is kept outside the
// repository, as at the confirmation.
func TestDraftCancelInSectionsKeepsTyped(t *testing.T) {
	dir, entry := draftRepo(t)
	before, _ := os.ReadFile(entry)
	tm := startInPTY(t, dir, "draft", "distributed-lock", "--refs", "none")
	tm.waitFor("┃ When to use this concept")
	tm.send("When two workers race.\r")
	tm.waitFor("┃ How to use this concept")
	tm.send("Half typed")
	tm.waitFor("Half typed")
	tm.send("\x03")
	tm.wantExit(130)
	tm.waitFor("(the entry as it would have been)")
	if after, _ := os.ReadFile(entry); !bytes.Equal(before, after) {
		t.Errorf("the entry changed:\n%s", after)
	}
	tm.mu.Lock()
	screen := tm.out.String()
	tm.mu.Unlock()
	m := regexp.MustCompile(`kept in (\S+) \(`).FindStringSubmatch(screen)
	if m == nil {
		t.Fatalf("no path of the kept text; screen:\n%s", screen)
	}
	kept, err := os.ReadFile(m[1])
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Dir(m[1]))
	for _, want := range []string{"\nWhen two workers race.\n", "\nHalf typed\n"} {
		if !bytes.Contains(kept, []byte(want)) {
			t.Errorf("kept text lacks %q:\n%s", want, kept)
		}
	}
}

// HANDBOOK_ACCESSIBLE=1 in a terminal gives plain line prompts, one
// question at a time, for screen readers.
func TestNewAccessibleEnvInPTY(t *testing.T) {
	dir := ptyRepo(t)
	tm := startInPTYEnv(t, dir, []string{"HANDBOOK_ACCESSIBLE=1"}, "new", "distributed-lock", "--refs", "none")
	tm.waitFor("Title [Distributed Lock]")
	tm.send("\r")
	tm.waitFor("Description")
	tm.send("Only one worker at a time\r")
	tm.waitFor("Summary")
	tm.send("A lock.\r")
	tm.waitFor("Write the sections now?")
	tm.send("n\r")
	tm.wantExit(0)
	if strings.Contains(tm.out.String(), "┃") {
		t.Errorf("accessible mode drew the form:\n%s", tm.out.String())
	}
	got, _ := os.ReadFile(filepath.Join(dir, "handbook", "backend-development", "distributed-lock.mdx"))
	if !bytes.Contains(got, []byte("description: \"Only one worker at a time\"")) {
		t.Errorf("entry:\n%s", got)
	}
}

// Commands that never prompt never query the terminal: no background
// colour (OSC 11) or cursor position (CSI 6n) request lands in a log
// captured through a pseudo-terminal, and nothing waits for an answer.
func TestNoTerminalQueriesWithoutPrompts(t *testing.T) {
	dir, _ := draftRepo(t)
	for _, args := range [][]string{{"lint"}, {"explore", "distributed-lock"}, {"--version"}, {"lint", "--format", "json"},
		// In a terminal, but every answer given: nothing is asked.
		{"draft", "distributed-lock", "--refs", "none", "--how", "Wrap it.", "--yes"},
		{"new", "other-lock", "--title", "T", "--description", "D", "--summary", "S", "--refs", "none", "--when", "W", "--force"}} {
		for _, noColor := range []string{"1", ""} {
			t.Run(strings.Join(args, " ")+"/NO_COLOR="+noColor, func(t *testing.T) {
				tm := startInPTYEnv(t, dir, []string{"NO_COLOR=" + noColor}, args...)
				tm.exitCode()
				time.Sleep(50 * time.Millisecond) // let the reader drain the pty
				tm.mu.Lock()
				out := tm.out.String()
				tm.mu.Unlock()
				for _, q := range []string{"\x1b]11;?", "\x1b[6n"} {
					if strings.Contains(out, q) {
						t.Errorf("handbook %s wrote the terminal query %q:\n%q", strings.Join(args, " "), q, out)
					}
				}
			})
		}
	}
}

// lint on an 80-column terminal: findings grouped under their file, each
// within the width, the missing sections as one finding.
func TestLintGroupedInPTY(t *testing.T) {
	dir := ptyRepo(t)
	entry := filepath.Join(dir, "handbook", "backend-development", "queues.mdx")
	if err := os.MkdirAll(filepath.Dir(entry), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "---\ntitle: \"Queues\"\ndescription: \"" + strings.Repeat("Long description. ", 12) + "\"\n---\n\nJobs.\n\n## Overview\n\n```\nx = 1\n```\n"
	if err := os.WriteFile(entry, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	tm := startInPTY(t, dir, "lint")
	tm.wantExit(1)
	tm.waitFor("in 1 file")
	tm.mu.Lock()
	out := strings.ReplaceAll(tm.out.String(), "\r\n", "\n")
	tm.mu.Unlock()
	lines := strings.Split(out, "\n")
	if lines[0] != "handbook/backend-development/queues.mdx" {
		t.Errorf("first line %q, want the file", lines[0])
	}
	findings := 0
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "  ") {
			continue
		}
		if n := len([]rune(l)); n > 80 {
			t.Errorf("a line runs %d columns:\n%s", n, l)
		}
		if l[2] >= '0' && l[2] <= '9' { // "  line:col": a finding; else a message's next line
			findings++
		}
	}
	if findings != 3 { // description-length, section-missing, code-fence-language
		t.Errorf("%d findings, want 3:\n%s", findings, out)
	}
	// What is wrong is never cut: a long one wraps under the message.
	if !strings.Contains(out, "\n                 \"How it works\" are missing\n") {
		t.Errorf("the missing sections' message is not whole:\n%s", out)
	}
	if strings.Count(out, "section-missing") != 1 || !strings.Contains(out, "8:1   error    required sections") {
		t.Errorf("want one section-missing finding at the Overview heading (8:1):\n%s", out)
	}
}
