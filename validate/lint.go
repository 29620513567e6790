package validate

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/templates"
	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/githistory"
)

// MaxDescription is the longest description search results show in full.
const MaxDescription = 160

// knownKeys are the frontmatter keys Mintlify reads ("og:" keys are
// matched by prefix).
var knownKeys = []string{"title", "description", "sidebarTitle", "icon", "iconType", "mode", "tag", "keywords", "noindex", "hidden", "url", "og:*"}

// Linter checks entries of one workspace. It is safe for concurrent use.
type Linter struct {
	ws       *workspace.Workspace
	sections []string            // required `##` headings, from the template
	severity map[string]Severity // effective severity; absent means off
	keys     []string            // accepted frontmatter keys ("x*" is a prefix)
	// pagesBase is the folder navigation pages are relative to (pageOf).
	pagesBase string

	navOnce  sync.Once
	navList  []workspace.NavPage
	navPages map[string]bool // nil when there is no usable docs.json
	navErr   error           // docs.json that does not parse

	repoOnce sync.Once
	repo     *repoIndex // what reference checks know of the repository

	// web writes links to code on the code host (nil: webWhy says why
	// there is none), for link-outside-docs.
	webOnce sync.Once
	web     workspace.CodeLinker
	webWhy  error

	// hist is the git history of the entries and the code they cite,
	// loaded by a run before checking (nil: drift is not checked).
	hist        *githistory.History
	renamesOnce sync.Once
	renames     map[string]string
	// blobs reads cited files as entries saw them, to re-anchor a plain
	// path:line only where its lines are found (one git for the run).
	blobsOnce sync.Once
	blobs     *githistory.Blobs
	// missingPaths are the cited paths that do not exist, whose renames
	// are looked up in one go.
	missingPaths []string
	// nearMisses are nearMiss's answers by path, folders the names in
	// the folders it listed (nil: not listable), for the run.
	nearMu     sync.Mutex
	nearMisses map[string]string
	folders    map[string][]string
	// changes are the changes since the --changed-since revision.
	changes map[string]*githistory.FileChange
	since   string
	context context.Context
	// everyEntry loads the history of entries that cite no code too:
	// status shows each entry's last edit, lint needs only citing ones.
	everyEntry bool
}

func (l *Linter) ctx() context.Context {
	if l.context == nil {
		return context.Background()
	}
	return l.context
}

// New builds a linter from the workspace's template and configuration.
func New(ws *workspace.Workspace) (*Linter, error) {
	_, src, err := ws.Template()
	if err != nil {
		return nil, err
	}
	l := &Linter{ws: ws, sections: templates.Sections(src), severity: map[string]Severity{}, pagesBase: pagesBase(ws)}
	for rule, sev := range DefaultSeverity {
		l.severity[rule] = sev
	}
	for _, rule := range ws.Config.LintRulesInOrder() {
		if _, ok := DefaultSeverity[rule]; !ok {
			msg := fmt.Sprintf("lint.rules: unknown rule %q; known rules: %s", rule, strings.Join(RuleIDs(), ", "))
			if near := closestRule(rule); near != "" {
				msg = fmt.Sprintf("lint.rules: unknown rule %q; did you mean %q?", rule, near)
			}
			return nil, &workspace.ConfigError{Path: ws.Rel(ws.ConfigPath), Line: ws.Config.Line("lint.rules." + rule), Msg: msg}
		}
		if sev := ws.Config.Lint.Rules[rule]; sev == "off" {
			delete(l.severity, rule)
		} else {
			l.severity[rule] = Severity(sev)
		}
	}
	l.keys = append(append([]string(nil), knownKeys...), ws.Config.Lint.FrontmatterKeys...)
	return l, nil
}

