package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree creates files (empty unless content is given) and folders (ending in
// "/") under a new temporary folder.
func tree(t *testing.T, paths ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, p := range paths {
		name, content, _ := strings.Cut(p, "=")
		full := filepath.Join(root, filepath.FromSlash(name))
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(full, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestOpenFindsHandbookAndSection(t *testing.T) {
	tests := []struct {
		name              string
		files             []string
		dir               string // where the command runs, relative to the root
		handbook, section string
		docs              bool
		page              string // PageOf(section/x.mdx)
	}{
		{
			name: "empty repository: defaults", files: []string{".git/"},
			handbook: "handbook", section: "handbook/backend-development", page: "backend-development/x",
		},
		{
			name:     "real layout, run from a subfolder",
			files:    []string{".git/", "server/app/", "handbook/docs.json={}", "handbook/engineering/backend-development/a.mdx", "handbook/engineering/overview.mdx"},
			dir:      "server/app",
			handbook: "handbook", section: "handbook/engineering/backend-development", docs: true,
			page: "engineering/backend-development/x",
		},
		{
			name:     "shallowest section folder wins",
			files:    []string{".git/", "handbook/z/backend-development/", "handbook/a/b/backend-development/"},
			handbook: "handbook", section: "handbook/z/backend-development", page: "z/backend-development/x",
		},
		{
			name:     "a folder holding docs.json when there is no handbook/",
			files:    []string{".git/", "docs/site/docs.json={}", "node_modules/pkg/docs.json={}"},
			handbook: "docs/site", section: "docs/site/backend-development", docs: true, page: "backend-development/x",
		},
		{
			name:     "the shallowest docs.json, then the first by name at its depth",
			files:    []string{".git/", "c/docs.json={}", "a/x/docs.json={}", "b/docs.json={}", "a/y/z/docs.json={}"},
			handbook: "b", section: "b/backend-development", docs: true, page: "backend-development/x",
		},
		{
			name:     "section folders at one depth: the first by name",
			files:    []string{".git/", "handbook/z/backend-development/", "handbook/a/backend-development/", "handbook/backend/x/backend-development/"},
			handbook: "handbook", section: "handbook/a/backend-development", page: "a/backend-development/x",
		},
		{
			name:     "configuration wins",
			files:    []string{".git/", ".handbook.yaml=handbook: docs\nsection: docs/server\n", "handbook/backend-development/", "docs/docs.json={}"},
			handbook: "docs", section: "docs/server", docs: true, page: "server/x",
		},
		{
			name:     ".git as a file (worktree)",
			files:    []string{".git=gitdir: /elsewhere", "handbook/"},
			handbook: "handbook", section: "handbook/backend-development", page: "backend-development/x",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := tree(t, tt.files...)
			ws, err := Open(Options{Dir: filepath.Join(root, filepath.FromSlash(tt.dir))})
			if err != nil {
				t.Fatal(err)
			}
			if ws.Root != root || !ws.InRepo {
				t.Errorf("root = %s (in repo %v), want %s", ws.Root, ws.InRepo, root)
			}
			if got := ws.Rel(ws.Handbook); got != tt.handbook {
				t.Errorf("handbook = %s, want %s", got, tt.handbook)
			}
			if got := ws.Rel(ws.Section); got != tt.section {
				t.Errorf("section = %s, want %s", got, tt.section)
			}
			if (ws.DocsJSON != "") != tt.docs {
				t.Errorf("docs.json = %q, want found=%v", ws.DocsJSON, tt.docs)
			}
			if got := ws.PageOf(filepath.Join(ws.Section, "x.mdx")); got != tt.page {
				t.Errorf("page = %s, want %s", got, tt.page)
			}
		})
	}
}

func TestOpenOutsideARepositoryUsesTheStartFolder(t *testing.T) {
	root := tree(t, "a/")
	ws, err := Open(Options{Dir: filepath.Join(root, "a")})
	if err != nil {
		t.Fatal(err)
	}
	// The temporary folder may itself sit inside a repository on some
	// machines; only check when it does not.
	if _, inRepo := FindRepoRoot(root); !inRepo && (ws.InRepo || ws.Root != filepath.Join(root, "a")) {
		t.Errorf("root = %s in repo %v", ws.Root, ws.InRepo)
	}
}

func TestOpenRootFlag(t *testing.T) {
	root := tree(t, "repo/handbook/")
	ws, err := Open(Options{Root: filepath.Join(root, "repo"), Dir: root})
	if err != nil || ws.Root != filepath.Join(root, "repo") {
		t.Fatalf("ws = %+v, err = %v", ws, err)
	}
	if _, err := Open(Options{Root: filepath.Join(root, "nope")}); err == nil || !strings.Contains(err.Error(), "nope: --root does not exist") {
		t.Errorf("err = %v", err)
	}
	file := filepath.Join(root, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(Options{Root: file}); err == nil || !strings.Contains(err.Error(), "file: --root is not a folder") {
		t.Errorf("err = %v", err)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"sectoin: x\n", ".handbook.yaml:1: field sectoin not found"},
		{"handbook: [\n", ".handbook.yaml:"},
		{"link_base: web\n", `link_base is "web"`},
		{"explore:\n  audience: frontend\n", `explore.audience is "frontend"; use "backend" or "all"`},
		{"explore:\n  synonyms: [ttl]\n", ".handbook.yaml:2:"},
		{"lint:\n  rules:\n    placeholder: loud\n", `lint.rules.placeholder is "loud"`},
		// Messages never name Go types, and the path is the relative one.
		{"lint: 3\n", ".handbook.yaml:1: expected a mapping (key: value lines), got a number"},
		{"lint:\n  paths: {a: 1}\n", ".handbook.yaml:2: expected a list, got a mapping"},
		{"section: [a]\n", ".handbook.yaml:1: expected a string, got a list"},
		// A tab at the start of the file has a line too.
		{"\tsection: x\n", ".handbook.yaml:1: found character that cannot start any token (YAML indents with spaces, not tabs)"},
		// A second document is not silently ignored.
		{"section: handbook/a\n---\nsection: handbook/b\n", ".handbook.yaml:3: a second YAML document"},
	}
	for _, tt := range tests {
		root := tree(t, ".git/", ".handbook.yaml="+tt.yaml)
		_, err := Open(Options{Dir: root})
		if err == nil || !strings.HasPrefix(err.Error(), ".handbook.yaml") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want it to start with .handbook.yaml and contain %q", tt.yaml, err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "workspace.") {
			t.Errorf("%q: err = %v names a Go type", tt.yaml, err)
		}
	}
}

func TestTemplateOverride(t *testing.T) {
	root := tree(t, ".git/", "handbook/.templates/backend-development.mdx=## Only\n")
	ws, _ := Open(Options{Dir: root})
	name, src, err := ws.Template()
	if err != nil || name != "handbook/.templates/backend-development.mdx" || src != "## Only\n" {
		t.Errorf("template = %s %q %v", name, src, err)
	}
	root = tree(t, ".git/", ".handbook.yaml=template: missing.mdx\n")
	ws, _ = Open(Options{Dir: root})
	if _, _, err := ws.Template(); err == nil || !strings.Contains(err.Error(), "missing.mdx: template not found") {
		t.Errorf("err = %v", err)
	}
	root = tree(t, ".git/")
	ws, _ = Open(Options{Dir: root})
	if name, _, _ := ws.Template(); name != "embedded" {
		t.Errorf("name = %s", name)
	}
}
