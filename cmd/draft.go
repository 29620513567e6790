package cmd

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/scaffold"
	"github.com/handbook-dev/handbook/workspace"
)

func init() { subcommands = append(subcommands, subcommand{"draft", newDraftCmd}) }

func newDraftCmd(g *globals) *cobra.Command {
	opts := scaffold.DraftOptions{}
	sf := &sectionFlags{}
	c := &cobra.Command{
		Use:   "draft SLUG|PATH",
		Short: "Fill the sections of an entry that are still to write",
		Long: `Re-open an entry and fill what is missing: draft reports which template
sections are missing, empty or still hold their handbook:todo comment, asks for
exactly those (or takes them from flags), and can add references to the code
found by the explorer under "How it works".

It never drops or rewrites text that is there: edits touch only the targeted
sections, the change is shown as a unified diff and written atomically after
you confirm (--yes skips the question; without a terminal --yes is required).
An entry whose shape is ambiguous (a section twice, a heading inside a JSX
block) is left untouched, with the line that could not be placed.`,
		Example: `  handbook draft distributed-lock
  handbook draft distributed-lock --how "Use async with locker.lock(key):" --yes
  handbook draft distributed-lock --refs auto --yes --format json
  handbook draft handbook/backend-development/mdx-masking.mdx --open`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &cli.UsageError{Msg: "handbook draft takes one entry, e.g. handbook draft distributed-lock"}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.IO = g.io
			opts.Root = *g.root
			opts.Entry = args[0]
			sections, err := sf.collect(c, g.io.In)
			if err != nil {
				return err
			}
			opts.Sections = sections
			_, err = scaffold.Draft(opts)
			return err
		},
	}
	f := c.Flags()
	sf.register(c)
	addRefFlags(c, &opts.Refs)
	f.BoolVarP(&opts.Yes, "yes", "y", false, "write without asking")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the change and write nothing")
	f.BoolVar(&opts.NoInput, "no-input", false, "never prompt")
	f.BoolVar(&opts.Accessible, "accessible", false, "plain line-by-line prompts, for screen readers (also HANDBOOK_ACCESSIBLE=1)")
	f.BoolVar(&opts.Open, "open", false, "open the entry in $VISUAL or $EDITOR afterwards")
	f.StringVar(&opts.Format, "format", "text", "output format: text or json")
	completeValues(c, "format", "text", "json")
	c.ValidArgsFunction = completeEntries(g)
	return c
}

// sectionFlags are the flags that give a section's text, shared by new and
// draft.
type sectionFlags struct {
	when, how, internals string
	sections             []string
	sectionFiles         []string
}

func (sf *sectionFlags) register(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&sf.when, "when", "", "text of the \"When to use\" section")
	f.StringVar(&sf.how, "how", "", "text of the \"How to use\" section")
	f.StringVar(&sf.internals, "internals", "", "text of the \"How it works\" section")
	f.StringArrayVar(&sf.sections, "section", nil, "text of any template section, as \"HEADING=TEXT\" (repeatable)")
	f.StringArrayVar(&sf.sectionFiles, "section-file", nil, "text of a template section read from a file, as \"HEADING=PATH\" (PATH - reads stdin; repeatable)")
}

func (sf *sectionFlags) collect(c *cobra.Command, in io.Reader) ([]scaffold.SectionText, error) {
	var out []scaffold.SectionText
	for _, f := range []struct{ flag, heading, value string }{
		{"when", "When to use", sf.when}, {"how", "How to use", sf.how}, {"internals", "How it works", sf.internals},
	} {
		if c.Flags().Changed(f.flag) {
			out = append(out, scaffold.SectionText{Flag: "--" + f.flag, Name: f.heading, Text: f.value})
		}
	}
	for _, v := range sf.sections {
		st, err := scaffold.ParseSectionFlag(v)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	for _, v := range sf.sectionFiles {
		st, err := scaffold.ParseSectionFileFlag(v, in)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

func addRefFlags(c *cobra.Command, r *scaffold.RefOptions) {
	f := c.Flags()
	f.StringVar(&r.Mode, "refs", "", "references to the code: auto (the hits clearly about the concept, at most --refs-limit) or none (default without a terminal; a terminal asks)")
	f.IntVar(&r.Limit, "refs-limit", scaffold.DefaultRefsLimit, "how many references --refs auto takes")
	f.StringVar(&r.LinkBase, "link-base", "", "how references link: auto (the remote's web URL on GitHub or GitLab, else relative), repository (relative), remote (web URL at the default branch) or commit (permalink); default from link_base in .handbook.yaml, else auto")
	f.BoolVar(&r.Code, "refs-code", false, "also add each reference's snippet as a code block")
	completeValues(c, "refs", "auto", "none")
	completeValues(c, "link-base", workspace.LinkRepository, workspace.LinkRemote)
}
