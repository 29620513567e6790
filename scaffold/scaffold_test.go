package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/workspace"
)

func TestValidators(t *testing.T) {
	long := strings.Repeat("x", MaxDescriptionLen+1)
	tests := []struct {
		name  string
		check func(string) error
		in    string
		ok    bool
	}{
		{"title", ValidateTitle, "Distributed lock", true},
		{"title empty", ValidateTitle, "  ", false},
		{"title two lines", ValidateTitle, "a\nb", false},
		{"title bad utf8", ValidateTitle, "a\xffb", false},
		{"title long", ValidateTitle, strings.Repeat("t", MaxTitleLen+1), false},
		{"description", ValidateDescription, "Only one worker at a time", true},
		{"description at limit", ValidateDescription, long[1:], true},
		{"description over limit", ValidateDescription, long, false},
		{"description runes not bytes", ValidateDescription, strings.Repeat("é", MaxDescriptionLen), true},
		{"description empty", ValidateDescription, "", false},
		{"description CR", ValidateDescription, "a\rb", false},
		{"summary", ValidateSummary, "line one\nline two", true},
		{"summary empty", ValidateSummary, "\n\n", false},
		{"summary heading", ValidateSummary, "## When", false},
		{"summary frontmatter", ValidateSummary, "---\nx", false},
	}
	for _, tt := range tests {
		if err := tt.check(tt.in); (err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func testIO() (*cli.IO, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &cli.IO{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}, &out, &errOut
}

func newRepo(t *testing.T, docs string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if docs != "" {
		if err := os.MkdirAll(filepath.Join(dir, "handbook"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "handbook", "docs.json"), []byte(docs), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func opts(dir, slug string, ios *cli.IO) Options {
	return Options{IO: ios, Dir: dir, Slug: slug, Description: "d", DescriptionSet: true, Summary: "s", SummarySet: true}
}

// A failure writing docs.json must leave no entry and no new folder.
func TestFailedNavWriteLeavesEverythingAsItWas(t *testing.T) {
	const docs = `{"navigation": {"groups": [{"group": "Backend Development", "pages": []}]}}`
	dir := newRepo(t, docs)
	ios, _, _ := testIO()
	failNavWrites(t)

	_, err := New(opts(dir, "distributed-lock", ios))
	if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "the entry was not created") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "handbook", "backend-development")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("section folder left behind: %v", err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "handbook", "docs.json"))
	if string(got) != docs {
		t.Errorf("docs.json changed: %s", got)
	}
}

// With --force, a failed docs.json write puts the old entry back.
func TestFailedNavWriteRestoresReplacedEntry(t *testing.T) {
	dir := newRepo(t, `{"navigation": {"groups": [{"group": "Other", "pages": []}]}}`)
	entry := filepath.Join(dir, "handbook", "backend-development", "x.mdx")
	os.MkdirAll(filepath.Dir(entry), 0o755)
	os.WriteFile(entry, []byte("precious"), 0o644)
	ios, _, _ := testIO()
	failNavWrites(t)
	o := opts(dir, "x", ios)
	o.Force = true
	if _, err := New(o); err == nil {
		t.Fatal("want an error")
	}
	if got, _ := os.ReadFile(entry); string(got) != "precious" {
		t.Errorf("entry = %q", got)
	}
}

func TestNewReportsJSON(t *testing.T) {
	dir := newRepo(t, "{\n  \"navigation\": {\n    \"groups\": [\n      {\"group\": \"Backend Development\", \"pages\": [\n        \"backend-development/a\"\n      ]}\n    ]\n  }\n}\n")
	ios, out, _ := testIO()
	o := opts(dir, "b", ios)
	o.Format = "json"
	res, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	if res.Nav == nil || res.Nav.Line != 6 || res.Page != "backend-development/b" {
		t.Errorf("result = %+v nav %+v", res, res.Nav)
	}
	for _, want := range []string{`"path": "handbook/backend-development/b.mdx"`, `"page": "backend-development/b"`, `"line": 6`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, out)
		}
	}
}

func failNavWrites(t *testing.T) {
	orig := writeNav
	writeNav = func(*workspace.Txn, string, []byte) error { return errors.New("disk full") }
	t.Cleanup(func() { writeNav = orig })
}

func TestResolveSections(t *testing.T) {
	headings := []string{"When to use this concept", "How to use this concept", "How it works", "How it fails"}
	tests := []struct {
		given   []SectionText
		want    map[string]string
		wantErr string
	}{
		{given: []SectionText{{Flag: "--when", Name: "When to use", Text: "a"}}, want: map[string]string{"When to use this concept": "a"}},
		{given: []SectionText{{Flag: "--section", Name: "how IT works!", Text: "b"}}, want: map[string]string{"How it works": "b"}},
		{given: []SectionText{{Flag: "--section", Name: "How it", Text: "b"}}, wantErr: "matches several sections"},
		{given: []SectionText{{Flag: "--section", Name: "Overview", Text: "b"}}, wantErr: `the template has no section "Overview"`},
		{given: []SectionText{{Flag: "--section", Name: "How it works", Text: "## Nope"}}, wantErr: "use ### for sub-headings"},
		{given: []SectionText{{Flag: "--how", Name: "How to use", Text: "x"}, {Flag: "--section", Name: "how to use this concept", Text: "y"}}, wantErr: "given twice"},
	}
	for _, tt := range tests {
		got, err := resolveSections(headings, tt.given)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%+v: err = %v, want %q", tt.given, err, tt.wantErr)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("%+v: got %v, %v", tt.given, got, err)
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%+v: %s = %q, want %q", tt.given, k, got[k], v)
			}
		}
	}
}

func TestPickLabelFits80Columns(t *testing.T) {
	for _, r := range []Reference{
		{Path: "server/acme/kit/locker.py", StartLine: 15, Role: "code", Summary: "class DistributedLock:"},
		{Path: "clients/apps/web/src/components/checkout/payment/DistributedLockIndicator.tsx", StartLine: 1234, Role: "frontend",
			Summary: "export const DistributedLockIndicator = ({ orderId, organizationId }: Props) => {"},
	} {
		got := pickLabel(r)
		if n := len([]rune(got)); n > pickWidth {
			t.Errorf("%q is %d columns", got, n)
		}
		if !strings.Contains(got, ":"+fmt.Sprint(r.StartLine)) || !strings.Contains(got, r.Role) {
			t.Errorf("%q lost the line or role", got)
		}
	}
}

// A CRLF template's frontmatter is read back too (issue 8, item 17).
func TestCheckFrontmatterCRLF(t *testing.T) {
	a := answers{Title: "A: b", Description: "d"}
	bad := "---\r\ntitle: {{.Title}}\r\ndescription: d\r\n---\r\n\r\nBody\r\n"
	bad = strings.ReplaceAll(bad, "{{.Title}}", a.Title)
	if err := checkFrontmatter("t.mdx", bad, a); err == nil || !strings.Contains(err.Error(), "not valid YAML") {
		t.Errorf("CRLF template with invalid frontmatter: err = %v", err)
	}
	good := "---\r\ntitle: \"A: b\"\r\ndescription: d\r\n---\r\n\r\nBody\r\n"
	if err := checkFrontmatter("t.mdx", good, a); err != nil {
		t.Errorf("CRLF template with valid frontmatter: %v", err)
	}
}
