package validate

import (
	"net/url"
	"path/filepath"
	"strings"
)

// RuleLinkOutsideDocs: a relative link that leaves the docs folder. Mintlify
// publishes only the folder holding docs.json, so such a link works in the
// repository and 404s on the published site.
const RuleLinkOutsideDocs = "link-outside-docs"

func init() { DefaultSeverity[RuleLinkOutsideDocs] = SeverityWarning }

// linksOutsideDocs reports relative links of an entry that resolve outside
// the docs folder.
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
		if to := filepath.Join(filepath.Dir(entry), filepath.FromSlash(target)); !within(to, docs) {
			c.at(s.start, RuleLinkOutsideDocs,
				"link `%s` leaves the docs folder %s/, and Mintlify publishes only that folder, so it 404s on the site; link to the file's page on the code host instead (`handbook draft --link-base remote` writes such links) or move the file into %s/",
				s.text, l.ws.Rel(docs), l.ws.Rel(docs))
		}
	}
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
