package workspace

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// Each navigation shape: where the Backend Development page is, and where
// AddPage puts a new one.
func TestNavShapes(t *testing.T) {
	tests := []struct {
		file      string
		wantWhere string
		wantPages int
	}{
		{"languages.json", "language en › group Backend Development", 2},
		{"versions.json", "version v2 › group Backend Development", 2},
		{"tabs.json", "tab Engineering › group Backend Development", 2},
		{"anchors.json", "anchor Handbook › group Backend Development", 1},
		{"dropdowns.json", "dropdown Platform › group Backend Development", 1},
		{"menu.json", "tab Engineering › menu item Services › group Backend Development", 2},
		{"products.json", "product Payments › tab Docs › group Backend Development", 1},
		{"hidden.json", "group Backend Development (hidden)", 1},
		{"openapi.json", "group Backend Development", 4},
		{"root.json", "group Backend Development", 2},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			n, err := LoadNav(filepath.Join("testdata", "nav", "shapes", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			pages := n.Pages()
			if len(pages) != tt.wantPages {
				t.Errorf("%d pages, want %d: %+v", len(pages), tt.wantPages, pages)
			}
			var where string
			for _, p := range pages {
				if p.Page == "backend-development/a" && where == "" {
					where = p.Where
				}
			}
			if where != tt.wantWhere {
				t.Errorf("backend-development/a is at %q, want %q", where, tt.wantWhere)
			}
			out, ch, err := n.AddPage("Backend Development", "backend-development/b")
			if err != nil {
				t.Fatal(err)
			}
			if ch.Where != tt.wantWhere || ch.CreatedGroup {
				t.Errorf("AddPage: where %q (created %v), want %q", ch.Where, ch.CreatedGroup, tt.wantWhere)
			}
			added := 0
			for _, l := range strings.Split(string(out), "\n") {
				if strings.Contains(l, `"backend-development/b"`) {
					added++
				}
			}
			if added != 1 || len(out) != len(n.Data)+len(`, "backend-development/b"`) {
				t.Errorf("AddPage did not add exactly one string:\n%s", out)
			}
		})
	}
}

func TestNavShapesSpecialPages(t *testing.T) {
	n, err := LoadNav(filepath.Join("testdata", "nav", "shapes", "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	api := map[string]bool{}
	for _, p := range n.Pages() {
		api[p.Page] = p.API
	}
	if !api["GET /users"] || !api["openapi.yaml POST /orders"] || api["api/intro"] {
		t.Errorf("OpenAPI pages: %v", api)
	}
	n, err = LoadNav(filepath.Join("testdata", "nav", "shapes", "root.json"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range n.Pages() {
		found = found || p.Page == "backend-development/index" && p.Group == "Backend Development" && p.Line == 2
	}
	if !found {
		t.Errorf("the group's root page is not registered: %+v", n.Pages())
	}
}

// docs.json split with $ref: pages of every file are listed with their
// file, and an edit goes to the file holding the group.
func TestNavRefs(t *testing.T) {
	root := filepath.Join("testdata", "nav", "refs", "docs.json")
	n, err := LoadNav(root)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]NavPage{}
	for _, p := range n.Pages() {
		got[p.Page] = p
	}
	for page, want := range map[string]struct{ file, where string }{
		"index":                                {"testdata/nav/refs/en.json", "language en › tab Documentation › group Getting started"},
		"backend-development/distributed-lock": {"testdata/nav/refs/en.json", "language en › tab Documentation › group Backend Development"},
		"fr/backend-development/verrou":        {"testdata/nav/refs/fr/groups.json", "language fr › group Développement backend"},
	} {
		p, ok := got[page]
		if !ok || p.File != want.file || p.Where != want.where {
			t.Errorf("%s: got %+v, want file %s, where %q", page, p, want.file, want.where)
		}
	}
	out, ch, err := n.AddPage("Backend Development", "backend-development/task-debouncer")
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(filepath.Join("testdata", "nav", "refs", "en.json"))
	if ch.Target != abs || ch.File != "testdata/nav/refs/en.json" || ch.Line != 16 ||
		ch.Where != "language en › tab Documentation › group Backend Development" {
		t.Errorf("AddPage: %+v", ch)
	}
	if want := strings.Replace(string(n.Files()[abs]), `"backend-development/distributed-lock"`, "\"backend-development/distributed-lock\",\n            \"backend-development/task-debouncer\"", 1); string(out) != want {
		t.Errorf("en.json after AddPage:\n%s\nwant:\n%s", out, want)
	}
	// The next edit sees the first before anything is written.
	n2, err := n.WithFile(abs, out)
	if err != nil {
		t.Fatal(err)
	}
	if _, ch, _ := n2.AddPage("Backend Development", "backend-development/task-debouncer"); !ch.Already {
		t.Errorf("after WithFile the page must be listed: %+v", ch)
	}
	out, ch, err = n2.RemovePage("fr/backend-development/verrou")
	if err != nil || !strings.HasSuffix(ch.Target, filepath.Join("fr", "groups.json")) || strings.Contains(string(out), "verrou") {
		t.Errorf("RemovePage: %v %+v\n%s", err, ch, out)
	}
}

func TestNavRefErrors(t *testing.T) {
	for file, want := range map[string]struct {
		path      string
		line, col int
		msg       string
	}{
		"cycle.json":   {"testdata/nav/bad/cycle-b.json", 4, 14, `$ref "./cycle.json" refers back to cycle.json, a cycle`},
		"outside.json": {"testdata/nav/bad/outside.json", 4, 16, `$ref "../../../nav.go" points outside the handbook folder`},
		"missing.json": {"testdata/nav/bad/missing.json", 2, 38, `$ref "./nope.json" cannot be read: no such file or directory`},
	} {
		_, err := LoadNav(filepath.Join("testdata", "nav", "bad", file))
		var se *SyntaxError
		if !errors.As(err, &se) || se.Path != want.path || se.Line != want.line || se.Column != want.col || !strings.Contains(se.Msg, want.msg) {
			t.Errorf("%s: %v (%+v), want %s:%d:%d %s", file, err, se, want.path, want.line, want.col, want.msg)
		}
	}
}
