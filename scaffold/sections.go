package scaffold

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/internal/cli"
)

// SectionText is text for one section of the template, as given by a flag.
type SectionText struct {
	Flag string // for messages: "--how", "--section"
	Name string // the heading, or the start of it
	Text string
}

// ParseSectionFlag splits a --section value "HEADING=TEXT".
func ParseSectionFlag(v string) (SectionText, error) {
	name, text, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return SectionText{}, cli.Usagef("--section %q: use --section \"HEADING=TEXT\", e.g. --section \"How it works=It uses Redis SET NX.\"", v)
	}
	return SectionText{Flag: "--section", Name: name, Text: text}, nil
}

// ParseSectionFileFlag reads a --section-file value "HEADING=PATH"; the
// path - reads in (stdin).
func ParseSectionFileFlag(v string, in io.Reader) (SectionText, error) {
	name, path, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" || path == "" {
		return SectionText{}, cli.Usagef("--section-file %q: use --section-file \"HEADING=PATH\", e.g. --section-file \"How it works=internals.md\"", v)
	}
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(in)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return SectionText{}, cli.Usagef("--section-file %q: %v", v, err)
	}
	if !utf8.Valid(data) {
		return SectionText{}, cli.Usagef("--section-file %q: %s is not UTF-8 text", v, path)
	}
	return SectionText{Flag: "--section-file", Name: name, Text: string(data)}, nil
}

// normalizeHeading compares headings the way people mean them: case and
// punctuation do not matter, nor runs of spaces.
func normalizeHeading(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

// resolveSections maps each given text to the template heading it names: an
// exact heading, or the only heading that starts with the given words.
func resolveSections(headings []string, given []SectionText) (map[string]string, error) {
	out := map[string]string{}
	for _, g := range given {
		want := normalizeHeading(g.Name)
		var matches []string
		for _, h := range headings {
			n := normalizeHeading(h)
			if n == want {
				matches = []string{h}
				break
			}
			if strings.HasPrefix(n, want+" ") || strings.HasPrefix(n, want) && want != "" && len(n) == len(want) {
				matches = append(matches, h)
			}
		}
		switch len(matches) {
		case 0:
			return nil, &cli.UsageError{
				Msg:  fmt.Sprintf("%s: the template has no section %q", g.Flag, strings.TrimSpace(g.Name)),
				Hint: "Its sections are: " + quoteList(headings),
			}
		case 1:
		default:
			return nil, cli.Usagef("%s: %q matches several sections (%s); give more of the heading", g.Flag, g.Name, quoteList(matches))
		}
		if err := ValidateSectionText(g.Text); err != nil {
			return nil, cli.Usagef("%s %q: %v", g.Flag, matches[0], err)
		}
		if _, dup := out[matches[0]]; dup {
			return nil, cli.Usagef("%s: the section %q is given twice", g.Flag, matches[0])
		}
		out[matches[0]] = g.Text
	}
	return out, nil
}

// ValidateSectionText checks the text of a section: it may be empty (the
// todo comment stays), but must not start a new `#` or `##` section itself.
func ValidateSectionText(s string) error {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "## ") {
			return fmt.Errorf("it holds the heading %q; use ### for sub-headings inside a section", strings.TrimSpace(line))
		}
	}
	return nil
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}
