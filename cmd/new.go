package cmd

import (
	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/scaffold"
)

func init() { subcommands = append(subcommands, subcommand{"new", newNewCmd}) }

func newNewCmd(g *globals) *cobra.Command {
	opts := scaffold.Options{}
	sf := &sectionFlags{}
	c := &cobra.Command{
		Use:   "new SLUG",
		Short: "Create an entry from the template and register it in docs.json",
		Long: `Create a handbook entry from the template and add it to the "Backend
Development" group of docs.json, in one step: either both land or nothing is
written.

SLUG is the entry's kebab-case file name (distributed-lock gives
distributed-lock.mdx in the section folder). In a terminal, handbook asks for
the title, description and summary; in scripts and CI pass them as flags.
Prompts never start with --no-input, without a terminal, or when CI is set.`,
		Example: `  # interactive, in a terminal
  handbook new distributed-lock

  # in a script
  handbook new distributed-lock --title "Distributed lock" \
    --description "Make sure only one worker runs a job at a time" \
    --summary "A Redis-backed lock shared by the API and the workers."

  # an agent writing the sections too
  handbook new distributed-lock --description "…" --summary "…" \
    --when "Two workers must not run the same job." \
    --how "Wrap the critical part in async with locker.lock(key):" \
    --section "How it works=SET NX with a TTL, see server/app/locker.py:12."

  # see the entry and the docs.json change without writing
  handbook new distributed-lock --dry-run --description "…" --summary "…"`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return &cli.UsageError{Msg: "handbook new takes one entry name, e.g. handbook new distributed-lock"}
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.IO = g.io
			opts.Root = *g.root
			opts.Slug = args[0]
			opts.TitleSet = c.Flags().Changed("title")
			opts.DescriptionSet = c.Flags().Changed("description")
			opts.SummarySet = c.Flags().Changed("summary")
			sections, err := sf.collect(c, g.io.In)
			if err != nil {
				return err
			}
			opts.Sections = sections
			_, err = scaffold.New(opts)
			return err
		},
	}
	f := c.Flags()
	f.StringVar(&opts.Title, "title", "", "entry title (default: from the slug, \"Distributed Lock\")")
	f.StringVar(&opts.Description, "description", "", "one-line description, at most 160 characters")
	f.StringVar(&opts.Summary, "summary", "", "summary paragraph under the frontmatter")
	sf.register(c)
	addRefFlags(c, &opts.Refs)
	f.BoolVar(&opts.Open, "open", false, "open the entry in $VISUAL or $EDITOR afterwards")
	f.BoolVar(&opts.NoInput, "no-input", false, "never prompt; missing values are an error")
	f.BoolVar(&opts.Accessible, "accessible", false, "plain line-by-line prompts, for screen readers (also HANDBOOK_ACCESSIBLE=1)")
	f.BoolVar(&opts.Force, "force", false, "overwrite an existing entry")
	f.BoolVar(&opts.DryRun, "dry-run", false, "print the entry and the docs.json change; write nothing")
	f.StringVar(&opts.Format, "format", "text", "output format: text or json")
	completeValues(c, "format", "text", "json")
	return c
}
