// Package scaffold writes handbook entries. New creates one from the
// template and registers it in the handbook's navigation as one transaction:
// either the entry and its navigation line both land, or every file is left
// as it was. Draft re-opens an entry and fills the template sections still
// to write, without touching text that is there. Both can add references to
// the code found by the explorer, and both end with the linter's findings as
// a checklist.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/huh"
	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/templates"
	"github.com/handbook-dev/handbook/validate"
	"github.com/handbook-dev/handbook/workspace"
)

// Options are the inputs of New; the cobra layer fills them from flags.
type Options struct {
	IO   *cli.IO
	Root string // --root; "" finds the repository from Dir
	Dir  string // where the command runs; "" is the current folder

	Slug        string
	Title       string
	Description string
	Summary     string
	// TitleSet and friends say whether the flag was given, so an empty
	// flag value is refused instead of prompted for.
	TitleSet, DescriptionSet, SummarySet bool

	// Sections are texts for the template's sections (--when, --how,
	// --internals, --section); sections without one keep the todo comment.
	Sections []SectionText

	NoInput    bool
	Accessible bool // plain line prompts (screen readers, tests)
	Force      bool
	DryRun     bool
	Open       bool // open the entry in $VISUAL/$EDITOR afterwards
	Refs       RefOptions
	Format     string // "text" or "json"
}

// Result is what New did (or, with DryRun, would do).
type Result struct {
	Path     string               `json:"path"` // entry, relative to the repository root
	Page     string               `json:"page"`
	Template string               `json:"template"`
	Nav      *workspace.NavChange `json:"nav"` // nil when the handbook has no docs.json
	DryRun   bool                 `json:"dry_run"`
	Replaced bool                 `json:"replaced"` // --force overwrote an entry
	Content  string               `json:"content,omitempty"`
	// References are the places in the code put under "How it works".
	References []Reference `json:"references"`
	// Findings are what lint still reports about the new entry: the
	// sections left to write.
	Findings []validate.Finding `json:"findings"`

	navBefore, navAfter []byte
	ws                  *workspace.Workspace
	abs                 string
	refsUnder           string // the section references went under
}

type need struct{ title, description, summary bool }

// New creates the entry described by opts and prints the report.
func New(opts Options) (*Result, error) {
	if opts.Format == "" {
		opts.Format = "text"
	}
	if opts.Format != "text" && opts.Format != "json" {
		return nil, cli.Usagef("--format is %q; use text or json", opts.Format)
	}
	if err := checkSlug("new", opts.Slug); err != nil {
		return nil, err
	}
	ws, err := workspace.Open(workspace.Options{Root: opts.Root, Dir: opts.Dir})
	if err != nil {
		return nil, err
	}
	if !ws.InRepo && opts.Root == "" && !opts.DryRun {
		// new writes here: say why here, in case this is not the
		// project the user meant.
		fmt.Fprintf(messages(opts.IO), "Note: no git repository in %s or above, so that folder is taken as the repository root; pass --root DIR to name another.\n", ws.Root)
	}
	if err := readSectionFiles(ws, opts.Dir, opts.Sections); err != nil {
		return nil, err
	}
	entry := filepath.Join(ws.Section, opts.Slug+".mdx")
	// Refuse before asking anything: answering questions for nothing is rude.
	if !opts.Force {
		if err := refuseExisting(ws, entry, opts.Slug+rootArg(opts.Root, ws)); err != nil {
			return nil, err
		}
	}

	// Every flag is checked before the first question: a typo must not
	// cost the user their answers.
	tmplName, src, err := ws.Template()
	if err != nil {
		return nil, err
	}
	headings := templates.Sections(src)
	sections, err := resolveSections(headings, opts.Sections)
	if err != nil {
		return nil, err
	}
	if err := opts.Refs.check(); err != nil {
		return nil, err
	}
	mode := promptModeOf(opts.IO, opts.NoInput, opts.Accessible)
	a, err := collect(opts, mode, rootArg(opts.Root, ws))
	if err != nil {
		return nil, err
	}
	// The title names the concept as the author sees it (as in draft);
	// the slug may be shorter.
	concept := opts.Slug
	if strings.TrimSpace(a.Title) != "" {
		concept = a.Title
	}
	opts.Refs.rootArg = rootArg(opts.Root, ws)
	refs, refsText, err := references(ws, entry, concept, nil, opts.Refs, mode.interactive, mode.accessible, opts.IO)
	if err != nil {
		keepAnswers(opts, ws, mode, a, err, nil, nil)
		return nil, err
	}
	if mode.interactive && len(opts.Sections) == 0 {
		if sections, err = offerSections(opts.IO, mode.accessible, opts.Slug+rootArg(opts.Root, ws), ws.Rel(entry), headings); err != nil {
			keepAnswers(opts, ws, mode, a, err, headings, sections)
			return nil, err
		}
	}
	if h := referencesSection(headings); refsText != "" && h != "" {
		prose := sections[h]
		if strings.TrimSpace(prose) == "" {
			prose = templates.TodoComment(h) // the section still needs its prose
		}
		sections[h] = joinParas(prose, refsText)
	}
	content, err := templates.Render(tmplName, src, templates.Data{
		Title: a.Title, Description: a.Description, Summary: a.Summary, Slug: opts.Slug,
		Sections: sections,
	})
	if err != nil {
		return nil, err
	}
	if err := checkFrontmatter(tmplName, content, a); err != nil {
		return nil, err
	}

	res := &Result{
		Path: ws.Rel(entry), Page: ws.PageOf(entry), Template: tmplName,
		DryRun: opts.DryRun, ws: ws, abs: entry, References: refs,
		refsUnder: referencesSection(headings),
	}
	if opts.DryRun {
		res.Content = content
		if err := res.planNav(); err != nil {
			return nil, err
		}
		return res, report(opts, res)
	}
	if err := res.write(entry, []byte(content), opts.Force); err != nil {
		return nil, err
	}
	if res.Findings, err = review(ws, entry, []byte(content)); err != nil {
		return nil, err
	}
	if err := report(opts, res); err != nil {
		return nil, err
	}
	if opts.Open {
		return res, openInEditor(opts.IO, entry, ws.Show(entry))
	}
	return res, nil
}

