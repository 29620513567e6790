package cmd

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/handbook-dev/handbook/mcp"
)

func init() { subcommands = append(subcommands, subcommand{"skill", newSkillCmd}) }

func newSkillCmd(g *globals) *cobra.Command {
	opts := mcp.SkillOptions{}
	c := &cobra.Command{
		Use:   "skill",
		Short: "Write the agent skill that teaches the handbook process",
		Long: `skill writes an agent skill file (SKILL.md, with name and description
frontmatter) that teaches an AI coding agent to write handbook entries with
handbook commands and their JSON output: new, explore, draft with
--section-file, lint, then ask the user for feedback with a checklist.

By default it goes to the repository's .claude/skills folder, where Claude
Code finds project skills, as ` + mcp.SkillName + `/SKILL.md; --dir
names another skills folder (inside the repository). Running it again
updates a skill it wrote; a skill edited since is kept unless --force.`,
		Example: `  handbook skill
  handbook skill --dir .cursor/skills
  handbook skill --stdout > SKILL.md`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, args []string) error {
			opts.IO = g.io
			opts.Root = *g.root
			res, err := mcp.WriteSkill(opts)
			if err != nil || res == nil {
				return err
			}
			fmt.Fprintln(g.io.Out, res.Shown)
			switch res.Action {
			case mcp.SkillUnchanged:
				fmt.Fprintf(g.io.ErrOut, "%s is up to date\n", res.Shown)
			case mcp.SkillUpdated:
				fmt.Fprintf(g.io.ErrOut, "Updated %s to this version of handbook\n", res.Shown)
			case mcp.SkillReplaced:
				fmt.Fprintf(g.io.ErrOut, "Replaced the edited %s\n", res.Shown)
			default:
				fmt.Fprintf(g.io.ErrOut, "Wrote %s\n", res.Shown)
			}
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&opts.SkillsDir, "dir", "", "skills folder to write to (default: .claude/skills at the repository root)")
	f.BoolVar(&opts.Stdout, "stdout", false, "print the skill instead of writing it")
	f.BoolVar(&opts.Force, "force", false, "overwrite a skill file that was edited")
	return c
}
