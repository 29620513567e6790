package cmd

import (
	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/validate"
)

func init() { subcommands = append(subcommands, subcommand{"lint", newLintCmd}) }

func newLintCmd(g *globals) *cobra.Command {
	opts := validate.Options{IO: g.io, OneShot: true}
	c := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check entries against the template and the navigation",
		Long: `lint checks backend-development entries the way a careful reviewer would:
frontmatter (title, description), a summary paragraph, the template's
required sections in order and written, no leftover template text, heading
levels, kebab-case file names, fenced code languages, that every entry
is listed in docs.json navigation (and every listed page has a file), and
that the code each entry cites exists, has the cited lines and symbols, and
has not changed since the entry was last edited (git history).

With no PATH it checks every .mdx entry of the backend-development section;
a PATH may be a file or a folder (searched recursively).

Findings print as "path:line:col: severity: message [rule]" with paths
relative to the current folder (--format github: to the repository root).
Exit status: 0 no errors (warnings allowed), 1 errors found (or warnings
with --strict), 2 bad usage or a path that could not be read.

Silence a rule for a file with {/* handbook-lint-disable RULE[,RULE] */},
for the next line with {/* handbook-lint-disable-next-line RULE */}, or
set its severity (error, warning, off) under lint.rules in .handbook.yaml.`,
		Example: `  handbook lint
  handbook lint handbook/backend-development/mdx-masking.mdx
  handbook lint --format github --strict
  handbook lint --fix`,
		RunE: func(c *cobra.Command, args []string) error {
			opts.Root = *g.root
			opts.Paths = args
			return validate.Run(opts)
		},
	}
	f := c.Flags()
	f.StringVar(&opts.Format, "format", "text", "output format: "+orList(validate.Formats))
	completeValues(c, "format", validate.Formats...)
	f.BoolVar(&opts.Strict, "strict", false, "fail on warnings too")
	f.BoolVar(&opts.Fix, "fix", false, "add entries missing from the navigation to docs.json, re-anchor moved code references, then lint again")
	f.StringVar(&opts.Baseline, "baseline", "", "accept the findings recorded in this file (default: lint.baseline in .handbook.yaml); only new ones fail")
	f.StringVar(&opts.BaselineWrite, "baseline-write", "", "record this run's findings in FILE (a baseline) and exit 0")
	f.StringVar(&opts.ChangedSince, "changed-since", "", "also report references whose code changed since this git revision (for pull requests)")
	return c
}