// promptMode says whether and how to ask questions.
type promptMode struct{ interactive, accessible, inCI bool }

// promptModeOf decides it: --accessible asks even without a terminal
// (screen readers, scripted tests), but nothing ever prompts with
// --no-input or in CI, where nobody answers.
func promptModeOf(ios *cli.IO, noInput, accessible bool) promptMode {
	inCI := ios.Getenv("CI") != ""
	m := promptMode{
		interactive: !noInput && !inCI && (accessible || ios.CanPrompt()),
		accessible:  accessible || ios.Getenv("HANDBOOK_ACCESSIBLE") == "1",
		inCI:        inCI,
	}
	return m
}

// offerSections asks whether to write the sections now and, if so, asks
// for each; unanswered sections keep their todo comment.
func offerSections(ios *cli.IO, accessible bool, slug, rel string, headings []string) (map[string]string, error) {
	// Yes is the default, as Write is draft's: Enter goes ahead.
	now := true
	if err := runForm(ios, accessible, huh.NewConfirm().
		Title("Write the sections now?").
		Description("Or later, in your editor or with: handbook draft "+slug).
		Affirmative("Yes").Negative("Later").
		Value(&now)); err != nil {
		return nil, err
	}
	if !now {
		return map[string]string{}, nil
	}
	ts := make([]target, len(headings))
	for i, h := range headings {
		ts[i] = target{SectionState: SectionState{Heading: h, State: StatePlaceholder}, index: i}
	}
	return askSections(ios, accessible, path.Base(rel), ts)
}

