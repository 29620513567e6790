package walk

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/handbook-dev/handbook/internal/safefile"
)

// maxGitFile bounds the git files read whole (.git, commondir, config,
// exclude files); safefile refuses FIFOs and devices, which would hang.
const maxGitFile = 16 << 20

// repo is what the walker needs to know about the repository around the
// root: where its work tree starts, its index and the ignore files that do
// not live in the work tree.
type repo struct {
	top    string // absolute work tree root
	gitDir string // the repository's git folder (a worktree's own)
	index  *index
	// indexErr is why the index could not be used: the walk goes on
	// without it, and callers warn once (Stats.IndexErr).
	indexErr error
	globals  []*patternList // core.excludesFile first, then .git/info/exclude
}

// indexWants is what a reader of the index wants of it beyond what the
// walk needs (a Probe's; nil for the walk).
type indexWants struct {
	// keep, given the top of the repository, returns the function that
	// chooses the index paths to keep as text (see readIndex); nil keeps
	// none.
	keep func(top string) func([]byte) bool
	// firsts notes each folder's first path (index.firstBelow).
	firsts bool
}

// findRepo looks for the repository that contains dir (absolute): the
// nearest folder upwards with a .git folder, or a .git file pointing to
// one (worktrees, submodules). It returns nil outside a repository. wants
// says what to note of the index beyond what the walk needs (nil: none).
// note, when set, is told each file loadRepo reads or looks for
// (Options.Inputs).
func findRepo(dir string, getenv func(string) string, wants *indexWants, note func(abs string, found bool)) (*repo, []error) {
	for d := dir; ; {
		gitDir, ok := resolveGitDir(filepath.Join(d, ".git"))
		if ok {
			return loadRepo(d, gitDir, getenv, wants, note)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return nil, nil
		}
		d = parent
	}
}

