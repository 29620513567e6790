package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/workspace"
)

// completeValues completes a flag with a fixed set of values.
func completeValues(c *cobra.Command, flag string, values ...string) {
	// The only error is a flag that does not exist: a programming error
	// every completion test catches.
	_ = c.RegisterFlagCompletionFunc(flag, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}

// completeEntries completes the first argument with the slugs of the
// section's entries, found from --root or the current folder; after the
// slug, nothing more is completed.
func completeEntries(g *globals) cobra.CompletionFunc {
	return func(c *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		ws, err := workspace.Open(workspace.Options{Root: *g.root})
		if err != nil {
			return nil, cobra.ShellCompDirectiveDefault // fall back to file names
		}
		var out []cobra.Completion
		for _, slug := range ws.Entries() {
			if strings.HasPrefix(slug, toComplete) {
				out = append(out, slug)
			}
		}
		// A path to an .mdx file is an entry too: let the shell complete
		// file names when no slug matches.
		if len(out) == 0 {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}
