package scaffold

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/handbook-dev/handbook/explore"
	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/lang"
)

// RefOptions say which references to put in an entry.
type RefOptions struct {
	// Mode is "auto" (the explorer's confident hits, at most Limit),
	// "none", or "" (ask in a terminal, none without one).
	Mode  string
	Limit int
	// LinkBase is "auto" (the git remote's web URL when it is GitHub or
	// GitLab, else relative), "repository" (relative to the entry file),
	// "remote" (the web URL at the default branch) or "commit" (at the
	// current commit); "" takes the config's link_base.
	LinkBase string
	// Code adds each snippet as a fenced code block under the list.
	Code bool

	// rootArg is the command's " --root DIR", for the commands a message
	// suggests (set by New and Draft).
	rootArg string
}

// check refuses flag values that would otherwise only fail after the
// questions, or never (a link base nothing ends up using).
func (o RefOptions) check() error {
	switch o.Mode {
	case "", "auto", "none":
	default:
		return cli.Usagef("--refs is %q; use auto or none", o.Mode)
	}
	if !workspace.ValidLinkBase(o.LinkBase) {
		return cli.Usagef("--link-base is %q; use %s", o.LinkBase, workspace.LinkBases)
	}
	if o.Limit < 0 {
		return cli.Usagef("--refs-limit is %d; use a positive number", o.Limit)
	}
	return nil
}

// DefaultRefsLimit is how many references --refs auto takes.
const DefaultRefsLimit = 5

// Reference is a place in the code an entry points to.
type Reference struct {
	Path      string `json:"path"` // relative to the repository root
	StartLine int    `json:"start_line"`
	EndLine   int    `json:"end_line"`
	Role      string `json:"role"`
	Summary   string `json:"summary"` // the matching line, trimmed
	Link      string `json:"link"`
	Code      string `json:"-"` // the snippet's lines, for a code block
	// Confident is set when the explorer is confident the place is about
	// the concept: --refs auto takes only these, the picker preselects them.
	Confident bool `json:"-"`
}

// searchCode asks the explorer for the places in the code about a concept,
// best first: one reference a file, at its best snippet. Handbook pages
// are left out; they are what is being written.
func searchCode(ws *workspace.Workspace, ios *cli.IO, concept string, limit int) ([]Reference, error) {
	res, err := explore.Search(explore.Options{Workspace: ws, IO: ios, Concept: concept, Limit: limit})
	if err != nil {
		return nil, err
	}
	var refs []Reference
	for _, fr := range res.Results {
		if fr.Role == "doc" || len(fr.Hits) == 0 {
			continue
		}
		// The reference starts at the match and takes the lines after it
		// (and a definition's doc comment before it); other lines before
		// are only context. The match cited is the one that shows the
		// most: a definition (the explorer puts the most telling first),
		// else code that uses the concept, else a comment; an import line
		// names it without showing anything.
		h := fr.Hits[0]
		for _, alt := range fr.Hits[1:] {
			if citeRank(alt) > citeRank(h) {
				h = alt
			}
		}
		doc := h.ContextBefore[len(h.ContextBefore)-h.DocBefore:]
		lines := append(append(append([]string{}, doc...), h.Text), h.ContextAfter...)
		path, role := fr.Path, fr.Role
		if h.Path != "" {
			// A module folder: the reference is to its best file.
			path = h.Path
			for _, f := range fr.Files {
				if f.Path == h.Path {
					role = f.Role
				}
			}
		}
		refs = append(refs, Reference{
			Path:      path,
			StartLine: h.Line - len(doc),
			EndLine:   h.Line + len(h.ContextAfter),
			Role:      role,
			// Code may be in any encoding; the entry must stay UTF-8.
			Summary:   strings.ToValidUTF8(strings.TrimSpace(h.Text), "\uFFFD"),
			Code:      strings.ToValidUTF8(strings.Join(lines, "\n"), "\uFFFD"),
			Confident: fr.Confident,
		})
	}
	return refs, nil
}

// citeRank orders hits by how much citing them shows.
func citeRank(h explore.Hit) int {
	switch {
	case h.Kind == "definition":
		return 3
	case h.Kind == "code" && !lang.IsImport([]byte(h.Text)):
		return 2
	case lang.IsImport([]byte(h.Text)):
		return 0
	}
	return 1
}

// referencesSection is the template section references go under: the one
// about how it works, else the last.
func referencesSection(headings []string) string {
	for _, h := range headings {
		if strings.HasPrefix(normalizeHeading(h), "how it works") {
			return h
		}
	}
	if len(headings) == 0 {
		return ""
	}
	return headings[len(headings)-1]
}

// refsHeading titles the list; draft skips adding a second one.
const refsHeading = "### Where it lives in the code"

