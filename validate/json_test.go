package validate

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/handbook-dev/handbook/internal/cli"
)

// TestJSONPrinterEqualsEncoder: the hand-written JSON is byte for byte what
// cli.WriteJSON (encoding/json, indented, no HTML escaping) writes, for
// reports with no finding, one, and many with strings of every kind:
// quotes, backslashes, control bytes, HTML characters, U+2028, invalid
// UTF-8 and multi-byte characters.
func TestJSONPrinterEqualsEncoder(t *testing.T) {
	pieces := []string{"a", "é", "日本", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f", "<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80", "`x`", " ", "\U0001F600"}
	r := rand.New(rand.NewPCG(9, 9))
	str := func() string {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for n := range 60 {
		rep := &Report{Files: r.IntN(2000), Errors: r.IntN(50), Warnings: r.IntN(50)}
		count := n % 7
		if n == 59 {
			count = 3000 // past the writer's flush size
		}
		for range count {
			rep.Findings = append(rep.Findings, Finding{Path: str(), Line: r.IntN(1000), Column: r.IntN(80), Severity: Severity(str()), Rule: str(), Message: str()})
		}
		for range n % 3 {
			rep.ReadErrors = append(rep.ReadErrors, ReadError{Path: str(), Message: str()})
		}
		var got, want bytes.Buffer
		if err := (jsonPrinter{}).Print(&cli.IO{Out: &got}, rep); err != nil {
			t.Fatal(err)
		}
		if err := cli.WriteJSON(&want, rep.JSON()); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Fatalf("report %d:\ngot  %q\nwant %q", n, got.String(), want.String())
		}
	}
}
