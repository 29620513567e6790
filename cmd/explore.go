package cmd

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/explore"
	"github.com/handbook-dev/handbook/internal/cli"
)

func init() { subcommands = append(subcommands, subcommand{"explore", newExploreCmd}) }

func newExploreCmd(g *globals) *cobra.Command {
	opts := explore.Options{IO: g.io}
	var maxSize string
	c := &cobra.Command{
		Use:   "explore CONCEPT",
		Short: "Find where a concept lives in the code base",
		Long: `Explore searches the repository (from its root, wherever you run it) for a
concept and lists the files that implement it, best first, each with its role
in the backend (endpoint, service, repository, schema, task, worker, model,
migration, test, doc, frontend, config, code) and up to 3 snippets.

CONCEPT is a slug, words or a CamelCase name: distributed-lock,
"distributed lock" and DistributedLock are the same. Every spelling counts:
distributed_lock, DISTRIBUTED_LOCK, distributedLock, and the forms of the
last word (locks, locking, locked, locker). Single words count less than the
whole phrase; a definition (class, def, func, interface, const X =) of a
matching name counts most, then a file or folder named after the concept;
comments less than code; tests, generated and vendored files are pushed down.
Handbook entries that already cover the concept are listed apart.

The walk follows .gitignore like git does. Binary files (a NUL byte in the
first 8 KiB), files over --max-filesize and unreadable files are skipped and
counted on stderr.

Extra roles can be given path globs in .handbook.yaml:

  explore:
    roles:
      worker: ["server/*/jobs/**"]`,
		Example: `  handbook explore distributed-lock
  handbook explore "task debouncer" --role service --role task
  handbook explore DistributedLock --format json --limit 5
  handbook explore distributed-lock --format markdown >> entry-notes.md
  handbook explore distributed-lock --explain --path server/
  handbook explore --files`,
		Args: func(cmd *cobra.Command, args []string) error {
			if opts.Files {
				if len(args) > 0 {
					return cli.Usagef("--files takes no concept")
				}
				return nil
			}
			if len(args) == 0 {
				return &cli.UsageError{Msg: "explore needs a concept", Hint: "Example: handbook explore distributed-lock"}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			// Unquoted words are one concept: explore distributed lock.
			opts.Concept = strings.Join(args, " ")
			opts.Root = *g.root
			if cmd.Flags().Changed("max-filesize") {
				n, err := explore.ParseSize(maxSize)
				if err != nil {
					return err
				}
				opts.MaxFileSize = n
			}
			if cmd.Flags().Changed("limit") && opts.Limit <= 0 {
				return cli.Usagef("--limit is %d; pass a positive number of files", opts.Limit)
			}
			if cmd.Flags().Changed("context") {
				if opts.Context < 0 {
					return cli.Usagef("--context is %d; pass 0 or more lines", opts.Context)
				}
				if opts.Context == 0 {
					opts.Context = -1 // Options reads 0 as the default
				}
			}
			return explore.Run(opts)
		},
	}
	f := c.Flags()
	f.StringArrayVar(&opts.Paths, "path", nil, "search only this file or folder (repeatable)")
	f.StringArrayVar(&opts.Roles, "role", nil, "keep only files with this role (repeatable): "+strings.Join(explore.Roles, ", "))
	f.IntVar(&opts.Limit, "limit", explore.DefaultLimit, "number of files to show")
	f.IntVar(&opts.Context, "context", explore.DefaultContext, "lines of context around each snippet")
	f.StringVar(&opts.Format, "format", "text", "output format: "+orList(explore.Formats))
	completeValues(c, "format", explore.Formats...)
	completeValues(c, "role", explore.Roles...)
	f.BoolVar(&opts.Explain, "explain", false, "show why each file scored what it did")
	f.StringVar(&maxSize, "max-filesize", "2M", "skip files larger than this (e.g. 512K, 4M)")
	f.BoolVar(&opts.Files, "files", false, "print the files the walk yields, one a line, and exit")
	return c
}

// orList writes values the way every --format help does: "a, b or c".
func orList(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}