// RuleIDs lists every rule id, sorted.
func RuleIDs() []string {
	ids := make([]string, 0, len(DefaultSeverity))
	for id := range DefaultSeverity {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Sections returns the required `##` headings the linter checks against.
func (l *Linter) Sections() []string { return l.sections }

// File lints one entry: path names it in findings and decides its page in
// the navigation; src is its content. Suppressions and configured
// severities are applied.
func File(ws *workspace.Workspace, path string, src []byte) ([]Finding, error) {
	l, err := New(ws)
	if err != nil {
		return nil, err
	}
	return l.File(path, src), nil
}

// File lints one entry (see the package function File).
func (l *Linter) File(path string, src []byte) []Finding {
	return l.Check(path, Parse(src, l.sections))
}

// Check runs every file rule over a parsed entry.
func (l *Linter) Check(path string, doc *Document) []Finding {
	fs, _ := l.check(path, doc, nil)
	return fs
}

// check runs every file rule over a parsed entry whose references are
// refs (nil: found here), and returns the findings and the edits --fix
// would make.
func (l *Linter) check(path string, doc *Document, refs []Ref) ([]Finding, []edit) {
	return l.checked(l.startCheck(path, doc, refs, nil))
}

// startCheck runs the file rules over a parsed entry, but for the
// findings waiting on repository-wide definition lookups, which later
// gathers (nil: none wait) for checked to make once they are answered.
func (l *Linter) startCheck(path string, doc *Document, refs []Ref, later *defsLater) *checker {
	c := &checker{doc: doc, path: path, later: later}
	c.encoding()
	c.filename()
	l.nav(c)
	if c.frontmatter(l.keys) && !c.tooDeep() {
		c.headings()
		c.summary()
		c.placeholders()
		c.sections(l.sections)
		c.fences()
		c.mdx()
		l.linksOutsideDocs(c)
		if l.refsOn() {
			if refs == nil {
				refs = l.settle(l.references(path, doc))
			}
			l.checkRefs(c, refs)
		}
	}
	return c
}

// checked makes the findings startCheck left waiting (their lookups
// answered) and the suppression rules' findings, and returns the entry's
// findings and the edits --fix would make.
func (l *Linter) checked(c *checker) ([]Finding, []edit) {
	doc := c.doc
	l.makeWaiting(c)
	c.suppressionRules()
	out := l.finish(doc, c.out)
	// An edit is made only for a finding that is still reported.
	var edits []edit
	for _, e := range c.edits {
		line, _ := doc.Position(e.start)
		for _, f := range out {
			if f.Rule == e.rule && f.Line == line {
				edits = append(edits, e)
				break
			}
		}
	}
	return out, relinkEdits(doc.Src, edits)
}

// finish applies configured severities and suppression comments.
func (l *Linter) finish(doc *Document, raw []Finding) []Finding {
	var sup suppression
	if doc != nil {
		sup = suppressions(doc)
	}
	out := raw[:0]
	for _, f := range raw {
		sev, on := l.severity[f.Rule]
		if !on || sup.suppressed(f) {
			continue
		}
		f.Severity = sev
		out = append(out, f)
	}
	SortFindings(out)
	return out
}

// tooDeep reports nesting past MaxNesting; the body rules are skipped, as
// the body was not parsed.
func (c *checker) tooDeep() bool {
	if c.doc.TooDeep == 0 {
		return false
	}
	switch c.doc.tooDeepLimit {
	case limitDepth:
		c.atLine(c.doc.TooDeep, 1, RuleNestingDepth, "quotes or lists nest %d levels deep here, more than the %d lint reads; flatten them (the rest of the entry was not checked)", c.doc.TooDeepLevels, MaxNesting)
	case limitNestedLines:
		c.atLine(c.doc.TooDeep, 1, RuleNestingDepth, "by here quotes and lists nest more than %d levels summed over the lines, which lint does not read; flatten them or split the entry (the rest of the entry was not checked)", MaxNestedLines)
	case limitLines:
		c.atLine(c.doc.TooDeep, 1, RuleEntrySize, "the entry passes %d lines here, more than lint reads; split it into several entries (the rest of the entry was not checked)", MaxBodyLines)
	default:
		c.atLine(c.doc.TooDeep, 1, RuleEntrySize, "the entry passes %d `{` outside code fences here, each the start of an MDX expression or code, more than lint reads; split the entry or move code into fenced blocks (the rest of the entry was not checked)", MaxExpressions)
	}
	return true
}

// checker collects the findings of one file.
type checker struct {
	doc   *Document
	path  string
	out   []Finding
	edits []edit
	sup   *suppression // the entry's suppression comments, once asked

	// later gathers the names whose definitions waiting findings need
	// (nil: lookups are made as asked); waiting are those findings, each
	// with its place in out; fill is 1 + the place the next finding goes
	// to (0: appended).
	later   *defsLater
	waiting []waitingFinding
	fill    int
}

// reported says whether a finding of rule at off would be reported: the
// rule is on and no comment suppresses it there (finish drops the rest).
// Rules whose message costs a search (where a missing path went, where a
// name is defined) ask first.
func (l *Linter) reported(c *checker, off int, rule string) bool {
	if _, on := l.severity[rule]; !on {
		return false
	}
	if c.sup == nil {
		sup := suppressions(c.doc)
		c.sup = &sup
	}
	line, col := c.doc.Position(off)
	return !c.sup.suppressed(Finding{Path: c.path, Line: line, Column: col, Rule: rule})
}

func (c *checker) at(off int, rule, format string, args ...any) {
	line, col := c.doc.Position(off)
	c.atLine(line, col, rule, format, args...)
}

func (c *checker) atLine(line, col int, rule, format string, args ...any) {
	// Messages quote the document; its control characters (an ANSI escape
	// that would clear the screen) are escaped here, for every printer.
	f := Finding{Path: c.path, Line: line, Column: col, Rule: rule, Message: cli.SafeText(fmt.Sprintf(format, args...))}
	if c.fill > 0 {
		c.out[c.fill-1], c.fill = f, 0
		return
	}
	c.out = append(c.out, f)
}

func (c *checker) encoding() {
	src := c.doc.Src
	if utf8.Valid(src) {
		return
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			c.at(i, RuleEncoding, "byte 0x%02X is not valid UTF-8; save the file as UTF-8", src[i])
			return
		}
		i += n
	}
}

func (c *checker) filename() {
	base := filepath.Base(c.path)
	if isKebabMDX(base) {
		return
	}
	c.atLine(1, 1, RuleFilename, "file name %q is not a kebab-case .mdx name; rename it to %q", base, kebab(base))
}

// isKebabMDX reports whether name is lower-case words of letters and
// digits joined by single hyphens, with the .mdx extension.
func isKebabMDX(name string) bool {
	stem, ok := strings.CutSuffix(name, ".mdx")
	if !ok || stem == "" || stem[0] == '-' || stem[len(stem)-1] == '-' || strings.Contains(stem, "--") {
		return false
	}
	for i := 0; i < len(stem); i++ {
		if c := stem[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// kebab suggests a kebab-case .mdx name for a file name.
func kebab(name string) string {
	stem := strings.TrimSuffix(name, filepath.Ext(name))
	var sb strings.Builder
	prevLower := false
	for _, r := range stem {
		switch {
		case r >= 'A' && r <= 'Z':
			if prevLower {
				sb.WriteByte('-')
			}
			sb.WriteRune(r + 'a' - 'A')
			prevLower = false
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			sb.WriteRune(r)
			prevLower = true
		default:
			sb.WriteByte('-')
			prevLower = false
		}
	}
	words := strings.FieldsFunc(sb.String(), func(r rune) bool { return r == '-' })
	if len(words) == 0 {
		return "entry.mdx"
	}
	return strings.Join(words, "-") + ".mdx"
}

// frontmatter checks the frontmatter and reports whether the body can be
// read (it cannot when the frontmatter is never closed).
func (c *checker) frontmatter(keys []string) bool {
	fm := c.doc.Frontmatter
	switch {
	case fm == nil:
		c.atLine(1, 1, RuleFrontmatterMissing, "no frontmatter; start the file with a `---` line, `title: \"…\"`, `description: \"…\"` and a closing `---` line")
		return true
	case fm.EndLine == 0:
		c.atLine(fm.Line, 1, RuleFrontmatterInvalid, "the frontmatter opened here is never closed; add a `---` line after its last key")
		return false
	case fm.Err != nil:
		c.atLine(fm.Err.Line, fm.Err.Column, RuleFrontmatterInvalid, "the frontmatter is not valid YAML: %s; fix it", fm.Err.Msg)
		return true
	}
	values := map[string]*yaml.Node{}
	for i := 0; i+1 < len(fm.Node.Content); i += 2 {
		k, v := fm.Node.Content[i], fm.Node.Content[i+1]
		values[k.Value] = v
		if !keyAllowed(k.Value, keys) {
			c.atLine(fm.Line+k.Line, k.Column, RuleFrontmatterUnknownKey,
				"frontmatter key %q is not one Mintlify reads; remove it, fix its spelling, or allow it in lint.frontmatter_keys of .handbook.yaml", k.Value)
		}
	}
	title, titleOK := c.stringValue(values, "title", RuleTitleMissing, "the entry's title")
	desc, descOK := c.stringValue(values, "description", RuleDescriptionMissing, "one sentence that says what the entry explains")
	if n := utf8.RuneCountInString(desc); descOK && n > MaxDescription {
		v := values["description"]
		c.atLine(fm.Line+v.Line, v.Column, RuleDescriptionLength, "description is %d characters; shorten it to %d or fewer so search results show all of it", n, MaxDescription)
	}
	for _, kv := range []struct {
		key, value string
		ok         bool
	}{{"title", title, titleOK}, {"description", desc, descOK}} {
		if kv.ok && isPlaceholder(kv.value) {
			v := values[kv.key]
			c.atLine(fm.Line+v.Line, v.Column, RulePlaceholder, "%s is still the template's sample text %q; write the real %s", kv.key, kv.value, kv.key)
		}
	}
	return true
}

// stringValue checks that a frontmatter key holds a non-empty string.
func (c *checker) stringValue(values map[string]*yaml.Node, key, rule, what string) (string, bool) {
	fm := c.doc.Frontmatter
	v, ok := values[key]
	switch {
	case !ok:
		c.atLine(fm.Line, 1, rule, "the frontmatter has no %s; add `%s: \"…\"` with %s", key, key, what)
	case v.Kind != yaml.ScalarNode || v.Tag != "!!str" && v.Tag != "!!null":
		c.atLine(fm.Line+v.Line, v.Column, rule, "%s is not a string; quote it: `%s: \"…\"`", key, key)
	case strings.TrimSpace(v.Value) == "":
		c.atLine(fm.Line+v.Line, v.Column, rule, "%s is empty; write %s", key, what)
	default:
		return strings.TrimSpace(v.Value), true
	}
	return "", false
}

func keyAllowed(key string, allowed []string) bool {
	for _, a := range allowed {
		if a == key {
			return true
		}
		if prefix, ok := strings.CutSuffix(a, "*"); ok && strings.HasPrefix(key, prefix) {
			return true
		}
	}
	return false
}

func isPlaceholder(s string) bool {
	for _, p := range templates.Placeholders {
		if strings.EqualFold(strings.TrimSpace(s), p) {
			return true
		}
	}
	return false
}

func (c *checker) headings() {
	prev := 1 // the title, from the frontmatter, is the page's h1
	for _, s := range c.doc.Sections {
		if s.Level == 1 {
			c.at(s.HeadingStart, RuleHeadingH1, "`#` heading %q in the body; the title comes from the frontmatter, so make it a `##` section", s.Heading)
		} else if s.Level > prev+1 {
			c.at(s.HeadingStart, RuleHeadingIncrement, "heading %q jumps from level %d to %d; make it %s", s.Heading, prev, s.Level, strings.Repeat("#", prev+1))
		}
		prev = s.Level
	}
}

func (c *checker) summary() {
	if c.doc.Summary != nil {
		return
	}
	line := 1
	if fm := c.doc.Frontmatter; fm != nil {
		line = fm.EndLine + 1
	}
	for _, s := range c.doc.Sections {
		if s.Level >= 2 {
			line = s.StartLine
			break
		}
	}
	line = min(line, c.doc.LastLine())
	c.atLine(line, 1, RuleSummaryMissing, "no summary paragraph before the first `##` section; add a few sentences that say what the concept is and why it matters")
}

// placeholders reports template sample texts and handbook:todo comments.
// A section holding only a todo comment gets this one finding, not also
// section-empty.
func (c *checker) placeholders() {
	for _, p := range c.doc.Paragraphs {
		for _, ph := range templates.Placeholders {
			if strings.Contains(p.Text, ph) {
				c.at(p.Start, RulePlaceholder, "the template's sample text %q is still here; replace it with your own text", ph)
			}
		}
	}
	for _, cm := range c.doc.Comments {
		if !strings.Contains(cm.Text, templates.TodoMarker) {
			continue
		}
		s := c.doc.sectionAt(cm.Start)
		switch {
		case s == nil:
			c.at(cm.Start, RulePlaceholder, "%s comment left in the entry; write what it asks for and delete the comment", templates.TodoMarker)
		case s.Empty:
			c.at(cm.Start, RulePlaceholder, "section %q is not written yet; replace the %s comment with the section's text", s.Heading, templates.TodoMarker)
		case !c.doc.hasOwnText(s):
			// Only sub-sections, such as the generated references: the
			// section's own text is what the comment stands for.
			c.at(cm.Start, RulePlaceholder, "the text of section %q is still to write (it holds only sub-sections, such as the references); write it in place of the %s comment", s.Heading, templates.TodoMarker)
		default:
			c.at(cm.Start, RulePlaceholder, "section %q is written but still holds a %s comment; delete the comment", s.Heading, templates.TodoMarker)
		}
	}
}

// hasOwnText reports whether s has content of its own, before its first
// sub-section; comments do not count.
func (d *Document) hasOwnText(s *Section) bool {
	end := s.BodyEnd
	for i := range d.Sections {
		if t := &d.Sections[i]; t.Level > s.Level && t.HeadingStart >= s.BodyStart && t.HeadingStart < end {
			end = t.HeadingStart
		}
	}
	own := d.Src[s.BodyStart:end]
	for i := len(d.Comments) - 1; i >= 0; i-- {
		if cm := d.Comments[i]; cm.Start >= s.BodyStart && cm.End <= end {
			own = append(append([]byte{}, own[:cm.Start-s.BodyStart]...), own[cm.End-s.BodyStart:]...)
		}
	}
	return len(bytes.TrimSpace(own)) > 0
}

// sectionAt returns the innermost section whose body holds off.
func (d *Document) sectionAt(off int) *Section {
	var found *Section
	for i := range d.Sections {
		if s := &d.Sections[i]; off >= s.BodyStart && off < s.BodyEnd {
			found = s
		}
	}
	return found
}

func (c *checker) sections(required []string) {
	present := make([]*Section, len(required))
	maxIdx := -1
	for i := range c.doc.Sections {
		s := &c.doc.Sections[i]
		if s.Level >= 2 && s.Empty && !s.Placeholder {
			c.at(s.HeadingStart, RuleSectionEmpty, "section %q is empty; write its content or remove the heading", s.Heading)
		}
		if s.TemplateIndex < 0 {
			continue
		}
		present[s.TemplateIndex] = s
		if s.TemplateIndex < maxIdx {
			c.at(s.HeadingStart, RuleSectionOrder, "section %q must come before %q, as in the template; move it up", s.Heading, present[maxIdx].Heading)
		}
		maxIdx = max(maxIdx, s.TemplateIndex)
	}
	// A run of missing sections belongs at one place: one finding names
	// them all, at that place.
	for i := 0; i < len(required); {
		if present[i] != nil {
			i++
			continue
		}
		j := i
		for j+1 < len(required) && present[j+1] == nil {
			j++
		}
		line, where := c.missingPlace(present, i)
		if i == j {
			req := required[i]
			c.atLine(line, 1, RuleSectionMissing, "required section %q is missing; add a `## %s` section %s (%s)", req, req, where, matchHint(req))
		} else {
			names := required[i : j+1]
			heads := make([]string, len(names))
			for k, n := range names {
				heads[k] = "`## " + n + "`"
			}
			c.atLine(line, 1, RuleSectionMissing, "required sections %s are missing; add %s, in this order, %s", andList(quoteAll(names)), andList(heads), where)
		}
		i = j + 1
	}
}

// missingPlace is where the missing required section i belongs: after the
// previous required section the entry has (at the heading that follows it,
// or at its own heading when it is the last), else before the next required
// section it has, else before the first `##` section, else after the
// summary (draft's insertSection places it the same way). A heading line is never inside a code
// fence, and the end of the file is never the place.
func (c *checker) missingPlace(present []*Section, i int) (int, string) {
	var prev *Section
	for k := i - 1; k >= 0 && prev == nil; k-- {
		prev = present[k]
	}
	secs := c.doc.Sections
	if prev != nil {
		for k := range secs {
			if s := &secs[k]; s.HeadingStart > prev.HeadingStart && s.Level <= prev.Level {
				return s.StartLine, fmt.Sprintf("after %q, before %q", prev.Heading, s.Heading)
			}
		}
		return prev.StartLine, fmt.Sprintf("after %q", prev.Heading)
	}
	for k := i + 1; k < len(present); k++ {
		if next := present[k]; next != nil {
			return next.StartLine, fmt.Sprintf("before %q", next.Heading)
		}
	}
	for k := range secs {
		if secs[k].Level == 2 {
			return secs[k].StartLine, fmt.Sprintf("before %q", secs[k].Heading)
		}
	}
	if sum := c.doc.Summary; sum != nil {
		return sum.Line, "after the summary"
	}
	if fm := c.doc.Frontmatter; fm != nil {
		return min(fm.EndLine+1, c.doc.LastLine()), "after the frontmatter"
	}
	return 1, "at the start"
}

func quoteAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strconv.Quote(x)
	}
	return out
}

// andList joins "a", "b" and "c" the way a sentence does.
func andList(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// matchHint says which headings satisfy a template heading.
func matchHint(req string) string {
	lead := req
	if k := strings.Index(strings.ToLower(req), "this concept"); k >= 0 {
		lead = strings.TrimSpace(req[:k])
	}
	return fmt.Sprintf("any heading starting with %q matches", lead)
}

func (c *checker) fences() {
	for _, f := range c.doc.Fences {
		if f.Language == "" {
			c.at(f.Start, RuleCodeFenceLanguage, "code block has no language; name it after the opening fence (```python, ```bash, ```text)")
		}
	}
}
