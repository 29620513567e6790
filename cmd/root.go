// Package cmd is the thin cobra layer of handbook: each command fills an
// Options struct from flags and calls its package (scaffold, validate,
// explore). Exit codes are decided once, in Run.
package cmd

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/quietterm"
	"github.com/handbook-dev/handbook/workspace"
)

// Version is set at build time with -ldflags "-X .../cmd.Version=v1.2.3".
var Version = ""

// version is Version, else what the Go toolchain recorded in the binary.
func version() string {
	if Version != "" {
		return Version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return versionFrom(info)
}

// versionFrom reads a version from build info: the module version (a tag
// for `go install …@v1.2.3`, a pseudo-version for `go build` in a clone)
// and the commit it was built from, marked "modified" when the work tree
// had changes. A binary built without version control information (go run,
// -buildvcs=false) says so instead of printing a bare "dev".
func versionFrom(info *debug.BuildInfo) string {
	if info == nil {
		return "(devel): this binary carries no build information"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	rev, modified, at := "", false, ""
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		case "vcs.time":
			at = s.Value
		}
	}
	var about []string
	if rev != "" {
		c := "commit " + rev[:min(len(rev), 12)]
		if modified {
			c += ", modified"
		}
		if at != "" {
			c += ", " + at
		}
		about = append(about, c)
	} else if v == "(devel)" {
		about = append(about, "no commit recorded: built by go run or with -buildvcs=false")
	}
	if info.GoVersion != "" {
		about = append(about, info.GoVersion)
	}
	if len(about) == 0 {
		return v
	}
	return v + " (" + strings.Join(about, "; ") + ")"
}

// versionTemplate is what --version prints: the version as literal text,
// which cobra's template executes with one write and no reflection, or,
// for a version that reads as a template action itself, the template
// that prints it as a value.
func versionTemplate(v string) string {
	if strings.Contains(v, "{{") {
		return "handbook {{.Version}}\n"
	}
	return "handbook " + v + "\n"
}

// NewRootCmd builds the command tree around the given streams.
func NewRootCmd(ios *cli.IO) *cobra.Command {
	return newRootCmd(ios, commandSet{all: true})
}

// newRootCmd builds the root and the subcommands of set.
func newRootCmd(ios *cli.IO, set commandSet) *cobra.Command {
	var root string
	rootCmd := &cobra.Command{
		Use:   "handbook",
		Short: "Write the Backend Development section of your team handbook",
		Long: `handbook helps backend developers write entries of the "Backend Development"
section of a Mintlify team handbook: one MDX file per concept, following the
template (summary, "When to use", "How to use", "How it works").`,
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
		return &cli.UsageError{Msg: err.Error(), Hint: flagSuggestion(c, err) + fmt.Sprintf("Run '%s --help' for usage.", c.CommandPath())}
	})
	rootCmd.SetVersionTemplate(versionTemplate(rootCmd.Version))
	// Flag descriptions wrap at 80 columns, with their continuation lines
	// under the description, so help reads in a standard terminal. Two
	// ReplaceAll, not a strings.Replacer: building one for two long
	// patterns cost every run 30 µs.
	usage := strings.ReplaceAll(rootCmd.UsageTemplate(), ".LocalFlags.FlagUsages", "wrapFlags .LocalFlags")
	rootCmd.SetUsageTemplate(strings.ReplaceAll(usage, ".InheritedFlags.FlagUsages", "wrapFlags .InheritedFlags"))

	g := &globals{io: ios, root: &root}
	for _, sc := range subcommands {
		if set.all || sc.name == set.only {
			rootCmd.AddCommand(sc.build(g))
		}
	}
	strictHelp(rootCmd)
	// cobra's completion command is built in Execute; a run that names
	// another command never needs it.
	rootCmd.CompletionOptions.DisableDefaultCmd = !set.all
	return rootCmd
}

// strictHelp makes `handbook help TOPIC` on no such topic a usage error
// (exit 2, on stderr, with cobra's suggestions), where cobra's own help
// command prints "Unknown help topic" and the usage to stdout and exits 0.
func strictHelp(rootCmd *cobra.Command) {
	rootCmd.InitDefaultHelpCmd()
	for _, h := range rootCmd.Commands() {
		if h.Name() != "help" || h.Run == nil {
			continue
		}
		show := h.Run
		h.Run = nil
		h.RunE = func(c *cobra.Command, args []string) error {
			if _, _, err := c.Root().Find(args); err != nil {
				hint := ""
				if s := c.Root().SuggestionsFor(args[0]); len(s) > 0 {
					hint = "Did you mean this?\n\t" + strings.Join(s, "\n\t") + "\n"
				}
				return &cli.UsageError{Msg: fmt.Sprintf("no help topic %q", strings.Join(args, " ")),
					Hint: hint + "Run 'handbook --help' for the commands."}
			}
			show(c, args)
			return nil
		}
	}
}

