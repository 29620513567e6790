package lang

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCommentStart(t *testing.T) {
	for _, tc := range []struct {
		path, line string
		want       int
	}{
		{"a.py", "    # lock", 4},
		{"a.py", "x = 1  # lock", 7},
		{"a.py", "x = lock", -1},
		{"a.ts", "// lock", 0},
		{"a.ts", "   * lock", 3},
		{"a.ts", "const x = a * lock", -1},
		{"a.ts", "x = 1 /* lock */ // y", 6},
		{"a.go", "x := 1 // lock", 7},
		{"a.sql", "-- lock", 0},
		{"a.md", "# Lock", -1},
	} {
		if got := Of(tc.path).CommentStart([]byte(tc.line)); got != tc.want {
			t.Errorf("%s %q: comment at %d, want %d", tc.path, tc.line, got, tc.want)
		}
	}
}

func TestDefinition(t *testing.T) {
	for _, tc := range []struct {
		path, line, name, defined string
	}{
		{"a.py", "class Locker:", "Locker", "class Locker"},
		{"a.go", "func (l *Lock) Acquire() error {", "Acquire", "func (l *Lock) Acquire"},
		{"a.rb", "  class NotificationJob < ApplicationJob", "NotificationJob", "class NotificationJob"},
		// A class method defines its own name, not self.
		{"a.rb", "  def self.default_categories", "default_categories", "def self.default_categories"},
		{"a.rb", "  private def normalize_name", "normalize_name", "private def normalize_name"},
		{"a.rb", "  def valid?", "valid", "def valid"},
		{"a.rb", "  class << self", "", ""},
		{"a.ts", "export const useLock = () => {", "useLock", "export const useLock"},
		{"a.ts", "const maxRetries = 3;", "maxRetries", "const maxRetries"},
		// A local inside a function is no definition of the module.
		{"a.ts", "    const isConversionToManual = true;", "", ""},
		{"a.ts", "  let currency = 'USD';", "", ""},
		{"a.ex", "defmodule Hexpm.Accounts.AuditLog do", "AuditLog", "defmodule Hexpm.Accounts.AuditLog"},
		{"a.ex", "  defp retire_release?(release) do", "retire_release?", "defp retire_release?"},
		{"a.exs", "  def lock(key), do: :ok", "lock", "def lock"},
		{"a.ex", "  lock(key)", "", ""},
		{"a.py", "    lock.acquire()", "", ""},
		{"a.md", "class Locker:", "", ""},
	} {
		s, e, defined := Of(tc.path).Definition([]byte(tc.line))
		name := ""
		if s >= 0 {
			name = tc.line[s:e]
		}
		if name != tc.name || defined != tc.defined {
			t.Errorf("%s %q: defines %q (%q), want %q (%q)", tc.path, tc.line, name, defined, tc.name, tc.defined)
		}
	}
}

func TestFenceNames(t *testing.T) {
	for path, want := range map[string]string{"a.py": "python", "b.TS": "typescript", "c.mdx": "mdx", "Makefile": "text", "d.sh": "bash"} {
		if got := Of(path).Name; got != want {
			t.Errorf("Of(%q).Name = %q, want %q", path, got, want)
		}
	}
}

func TestDefinitions(t *testing.T) {
	src := "package x\n\n// func notADef()\nfunc (r *T) Method() {}\n\ntype T struct{}\n  \nvar V = 1"
	got := Of("x.go").Definitions([]byte(src))
	want := []Def{{"Method", 4, 0}, {"T", 6, 0}, {"V", 8, 0}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("def %d: got %v, want %v", i, got[i], want[i])
		}
	}
	if e := Extent(got, 0, 8); e != 5 {
		t.Errorf("extent of Method: %d, want 5", e)
	}
	if defs := Of("x.json").Definitions([]byte(`{"a": 1}`)); defs != nil {
		t.Errorf("json has no definitions, got %v", defs)
	}
}

