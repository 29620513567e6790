package scaffold

import (
	"fmt"
	"strings"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/textdiff"
	"github.com/handbook-dev/handbook/validate"
	"github.com/handbook-dev/handbook/workspace"
)

// report prints the result: the entry path (data) on stdout, what happened
// and what to do next on stderr. --format json prints one JSON object on
// stdout instead. A dry run prints the entry and the docs.json diff on
// stdout, since they are its data.
func report(opts Options, r *Result) error {
	ios := opts.IO
	if opts.Format == "json" {
		return cli.WriteJSON(ios.Out, r)
	}
	if r.DryRun {
		// Named from here, as the entry a real run creates is; the diff
		// keeps git's names from the root, so it applies as git's does.
		fmt.Fprintf(ios.Out, "# %s (dry run: nothing written)\n%s", r.ws.Show(r.abs), r.Content)
		if r.Nav != nil {
			fmt.Fprintln(ios.Out)
			if r.Nav.Already {
				fmt.Fprintf(ios.Out, "# %s already lists %s\n", r.ws.Show(r.Nav.File), r.Page)
			} else {
				printDiff(ios, textdiff.Unified(r.Nav.File, string(r.navBefore), string(r.navAfter), 1))
			}
		}
		return nil
	}

	// Paths are relative to where the user is, as lint's findings are, so
	// commands run as printed and path:line opens from there.
	here := r.ws.Show(r.abs)
	fmt.Fprintln(ios.Out, here)
	verb := "Created"
	if r.Replaced {
		verb = "Replaced"
	}
	msg := messages(ios)
	var navFile string
	if r.Nav != nil {
		navFile = r.ws.Show(r.Nav.File)
	}
	fmt.Fprintf(msg, "%s %s\n", verb, here)
	switch {
	case r.Nav == nil:
		fmt.Fprintf(msg, "No docs.json in %s: the entry is not in any navigation yet (once Mintlify's docs.json is there, `%s` adds the entries it lacks).\n", r.ws.Show(r.ws.Handbook), "handbook lint --fix"+rootArg(opts.Root, r.ws))
	case r.Nav.Already:
		fmt.Fprintf(msg, "Already listed in %s:%d\n", navFile, r.Nav.Line)
	case r.Nav.CreatedGroup:
		fmt.Fprintf(msg, "Created the navigation group %q in %s (%s) and added %s at line %d\n",
			r.Nav.Group, navFile, r.Nav.CreatedIn(), r.Page, r.Nav.Line)
	case r.Nav.Where != "" && r.Nav.Where != "group "+r.Nav.Group:
		fmt.Fprintf(msg, "Added %s to %s in %s:%d\n", r.Page, r.Nav.Where, navFile, r.Nav.Line)
	default:
		fmt.Fprintf(msg, "Added %s to the group %q in %s:%d\n", r.Page, r.Nav.Group, navFile, r.Nav.Line)
	}
	if len(r.References) > 0 {
		fmt.Fprintf(msg, "Added %s to the code under %q\n", cli.Plural(len(r.References), "reference", "references"), r.refsUnder)
	}
	printChecklist(ios, here, r.Findings)
	if len(r.Findings) > 0 {
		printNextSteps(ios, opts, r, here)
	}
	return nil
}

// printNextSteps says what is left to do, and only that: the search is not
// suggested when its references are in the entry already, nor the sections
// when every one is written (a warning about a link is what remains).
func printNextSteps(ios *cli.IO, opts Options, r *Result, here string) {
	root := rootArg(opts.Root, r.ws)
	toWrite := false
	for _, f := range r.Findings {
		switch f.Rule {
		case validate.RulePlaceholder, validate.RuleSectionMissing, validate.RuleSectionEmpty, validate.RuleSummaryMissing:
			toWrite = true
		}
	}
	// Each command on a line of its own, never wrapped, so it copies and
	// pastes whole.
	var steps []string
	if len(r.References) == 0 {
		steps = append(steps, fmt.Sprintf("Find where it lives in the code:\n       handbook explore %s%s", opts.Slug, root))
	}
	if toWrite {
		steps = append(steps, fmt.Sprintf("Write the sections:\n       handbook draft %s%s\n     or open it:\n       %s", opts.Slug, root, openCommand(ios, here)))
	}
	steps = append(steps, fmt.Sprintf("Check the entry:\n       handbook lint%s %s", root, here))
	fmt.Fprintln(ios.ErrOut, "\nNext steps:")
	for i, step := range steps {
		fmt.Fprintf(ios.ErrOut, "  %d. %s\n", i+1, step)
	}
}

// rootArg is " --root DIR" when the command was given --root, with DIR as
// seen from where it ran, so the commands it suggests work the same way.
func rootArg(root string, ws *workspace.Workspace) string {
	if root == "" {
		return ""
	}
	return " --root " + shellQuote(ws.Show(ws.Root))
}

// shellQuote quotes s for a POSIX shell when it holds anything but safe
// path characters.
func shellQuote(s string) string {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+=:,@", r)) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}