// commandSet is the subcommands a run builds: all of them, or only one
// (none when only is "").
type commandSet struct {
	all  bool
	only string
}

// commandsFor says which subcommands a run needs: the one its first
// argument names, or none for --version alone (which run answers without
// cobra); help, completion and anything cobra might answer with a
// suggestion get them all. Building a
// command registers its flags and completions: every run used to build
// all seven (and cobra's completion command), a tenth of a millisecond
// of each start-up.
func commandsFor(args []string) commandSet {
	all := commandSet{all: true}
	if len(args) == 1 && (args[0] == "--version" || args[0] == "-v") {
		return commandSet{}
	}
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--root":
			i++ // its value
		case strings.HasPrefix(a, "--root="):
		case strings.HasPrefix(a, "-"):
			return all // --help, --, a mistake: cobra decides
		default:
			for _, sc := range subcommands {
				if sc.name == a {
					return commandSet{only: a}
				}
			}
			return all // help, completion, __complete, a typo
		}
	}
	return all // no command: the root's help lists them all
}

// helpWidth is the width help text is written for.
const helpWidth = 80

func init() {
	// By now every package (the terminal libraries too) is initialised.
	quietterm.Restore()
	cobra.AddTemplateFunc("wrapFlags", func(fs *pflag.FlagSet) string { return fs.FlagUsagesWrapped(helpWidth) })
}

// globals is what every subcommand reads from the root.
type globals struct {
	io   *cli.IO
	root *string
}

// subcommands are registered by each command's file in its init function,
// so adding a command touches only its own file.
var subcommands []subcommand

// subcommand is a command's name (the first word of its Use) and what
// builds it.
type subcommand struct {
	name  string
	build func(*globals) *cobra.Command
}

// Run executes handbook with args and returns the exit code. It is the one
// place errors are printed.
func Run(args []string, ios *cli.IO) int {
	return run(args, ios, commandsFor(args))
}

func run(args []string, ios *cli.IO, set commandSet) int {
	if set == (commandSet{}) {
		// --version alone: what cobra prints for it, without setting
		// cobra up (the root command, its flags, help and completion
		// commands and their parse were 0.1-0.2 ms of this start-up).
		return exit(ios, printVersion(ios.Out))
	}
	rootCmd := newRootCmd(ios, set)
	rootCmd.SetArgs(args)
	return exit(ios, rootCmd.Execute())
}

// printVersion prints what `handbook --version` prints and, when the write
// fails, what cobra does then: the error, on the same stream, and returns
// it.
func printVersion(out io.Writer) error {
	_, err := io.WriteString(out, "handbook "+version()+"\n")
	if err != nil {
		fmt.Fprintln(out, err)
	}
	return err
}

// exit prints what a run's error calls for and returns the exit code.
func exit(ios *cli.IO, err error) int {
	if err == nil {
		return cli.ExitOK
	}
	switch {
	case errors.Is(err, cli.ErrFindings):
		// The report is the message.
	case errors.As(err, new(stopError)):
		// A command that says itself what a stop left behind (mcp, whose
		// earlier calls may have written).
		fmt.Fprintln(ios.ErrOut, "handbook: "+err.Error())
	case errors.Is(err, cli.ErrCancelled):
		fmt.Fprintln(ios.ErrOut, "Cancelled; nothing was written.")
	case errors.Is(err, cli.ErrTerminated):
		fmt.Fprintln(ios.ErrOut, "Terminated; nothing was written.")
	default:
		msg := err.Error()
		// A flag error is a UsageError already, with the command's own
		// hint; wrapping it again would print a second hint.
		var usage *cli.UsageError
		if !errors.As(err, &usage) && isCobraUsage(msg) {
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

// flagSuggestion is the closest flag to a mistyped long one, laid out as
// cobra's suggestion for a mistyped command (pflag says only "unknown flag:
// --fromat"), or "".
func flagSuggestion(c *cobra.Command, err error) string {
	typed, ok := strings.CutPrefix(err.Error(), "unknown flag: --")
	if !ok {
		return ""
	}
	typed, _, _ = strings.Cut(typed, "=")
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	c.InheritedFlags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if best := workspace.Closest(typed, names, 2); best != "" {
		return "Did you mean this?\n\t--" + best + "\n"
	}
	return ""
}
