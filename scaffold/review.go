package scaffold

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/validate"
	"github.com/handbook-dev/handbook/workspace"
)

// review lints the entry as written and returns what remains to do.
func review(ws *workspace.Workspace, entry string, content []byte) ([]validate.Finding, error) {
	findings, err := validate.File(ws, entry, content)
	if err != nil {
		return nil, err
	}
	for i := range findings {
		findings[i].Path = ws.Rel(entry)
	}
	validate.SortFindings(findings)
	if findings == nil {
		findings = []validate.Finding{} // JSON consumers get [], not null
	}
	return findings, nil
}

// printChecklist turns findings into a to-do list on stderr.
func printChecklist(ios *cli.IO, rel string, findings []validate.Finding) {
	msg := messages(ios)
	if len(findings) == 0 {
		fmt.Fprintf(msg, "\n%s lints clean.\n", rel)
		return
	}
	fmt.Fprintf(msg, "\nStill to do in %s:\n", rel)
	for _, f := range findings {
		fmt.Fprintf(msg, "  [ ] line %d: %s [%s]\n", f.Line, firstClause(f.Message), f.Rule)
	}
}

// firstClause keeps a finding's message short for the checklist: the part
// before its advice.
func firstClause(msg string) string {
	if i := strings.Index(msg, "; "); i > 0 {
		return msg[:i]
	}
	return msg
}

// openCommand is the command that opens path in the user's editor, as a
// line to copy; --open runs the same.
func openCommand(ios *cli.IO, path string) string {
	if editor := editorCommand(ios); editor != "" {
		return editor + " " + path
	}
	return "$EDITOR " + path
}

// editorCommand is the user's editor, found the way git finds it: $VISUAL
// (unless the terminal is dumb), $EDITOR, then the first of the usual
// editors installed; "" when there is none.
func editorCommand(ios *cli.IO) string {
	if v := ios.Getenv("VISUAL"); v != "" && ios.Getenv("TERM") != "dumb" {
		return v
	}
	if v := ios.Getenv("EDITOR"); v != "" {
		return v
	}
	for _, e := range fallbackEditors {
		if _, err := exec.LookPath(e); err == nil {
			return e
		}
	}
	return ""
}

// fallbackEditors are tried in order when neither variable is set: the
// system's choice on Debian-like systems, then the editors git would use.
var fallbackEditors = []string{"editor", "nano", "vi"}

// openInEditor runs the user's editor on path, attached to the terminal;
// shown names it in messages (from where the command runs).
func openInEditor(ios *cli.IO, path, shown string) error {
	editor := editorCommand(ios)
	if editor == "" {
		return cli.Usagef("--open found no editor; set $VISUAL or $EDITOR to name yours")
	}
	// The fallbacks are terminal editors: without a terminal to draw on
	// and read keys from, vi or nano would fail or wait on a pipe. An
	// editor the user named may be a window of its own (code --wait), so
	// it runs wherever it is asked to.
	if ios.Getenv("VISUAL") == "" && ios.Getenv("EDITOR") == "" && !(ios.InTTY && ios.ErrTTY) {
		return cli.Usagef("--open: no terminal to run %s on (stdin and stderr must be one); the entry is saved: open %s yourself, or set $VISUAL or $EDITOR to an editor that opens its own window",
			editor, shown)
	}
	// The variable may hold arguments ("code --wait"); let the shell split it.
	c := exec.Command("sh", "-c", editor+` "$1"`, "editor", path)
	// Its output goes to stderr, the terminal a person watches: stdout is
	// the command's data (--format json) and may be a pipe or a file.
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, ios.ErrOut, ios.ErrOut
	if err := c.Run(); err != nil {
		return fmt.Errorf("the editor %s failed (%w); the entry is saved: open %s yourself, or set $VISUAL or $EDITOR to an editor that works",
			editor, err, shown)
	}
	return nil
}
