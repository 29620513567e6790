package workspace

import (
	"encoding/json"
	"errors"
	"github.com/tailscale/hujson"
	"os"
	"strings"
	"testing"
)

func loadFixture(t *testing.T) *Nav {
	t.Helper()
	n, err := LoadNav("testdata/docs.json")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPagesListsNestedPagesWithPositions(t *testing.T) {
	n := loadFixture(t)
	pages := n.Pages()
	want := map[string]NavPage{
		"index": {Page: "index", Group: "Welcome", Line: 10, Column: 19, File: "testdata/docs.json", Where: "group Welcome"},
		"engineering/backend-development/task-debouncer": {Page: "engineering/backend-development/task-debouncer", Group: "Backend Development", Line: 20, Column: 15,
			File: "testdata/docs.json", Where: "group Engineering › group Backend Development"},
		"engineering/frontend/forms": {Page: "engineering/frontend/forms", Group: "Frontend", Line: 25, Column: 23, File: "testdata/docs.json", Where: "group Engineering › group Frontend"},
	}
	if len(pages) != 7 {
		t.Errorf("got %d pages, want 7: %+v", len(pages), pages)
	}
	for _, p := range pages {
		if w, ok := want[p.Page]; ok && p != w {
			t.Errorf("page %s: got %+v, want %+v", p.Page, p, w)
		}
	}
}

// diffLines returns the lines removed from a and added in b, by a simple
// line-set comparison that is enough for one-place edits.
func diffLines(a, b string) (removed, added []string) {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	i := 0
	for i < len(al) && i < len(bl) && al[i] == bl[i] {
		i++
	}
	j, k := len(al)-1, len(bl)-1
	for j >= i && k >= i && al[j] == bl[k] {
		j--
		k--
	}
	return al[i : j+1], bl[i : k+1]
}

func TestAddPageIsMinimal(t *testing.T) {
	tests := []struct {
		name, group, page string
		removed, added    []string
		line              int
	}{
		{
			name: "append at the end of a sorted multi-line group", group: "Backend Development",
			page:    "engineering/backend-development/webhooks",
			removed: []string{`              "engineering/backend-development/task-debouncer"`},
			added:   []string{`              "engineering/backend-development/task-debouncer",`, `              "engineering/backend-development/webhooks"`},
			line:    21,
		},
		{
			name: "insert in sorted position", group: "Backend Development",
			page:  "engineering/backend-development/distributed-lock",
			added: []string{`              "engineering/backend-development/distributed-lock",`},
			line:  19,
		},
		{
			name: "inline array", group: "Welcome", page: "onboarding/tools",
			removed: []string{`        "pages": ["index", "onboarding/first-week"]`},
			added:   []string{`        "pages": ["index", "onboarding/first-week", "onboarding/tools"]`},
			line:    10,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := loadFixture(t)
			out, ch, err := n.AddPage(tt.group, tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if !json.Valid(out) {
				t.Fatalf("result is not JSON:\n%s", out)
			}
			removed, added := diffLines(string(n.Data), string(out))
			if strings.Join(removed, "\n") != strings.Join(tt.removed, "\n") || strings.Join(added, "\n") != strings.Join(tt.added, "\n") {
				t.Errorf("diff:\n-%q\n+%q\nwant:\n-%q\n+%q", removed, added, tt.removed, tt.added)
			}
			if ch.Line != tt.line {
				t.Errorf("line = %d, want %d", ch.Line, tt.line)
			}
			n2, err := ParseNav("x", out)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range n2.Pages() {
				if p.Page == tt.page && p.Group == tt.group {
					found = true
					if p.Line != ch.Line {
						t.Errorf("reported line %d, page is on line %d", ch.Line, p.Line)
					}
				}
			}
			if !found {
				t.Errorf("page not registered")
			}
		})
	}
}

func TestAddPageAlreadyRegistered(t *testing.T) {
	n := loadFixture(t)
	out, ch, err := n.AddPage("Backend Development", "engineering/backend-development/task-debouncer")
	if err != nil || !ch.Already || string(out) != string(n.Data) {
		t.Fatalf("got already=%v err=%v, changed=%v", ch.Already, err, string(out) != string(n.Data))
	}
}

func TestAddPageCreatesGroupNextToSiblings(t *testing.T) {
	n := loadFixture(t)
	out, ch, err := n.AddPage("Platform", "engineering/platform/queues")
	if err != nil {
		t.Fatal(err)
	}
	if !ch.CreatedGroup || ch.Parent != `group "Engineering"` {
		t.Errorf("change = %+v", ch)
	}
	n2, err := ParseNav("x", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, p := range n2.Pages() {
		if p.Page == "engineering/platform/queues" {
			if p.Group != "Platform" || p.Line != ch.Line {
				t.Errorf("page = %+v, change line %d", p, ch.Line)
			}
			return
		}
	}
	t.Fatalf("page missing:\n%s", out)
}

func TestAddPageCreatesGroupInEmptyNavigation(t *testing.T) {
	for _, doc := range []string{
		`{"navigation": {"groups": []}}`,
		"{\n  \"navigation\": {\n    \"groups\": [\n    ]\n  }\n}\n",
		`{"navigation": {"groups": [{"group": "A", "pages": ["a"]}]}}`,
		`{"navigation": [{"group": "A", "pages": ["a"]}]}`,
	} {
		n, err := ParseNav("docs.json", []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		out, ch, err := n.AddPage("Backend Development", "backend-development/x")
		if err != nil {
			t.Fatalf("%s: %v", doc, err)
		}
		n2, err := ParseNav("x", out)
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		ok := false
		for _, p := range n2.Pages() {
			ok = ok || (p.Page == "backend-development/x" && p.Group == "Backend Development" && p.Line == ch.Line)
		}
		if !ok {
			t.Errorf("not registered correctly (line %d):\n%s", ch.Line, out)
		}
	}
}

func TestParseNavReportsPosition(t *testing.T) {
	tests := []struct {
		doc       string
		line, col int
	}{
		{"{\n  \"navigation\": {\n    \"groups\": [,]\n  }\n}", 3, 16},
		{"{\n  \"a\": 1,\n}", 3, 1},
		{"", 1, 1},
		{"{\"a\": 1} x", 1, 10},
	}
	for _, tt := range tests {
		_, err := ParseNav("docs.json", []byte(tt.doc))
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("%q: err = %v", tt.doc, err)
		}
		if se.Line != tt.line || se.Column != tt.col {
			t.Errorf("%q: at %d:%d, want %d:%d (%v)", tt.doc, se.Line, se.Column, tt.line, tt.col, se)
		}
	}
}

func TestNoEditWhenNoPlace(t *testing.T) {
	n, err := ParseNav("docs.json", []byte(`{"name": "x"}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := n.AddPage("Backend Development", "x"); err == nil {
		t.Fatal("want an error")
	}
}

func TestAddPageExpandsEmptyArrayInMultilineFile(t *testing.T) {
	doc := "{\n  \"navigation\": {\n    \"groups\": [\n      {\n        \"group\": \"Backend Development\",\n        \"pages\": []\n      }\n    ]\n  }\n}\n"
	n, err := ParseNav("docs.json", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	out, ch, err := n.AddPage("Backend Development", "backend-development/a")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(doc, `"pages": []`, "\"pages\": [\n          \"backend-development/a\"\n        ]", 1)
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	if ch.Line != 7 {
		t.Errorf("line = %d, want 7", ch.Line)
	}
}

// FuzzAddPage: whatever valid JSON docs.json holds, adding a page leaves
// valid JSON that lists the page in the group, or a clear error.
func FuzzAddPage(f *testing.F) {
	seed, _ := os.ReadFile("testdata/docs.json")
	f.Add(string(seed))
	f.Add(`{"navigation": {"groups": []}}`)
	f.Add("{\n \"navigation\": [\n  {\"group\": \"A\", \"pages\": [\"a\", {\"group\": \"B\", \"pages\": []}]}\n ]\n}")
	f.Add("\ufeff{\"navigation\": {\"pages\": [\"x\"]}}")
	f.Fuzz(func(t *testing.T, doc string) {
		n, err := ParseNav("docs.json", []byte(doc))
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Line < 1 || se.Column < 1 {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		out, ch, err := n.AddPage("Backend Development", "backend-development/x")
		if err != nil {
			return
		}
		n2, err := ParseNav("docs.json", out)
		if err != nil {
			t.Fatalf("edit broke the JSON: %v\nbefore:\n%s\nafter:\n%s", err, doc, out)
		}
		found := false
		for _, p := range n2.Pages() {
			if p.Page == "backend-development/x" && p.Group == "Backend Development" {
				found = true
				if !ch.Already && p.Line != ch.Line {
					t.Fatalf("reported line %d, page on line %d\n%s", ch.Line, p.Line, out)
				}
			}
		}
		if !found {
			t.Fatalf("page not registered:\nbefore:\n%s\nafter:\n%s", doc, out)
		}
	})
}

func TestAddPageFindsGroupUnderAnchorsAndTabs(t *testing.T) {
	for _, doc := range []string{
		`{"navigation": {"anchors": [{"anchor": "Docs", "groups": [{"group": "Backend Development", "pages": ["a"]}]}]}}`,
		`{"navigation": {"tabs": [{"tab": "Eng", "groups": [{"group": "Eng", "pages": ["x", {"group": "Backend Development", "pages": ["a"]}]}]}]}}`,
		`{"navigation": {"anchors": [{"anchor": "Docs", "tabs": [{"tab": "T", "groups": [{"group": "Backend Development", "pages": []}]}]}]}}`,
	} {
		n, err := ParseNav("docs.json", []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		out, ch, err := n.AddPage("Backend Development", "b")
		if err != nil || ch.CreatedGroup {
			t.Fatalf("%s: err %v, created %v", doc, err, ch.CreatedGroup)
		}
		n2, err := ParseNav("docs.json", out)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, p := range n2.Pages() {
			found = found || p.Page == "b" && p.Group == "Backend Development"
		}
		if !found {
			t.Errorf("not added:\n%s", out)
		}
	}
}

// Removing a page is the inverse of adding it: every layout comes back
// byte for byte, so the edit is as small as the one AddPage makes.
func TestRemovePageUndoesAddPage(t *testing.T) {
	docs := map[string]string{
		"multiline middle": "{\n  \"navigation\": {\"groups\": [\n    {\"group\": \"Backend Development\", \"pages\": [\n      \"b/a\",\n      \"b/c\"\n    ]}\n  ]}\n}\n",
		"multiline end":    "{\n  \"navigation\": {\"groups\": [\n    {\"group\": \"Backend Development\", \"pages\": [\n      \"b/a\"\n    ]}\n  ]}\n}\n",
		"inline":           `{"navigation": {"groups": [{"group": "Backend Development", "pages": ["b/a", "b/c"]}]}}`,
		"inline unsorted":  `{"navigation": {"groups": [{"group": "Backend Development", "pages": ["b/c", "b/a"]}]}}`,
		"empty":            `{"navigation": {"groups": [{"group": "Backend Development", "pages": []}]}}`,
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			n, err := ParseNav("docs.json", []byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			added, _, err := n.AddPage("Backend Development", "b/b")
			if err != nil {
				t.Fatal(err)
			}
			n2, err := ParseNav("docs.json", added)
			if err != nil {
				t.Fatal(err)
			}
			out, ch, err := n2.RemovePage("b/b")
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != doc {
				t.Errorf("after add and remove:\n%s\nwant:\n%s", out, doc)
			}
			if !ch.Removed || ch.Group != "Backend Development" || ch.Line == 0 {
				t.Errorf("change = %+v", ch)
			}
		})
	}
	n, _ := ParseNav("docs.json", []byte(docs["inline"]))
	if _, _, err := n.RemovePage("b/zzz"); err == nil {
		t.Error("removing a page that is not listed: no error")
	}
}

// FuzzLitString: litString's fast path gives what hujson's Literal.String
// gives (through encoding/json) for every literal.
func FuzzLitString(f *testing.F) {
	for _, s := range []string{`""`, `"a/b"`, `"é"`, `"a\"b"`, `"a\\b"`, `"\u00e9"`, "\"a\tb\"", "\"\xff\"", `"`, `x`, `12`, `true`, `"a"b"`, "\"\x00\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		lit := hujson.Literal(b)
		if got, want := litString(lit), lit.String(); got != want {
			t.Fatalf("litString(%q) = %q, want %q", b, got, want)
		}
	})
}
