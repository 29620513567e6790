package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/huh"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/safefile"
	"github.com/handbook-dev/handbook/internal/textdiff"
	"github.com/handbook-dev/handbook/templates"
	"github.com/handbook-dev/handbook/validate"
	"github.com/handbook-dev/handbook/workspace"
)

// DraftOptions are the inputs of Draft.
type DraftOptions struct {
	IO   *cli.IO
	Root string
	Dir  string

	// Entry is a slug (distributed-lock) or the path of an .mdx file.
	Entry    string
	Sections []SectionText
	Refs     RefOptions

	Yes        bool // write without asking
	DryRun     bool // show the change and write nothing, without asking
	NoInput    bool
	Accessible bool
	Open       bool
	Format     string
}

// DraftResult is what Draft found and did.
type DraftResult struct {
	Path       string             `json:"path"`
	Written    bool               `json:"written"`
	Sections   []SectionState     `json:"sections"`
	References []Reference        `json:"references"`
	Findings   []validate.Finding `json:"findings"`
	Diff       string             `json:"diff"`
}

// Draft re-opens an entry, fills the template sections that are missing,
// empty or still hold their todo comment, and adds references. It never
// drops or rewrites text that is there: edits touch only those sections,
// the change is shown as a diff before it is written, and the write is
// atomic.
func Draft(opts DraftOptions) (*DraftResult, error) {
	if opts.Format == "" {
		opts.Format = "text"
	}
	if opts.Format != "text" && opts.Format != "json" {
		return nil, cli.Usagef("--format is %q; use text or json", opts.Format)
	}
	ws, err := workspace.Open(workspace.Options{Root: opts.Root, Dir: opts.Dir})
	if err != nil {
		return nil, err
	}
	if err := readSectionFiles(ws, opts.Dir, opts.Sections); err != nil {
		return nil, err
	}
	entry, slug, err := entryPath(ws, opts.Dir, opts.Entry, rootArg(opts.Root, ws))
	if err != nil {
		return nil, err
	}
	// rel names the entry in the result and the diff (from the root, as git
	// does); shown names it in messages, from where the command runs.
	rel, shown := ws.Rel(entry), ws.Show(entry)
	src, err := safefile.Read(entry, safefile.EntryLimit)
	if err != nil {
		return nil, cli.Usagef("%s: %s", shown, safefile.Describe(err))
	}
	if bad := invalidUTF8(src); bad >= 0 {
		// Sections added to a binary or Latin-1 file would be text inside
		// bytes no editor or compiler reads as the entry.
		line := 1 + bytes.Count(src[:bad], []byte("\n"))
		return nil, &cli.UsageError{
			Msg:  fmt.Sprintf("%s:%d: byte 0x%02X is not UTF-8; draft edits only UTF-8 text (nothing was written)", shown, line, src[bad]),
			Hint: "Save the entry as UTF-8, then run draft again.",
		}
	}
	_, tmplSrc, err := ws.Template()
	if err != nil {
		return nil, err
	}
	headings := templates.Sections(tmplSrc)
	doc := validate.Parse(src, headings)
	targets, err := planDraft(rel, doc, headings)
	if err != nil {
		return nil, err
	}
	res := &DraftResult{Path: rel, References: []Reference{}}
	ios := opts.IO
	if err := opts.Refs.check(); err != nil {
		return nil, err
	}
	mode := promptModeOf(ios, opts.NoInput, opts.Accessible)
	interactive, accessible := mode.interactive, mode.accessible

	// The flags are checked before anything is printed: a refused run
	// says only why.
	texts, err := resolveSections(headings, opts.Sections)
	if err != nil {
		return nil, err
	}
	for h := range texts {
		if t := targets[indexOf(headings, h)]; t.State == StateWritten {
			return nil, &cli.UsageError{
				Msg:  fmt.Sprintf("%s:%d: the section %q is already written; draft never rewrites text", shown, t.Line, h),
				Hint: "Edit it in your editor: handbook draft " + slug + rootArg(opts.Root, ws) + " --open",
			}
		}
	}
	if opts.Format == "text" {
		printStates(ios, shown, targets)
	}
	var typed map[string]string // sections typed at the prompts, kept on a cancel
	if interactive && len(opts.Sections) == 0 && pending(targets) > 0 {
		if texts, err = askSections(ios, accessible, filepath.Base(rel), targets); err != nil {
			return nil, keepTypedOnCancel(ios, slug, err, src, targets, texts)
		}
		typed = texts
	}

	refsHeading := referencesSection(headings)
	refsText := ""
	if refsHeading != "" {
		opts.Refs.rootArg = rootArg(opts.Root, ws)
		refs, text, err := references(ws, entry, conceptOf(doc, slug), src, opts.Refs, interactive, accessible, ios)
		if err != nil {
			return nil, keepTypedOnCancel(ios, slug, err, src, targets, typed)
		}
		res.References, refsText = refs, text
	}

	out := applyDraft(src, targets, texts, refsHeading, refsText)
	for _, t := range targets {
		res.Sections = append(res.Sections, t.SectionState)
	}
	final := src
	if !bytes.Equal(out, src) {
		res.Diff = textdiff.Unified(rel, string(src), string(out), 3)
		if opts.Format == "text" {
			printDiff(ios, res.Diff)
		}
		ok, err := confirmWrite(opts, interactive, accessible, rel)
		if interactive && !opts.Yes && !opts.DryRun && (err == nil && !ok || errors.Is(err, cli.ErrCancelled)) {
			// What was typed or picked is work: a cancel must not throw it
			// away, and it is a cancel (130), not a success.
			keepTyped(ios, slug, out)
			return nil, cli.ErrCancelled
		}
		if err != nil {
			return nil, err
		}
		if ok {
			if err := writeIfUnchanged(ws, entry, src, out); err != nil {
				return nil, err
			}
			res.Written, final = true, out
			if opts.Format == "text" {
				fmt.Fprintf(ios.ErrOut, "Wrote %s\n", shown)
			}
		} else if opts.Format == "text" {
			fmt.Fprintln(ios.ErrOut, "Nothing written.")
		}
	} else if opts.Format == "text" {
		if !interactive && len(texts) == 0 && pending(targets) > 0 {
			// Without a terminal nothing was asked: say how to give the texts.
			fmt.Fprintln(ios.ErrOut, "Nothing to change: without a terminal, give the sections as flags:")
			fmt.Fprintf(ios.ErrOut, "  handbook draft %s%s --when \"…\" --how \"…\" --internals \"…\" --yes\n", slug, rootArg(opts.Root, ws))
			fmt.Fprintln(ios.ErrOut, "  (or --section \"HEADING=TEXT\", --section-file \"HEADING=PATH\")")
		} else {
			fmt.Fprintln(ios.ErrOut, "Nothing to change.")
		}
	}

	// A dry run reports what lint would say once the change is written:
	// the findings of the entry as it is would list the very sections the
	// diff fills, and a script (or an agent) previewing the change would
	// take them for work still to do.
	label := shown
	if opts.DryRun {
		final, label = out, shown+" (after this change)"
	}
	if res.Findings, err = review(ws, entry, final); err != nil {
		return nil, err
	}
	if opts.Format == "json" {
		if err := cli.WriteJSON(ios.Out, res); err != nil {
			return nil, err
		}
	} else {
		printChecklist(ios, label, res.Findings)
		if !opts.Open && len(res.Findings) > 0 {
			fmt.Fprintf(ios.ErrOut, "Open it: %s\n", openCommand(ios, shown))
		}
	}
	if opts.Open {
		return res, openInEditor(ios, entry, shown)
	}
	return res, nil
}