// checkSlug validates an entry name given to command (new, draft); the
// suggestion repeats that command.
func checkSlug(command, slug string) error {
	if workspace.ValidSlug(slug) {
		return nil
	}
	var msg string
	switch {
	case slug == "":
		msg = "the entry name is empty"
	case strings.ContainsAny(slug, `/\`) || strings.HasPrefix(slug, "."):
		msg = fmt.Sprintf("%q looks like a path; the entry name is a file name in the section folder", slug)
	case len(slug) > workspace.MaxSlugLen:
		msg = fmt.Sprintf("the entry name is %d characters; keep it to %d", len(slug), workspace.MaxSlugLen)
	default:
		msg = fmt.Sprintf("%q is not a kebab-case entry name", slug)
	}
	hint := "Use lower-case letters, digits and single hyphens, e.g. handbook " + command + " distributed-lock"
	if s := workspace.SuggestSlug(slug); s != "" && s != slug {
		hint = "Did you mean: handbook " + command + " " + s
	}
	return &cli.UsageError{Msg: msg, Hint: hint}
}

// refuseExisting refuses an entry that exists; args is the slug and any
// --root, as the command to overwrite it needs them.
func refuseExisting(ws *workspace.Workspace, entry, args string) error {
	fi, err := os.Lstat(entry)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return &cli.UsageError{Msg: ws.Show(entry) + " is a folder", Hint: "Pick another name for the entry."}
	}
	return &cli.UsageError{
		Msg:  ws.Show(entry) + " already exists; nothing was written",
		Hint: fmt.Sprintf("Pick another name, edit the entry, or overwrite it: handbook new %s --force", args),
	}
}

// collect gathers the field values from flags and, where allowed, prompts.
func collect(opts Options, mode promptMode, root string) (answers, error) {
	a := answers{Title: opts.Title, Description: opts.Description, Summary: opts.Summary}
	if !opts.TitleSet {
		a.Title = workspace.TitleFromSlug(opts.Slug)
	}
	n := need{title: !opts.TitleSet, description: !opts.DescriptionSet, summary: !opts.SummarySet}

	// Flag values pass the same validators as answers.
	for _, f := range []struct {
		set   bool
		flag  string
		value string
		check func(string) error
	}{
		{opts.TitleSet, "--title", a.Title, ValidateTitle},
		{opts.DescriptionSet, "--description", a.Description, ValidateDescription},
		{opts.SummarySet, "--summary", a.Summary, ValidateSummary},
	} {
		if f.set {
			if err := f.check(f.value); err != nil {
				return a, cli.Usagef("%s: %v", f.flag, err)
			}
		}
	}

	if mode.interactive && (n.title || n.description || n.summary) {
		if mode.accessible {
			// In a list the empty answer is refused (huh asks for a
			// number), so say how a list is answered too.
			fmt.Fprintln(opts.IO.ErrOut, "Answer each question and press Enter (an empty answer keeps the value in\nbrackets; in a numbered list, type a number to toggle it and 0 to confirm).")
		}
		if err := ask(opts.IO, mode.accessible, &a, n); err != nil {
			return a, err
		}
	} else {
		var missing []string
		if !opts.DescriptionSet {
			missing = append(missing, "--description")
		}
		if !opts.SummarySet {
			missing = append(missing, "--summary")
		}
		if len(missing) > 0 {
			why := "prompts are off (--no-input)"
			switch {
			case opts.NoInput:
			case mode.inCI:
				why = "prompts are off in CI"
			default:
				why = "prompts need a terminal"
			}
			return a, &cli.UsageError{
				Msg:  fmt.Sprintf("missing %s: %s", strings.Join(missing, " and "), why),
				Hint: fmt.Sprintf("Example: handbook new %s%s --description \"One line about it\" --summary \"A short paragraph.\"", opts.Slug, root),
			}
		}
	}
	a.Title = strings.TrimSpace(a.Title)
	a.Description = strings.TrimSpace(a.Description)
	a.Summary = normalizeSummary(a.Summary)
	for _, check := range []error{ValidateTitle(a.Title), ValidateDescription(a.Description), ValidateSummary(a.Summary)} {
		if check != nil {
			return a, cli.Usagef("%v", check)
		}
	}
	a.Summary = proseMDX(a.Summary)
	return a, nil
}

// checkFrontmatter reads the rendered frontmatter back, so a repository
// template that forgets to quote a field fails here instead of producing an
// entry whose title is not what the user typed.
func checkFrontmatter(tmplName, content string, a answers) error {
	body := strings.TrimPrefix(content, "\ufeff")
	// A CRLF template is read like an LF one: MDX and YAML readers accept
	// both, so the check must see its frontmatter too.
	body = strings.ReplaceAll(body, "\r\n", "\n")
	if !strings.HasPrefix(body, "---\n") {
		return nil // a template without frontmatter: lint will say so
	}
	end := strings.Index(body[4:], "\n---")
	if end < 0 {
		return fmt.Errorf("template %s: the frontmatter is never closed with ---", tmplName)
	}
	var fm map[string]any
	if err := yaml.Unmarshal([]byte(body[4:4+end]), &fm); err != nil {
		return fmt.Errorf("template %s renders frontmatter that is not valid YAML (%v); quote fields with {{ yaml .Title }}", tmplName, err)
	}
	for key, want := range map[string]string{"title": a.Title, "description": a.Description} {
		if got, ok := fm[key]; ok && got != want {
			return fmt.Errorf("template %s: %s reads back as %q instead of %q; quote it with {{ yaml .%s }}", tmplName, key, got, want, strings.ToUpper(key[:1])+key[1:])
		}
	}
	return nil
}

// keepAnswers, on a cancel after the questions were answered, prints the
// command that starts again with the answers, the sections typed before
// the cancel included: typed text is work, and a cancel must not throw it
// away (draft keeps its text the same way).
func keepAnswers(opts Options, ws *workspace.Workspace, mode promptMode, a answers, err error, headings []string, sections map[string]string) {
	if !mode.interactive || !errors.Is(err, cli.ErrCancelled) {
		return
	}
	cmd := "handbook new " + opts.Slug + rootArg(opts.Root, ws)
	if a.Title != workspace.TitleFromSlug(opts.Slug) {
		cmd += " --title " + shellQuote(a.Title)
	}
	cmd += " --description " + shellQuote(a.Description) + " --summary " + shellQuote(a.Summary)
	for _, h := range headings {
		if text := sections[h]; text != "" {
			cmd += " --section " + shellQuote(h+"="+text)
		}
	}
	fmt.Fprintf(opts.IO.ErrOut, "To start again with your answers:\n  %s\n", cmd)
}
