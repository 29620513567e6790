// Package cmd is the thin cobra layer of handbook: each command fills an
// Options struct from flags and calls its package (scaffold, validate,
// explore). Exit codes are decided once, in Run.
package cmd

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/internal/cli"
)

// Version is set at build time with -ldflags "-X .../cmd.Version=v1.2.3".
var Version = ""

// version is Version, else what the Go toolchain recorded: the module
// version for `go install …@v1.2.3`, or the commit for a build from a clone.
func version() string {
	if Version != "" {
		return Version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "dev-" + rev
}

// NewRootCmd builds the command tree around the given streams.
func NewRootCmd(ios *cli.IO) *cobra.Command {
	var root string
	rootCmd := &cobra.Command{
		Use:   "handbook",
		Short: "Write the Backend Development section of your team handbook",
		Long: `handbook helps backend developers write entries of the "Backend Development"
section of a Mintlify team handbook: one MDX file per concept, following the
template (summary, "When to use", "How to use", "How it works").

  new       scaffold an entry and register it in docs.json navigation
  explore   find where a concept lives in the code base
  draft     fill the sections of an entry that are still to write
  lint      check entries against the template, for CI and locally
  mcp       serve these steps to AI agents (Model Context Protocol, stdio)`,
		Example: `  handbook new distributed-lock
  handbook explore distributed-lock
  handbook draft distributed-lock
  handbook lint`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	rootCmd.SetIn(ios.In)
	rootCmd.SetOut(ios.Out)
	rootCmd.SetErr(ios.ErrOut)
	rootCmd.PersistentFlags().StringVar(&root, "root", "", "repository root (default: the nearest folder with .git)")
	rootCmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &cli.UsageError{Msg: err.Error(), Hint: fmt.Sprintf("Run '%s --help' for usage.", c.CommandPath())}
	})
	rootCmd.SetVersionTemplate("handbook {{.Version}}\n")

	g := &globals{io: ios, root: &root}
	for _, add := range subcommands {
		rootCmd.AddCommand(add(g))
	}
	return rootCmd
}

// globals is what every subcommand reads from the root.
type globals struct {
	io   *cli.IO
	root *string
}

// subcommands are registered by each command's file in its init function,
// so adding a command touches only its own file.
var subcommands []func(*globals) *cobra.Command

// Run executes handbook with args and returns the exit code. It is the one
// place errors are printed.
func Run(args []string, ios *cli.IO) int {
	rootCmd := NewRootCmd(ios)
	rootCmd.SetArgs(args)
	err := rootCmd.Execute()
	if err == nil {
		return cli.ExitOK
	}
	switch {
	case errors.Is(err, cli.ErrFindings):
		// The report is the message.
	case errors.Is(err, cli.ErrCancelled):
		fmt.Fprintln(ios.ErrOut, "Cancelled; nothing was written.")
	default:
		msg := err.Error()
		if isCobraUsage(msg) {
			err = &cli.UsageError{Msg: msg, Hint: "Run 'handbook --help' for usage."}
		}
		fmt.Fprintln(ios.ErrOut, "handbook: "+err.Error())
	}
	return cli.ExitCode(err)
}

// isCobraUsage recognises the argument errors cobra returns as plain errors.
func isCobraUsage(msg string) bool {
	for _, p := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "received ", "unknown flag", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
