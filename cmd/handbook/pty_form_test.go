//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Pseudo-terminal tests of what a writer meets in the forms of new and
// draft (issue 11): the editor, going back, filtering, small terminals,
// no colour, the description's length.

// section returns the text of an entry between "## heading" and the next
// "## ".
func section(entry []byte, heading string) string {
	s := string(entry)
	i := strings.Index(s, "## "+heading+"\n")
	if i < 0 {
		return ""
	}
	s = s[i+len(heading)+4:]
	if j := strings.Index(s, "\n## "); j >= 0 {
		s = s[:j]
	}
	return strings.TrimSpace(s)
}

// ctrl+e edits the focused section only; the others keep their todo.
func TestEditorFillsOnlyItsSectionInPTY(t *testing.T) {
	dir, entry := draftRepo(t)
	editor := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\nprintf 'Written in the editor.\\n' >> \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tm := startInPTYEnv(t, dir, []string{"EDITOR=" + editor, "VISUAL="}, "draft", "distributed-lock", "--refs", "none")
	tm.waitFor("┃ When to use this concept")
	tm.send("\x05") // ctrl+e
	tm.waitFor("Written in the editor.")
	tm.send("\r")
	tm.answerSections2("", "")
	tm.waitFor("Write these changes")
	tm.send("\r")
	tm.wantExit(0)
	got, _ := os.ReadFile(entry)
	if n := bytes.Count(got, []byte("Written in the editor.")); n != 1 {
		t.Errorf("the editor's text landed %d times:\n%s", n, got)
	}
	if w := section(got, "When to use this concept"); w != "Written in the editor." {
		t.Errorf("When to use = %q", w)
	}
	if h := section(got, "How it works"); !strings.HasPrefix(h, "{/* handbook:todo:") {
		t.Errorf("How it works changed: %q", h)
	}
}

// answerSections2 answers the second and third section pages.
func (tm *term) answerSections2(how, internals string) {
	tm.t.Helper()
	tm.waitFor("┃ How to use this concept")
	tm.send(how + "\r")
	tm.waitFor("┃ How it works")
	tm.send(internals + "\r")
}

// ctrl+e without an editor says why nothing opened, and typing goes on.
func TestEditorMissingInPTY(t *testing.T) {
	dir, entry := draftRepo(t)
	bin := t.TempDir() // a PATH with handbook and no editor at all
	tm := startInPTYEnv(t, dir, []string{"EDITOR=", "VISUAL=", "PATH=" + bin}, "draft", "distributed-lock", "--refs", "none")
	tm.waitFor("┃ When to use this concept")
	tm.send("\x05")
	tm.waitFor("no editor found; set $VISUAL or $EDITOR")
	tm.send("Typed anyway.")
	tm.waitFor("Typed anyway.")
	tm.send("\r")
	tm.answerSections2("", "")
	tm.waitFor("Write these changes")
	tm.send("\r")
	tm.wantExit(0)
	if got, _ := os.ReadFile(entry); section(got, "When to use this concept") != "Typed anyway." {
		t.Errorf("entry:\n%s", got)
	}
}

// ctrl+v pastes the clipboard (here a fake xclip on PATH) into the focused
// section: PATH, empty while packages initialised (internal/quietterm),
// is back by the time the form runs, and the tool is looked up then.
func TestCtrlVPastesInPTY(t *testing.T) {
	dir, entry := draftRepo(t)
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "xclip"), []byte("#!/bin/sh\nprintf 'Pasted from the clipboard.'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tm := startInPTYEnv(t, dir, []string{"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"), "WAYLAND_DISPLAY="}, "draft", "distributed-lock", "--refs", "none")
	tm.waitFor("┃ When to use this concept")
	tm.send("\x16") // ctrl+v
	tm.waitFor("Pasted from the clipboard.")
	tm.send("\r")
	tm.answerSections2("", "")
	tm.waitFor("Write these changes")
	tm.send("\r")
	tm.wantExit(0)
	if got, _ := os.ReadFile(entry); section(got, "When to use this concept") != "Pasted from the clipboard." {
		t.Errorf("entry:\n%s", got)
	}
}

