package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"
)

// ConfigFile is the optional configuration file at the repository root.
const ConfigFile = ".handbook.yaml"

// Config is the content of .handbook.yaml. Every path is relative to the
// repository root. Every key is optional.
type Config struct {
	// Handbook is the handbook folder (the one holding docs.json).
	Handbook string `yaml:"handbook"`
	// Section is the backend-development section folder.
	Section string `yaml:"section"`
	// NavGroup is the docs.json navigation group entries are registered in.
	NavGroup string `yaml:"nav_group"`
	// Template is the entry template file.
	Template string `yaml:"template"`
	// LinkBase is how references link to code: "repository" (relative
	// paths, the default) or "remote" (the git remote's web URL).
	LinkBase string `yaml:"link_base"`

	Lint    LintConfig    `yaml:"lint"`
	Explore ExploreConfig `yaml:"explore"`
}

// LintConfig tunes `handbook lint`.
type LintConfig struct {
	// Rules maps a rule id to "error", "warning" or "off".
	Rules map[string]string `yaml:"rules"`
	// NavOptional lists pages (docs.json form, e.g.
	// "engineering/backend-development/draft") allowed to stay out of the
	// navigation.
	NavOptional []string `yaml:"nav_optional"`
	// FrontmatterKeys are extra frontmatter keys to accept.
	FrontmatterKeys []string `yaml:"frontmatter_keys"`
	// Paths are more folders or files to lint when no path is given, besides
	// the section: other handbook sections that follow the same template.
	Paths []string `yaml:"paths"`
}

// ExploreConfig tunes `handbook explore`.
type ExploreConfig struct {
	// Roles maps a role name to extra path globs (gitignore-style) that get
	// that role, checked before the built-in rules.
	Roles map[string][]string `yaml:"roles"`
}

// ConfigError is a .handbook.yaml that cannot be read as configuration.
type ConfigError struct {
	Path string
	Line int
	Msg  string
}

func (e *ConfigError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// LoadConfig reads path. A missing file is an empty config and no error.
func LoadConfig(path string) (Config, bool, error) {
	var cfg Config
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return cfg, false, nil
	}
	if err != nil {
		return cfg, false, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a misspelt key should not be silently ignored
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return cfg, true, yamlError(path, err)
	}
	for _, p := range []*string{&cfg.Handbook, &cfg.Section, &cfg.Template} {
		*p = filepath.FromSlash(*p)
	}
	switch cfg.LinkBase {
	case "", "repository", "remote":
	default:
		return cfg, true, &ConfigError{Path: path, Msg: fmt.Sprintf("link_base is %q; use \"repository\" or \"remote\"", cfg.LinkBase)}
	}
	for rule, sev := range cfg.Lint.Rules {
		switch sev {
		case "error", "warning", "off":
		default:
			return cfg, true, &ConfigError{Path: path, Msg: fmt.Sprintf("lint.rules.%s is %q; use error, warning or off", rule, sev)}
		}
	}
	return cfg, true, nil
}

func yamlError(path string, err error) error {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	// yaml.v3 says "yaml: line N: msg"; lift the line into path:line form.
	var line int
	var rest string
	if n, _ := fmt.Sscanf(msg, "yaml: line %d: ", &line); n == 1 {
		rest = msg[len(fmt.Sprintf("yaml: line %d: ", line)):]
	} else if n, _ := fmt.Sscanf(msg, "line %d: ", &line); n == 1 {
		rest = msg[len(fmt.Sprintf("line %d: ", line)):]
	} else {
		rest = msg
	}
	return &ConfigError{Path: path, Line: line, Msg: rest + " (see the configuration keys in the README)"}
}