// references picks references for the entry about concept and renders them.
func references(ws *workspace.Workspace, entry, concept string, src []byte, opts RefOptions, interactive, accessible bool, ios *cli.IO) ([]Reference, string, error) {
	mode := opts.Mode
	if mode == "" && !interactive {
		mode = "none"
	}
	if mode == "none" || strings.Contains(string(src), refsHeading) {
		return []Reference{}, "", nil
	}
	limit := opts.Limit
	if limit <= 0 {
		limit = DefaultRefsLimit
	}
	found, err := searchCode(ws, ios, concept, max(limit, 12))
	if err != nil {
		return nil, "", err
	}
	if len(found) == 0 {
		fmt.Fprintf(ios.ErrOut, "The explorer found nothing about %q; continuing without references.\n", concept)
		return []Reference{}, "", nil
	}
	var picked []Reference
	if mode == "auto" {
		picked = confident(found, limit)
		if len(picked) == 0 {
			fmt.Fprintf(ios.ErrOut, "No place in the code is clearly about %q (the best guess was %s); no references added. Run handbook explore %q%s to pick them by hand.\n", concept, found[0].Path, concept, opts.rootArg)
			return []Reference{}, "", nil
		}
	} else {
		if picked, err = pickReferences(ios, accessible, found, limit); err != nil {
			return nil, "", err
		}
	}
	linkBase := opts.LinkBase
	link, err := ws.CodeLinker(filepath.Dir(entry), linkBase)
	if err != nil {
		return nil, "", &cli.UsageError{Msg: "--link-base: " + err.Error()}
	}
	for i := range picked {
		picked[i].Link = link(picked[i].Path, picked[i].StartLine, picked[i].EndLine)
	}
	return picked, renderReferences(picked, opts.Code), nil
}

// confident returns the references the explorer is confident about, at
// most limit, best first: what --refs auto inserts and the picker
// preselects.
func confident(found []Reference, limit int) []Reference {
	var out []Reference
	for _, r := range found {
		if r.Confident && len(out) < limit {
			out = append(out, r)
		}
	}
	return out
}

// pickReferences shows the hits in a multi-select, the confident ones
// (at most limit) selected.
func pickReferences(ios *cli.IO, accessible bool, found []Reference, limit int) ([]Reference, error) {
	var chosen []int
	opts := make([]huh.Option[int], len(found))
	// The confident ones are selected, tests aside: a test shows the
	// concept used, rarely where it lives. They stay in the list to pick
	// by hand.
	pre := 0
	for i, r := range found {
		sel := r.Confident && pre < limit && r.Role != "test"
		if sel {
			pre++
		}
		opts[i] = huh.NewOption(pickLabel(r), i).Selected(sel)
	}
	err := runForm(ios, accessible, huh.NewMultiSelect[int]().
		Title("References for \"How it works\"").
		Description("Space toggles, Enter confirms. The matches clearly about the concept are selected.").
		Options(opts...).
		Value(&chosen))
	if err != nil {
		return nil, err
	}
	out := make([]Reference, 0, len(chosen))
	for _, i := range chosen {
		out = append(out, found[i])
	}
	return out, nil
}

// pickWidth keeps a picker line within 80 columns once huh has drawn its
// border, cursor and check mark in front of it.
const pickWidth = 72

// pickLabel is "path:line  role  first line", shortened to pickWidth: the
// path keeps its end (the file name), the line of code what fits.
func pickLabel(r Reference) string {
	loc := fmt.Sprintf("%s:%d", r.Path, r.StartLine)
	if n := len([]rune(loc)); n > pickWidth/2 {
		loc = "…" + string([]rune(loc)[n-pickWidth/2+1:])
	}
	label := loc + "  " + r.Role
	if room := pickWidth - len([]rune(label)) - 2; room > 8 && r.Summary != "" {
		label += "  " + truncate(r.Summary, room)
	}
	return label
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// renderReferences writes the "Where it lives in the code" list.
func renderReferences(refs []Reference, code bool) string {
	if len(refs) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(refsHeading + "\n\n")
	for _, r := range refs {
		fmt.Fprintf(&b, "- [`%s`](%s) (%s)", lineRange(r), r.Link, r.Role)
		if r.Summary != "" {
			fmt.Fprintf(&b, ": `%s`", strings.ReplaceAll(truncate(r.Summary, 80), "`", "'"))
		}
		b.WriteString("\n")
	}
	if code {
		for _, r := range refs {
			if strings.TrimSpace(r.Code) == "" {
				continue
			}
			fence := "```"
			for strings.Contains(r.Code, fence) {
				fence += "`"
			}
			fmt.Fprintf(&b, "\n%s%s %s\n%s\n%s\n", fence, lang.Of(r.Path).Name, lineRange(r), strings.TrimRight(r.Code, "\n"), fence)
		}
	}
	return b.String()
}

func lineRange(r Reference) string {
	if r.EndLine > r.StartLine {
		return fmt.Sprintf("%s:%d-%d", r.Path, r.StartLine, r.EndLine)
	}
	return fmt.Sprintf("%s:%d", r.Path, r.StartLine)
}