// TestDefinitionPrecheckIsExact: the tests run before the regexps only
// skip lines no pattern matches. Every line of this repository's Go files,
// generated lines that mix keywords, indentation and '=', and each
// language's patterns: Definition must agree with running every regexp.
func TestDefinitionPrecheckIsExact(t *testing.T) {
	var lines []string
	words := []string{"async", "def", "class", "func", "type", "var", "const", "export", "default", "declare", "abstract",
		"interface", "enum", "namespace", "function", "function*", "let", "pub", "pub(crate)", "public", "static", "fn",
		"impl", "CREATE", "create", "OR", "replace", "TABLE", "if", "not", "exists", "x", "Foo", "_y", "$z", "9", "=", "==", ":", "int", "(r *T)", "\"q\""}
	r := rand.New(rand.NewPCG(3, 3))
	for range 20000 {
		var b strings.Builder
		b.WriteString([]string{"", " ", "\t", "    ", "\v", "\f"}[r.IntN(6)])
		for i, n := 0, 1+r.IntN(5); i < n; i++ {
			if i > 0 {
				b.WriteString([]string{" ", "  ", "\t", ""}[r.IntN(4)])
			}
			b.WriteString(words[r.IntN(len(words))])
		}
		lines = append(lines, b.String())
	}
	_ = filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			data, _ := os.ReadFile(p)
			lines = append(lines, strings.Split(string(data), "\n")...)
		}
		return nil
	})
	for _, set := range []*defSet{defsPython, defsGo, defsTS, defsGeneric} {
		l := &Lang{defs: set}
		for _, line := range lines {
			s, e, d := l.Definition([]byte(line))
			ws, we, wd := -1, -1, ""
			head := []byte(line)[:min(len(line), MaxDefPrefix)]
			for _, p := range set.compiled() {
				if loc := p.re.FindSubmatchIndex(head); loc != nil && loc[len(loc)-2] >= 0 {
					ws, we = loc[len(loc)-2], loc[len(loc)-1]
					wd = strings.Join(strings.Fields(string(head[loc[0]:we])), " ")
					break
				}
			}
			if s != ws || e != we || d != wd {
				t.Fatalf("%q: Definition = %d, %d, %q; the regexps say %d, %d, %q", line, s, e, d, ws, we, wd)
			}
		}
	}
}

func TestKeyword(t *testing.T) {
	for _, tc := range []struct {
		path, line, word string
		want             bool
	}{
		{"a.ts", "export class ExportService {", "export", true},
		{"a.ts", "export class ExportService {", "Export", false},
		{"a.ts", "const exportData = 1", "export", false},
		{"a.ts", "import { x } from 'y';", "import", true},
		{"a.ts", "this.import(activities)", "import", false},
		{"a.ts", "const o = { type: 'csv' }", "type", false},
		{"a.ts", "'export'", "export", false},
		{"a.go", "package export", "package", true},
		{"a.py", "import export", "export", false},
		{"a.md", "import x", "import", false},
	} {
		s := strings.Index(tc.line, tc.word)
		if got := Of(tc.path).Keyword([]byte(tc.line), s, s+len(tc.word)); got != tc.want {
			t.Errorf("%s %q: Keyword(%q) = %v, want %v", tc.path, tc.line, tc.word, got, tc.want)
		}
	}
}

// TestShownAsFields: Shown's shortcut for text already single-spaced
// gives what splitting at spaces and joining with one does, for ASCII and
// Unicode spaces, runs of them and spaces at either end.
func TestShownAsFields(t *testing.T) {
	pieces := []string{"def", "async", " ", "  ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u2003", "é", "f(x)", "$a", "\x1c", "\xff"}
	r := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(7) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := Shown([]byte(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("Shown(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestSameFamily(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"server/pkg/kit/__init__.py", "server/pkg/kit/settings.py", true},
		{"server/pkg/kit/__init__.py", "web/src/lib/settings.ts", false},
		{"web/src/index.ts", "web/src/lib/api.js", true},
		{"web/src/App.tsx", "web/src/App.vue", true},
		{"native/a.c", "native/b.cpp", true},
		{"app/A.java", "app/B.kt", true},
		{"app/models/user.rb", "lib/user.py", false},
		{"notes.txt", "other.txt", false}, // an unknown kind imports nothing
	} {
		if got := SameFamily(tc.a, tc.b); got != tc.want {
			t.Errorf("SameFamily(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
