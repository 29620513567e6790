package cmd

import (
	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/validate"
)

func init() { subcommands = append(subcommands, subcommand{"status", newStatusCmd}) }

func newStatusCmd(g *globals) *cobra.Command {
	opts := validate.StatusOptions{IO: g.io}
	c := &cobra.Command{
		Use:   "status [PATH...]",
		Short: "Show how true to the code each entry still is",
		Long: `status prints one row per entry: its references to code (total and
broken), when it was last edited (its last commit), and the drift since then
(commits and lines that changed the code it cites), stalest first.

With no PATH it covers every .mdx entry of the backend-development section.
Drift needs git history: in a shallow clone or outside a repository the
column shows "-" and a note says why.`,
		Example: `  handbook status
  handbook status --format json`,
		Args: cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Root = *g.root
			opts.Paths = args
			return validate.Status(opts)
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	return c
}
