package workspace

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/internal/lazyre"
	"github.com/handbook-dev/handbook/internal/safefile"
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
	// LinkBase is how references link to code: "auto" (the default: the
	// remote's web URL on GitHub or GitLab, else relative), "repository",
	// "remote" or "commit" (see the Link* constants).
	LinkBase string `yaml:"link_base"`

	Lint    LintConfig    `yaml:"lint"`
	Explore ExploreConfig `yaml:"explore"`

	// lines holds the line of each path-valued key ("section",
	// "lint.paths"), so errors about a value can point at it.
	lines map[string]int
}

// Line returns the line of a key of the file ("section", "lint.paths"),
// 0 when unknown.
func (c Config) Line(key string) int { return c.lines[key] }

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
	// Baseline is the file of accepted findings (handbook lint
	// --baseline-write): only findings it does not hold fail.
	Baseline string `yaml:"baseline"`
}

// ExploreConfig tunes `handbook explore`.
type ExploreConfig struct {
	// Roles maps a role name to extra path globs (gitignore-style) that get
	// that role, checked before the built-in rules.
	Roles map[string][]string `yaml:"roles"`
	// Audience is who the handbook is for: "backend" (the default:
	// front-end code and docs rank below backend code) or "all".
	Audience string `yaml:"audience"`
	// Synonyms are more groups of words that mean the same in this
	// code base (["payout", "withdrawal"], ["ttl", "time to live"]),
	// tried before the built-in abbreviations and synonyms.
	Synonyms [][]string `yaml:"synonyms"`
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
// Only a regular file of at most 1 MiB is read: a config symlinked to a FIFO
// or /dev/zero is an error, not a hang.
func LoadConfig(path string) (Config, bool, error) {
	var cfg Config
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return cfg, false, nil
	}
	data, err := safefile.Read(path, safefile.ConfigLimit)
	if err != nil {
		return cfg, true, &ConfigError{Path: path, Msg: safefile.Describe(err) + "; " + ConfigFile + " must be a regular YAML file"}
	}
	cfg, lines, plain := plainConfig(data)
	if !plain {
		if cfg, lines, err = decodeConfig(path, data); err != nil {
			return cfg, true, err
		}
	}
	cfg.lines = lines
	for _, p := range []*string{&cfg.Handbook, &cfg.Section, &cfg.Template} {
		*p = filepath.FromSlash(*p)
	}
	if !ValidLinkBase(cfg.LinkBase) {
		return cfg, true, &ConfigError{Path: path, Line: cfg.lines["link_base"], Msg: fmt.Sprintf("link_base is %q; use %s", cfg.LinkBase, LinkBases)}
	}
	switch cfg.Explore.Audience {
	case "", "backend", "all":
	default:
		return cfg, true, &ConfigError{Path: path, Line: cfg.lines["explore.audience"], Msg: fmt.Sprintf("explore.audience is %q; use \"backend\" or \"all\"", cfg.Explore.Audience)}
	}
	// The first wrong value in the file, so two runs name the same one.
	for _, rule := range cfg.LintRulesInOrder() {
		switch sev := cfg.Lint.Rules[rule]; sev {
		case "error", "warning", "off":
		default:
			return cfg, true, &ConfigError{Path: path, Line: cfg.lines["lint.rules."+rule], Msg: fmt.Sprintf("lint.rules.%s is %q; use error, warning or off", rule, sev)}
		}
	}
	return cfg, true, nil
}

// decodeConfig reads data with yaml.v3: what plainConfig does not read,
// and every error.
func decodeConfig(path string, data []byte) (Config, map[string]int, error) {
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a misspelt key should not be silently ignored
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return cfg, nil, yamlError(path, data, err)
	}
	// A second document would be silently ignored: say so instead.
	var next yaml.Node
	if err := dec.Decode(&next); err == nil && len(next.Content) > 0 && !isNull(next.Content[0]) {
		return cfg, nil, &ConfigError{Path: path, Line: next.Content[0].Line,
			Msg: "a second YAML document; " + ConfigFile + " holds one, so remove the `---` line and merge the keys"}
	}
	return cfg, keyLines(data), nil
}

// LintRulesInOrder returns the rule ids of lint.rules in the order the file
// lists them (by name where lines are unknown), so errors about them are
// the same from run to run and name the first one.
func (c Config) LintRulesInOrder() []string {
	rules := make([]string, 0, len(c.Lint.Rules))
	for rule := range c.Lint.Rules {
		rules = append(rules, rule)
	}
	sort.Slice(rules, func(i, j int) bool {
		li, lj := c.lines["lint.rules."+rules[i]], c.lines["lint.rules."+rules[j]]
		if li != lj {
			return li < lj
		}
		return rules[i] < rules[j]
	})
	return rules
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// keyLines finds the line of each key of the mappings, by its dotted path
// ("section", "lint.paths", "lint.rules.ref-drift"), for errors that name
// the key.
func keyLines(data []byte) map[string]int {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	lines := map[string]int{}
	var walk func(prefix string, n *yaml.Node)
	walk = func(prefix string, n *yaml.Node) {
		if n.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := prefix + n.Content[i].Value
			lines[key] = n.Content[i].Line
			if strings.Count(prefix, ".") < 2 {
				walk(key+".", n.Content[i+1])
			}
		}
	}
	walk("", doc.Content[0])
	return lines
}

var (
	unknownField = lazyre.New(`^(line \d+: )?field (\S+) not found in type .*$`)
	cannotInto   = lazyre.New("^(line \\d+: )?cannot unmarshal !!(\\w+)(?: `[^`]*`)? into (.*)$")
)

// plainKind names a YAML kind or a Go type the way the README does, so a
// message never shows Go type names.
func plainKind(s string) string {
	switch {
	case s == "seq" || strings.HasPrefix(s, "[]"):
		return "a list"
	case s == "map" || strings.HasPrefix(s, "map[") || strings.HasPrefix(s, "struct") || strings.HasPrefix(s, "workspace."):
		return "a mapping (key: value lines)"
	case s == "str" || s == "string":
		return "a string"
	case s == "int" || s == "float":
		return "a number"
	case s == "bool":
		return "true or false"
	}
	return s
}

func yamlError(path string, data []byte, err error) error {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		msg = m[1] + "field " + m[2] + " not found"
	} else if m := cannotInto.FindStringSubmatch(msg); m != nil {
		msg = m[1] + "expected " + plainKind(m[3]) + ", got " + plainKind(m[2])
	}
	// yaml.v3 says "yaml: line N: msg"; lift the line into path:line form.
	var line int
	var rest string
	if n, _ := fmt.Sscanf(msg, "yaml: line %d: ", &line); n == 1 {
		rest = msg[len(fmt.Sprintf("yaml: line %d: ", line)):]
	} else if n, _ := fmt.Sscanf(msg, "line %d: ", &line); n == 1 {
		rest = msg[len(fmt.Sprintf("line %d: ", line)):]
	} else {
		rest = strings.TrimPrefix(msg, "yaml: ")
	}
	if line == 0 && strings.Contains(rest, "cannot start any token") {
		// yaml.v3 gives no line for a tab at the start of the first line.
		if i := bytes.Index(append([]byte("\n"), data...), []byte("\n\t")); i >= 0 {
			line = 1 + bytes.Count(data[:i], []byte("\n"))
		}
	}
	if strings.Contains(rest, "cannot start any token") && bytes.Contains(data, []byte("\t")) {
		rest += " (YAML indents with spaces, not tabs)"
	}
	return &ConfigError{Path: path, Line: line, Msg: rest + " (see the configuration keys in the README)"}
}