// lockRepo has code about the distributed lock, so new offers references.
func lockRepo(t *testing.T) string {
	dir := ptyRepo(t)
	p := filepath.Join(dir, "server", "app", "locker.py")
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte("class DistributedLock:\n    \"\"\"A distributed lock.\"\"\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// Esc while filtering the references leaves filter mode; the command goes on.
func TestEscLeavesFilterInPTY(t *testing.T) {
	dir := lockRepo(t)
	tm := startInPTY(t, dir, "new", "distributed-lock", "--title", "Distributed lock", "--description", "Locks", "--summary", "A lock.")
	tm.waitFor("References for")
	tm.waitFor("space toggle") // the help names the key the description names
	tm.send("/")
	tm.waitFor("esc set filter")
	tm.send("lock")
	tm.waitFor("lock")
	tm.send("\x1b")
	tm.waitFor("/ filter") // the list's help again: out of filter mode
	tm.send("\r")
	tm.waitFor("Write the sections now?")
	tm.send("n")
	tm.wantExit(0)
	got, _ := os.ReadFile(filepath.Join(dir, "handbook", "backend-development", "distributed-lock.mdx"))
	if !bytes.Contains(got, []byte("server/app/locker.py")) {
		t.Errorf("the reference was lost:\n%s", got)
	}
}

// shift+tab from an empty required field goes back; what is typed then
// lands in the field that has the focus.
func TestBackFromEmptySummaryInPTY(t *testing.T) {
	dir := ptyRepo(t)
	tm := startInPTY(t, dir, "new", "distributed-lock", "--refs", "none")
	tm.waitFor("┃ Title")
	tm.send("\r")
	tm.waitFor("┃ Description")
	tm.send("Locks\r")
	tm.waitFor("┃ Summary")
	tm.send("\x1b[Z") // shift+tab
	tm.waitFor("┃ Description")
	tm.send(" everywhere\r")
	tm.waitFor("┃ Summary")
	tm.send("A lock.\r")
	tm.waitFor("Write the sections now?")
	tm.send("n")
	tm.wantExit(0)
	got, _ := os.ReadFile(filepath.Join(dir, "handbook", "backend-development", "distributed-lock.mdx"))
	if !bytes.Contains(got, []byte("description: \"Locks everywhere\"")) || !bytes.Contains(got, []byte("\nA lock.\n")) {
		t.Errorf("entry:\n%s", got)
	}
}

// At 80×24 each section is a page under a title naming the entry, so the
// heading being written is on screen.
func TestSectionsFitSmallTerminalInPTY(t *testing.T) {
	dir, _ := draftRepo(t)
	tm := startInPTYSize(t, dir, 24, 80, nil, "draft", "distributed-lock", "--refs", "none")
	tm.waitFor("distributed-lock.mdx: section 1 of 3 to write")
	tm.waitFor("┃ When to use this concept")
	tm.send("x\r")
	tm.waitFor("distributed-lock.mdx: section 2 of 3 to write")
	tm.waitFor("┃ How to use this concept")
	tm.send("\x03")
	if code := tm.exitCode(); code != 130 {
		t.Fatalf("exit %d", code)
	}
}

// Without colour the focused button is marked in text, and both
// confirmations default to going ahead.
func TestPlainButtonsShowFocusInPTY(t *testing.T) {
	dir := ptyRepo(t)
	tm := startInPTY(t, dir, "new", "distributed-lock", "--refs", "none", "--title", "Lock", "--description", "Locks", "--summary", "A lock.")
	tm.waitFor("Write the sections now?")
	tm.waitFor("[Yes]")
	tm.send("\x03")
	tm.exitCode()

	dir, _ = draftRepo(t)
	tm = startInPTY(t, dir, "draft", "distributed-lock", "--refs", "none", "--when", "Two workers.")
	tm.waitFor("Write these changes")
	tm.waitFor("[Write]")
	tm.send("\x03")
	tm.exitCode()
}

// The description shows its length against the limit while typing, and
// a long one is refused, never cut.
func TestDescriptionCountInPTY(t *testing.T) {
	dir := ptyRepo(t)
	tm := startInPTY(t, dir, "new", "distributed-lock", "--refs", "none")
	tm.waitFor("┃ Title")
	tm.send("\r")
	// Typing starts once the description has the focus, as in the other
	// form tests: its hint ("0/160 characters") is drawn by an update of
	// its own, which can come before the focus moves.
	tm.waitFor("┃ Description")
	tm.waitFor("0/160 characters")
	long := strings.Repeat("x", 170)
	tm.send(long)
	tm.waitFor("170/160 characters, 10 too many")
	tm.send("\r")
	tm.waitFor("the description is 170 characters; keep it to 160")
	tm.send("\x03")
	if code := tm.exitCode(); code != 130 {
		t.Fatalf("exit %d", code)
	}
}

// ansi matches the escape sequences of colours and cursor moves.
var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[a-zA-Z]`)

// On an 80-column terminal the draft's diff is coloured like git diff and
// long lines wrap at words, their continuation keeping the marker; the
// report after new wraps at words too.
func TestDiffAndReportWrapAtWordsInPTY(t *testing.T) {
	dir, _ := draftRepo(t)
	text := "Two workers could confirm the same order at once, and the second must see the first one's result."
	tm := startInPTYEnv(t, dir, []string{"NO_COLOR="}, "draft", "distributed-lock", "--refs", "none")
	// In colour the focus bar is painted apart from the heading: wait for
	// the page titles instead.
	for i, answer := range []string{text, "", ""} {
		tm.waitFor(fmt.Sprintf("section %d of 3 to write", i+1))
		tm.send(answer + "\r")
	}
	tm.waitFor("Write these changes to distributed-lock.mdx?")
	tm.mu.Lock()
	raw := tm.out.String()
	tm.mu.Unlock()
	if !strings.Contains(raw, "\x1b[32m+Two workers") || !strings.Contains(raw, "\x1b[31m-{/* handbook:todo:") {
		t.Errorf("the diff is not coloured like git diff:\n%q", raw)
	}
	var added []string
	for _, l := range strings.Split(ansi.ReplaceAllString(raw, ""), "\r\n") {
		if strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "+++") {
			if n := len([]rune(l)); n > 80 {
				t.Errorf("a diff line runs %d columns: %q", n, l)
			}
			added = append(added, strings.TrimSpace(l[1:]))
		}
	}
	if got := strings.Join(added, " "); got != text {
		t.Errorf("the added lines read %q, want the text cut only between words", got)
	}
	tm.send("\x03")
	tm.exitCode()

	dir = ptyRepo(t)
	tm = startInPTY(t, dir, "new", "distributed-lock", "--description", "Locks", "--summary", "A lock.", "--no-input")
	if code := tm.exitCode(); code != 0 {
		t.Fatalf("new: exit %d", code)
	}
	tm.waitFor("Next steps")
	tm.mu.Lock()
	out := tm.out.String()
	tm.mu.Unlock()
	for _, l := range strings.Split(out, "\r\n") {
		if n := len([]rune(l)); n > 80 && !strings.HasPrefix(l, "       ") {
			t.Errorf("a report line runs %d columns: %q", n, l)
		}
	}
	if !strings.Contains(out, "is not written yet\r\n      [placeholder]") {
		t.Errorf("the checklist does not wrap at words:\n%s", out)
	}
}
