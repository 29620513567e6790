package scaffold

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/internal/safefile"
	"github.com/handbook-dev/handbook/validate"
	"github.com/handbook-dev/handbook/workspace"
)

// SectionText is text for one section of the template, as given by a flag.
type SectionText struct {
	Flag string // for messages: "--how", "--section"
	Name string // the heading, or the start of it
	Text string
	// File is the --section-file path the text is still to be read from,
	// once the workspace is known (readSectionFiles); "" when Text is set.
	File string
}

// ParseSectionFlag splits a --section value "HEADING=TEXT".
func ParseSectionFlag(v string) (SectionText, error) {
	name, text, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" {
		return SectionText{}, cli.Usagef("--section %q: use --section \"HEADING=TEXT\", e.g. --section \"How it works=It uses Redis SET NX.\"", v)
	}
	return SectionText{Flag: "--section", Name: name, Text: text}, nil
}

// ParseSectionFileFlag parses a --section-file value "HEADING=PATH"; the
// path - reads in (stdin) at once, any other path is read by New or Draft
// once they know the repository, which the file must be inside.
func ParseSectionFileFlag(v string, in io.Reader) (SectionText, error) {
	name, path, ok := strings.Cut(v, "=")
	if !ok || strings.TrimSpace(name) == "" || path == "" {
		return SectionText{}, cli.Usagef("--section-file %q: use --section-file \"HEADING=PATH\", e.g. --section-file \"How it works=internals.md\"", v)
	}
	st := SectionText{Flag: "--section-file", Name: name, File: path}
	if path != "-" {
		return st, nil
	}
	data, err := safefile.ReadAll(in, safefile.SectionLimit)
	if err != nil {
		return SectionText{}, cli.Usagef("--section-file %q: stdin: %s", v, safefile.Describe(err))
	}
	return st, st.setText(v, data)
}

func (st *SectionText) setText(flag string, data []byte) error {
	if !utf8.Valid(data) {
		return cli.Usagef("--section-file %q: %s is not UTF-8 text", flag, st.File)
	}
	st.Text, st.File = string(data), ""
	return nil
}

// readSectionFiles reads the --section-file texts: regular files inside
// the repository (after symlinks) of at most 10 MiB, relative to dir.
func readSectionFiles(ws *workspace.Workspace, dir string, given []SectionText) error {
	for i := range given {
		st := &given[i]
		if st.File == "" {
			continue
		}
		flag := st.Name + "=" + st.File
		p := st.File
		if !filepath.IsAbs(p) {
			base := dir
			if base == "" {
				var err error
				if base, err = os.Getwd(); err != nil {
					return err
				}
			}
			p = filepath.Join(base, p)
		}
		if err := ws.ContainFlag(fmt.Sprintf("--section-file %q", flag), p); err != nil {
			return &cli.UsageError{Msg: strings.SplitN(err.Error(), "\n", 2)[0], Hint: fmt.Sprintf("Write the text to a file inside the repository, or pipe it: --section-file %q", st.Name+"=-")}
		}
		data, err := safefile.Read(p, safefile.SectionLimit)
		if err != nil {
			return cli.Usagef("--section-file %q: %s: %s", flag, st.File, safefile.Describe(err))
		}
		if err := st.setText(flag, data); err != nil {
			return err
		}
	}
	return nil
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
		out[matches[0]] = proseMDX(g.Text)
	}
	return out, nil
}

// ValidateSectionText checks the text of a section: it may be empty (the
// todo comment stays), but must not start a new `#` or `##` section itself.
func ValidateSectionText(s string) error {
	if controlAt(s) >= 0 {
		return fmt.Errorf("it holds a control character (%s); remove it", controlName(s))
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "## ") {
			return fmt.Errorf("it holds the heading %q; use ### for sub-headings inside a section", strings.TrimSpace(line))
		}
	}
	if _, err := validate.EscapeMDX(s); err != nil {
		return fmt.Errorf("it cannot be written as MDX: %v", err)
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
