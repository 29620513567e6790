// Package workspace finds where a command works: the repository root, its
// .handbook.yaml, the handbook folder, the backend-development section folder
// and the entry template. It also owns the docs.json navigation model and the
// atomic file writes every command that changes files goes through.
package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/internal/safefile"
	"github.com/handbook-dev/handbook/templates"
)

// DefaultNavGroup is the navigation group entries are registered in.
const DefaultNavGroup = "Backend Development"

// SectionFolderName is the folder name that marks the section in a handbook.
const SectionFolderName = "backend-development"

// DocsJSON is Mintlify's navigation file.
const DocsJSON = "docs.json"

// Options say where to start looking.
type Options struct {
	// Root overrides the repository root (the --root flag).
	Root string
	// Dir is where the search for the repository starts; "" means the
	// current directory.
	Dir string
}

// Workspace is what a command works on. All paths are absolute.
type Workspace struct {
	Root       string // repository root
	InRepo     bool   // Root holds .git (false: fell back to the start folder)
	Config     Config
	ConfigPath string // "" when there is no .handbook.yaml

	Handbook       string // handbook folder
	HandbookExists bool
	Section        string // backend-development section folder
	SectionExists  bool
	DocsJSON       string // path of docs.json; "" when the handbook has none

	realRoot string // Root with its symlinks resolved, for containment checks
	here     string // the folder the command runs in, for the paths messages show
}

// CheckRoot returns the absolute path of a --root folder, or an error
// that says it does not exist or is not a folder.
func CheckRoot(dir string) (string, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	fi, err := os.Stat(root)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", &PathError{Path: dir, Msg: "--root does not exist", Hint: "pass the repository's top folder"}
	case err != nil || !fi.IsDir():
		return "", &PathError{Path: dir, Msg: "--root is not a folder", Hint: "pass the repository's top folder"}
	}
	return root, nil
}

// Open finds the workspace from opts.
func Open(opts Options) (*Workspace, error) {
	start := opts.Dir
	if start == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		start = wd
	}
	start, err := filepath.Abs(start)
	if err != nil {
		return nil, err
	}
	ws := &Workspace{here: start}
	if opts.Root != "" {
		root, err := CheckRoot(opts.Root)
		if err != nil {
			return nil, err
		}
		ws.Root, ws.InRepo = root, isRepoRoot(root)
	} else if root, ok := FindRepoRoot(start); ok {
		ws.Root, ws.InRepo = root, true
	} else {
		ws.Root = start
	}

	if ws.realRoot, err = filepath.EvalSymlinks(ws.Root); err != nil {
		return nil, err
	}

	cfgPath := filepath.Join(ws.Root, ConfigFile)
	cfg, found, err := LoadConfig(cfgPath)
	if err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) {
			ce.Path = ws.Rel(ce.Path)
		}
		return nil, err
	}
	ws.Config = cfg
	if found {
		ws.ConfigPath = cfgPath
	}
	ws.findHandbook()
	ws.findSection()
	if err := ws.checkPaths(); err != nil {
		return nil, err
	}
	return ws, nil
}

// checkPaths keeps every configured or discovered path inside the
// repository, after symlinks, and the section inside the folder of
// docs.json: a page outside it would be "../x", which Mintlify cannot serve.
func (ws *Workspace) checkPaths() error {
	type path struct{ key, value, p string }
	paths := []path{{"handbook", ws.Config.Handbook, ws.Handbook}, {"section", ws.Config.Section, ws.Section}}
	if ws.Config.Template != "" {
		paths = append(paths, path{"template", ws.Config.Template, ws.abs(ws.Config.Template)})
	}
	if ws.Config.Lint.Baseline != "" {
		paths = append(paths, path{"lint.baseline", ws.Config.Lint.Baseline, ws.abs(filepath.FromSlash(ws.Config.Lint.Baseline))})
	}
	for _, lp := range ws.Config.Lint.Paths {
		paths = append(paths, path{"lint.paths", lp, ws.abs(filepath.FromSlash(lp))})
	}
	for _, p := range paths {
		if err := ws.Contain(p.key, p.p); err != nil {
			return ws.configured(p.key, p.value, err)
		}
	}
	if ws.DocsJSON != "" {
		if err := ws.checkDocsJSON(); err != nil {
			return err
		}
	}
	base := ws.Handbook
	if ws.DocsJSON != "" {
		base = filepath.Dir(ws.DocsJSON)
	}
	if ok, err := ws.inside(base, ws.Section); err != nil || !ok {
		return ws.configured("section", ws.Config.Section, &PathError{Path: ws.Rel(ws.Section),
			Msg:  "the section folder is outside " + ws.Rel(base) + ", the folder of docs.json",
			Hint: "Mintlify serves only pages under that folder; put the section inside it"})
	}
	return nil
}

