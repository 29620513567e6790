package validate

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// sampleReport holds findings whose messages need escaping in some format.
var sampleReport = Report{
	Findings: []Finding{
		{Path: "engineering/backend-development/task-debouncing.mdx", Line: 3, Column: 14, Severity: SeverityWarning, Rule: RuleDescriptionLength, Message: "description is 171 characters; shorten it to 160 or fewer so search results show all of it"},
		{Path: "engineering/backend-development/task-debouncing.mdx", Line: 21, Column: 1, Severity: SeverityError, Rule: RuleSectionMissing, Message: "required section \"How it works\" is missing; add a `## How it works` section (any heading starting with \"How it works\" matches)"},
		{Path: "docs.json", Line: 9, Column: 11, Severity: SeverityError, Rule: RuleNavDangling, Message: "100% sure: page \"a,b\" has no file\nsecond line"},
	},
	Files: 2, Errors: 2, Warnings: 1,
}

// wrapReport holds a message whose first clause alone is wider than an
// 80-column terminal leaves it, with a path longer than a line.
var wrapReport = Report{
	Findings: []Finding{
		{Path: "engineering/backend-development/idempotency-keys.mdx", Line: 37, Column: 44, Severity: SeverityWarning, Rule: RuleLinkOutsideDocs, Message: "link `../../../server/shop/payments/service.py#L8-L15` leaves the docs folder handbook/, and Mintlify publishes only that folder, so it 404s on the site; link to the file's page on the code host instead"},
		{Path: "engineering/backend-development/idempotency-keys.mdx", Line: 40, Column: 1, Severity: SeverityError, Rule: RuleRefMissing, Message: "`server/shop/payments/a_very_long_module_name_that_goes_on_and_on_and_on_past_the_line.py` does not exist; fix the path"},
	},
	Files: 1, Errors: 1, Warnings: 1,
}

func TestFitMessage(t *testing.T) {
	for _, tc := range []struct {
		msg   string
		room  int
		want  []string
		short bool
	}{
		{"fits whole; with advice", 40, []string{"fits whole; with advice"}, false},
		{"what is wrong; and a long piece of advice", 20, []string{"what is wrong"}, true},
		{"what is wrong here is long; advice", 12, []string{"what is", "wrong here", "is long"}, true},
		{"a `path/that/is/longer/than/room` b", 12, []string{"a `path/that", "/is/longer/t", "han/room` b"}, true},
		{"the `path/that/is/longer/than/room` b", 12, []string{"the `path/th", "at/is/longer", "/than/room`", "b"}, true},
		{"abcdefghi `path/that/is/longer` b", 12, []string{"abcdefghi", "`path/that/i", "s/longer` b"}, true},
		{"two\nlines", 20, []string{"two lines"}, false},
	} {
		got, short := fitMessage(tc.msg, tc.room)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || short != tc.short {
			t.Errorf("fitMessage(%q, %d) = %q, %v; want %q, %v", tc.msg, tc.room, got, short, tc.want, tc.short)
		}
	}
}

func TestPrinterGolden(t *testing.T) {
	for _, tc := range []struct {
		name, format string
		tty          bool
		rep          Report
	}{
		{"text", "text", false, sampleReport},
		{"text-color", "text", true, sampleReport},
		{"text-terminal-nocolor", "text", true, sampleReport},
		{"text-terminal-wrap-nocolor", "text", true, wrapReport},
		{"json", "json", false, sampleReport},
		{"github", "github", false, sampleReport},
		{"text-clean", "text", false, Report{Files: 3}},
		{"json-clean", "json", false, Report{Files: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewPrinter(tc.format)
			must(t, err)
			var out, errOut bytes.Buffer
			env := map[string]string{}
			if strings.HasSuffix(tc.name, "nocolor") {
				env["NO_COLOR"] = "1"
			}
			ios := &cli.IO{Out: &out, ErrOut: &errOut, OutTTY: tc.tty, ErrTTY: tc.tty, OutCols: 80, Getenv: func(k string) string { return env[k] }}
			rep := tc.rep
			must(t, p.Print(ios, &rep))
			if tc.tty { // a terminal of 80 columns: nothing wraps mid-word
				for _, line := range strings.Split(stripANSI(out.String()+errOut.String()), "\n") {
					if n := len([]rune(line)); n > 80 {
						t.Errorf("line of %d columns on an 80-column terminal: %q", n, line)
					}
				}
			}
			got := []byte("-- stdout --\n" + out.String() + "-- stderr --\n" + errOut.String())
			golden := filepath.Join("testdata", "golden", tc.name+".golden")
			if *update {
				must(t, os.MkdirAll(filepath.Dir(golden), 0o755))
				must(t, os.WriteFile(golden, got, 0o644))
			}
			want, err := os.ReadFile(golden)
			must(t, err)
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run go test -update to accept):\n%s", golden, got)
			}
		})
	}
}

func TestNewPrinterRejectsUnknownFormat(t *testing.T) {
	if _, err := NewPrinter("xml"); err == nil {
		t.Fatal("want an error for --format xml")
	}
}

// stripANSI drops SGR escape sequences (colour, bold), which take no columns.
func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && s[j] != 'm' {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
