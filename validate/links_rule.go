package validate

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/handbook-dev/handbook/workspace"
)

// RuleLinkOutsideDocs: a relative link that leaves the docs folder. Mintlify
// publishes only the folder holding docs.json, so such a link works in the
// repository and 404s on the published site. --fix rewrites a link to the
// repository's code as its page on the code host, the link `draft` writes.
const RuleLinkOutsideDocs = "link-outside-docs"

func init() { DefaultSeverity[RuleLinkOutsideDocs] = SeverityWarning }

// linksOutsideDocs reports relative links of an entry that resolve outside
// the docs folder, with an edit to the code host's web page where one is
// known.
func (l *Linter) linksOutsideDocs(c *checker) {
	docs, entry := "", ""
	for _, s := range c.doc.spans() { // paragraphs and tight list items
		if !s.link {
			continue
		}
		target, ok := relativeTarget(s.text)
		if !ok {
			continue
		}
		if entry == "" { // where the entry is matters only once it links
			docs = l.ws.Handbook
			if l.ws.DocsJSON != "" {
				docs = filepath.Dir(l.ws.DocsJSON)
			}
			abs, err := filepath.Abs(c.path)
			if err != nil || !within(abs, docs) {
				return
			}
			entry = abs
		}
		to := filepath.Join(filepath.Dir(entry), filepath.FromSlash(target))
		if within(to, docs) {
			continue
		}
		const what = "link `%s` leaves the docs folder %s/, and Mintlify publishes only that folder, so it 404s on the site; "
		d := l.ws.Rel(docs)
		if !within(to, l.ws.Root) || strings.Contains(s.text, "?") {
			// Not the repository's code (or a query no code host keeps):
			// nothing to rewrite it to.
			c.at(s.start, RuleLinkOutsideDocs, what+"link to the file's page on its web site instead or move the file into %s/", s.text, d, d)
			continue
		}
		if isMedia(target) {
			// The code host's page of an image is HTML, not the image.
			c.at(s.start, RuleLinkOutsideDocs, what+"move the file into %s/ and link it there", s.text, d, d)
			continue
		}
		web, why := l.webLinker()
		if web == nil {
			c.at(s.start, RuleLinkOutsideDocs, what+"%v, then run `handbook lint --fix` to link to the file's page on the code host instead (or move the file into %s/)", s.text, d, why, d)
			continue
		}
		relink := func(t string) (string, bool) { return l.webLink(web, entry, t) }
		text, ok := relink(s.text)
		if !ok {
			c.at(s.start, RuleLinkOutsideDocs, what+"link to the file's page on the code host instead or move the file into %s/", s.text, d, d)
			continue
		}
		c.at(s.start, RuleLinkOutsideDocs, what+"run `handbook lint --fix` to link to the file's page on the code host instead (or move the file into %s/)", s.text, d, d)
		c.edits = append(c.edits, edit{start: s.start, end: s.end, text: text, rule: RuleLinkOutsideDocs, relink: relink})
	}
}

// webLinker is how links to code are written on the code host (the
// workspace's, as `draft` writes them), found once a run; nil with the
// reason when links to code would be relative.
func (l *Linter) webLinker() (workspace.CodeLinker, error) {
	l.webOnce.Do(func() { l.web, l.webWhy = l.ws.WebCodeLinker() })
	return l.web, l.webWhy
}

// webLink turns a link target relative to the entry (absolute path) into
// its code host URL: a folder's tree, a file's blob with its lines
// (#L10-L20 or #L10-20, written as the host writes them) or another
// fragment kept as it was. It refuses a target outside the repository.
func (l *Linter) webLink(web workspace.CodeLinker, entry, target string) (string, bool) {
	if target == "" || strings.Contains(target, "?") {
		return "", false
	}
	p, frag, _ := strings.Cut(target, "#")
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	if p == "" {
		return "", false
	}
	abs := filepath.Join(filepath.Dir(entry), filepath.FromSlash(p))
	rel, err := filepath.Rel(l.ws.Root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		rel = ""
	}
	if fi, err := os.Lstat(abs); strings.HasSuffix(p, "/") || rel == "" || err == nil && fi.IsDir() {
		return web(rel+"/", 0, 0) + fragment(frag), true
	}
	if first, last, ok := matchHashLines(frag); ok {
		start, _ := strconv.Atoi(first)
		end := start
		if last != "" {
			end, _ = strconv.Atoi(last)
		}
		return web(rel, start, end), true
	}
	return web(rel, 0, 0) + fragment(frag), true
}

// isMedia reports an image or video file, which pages show rather than
// link to.
func isMedia(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".mp4", ".webm", ".mov":
		return true
	}
	return false
}

func fragment(f string) string {
	if f == "" {
		return ""
	}
	return "#" + f
}

// relinkEdits makes each link-outside-docs edit the web link of its target
// as the other edits inside it leave it (a renamed path, re-anchored
// lines), which it replaces: one change per link, whatever fixes it.
func relinkEdits(src []byte, edits []edit) []edit {
	if !slices.ContainsFunc(edits, func(e edit) bool { return e.relink != nil }) {
		return edits
	}
	drop := make([]bool, len(edits))
	for i := range edits {
		e := &edits[i]
		if e.relink == nil {
			continue
		}
		var inner []int
		for j, o := range edits {
			if o.relink == nil && o.start >= e.start && o.end <= e.end {
				inner = append(inner, j)
			}
		}
		if len(inner) == 0 {
			continue
		}
		slices.SortFunc(inner, func(a, b int) int { return edits[b].start - edits[a].start })
		t := slices.Clone(src[e.start:e.end])
		prev := e.end + 1
		for _, j := range inner {
			o := edits[j]
			if o.end > prev {
				continue // overlapping: applyEdits keeps one as well
			}
			t = append(t[:o.start-e.start:o.start-e.start], append([]byte(o.text), t[o.end-e.start:]...)...)
			prev = o.start
		}
		text, ok := e.relink(string(t))
		if !ok {
			drop[i] = true // the inner fixes stand alone
			continue
		}
		e.text = text
		for _, j := range inner {
			drop[j] = true
		}
	}
	out := edits[:0]
	for i, e := range edits {
		if !drop[i] {
			out = append(out, e)
		}
	}
	return out
}

// relativeTarget returns the path of a relative link target (no scheme,
// not site-absolute, not an anchor), unescaped and without its query or
// fragment.
func relativeTarget(t string) (string, bool) {
	if t == "" || t[0] == '/' || t[0] == '#' {
		return "", false
	}
	if i := strings.IndexAny(t, ":/?#"); i >= 0 && t[i] == ':' {
		return "", false // https:, mailto:, …
	}
	if i := strings.IndexAny(t, "?#"); i >= 0 {
		t = t[:i]
	}
	if p, err := url.PathUnescape(t); err == nil {
		t = p
	}
	return t, t != ""
}