// checkDocsJSON accepts a regular file, or a symlink to one inside the
// repository (edits are written through to it).
func (ws *Workspace) checkDocsJSON() error {
	fi, err := os.Stat(ws.DocsJSON)
	if err != nil {
		return &PathError{Path: ws.Rel(ws.DocsJSON), Msg: "cannot be read: " + safefile.Describe(err),
			Hint: "fix or remove the symlink; nothing was written"}
	}
	if !fi.Mode().IsRegular() {
		return &PathError{Path: ws.Rel(ws.DocsJSON), Msg: "is not a regular file (" + fileKind(fi.Mode()) + ")",
			Hint: "docs.json must be a JSON file; nothing was written"}
	}
	return ws.Contain("docs.json", ws.DocsJSON)
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

// ConfigErrorf is an error about a key of .handbook.yaml ("explore.roles.x"),
// at the key's line.
func (ws *Workspace) ConfigErrorf(key, format string, args ...any) error {
	return &ConfigError{Path: ws.configName(), Line: ws.Config.Line(key), Msg: fmt.Sprintf(format, args...)}
}

// ConfigAt is where a key of .handbook.yaml is, path:line, for warnings
// about it.
func (ws *Workspace) ConfigAt(key string) string {
	if line := ws.Config.Line(key); line > 0 {
		return fmt.Sprintf("%s:%d", ws.configName(), line)
	}
	return ws.configName()
}

func (ws *Workspace) configName() string {
	if ws.ConfigPath == "" {
		return ConfigFile
	}
	return ws.Rel(ws.ConfigPath)
}

// configured turns err about the path of a configuration key into an error
// at that key's line when the path came from .handbook.yaml.
func (ws *Workspace) configured(key, value string, err error) error {
	if value == "" || ws.ConfigPath == "" {
		return err
	}
	msg := err.Error()
	var pe *PathError
	if errors.As(err, &pe) {
		msg = "`" + key + ": " + filepath.ToSlash(value) + "` " + strings.TrimPrefix(pe.Msg, key+" ")
		if pe.Hint != "" {
			msg += "; " + pe.Hint
		}
	}
	return &ConfigError{Path: ws.Rel(ws.ConfigPath), Line: ws.Config.Line(key), Msg: msg}
}

// PathError is a path that cannot be used, with what to do about it.
type PathError struct {
	Path string
	Msg  string
	Hint string
}

func (e *PathError) Error() string {
	s := e.Path + ": " + e.Msg
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

// FindRepoRoot returns the nearest folder at or above dir that holds .git
// (a folder, or a file as in worktrees and submodules).
func FindRepoRoot(dir string) (string, bool) {
	for {
		if isRepoRoot(dir) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isRepoRoot(dir string) bool {
	_, err := os.Lstat(filepath.Join(dir, ".git"))
	return err == nil
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func (ws *Workspace) abs(rel string) string {
	if filepath.IsAbs(rel) {
		return filepath.Clean(rel)
	}
	return filepath.Join(ws.Root, rel)
}

// findHandbook applies the order: config, handbook/, the shallowest folder
// holding docs.json, else handbook/ (to be created).
func (ws *Workspace) findHandbook() {
	switch {
	case ws.Config.Handbook != "":
		ws.Handbook = ws.abs(ws.Config.Handbook)
	case isDir(filepath.Join(ws.Root, "handbook")):
		ws.Handbook = filepath.Join(ws.Root, "handbook")
	default:
		if dir, ok := findDocsJSON(ws.Root); ok {
			ws.Handbook = dir
		} else {
			ws.Handbook = filepath.Join(ws.Root, "handbook")
		}
	}
	ws.HandbookExists = isDir(ws.Handbook)
	// Anything at the path counts, not only a regular file: a folder, a
	// dangling symlink or a FIFO there is an error (checkPaths), never
	// "no navigation".
	if p := filepath.Join(ws.Handbook, DocsJSON); exists(p) {
		ws.DocsJSON = p
	}
}

// findSection applies the order: config, an existing backend-development
// folder anywhere under the handbook (shallowest, then alphabetical), else
// <handbook>/backend-development.
func (ws *Workspace) findSection() {
	if ws.Config.Section != "" {
		ws.Section = ws.abs(ws.Config.Section)
	} else if dir, ok := findFolderNamed(ws.Handbook, SectionFolderName); ok {
		ws.Section = dir
	} else {
		ws.Section = filepath.Join(ws.Handbook, SectionFolderName)
	}
	ws.SectionExists = isDir(ws.Section)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// skipDir reports a folder never searched for a handbook: big, and never
// holding one.
func skipDir(name string) bool {
	switch name {
	case ".git", "node_modules", "vendor", ".venv", "venv", "__pycache__":
		return true
	}
	return false
}

// maxSearchDepth bounds the docs.json search so a huge monorepo stays fast.
const maxSearchDepth = 4

func findDocsJSON(root string) (string, bool) {
	return findShallowest(root, func(dir string, e fs.DirEntry) (string, bool) {
		return dir, e.Name() == DocsJSON && e.Type().IsRegular()
	})
}

func findFolderNamed(root, name string) (string, bool) {
	return findShallowest(root, func(dir string, e fs.DirEntry) (string, bool) {
		return filepath.Join(dir, name), e.IsDir() && e.Name() == name
	})
}

// findShallowest visits folders breadth-first up to maxSearchDepth,
// skipping hidden and dependency folders and never following symlinks,
// and returns the shallowest path match accepts (the first in order among
// equals). The level where one is found is the last read: nothing deeper
// can be shallower, and in a big monorepo whose handbook sits near the top
// the deeper levels are most of the folders (explore waits for this).
func findShallowest(root string, match func(dir string, e fs.DirEntry) (string, bool)) (string, bool) {
	level := []string{root}
	for depth := 0; depth <= maxSearchDepth && len(level) > 0; depth++ {
		var found, next []string
		for _, dir := range level {
			entries, err := os.ReadDir(dir)
			if err != nil {
				continue
			}
			for _, e := range entries {
				if p, ok := match(dir, e); ok {
					found = append(found, p)
				}
				if len(found) == 0 && e.IsDir() && !skipDir(e.Name()) && !strings.HasPrefix(e.Name(), ".") {
					next = append(next, filepath.Join(dir, e.Name()))
				}
			}
		}
		if len(found) > 0 {
			return shallowest(found)
		}
		level = next
	}
	return "", false
}

func shallowest(paths []string) (string, bool) {
	if len(paths) == 0 {
		return "", false
	}
	sort.Slice(paths, func(i, j int) bool {
		di, dj := strings.Count(paths[i], string(filepath.Separator)), strings.Count(paths[j], string(filepath.Separator))
		if di != dj {
			return di < dj
		}
		return paths[i] < paths[j]
	})
	return paths[0], true
}

// Rel returns p relative to the repository root with forward slashes, for
// messages and output.
func (ws *Workspace) Rel(p string) string {
	r, err := filepath.Rel(ws.Root, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// Show names p (absolute, or relative to the root) for a message: relative
// to the folder the command runs in, as lint's findings are, so a path or
// path:line printed after --root or from a subfolder opens as printed.
func (ws *Workspace) Show(p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(ws.Root, filepath.FromSlash(p))
	}
	here := ws.here
	if here == "" {
		here = ws.Root
	}
	r, err := filepath.Rel(here, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// NavGroup is the navigation group entries belong to.
func (ws *Workspace) NavGroup() string {
	if ws.Config.NavGroup != "" {
		return ws.Config.NavGroup
	}
	return DefaultNavGroup
}

// OverrideTemplate is where a handbook may keep its own entry template.
const OverrideTemplate = ".templates/backend-development.mdx"

// Template returns the entry template: the config's file, else the
// handbook's .templates/backend-development.mdx, else the embedded default.
// name says which one, for messages ("embedded" for the default).
func (ws *Workspace) Template() (name, src string, err error) {
	path := ""
	if ws.Config.Template != "" {
		path = ws.abs(ws.Config.Template)
	} else if p := filepath.Join(ws.Handbook, filepath.FromSlash(OverrideTemplate)); fileExists(p) {
		path = p
	}
	if path == "" {
		return "embedded", templates.BackendDevelopment, nil
	}
	if err := ws.Contain("template", path); err != nil {
		return "", "", err
	}
	data, err := safefile.Read(path, safefile.TemplateLimit)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return "", "", &PathError{Path: ws.Rel(path), Msg: "template not found", Hint: "fix `template` in " + ConfigFile}
		}
		return "", "", &PathError{Path: ws.Rel(path), Msg: "template cannot be read: " + safefile.Describe(err), Hint: "a template is a regular text file"}
	}
	return ws.Rel(path), string(data), nil
}

// PageOf returns the navigation page of an entry file: its path relative to
// the folder of docs.json, without extension, with forward slashes.
func (ws *Workspace) PageOf(entry string) string {
	base := ws.Handbook
	if ws.DocsJSON != "" {
		base = filepath.Dir(ws.DocsJSON)
	}
	rel, err := filepath.Rel(base, entry)
	if err != nil {
		rel = entry
	}
	rel = filepath.ToSlash(rel)
	return strings.TrimSuffix(rel, filepath.Ext(rel))
}