// entryPath resolves a slug or a path to the entry file.
func entryPath(ws *workspace.Workspace, dir, arg, root string) (path, slug string, err error) {
	switch {
	case arg == "":
		return "", "", cli.Usagef("name the entry to draft, e.g. handbook draft distributed-lock")
	case strings.HasSuffix(arg, ".mdx") || strings.ContainsAny(arg, `/\`):
		if !filepath.IsAbs(arg) {
			base := dir
			if base == "" {
				if base, err = os.Getwd(); err != nil {
					return "", "", err
				}
			}
			arg = filepath.Join(base, arg)
		}
		path = arg
		slug = strings.TrimSuffix(filepath.Base(arg), filepath.Ext(arg))
	default:
		if err := checkSlug("draft", arg); err != nil {
			return "", "", err
		}
		path, slug = filepath.Join(ws.Section, arg+".mdx"), arg
	}
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		hint := "Check the path."
		if filepath.Dir(path) == ws.Section && workspace.ValidSlug(slug) {
			hint = "Create it first: handbook new " + slug + root
			// A typo of an existing entry is far likelier than a new one.
			if near := workspace.Closest(slug, ws.Entries(), max(2, len(slug)/4)); near != "" {
				hint = "Did you mean: handbook draft " + near + root + "\n(or create it: handbook new " + slug + root + ")"
			}
		}
		return "", "", &cli.UsageError{Msg: ws.Show(path) + " does not exist", Hint: hint}
	}
	if err != nil {
		return "", "", err
	}
	if !fi.Mode().IsRegular() {
		return "", "", cli.Usagef("%s is not a file", ws.Show(path))
	}
	// draft edits entries of the handbook, nothing else: a path outside it
	// (or a symlink leading out) is refused, and the edit goes to the file
	// the path resolves to.
	real, err := workspace.Resolve(path)
	if err != nil {
		return "", "", err
	}
	if ok, err := workspace.Inside(ws.Handbook, real); err != nil || !ok {
		return "", "", &cli.UsageError{Msg: ws.Show(path) + " is not inside the handbook (" + ws.Show(ws.Handbook) + "); draft edits only handbook entries",
			Hint: "Pass an entry of the handbook, e.g. handbook draft distributed-lock"}
	}
	if !strings.HasSuffix(real, ".mdx") {
		return "", "", &cli.UsageError{Msg: ws.Show(path) + " is not an .mdx entry", Hint: "Pass an entry of the handbook, e.g. handbook draft distributed-lock"}
	}
	return real, slug, nil
}

func pending(ts []target) int {
	n := 0
	for _, t := range ts {
		if t.State != StateWritten {
			n++
		}
	}
	return n
}

func printStates(ios *cli.IO, rel string, ts []target) {
	msg := messages(ios)
	n := pending(ts)
	if n == 0 {
		fmt.Fprintf(msg, "%s: every section is written.\n", rel)
		return
	}
	fmt.Fprintf(msg, "%s: %d of %d sections to write:\n", rel, n, len(ts))
	for _, t := range ts {
		if t.State == StateWritten {
			continue
		}
		where := "not in the entry"
		if t.Line > 0 {
			where = fmt.Sprintf("line %d", t.Line)
		}
		fmt.Fprintf(msg, "  %-12s %s (%s)\n", t.State, t.Heading, where)
	}
}

// askSections asks for the text of each section still to write, a page
// each, under a title that says which entry and which section; an empty
// answer keeps the todo comment. On a cancel it returns what was typed
// so far with the error, for the caller to keep.
func askSections(ios *cli.IO, accessible bool, entry string, ts []target) (map[string]string, error) {
	texts := map[string]string{}
	values := make([]string, len(ts))
	var pages []page
	n := pending(ts)
	for i, t := range ts {
		if t.State == StateWritten {
			continue
		}
		pages = append(pages, page{
			title: fmt.Sprintf("%s: section %d of %d to write", entry, len(pages)+1, n),
			fields: []huh.Field{editable(huh.NewText().
				Title(t.Heading).
				Description(hintFor(t.Heading)+" Leave empty to write it later.").
				Value(&values[i]).
				Validate(ValidateSectionText), &values[i])},
		})
	}
	err := runPages(ios, accessible, pages...)
	if err != nil && !errors.Is(err, cli.ErrCancelled) {
		return nil, err
	}
	for i, t := range ts {
		if t.State != StateWritten && strings.TrimSpace(values[i]) != "" {
			texts[t.Heading] = proseMDX(values[i])
		}
	}
	return texts, err
}

// hintFor is the todo hint of a section, without the comment around it.
func hintFor(heading string) string {
	c := templates.TodoComment(heading)
	c = strings.TrimPrefix(c, "{/* "+templates.TodoMarker+": ")
	return strings.TrimSuffix(c, " */}")
}

func confirmWrite(opts DraftOptions, interactive, accessible bool, rel string) (bool, error) {
	if opts.DryRun {
		return false, nil
	}
	if opts.Yes {
		return true, nil
	}
	if !interactive {
		return false, &cli.UsageError{Msg: "not written: pass --yes to write the change shown above", Hint: "Without a terminal, draft asks for nothing."}
	}
	ok := true
	// No answer (the input ended) is not a yes: runForm says cancelled.
	if err := runForm(opts.IO, accessible, huh.NewConfirm().
		Title(fmt.Sprintf("Write these changes to %s?", filepath.Base(rel))).
		Affirmative("Write").Negative("Cancel").
		Value(&ok)); err != nil {
		return false, err
	}
	return ok, nil
}

// keepTyped saves the entry as it would have been written to a file outside
// the repository and says where, so what was typed survives a cancel.
func keepTyped(ios *cli.IO, slug string, out []byte) {
	dir, err := os.MkdirTemp("", "handbook-draft-")
	if err == nil {
		p := filepath.Join(dir, slug+".mdx")
		if err = os.WriteFile(p, out, 0o600); err == nil {
			fmt.Fprintf(ios.ErrOut, "Not written. What you typed is kept in %s (the entry as it would have been).\n", p)
			return
		}
	}
	fmt.Fprintf(ios.ErrOut, "Not written, and what you typed could not be kept: %v\n", err)
}

// keepTypedOnCancel keeps the sections typed before a cancel (at a later
// section or at the references) the way a cancel at the confirmation
// does, and returns err.
func keepTypedOnCancel(ios *cli.IO, slug string, err error, src []byte, targets []target, texts map[string]string) error {
	if errors.Is(err, cli.ErrCancelled) && len(texts) > 0 {
		keepTyped(ios, slug, applyDraft(src, targets, texts, "", ""))
	}
	return err
}

// writeIfUnchanged writes out over path only if path still holds before,
// so an edit made while the user was answering, or by a concurrent draft,
// is never lost: the check and the write are one step under the repository
// lock that new and lint --fix take too.
func writeIfUnchanged(ws *workspace.Workspace, path string, before, out []byte) error {
	t, err := ws.Begin()
	if err != nil {
		return err
	}
	defer t.End()
	now, err := safefile.Read(path, safefile.EntryLimit)
	if err != nil {
		return err
	}
	if !bytes.Equal(now, before) {
		return &cli.UsageError{Msg: ws.Show(path) + " changed on disk while drafting; nothing was written", Hint: "Run draft again: it starts from the new content."}
	}
	if err := t.WriteFile(path, out, 0o644); err != nil {
		return err
	}
	return t.Commit()
}

// conceptOf is what the explorer searches for an entry: its title, which
// names the concept in words, else its file name.
func conceptOf(doc *validate.Document, slug string) string {
	if fm := doc.Frontmatter; fm != nil && fm.Node != nil {
		var v struct {
			Title string `yaml:"title"`
		}
		if fm.Node.Decode(&v) == nil && strings.TrimSpace(v.Title) != "" {
			return v.Title
		}
	}
	return slug
}

// invalidUTF8 is the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
