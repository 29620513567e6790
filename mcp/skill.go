package mcp

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/lazyre"
	"github.com/handbook-dev/handbook/workspace"
)

// skillBody teaches an agent the handbook process with handbook commands.
//
//go:embed skill.md
var skillBody []byte

// Where the skill goes: <repository>/.claude/skills/<SkillName>/SKILL.md,
// the folder Claude Code reads project skills from; --dir names another
// skills folder.
const (
	SkillName       = "handbook-backend-development"
	DefaultSkillDir = ".claude/skills"
	SkillFile       = "SKILL.md"
)

// The last line of a written skill records the hash of the text above it,
// so a later run can tell a file handbook wrote (safe to update) from one a
// person edited (kept unless --force).
var skillStamp = lazyre.New(`(?m)^<!-- written by handbook skill \(sha256:([0-9a-f]{64})\)[^\n]*-->\n?\z`)

// SkillText is the skill file this version writes.
func SkillText() []byte {
	// A blank line keeps the stamp apart from the last paragraph; it is
	// part of the hashed text, like everything above the stamp.
	text := append(bytes.Clone(skillBody), '\n')
	sum := sha256.Sum256(text)
	return fmt.Appendf(text,
		"<!-- written by handbook skill (sha256:%s); edits are kept: handbook skill overwrites them only with --force -->\n",
		hex.EncodeToString(sum[:]))
}

// skillEdited reports whether data differs from what handbook skill wrote:
// no stamp, or a body whose hash is not the stamped one.
func skillEdited(data []byte) bool {
	loc := skillStamp.FindSubmatchIndex(data)
	if loc == nil {
		return true
	}
	sum := sha256.Sum256(data[:loc[0]])
	return hex.EncodeToString(sum[:]) != string(data[loc[2]:loc[3]])
}

// SkillOptions are the inputs of `handbook skill`.
type SkillOptions struct {
	IO   *cli.IO
	Root string // --root
	Dir  string // the current folder; "" is the process's
	// SkillsDir is the skills folder (--dir), relative to Dir; "" is
	// .claude/skills at the repository root.
	SkillsDir string
	Stdout    bool // print the skill instead of writing it
	Force     bool // overwrite a skill file that was edited
}

// Skill outcomes.
const (
	SkillWritten   = "written"   // there was no file
	SkillUpdated   = "updated"   // an earlier, unedited version was replaced
	SkillUnchanged = "unchanged" // the file is this version already
	SkillReplaced  = "replaced"  // an edited file was overwritten (--force)
)

// SkillResult says what WriteSkill did.
type SkillResult struct {
	Path   string // relative to the repository root
	Action string
	// Shown is Path for messages: relative to the folder the command runs
	// in, as every command names files, so it opens as printed.
	Shown string
}

// WriteSkill writes the skill file, or prints it with opts.Stdout. It
// refuses to overwrite a file someone edited unless opts.Force.
func WriteSkill(opts SkillOptions) (*SkillResult, error) {
	text := SkillText()
	if opts.Stdout {
		_, err := opts.IO.Out.Write(text)
		return nil, err
	}
	ws, err := workspace.Open(workspace.Options{Root: opts.Root, Dir: opts.Dir})
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(ws.Root, filepath.FromSlash(DefaultSkillDir))
	if opts.SkillsDir != "" {
		base := opts.Dir
		if base == "" {
			if base, err = os.Getwd(); err != nil {
				return nil, err
			}
		}
		dir = opts.SkillsDir
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(base, dir)
		}
	}
	dir = filepath.Join(filepath.Clean(dir), SkillName)
	path := filepath.Join(dir, SkillFile)
	given := "--dir " + opts.SkillsDir
	if opts.SkillsDir == "" {
		given = ws.Rel(path)
	}
	if err := ws.ContainFlag(given, path); err != nil {
		return nil, err
	}
	res := &SkillResult{Path: ws.Rel(path), Action: SkillWritten, Shown: ws.Show(path)}

	t, err := ws.Begin()
	if err != nil {
		return nil, err
	}
	defer t.End()
	old, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, fmt.Errorf("%s: %w", res.Shown, err)
	case bytes.Equal(old, text):
		res.Action = SkillUnchanged
		return res, t.Commit()
	case !skillEdited(old):
		res.Action = SkillUpdated
	case opts.Force:
		res.Action = SkillReplaced
	default:
		return nil, &cli.UsageError{
			Msg:  res.Shown + " was edited since handbook wrote it (or not written by handbook); nothing was written",
			Hint: "See this version with: handbook skill --stdout\nOverwrite the edits with: handbook skill --force",
		}
	}
	if err := t.MkdirAll(dir); err != nil {
		return nil, err
	}
	if err := t.WriteFile(path, text, 0o644); err != nil {
		return nil, err
	}
	return res, t.Commit()
}