// GitDirOf returns the git folder of the repository that contains dir:
// the one a Probe or Walk of dir finds (Probe.GitDir), without reading the
// repository's index, configuration or ignore files; "" outside one.
func GitDirOf(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; {
		if gitDir, ok := resolveGitDir(filepath.Join(d, ".git")); ok {
			return gitDir
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// resolveGitDir returns the git folder that dotGit (a path ending in .git)
// designates: itself when it is a repository folder, the target of its
// "gitdir:" line when it is a file.
func resolveGitDir(dotGit string) (string, bool) {
	fi, err := os.Stat(dotGit) // git follows a symlinked .git too
	if err != nil {
		return "", false
	}
	if fi.IsDir() {
		return dotGit, isGitDir(dotGit)
	}
	if !fi.Mode().IsRegular() {
		return "", false
	}
	data, err := safefile.Read(dotGit, maxGitFile)
	if err != nil {
		return "", false
	}
	line, _, _ := strings.Cut(string(data), "\n")
	target, ok := strings.CutPrefix(strings.TrimRight(line, "\r"), "gitdir: ")
	if !ok {
		return "", false
	}
	if !filepath.IsAbs(target) {
		target = filepath.Join(filepath.Dir(dotGit), target)
	}
	return target, isGitDir(target)
}

// isGitDir is a cheap version of git's is_git_directory: a HEAD file and
// an objects folder (directly or through a commondir file, as in linked
// worktrees).
func isGitDir(dir string) bool {
	if _, err := os.Lstat(filepath.Join(dir, "HEAD")); err != nil {
		return false
	}
	if _, err := os.Stat(filepath.Join(dir, "objects")); err == nil {
		return true
	}
	_, err := os.Stat(filepath.Join(dir, "commondir"))
	return err == nil
}

// commonDir returns the folder that holds config and info/ for gitDir:
// gitDir itself, or the one named by its commondir file (worktrees).
func commonDir(gitDir string, note func(abs string, found bool)) string {
	name := filepath.Join(gitDir, "commondir")
	data, err := safefile.Read(name, maxGitFile)
	note(name, err == nil)
	if err != nil {
		return gitDir
	}
	c := strings.TrimSpace(string(data))
	if !filepath.IsAbs(c) {
		c = filepath.Join(gitDir, c)
	}
	return c
}

func loadRepo(top, gitDir string, getenv func(string) string, wants *indexWants, note func(abs string, found bool)) (*repo, []error) {
	if note == nil {
		note = func(string, bool) {}
	}
	var errs []error
	r := &repo{top: top, gitDir: gitDir}
	common := commonDir(gitDir, note)
	cfg := readConfigs(common, gitDir, getenv, note)

	hashSize := 20
	if strings.EqualFold(cfg.objectFormat, "sha256") {
		hashSize = 32
	}
	var keepPath func([]byte) bool
	if wants != nil && wants.keep != nil {
		keepPath = wants.keep(top)
	}
	// A FIFO in place of the index must not hang the walk.
	fh, err := safefile.Open(filepath.Join(gitDir, "index"))
	note(filepath.Join(gitDir, "index"), err == nil)
	if err == nil {
		idx, err := readIndex(fh, hashSize, keepPath, wants != nil && wants.firsts)
		fh.Close()
		if err != nil {
			r.indexErr = &os.PathError{Op: "parse", Path: filepath.Join(gitDir, "index"), Err: err}
			errs = append(errs, r.indexErr)
		}
		r.index = idx
	} else if !os.IsNotExist(err) {
		r.indexErr = err
		errs = append(errs, err)
	}

	excludesFile := cfg.excludesFile
	if excludesFile != "" && !filepath.IsAbs(excludesFile) {
		excludesFile = filepath.Join(top, excludesFile) // git resolves it from where it runs
	}
	if excludesFile == "" {
		if xdg := getenv("XDG_CONFIG_HOME"); xdg != "" {
			excludesFile = filepath.Join(xdg, "git", "ignore")
		} else if home := getenv("HOME"); home != "" {
			excludesFile = filepath.Join(home, ".config", "git", "ignore")
		}
	}
	for _, f := range []string{excludesFile, filepath.Join(common, "info", "exclude")} {
		if f == "" {
			continue
		}
		data, err := safefile.Read(f, maxGitFile)
		note(f, err == nil)
		if err != nil {
			if !os.IsNotExist(err) && !isDirErr(f) {
				errs = append(errs, err)
			}
			continue
		}
		r.globals = append(r.globals, parseIgnore("", data))
	}
	return r, errs
}

func isDirErr(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// gitConfig holds the few settings the walker uses.
type gitConfig struct {
	excludesFile string
	objectFormat string
}

// readConfigs reads the config files git would, in its order of
// precedence (later wins): system, global (XDG, then ~/.gitconfig, or
// GIT_CONFIG_GLOBAL), the repository's and the worktree's. note is told
// each, and whether it was read.
func readConfigs(common, gitDir string, getenv func(string) string, note func(abs string, found bool)) gitConfig {
	var files []string
	if getenv("GIT_CONFIG_NOSYSTEM") == "" {
		sys := getenv("GIT_CONFIG_SYSTEM")
		if sys == "" {
			sys = "/etc/gitconfig"
		}
		files = append(files, sys)
	}
	if g := getenv("GIT_CONFIG_GLOBAL"); g != "" {
		files = append(files, g)
	} else {
		if xdg := getenv("XDG_CONFIG_HOME"); xdg != "" {
			files = append(files, filepath.Join(xdg, "git", "config"))
		} else if home := getenv("HOME"); home != "" {
			files = append(files, filepath.Join(home, ".config", "git", "config"))
		}
		if home := getenv("HOME"); home != "" {
			files = append(files, filepath.Join(home, ".gitconfig"))
		}
	}
	files = append(files, filepath.Join(common, "config"))
	if gitDir != common {
		files = append(files, filepath.Join(gitDir, "config.worktree"))
	}
	var cfg gitConfig
	for _, f := range files {
		data, err := safefile.Read(f, maxGitFile)
		note(f, err == nil)
		if err != nil {
			continue
		}
		parseConfig(data, func(section, key, value string) {
			switch {
			case section == "core" && key == "excludesfile":
				cfg.excludesFile = expandHome(value, getenv("HOME"))
			case section == "extensions" && key == "objectformat":
				cfg.objectFormat = value
			}
		})
	}
	return cfg
}

// expandHome expands a leading "~/" the way git does for path settings.
func expandHome(p, home string) string {
	if rest, ok := strings.CutPrefix(p, "~/"); ok && home != "" {
		return filepath.Join(home, rest)
	}
	return p
}

// parseConfig is a small reader for git's config syntax: "[section]" or
// `[section "sub"]` headers, "key = value" lines, '#' and ';' comments,
// double quotes and backslash escapes in values. Section and key names are
// reported in lower case; subsections are not reported (the walker needs
// none). Includes are not followed.
func parseConfig(data []byte, fn func(section, key, value string)) {
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			end := strings.IndexByte(line, ']')
			if end < 0 {
				continue
			}
			name := strings.TrimSpace(line[1:end])
			if i := strings.IndexAny(name, " \t"); i >= 0 {
				name = "" // a subsection: none of ours
			} else if i := strings.IndexByte(name, '.'); i >= 0 {
				name = name[:i] // legacy [section.sub]
			}
			section = strings.ToLower(name)
			line = strings.TrimSpace(line[end+1:])
			if line == "" {
				continue
			}
		}
		key, value, hasValue := strings.Cut(line, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		if !hasValue {
			fn(section, key, "true")
			continue
		}
		fn(section, key, configValue(strings.TrimSpace(value)))
	}
}

// configValue unquotes a config value and drops a trailing comment.
func configValue(v string) string {
	var b strings.Builder
	quoted := false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\\' && i+1 < len(v):
			i++
			switch v[i] {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				b.WriteByte(v[i])
			}
		case (c == '#' || c == ';') && !quoted:
			return strings.TrimRight(b.String(), " \t")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
