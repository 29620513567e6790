package validate

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/handbook-dev/handbook/workspace"
	"github.com/handbook-dev/handbook/workspace/githistory"
	"github.com/handbook-dev/handbook/workspace/lang"
)

// edit is a change --fix makes to an entry: Src[start:end] becomes text.
type edit struct {
	start, end int
	text       string
	rule       string
	// relink writes a link target once the other edits inside it are
	// made (link-outside-docs: the code host's URL; see relinkEdits).
	relink func(target string) (string, bool)
}

// refRules are the rules that need the entry's references.
var refRules = []string{RuleRefMissing, RuleRefLines, RuleRefSymbol, RuleRefDrift, RuleRefChanged}

// refsOn reports whether any reference rule is on.
// ref-changed reports only with --changed-since: without it, it needs no
// references.
func (l *Linter) refsOn() bool {
	for _, r := range refRules {
		if _, on := l.severity[r]; on && (r != RuleRefChanged || l.since != "") {
			return true
		}
	}
	return false
}

// repoIndex returns the repository index, built on first use.
func (l *Linter) repoIndex() *repoIndex {
	l.repoOnce.Do(func() { l.repo = newRepoIndex(l.ws) })
	return l.repo
}

// references lists an entry's references to code (path is absolute),
// tentative ones included (see settle).
func (l *Linter) references(path string, doc *Document) []Ref {
	if !cites(doc) {
		return nil
	}
	x := l.repoIndex()
	return x.resolve(doc, x.rel(path), l.bareNames())
}

// cites reports whether an entry may cite code. One without inline
// code, links or imports cites nothing: the repository is not walked for
// it; nor for one whose frontmatter is not closed.
func cites(doc *Document) bool {
	if doc.Frontmatter != nil && doc.Frontmatter.EndLine == 0 {
		return false
	}
	return len(doc.spans()) > 0 || len(doc.imports()) > 0
}

// bareNamesAlways, when set (by tests), resolves bare names whatever the
// rules.
var bareNamesAlways bool

// bareNames reports whether bare names in inline code are resolved. A
// name defined once cites its definition, but only ref-drift and
// ref-changed (--changed-since) can say anything of it: the other rules
// hold by construction (it is where the definitions were looked up). So
// without them, names are not looked up, and lint without drift does not
// stat (or read) every source file of the repository for entries whose
// cited symbols are where they cite them.
func (l *Linter) bareNames() bool {
	if bareNamesAlways {
		return true
	}
	_, drift := l.severity[RuleRefDrift]
	_, changed := l.severity[RuleRefChanged]
	return drift || changed && l.since != ""
}

// wholeRepository reports whether a name that is not where an entry says
// is looked for in every source file of the repository, or only near the
// file or module cited (below its folder). Stating every source file to
// trust the definitions cache (3,700 on polar: several ms, most of a warm
// run) is worth it in a run that reads the history anyway (ref-drift, or
// --changed-since), not in lint without drift, which stays about as fast
// as lint was before the reference rules.
func (l *Linter) wholeRepository() bool { return wholeRepositoryAlways || l.bareNames() }

// nearLimit is how many sources below a cited file's or module's folder
// are looked at for where a name went, in a run that does not search the
// whole repository: a folder near the top (`server/polar/`) holds most of
// a repository's sources, and stating them all would be the whole
// repository's cost again. 0 (no limit) where the whole repository is
// searched anyway.
func (l *Linter) nearLimit() int {
	if l.wholeRepository() {
		return 0
	}
	return maxNearSources
}

const maxNearSources = 256

// wholeRepositoryAlways, set by tests of the repository-wide lookups, makes
// every run search the whole repository.
var wholeRepositoryAlways bool

// settle decides the tentative references: a missing path whose folder is
// missing too is a reference only when the history read for this run saw
// it deleted; else it is an example (`handbook/engineering/...`).
func (l *Linter) settle(refs []Ref) []Ref {
	out := refs[:0]
	for _, r := range refs {
		if r.maybe {
			removed := l.hist != nil && l.hist.State == githistory.OK && l.hist.Removed(r.Path)
			// A path one typo away from a path that exists is a reference
			// with a typo (`…/severty/service.py`), not an example.
			if !removed && l.nearMiss(r.Path) == "" {
				continue
			}
			r.maybe = false
		}
		out = append(out, r)
	}
	return out
}

// checkRefs runs the reference rules over an entry's references.
func (l *Linter) checkRefs(c *checker, refs []Ref) {
	entry := l.repoIndex().rel(c.path)
	// Places already told about their drift; nil when no history was read
	// (drift reports nothing then).
	var drifted map[refPlace]bool
	if l.hist != nil && l.hist.State == githistory.OK {
		drifted = make(map[refPlace]bool, len(refs))
	}
	repeat := repeatedCitations(c.doc, refs)
	for i := range refs {
		r := &refs[i]
		// The same place cited twice on a line (a link whose text is the
		// path) is reported once; both are still fixed.
		if repeat[i] {
			// Its findings are dropped: those waiting on a lookup are
			// never made (later still hears of the name).
			quiet := &checker{doc: c.doc, path: c.path, later: c.later}
			l.checkRef(quiet, entry, r, map[refPlace]bool{})
			c.edits = append(c.edits, quiet.edits...)
			continue
		}
		l.checkRef(c, entry, r, drifted)
	}
}

// checkRef runs the reference rules over one reference.
func (l *Linter) checkRef(c *checker, entry string, r *Ref, drifted map[refPlace]bool) {
	x := l.repoIndex()
	if r.Kind == refImport && r.Path == "" {
		c.at(r.Start, RuleRefMissing, "module `%s` is not in the repository: no %s.py or %s/__init__.py under its source root; fix the import or remove it",
			r.Module, strings.ReplaceAll(r.Module, ".", "/"), strings.ReplaceAll(r.Module, ".", "/"))
		return
	}
	ok, _ := x.exists(r.Path)
	if !ok {
		l.missing(c, r)
		return
	}
	// A file is read only when its lines or a name in it are checked.
	var f *codeFile
	if r.Line > 0 || r.Symbol != "" {
		f = x.file(r.Path)
	}
	if r.Line > 0 && r.Kind == refPath && f != nil && !f.large && !f.binary {
		if !f.hasLine(r.Line) || !f.hasLine(r.EndLine) || r.EndLine < r.Line {
			what := fmt.Sprintf("line %d is", r.Line)
			if r.EndLine != r.Line {
				what = fmt.Sprintf("lines %d-%d are", r.Line, r.EndLine)
			}
			if r.EndLine < r.Line {
				c.at(r.Start, RuleRefLines, "line range %d-%d of `%s` ends before it starts; write start-end", r.Line, r.EndLine, r.Path)
			} else if !l.symbolFix(c, r, f) {
				c.at(r.Start, RuleRefLines, "`%s` has %d lines, so %s past its end; cite lines that exist", r.Path, f.lineCount(), what)
			}
			return
		}
	}
	symbolReported := false
	if r.Symbol != "" && f != nil && !f.large && !f.binary {
		before := len(c.out)
		switch r.Kind {
		case refPath:
			l.symbolAtPath(c, r, f)
		case refImport:
			l.importedSymbol(c, r, f)
		}
		symbolReported = len(c.out) > before
	}
	if key := driftKey(r); drifted != nil && !drifted[key] {
		drifted[key] = true
		// A symbol found on the cited lines anchors them better than
		// history does (an entry merged from a branch was written against
		// that branch's code): either way the lines need no moving.
		anchored := symbolReported || r.Symbol != "" && r.Kind == refPath && f != nil && !f.large && !f.binary
		l.drift(c, entry, r, anchored)
	}
	l.changed(c, r)
}

// refPlace is a cited file, folder or line range.
type refPlace struct {
	path          string
	line, endLine int
}

// driftKey is the place whose drift a reference is told about: its lines,
// or the whole file for an import or a reference without lines.
func driftKey(r *Ref) refPlace {
	if r.Line == 0 || r.Kind == refImport {
		return refPlace{path: r.Path}
	}
	return refPlace{r.Path, r.Line, r.EndLine}
}

// missing reports a path that does not exist, with where it went when git
// history (renames since the entry's last edit) or a unique file of the
// same name tells.
func (l *Linter) missing(c *checker, r *Ref) {
	x := l.repoIndex()
	kind := "file"
	if r.Dir {
		kind = "folder"
	}
	if !l.reported(c, r.Start, RuleRefMissing) {
		// Off or suppressed: where the path went (renames, the listing,
		// near names) is not looked for; the finding is dropped anyway.
		c.at(r.Start, RuleRefMissing, "%s `%s` does not exist", kind, r.Path)
		return
	}
	to, how := l.movedTo(r.Path)
	switch {
	case to != "" && r.form != formNone:
		c.at(r.Start, RuleRefMissing, "%s `%s` does not exist: %s `%s`; run `handbook lint --fix` to update the reference", kind, r.Path, how, to)
		c.edits = append(c.edits, edit{start: r.PathStart, end: r.PathEnd, text: l.writePath(c, r, to), rule: RuleRefMissing})
	case to != "":
		c.at(r.Start, RuleRefMissing, "%s `%s` does not exist: %s `%s`; update the reference", kind, r.Path, how, to)
	default:
		hint := "fix the path or remove the reference"
		if _, dir := x.exists(path.Dir(r.Path)); !dir && path.Dir(r.Path) != "." {
			hint = fmt.Sprintf("folder `%s` does not exist either; %s", path.Dir(r.Path), hint)
		}
		c.at(r.Start, RuleRefMissing, "%s `%s` does not exist; %s", kind, r.Path, hint)
	}
}

// movedTo says where a missing path went: git's rename detection over the
// history since the oldest entry's last edit, else the one file git lists
// with the same name.
func (l *Linter) movedTo(p string) (to, how string) {
	if h := l.hist; h != nil && h.State == githistory.OK {
		l.renamesOnce.Do(func() {
			var asked bool
			if l.renames, asked = h.Moved(); !asked {
				l.renames, _ = h.Renames(l.ctx(), l.ws.Root, l.missingPaths)
			}
		})
		if to, ok := l.renames[p]; ok && to != "" {
			if ok, _ := l.repoIndex().exists(to); ok {
				return to, "git renamed it to"
			}
		}
	}
	if same := l.repoIndex().sameName(path.Base(p)); len(same) == 1 {
		return same[0], "the only file of that name is"
	}
	if near := l.nearMiss(p); near != "" {
		return near, "the path one typo away is"
	}
	return "", ""
}

// nearMiss finds the path an entry most likely meant when p does not
// exist: p with its first missing folder or file name replaced by the one
// name beside it that is a typo away (one letter, two in a name of five or
// more), when that whole path exists. "" when none, or several, would do.
// Each path is looked at once a run (entries of a handbook written long
// ago cite the same missing paths, and settle asks before missing does).
func (l *Linter) nearMiss(p string) string {
	l.nearMu.Lock()
	near, ok := l.nearMisses[p]
	l.nearMu.Unlock()
	if ok {
		return near
	}
	near = l.findNearMiss(p)
	l.nearMu.Lock()
	if l.nearMisses == nil {
		l.nearMisses = map[string]string{}
	}
	l.nearMisses[p] = near
	l.nearMu.Unlock()
	return near
}

func (l *Linter) findNearMiss(p string) string {
	x := l.repoIndex()
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		if ok, _ := x.exists(strings.Join(segs[:i+1], "/")); ok {
			continue
		}
		names, ok := l.folderNames(strings.Join(segs[:i], "/"))
		if !ok {
			return ""
		}
		name := closestUnique(seg, names, strings.HasPrefix(seg, "."))
		if name == "" {
			return ""
		}
		fixed := append(append(segs[:i:i], name), segs[i+1:]...)
		if ok, _ := x.exists(strings.Join(fixed, "/")); ok {
			return strings.Join(fixed, "/")
		}
		return ""
	}
	return ""
}

// folderNames lists the names in a folder of the working tree (rel from
// the root), once a run: the missing paths of a handbook mostly sit in a
// few folders. false when it cannot be listed or holds more than
// maxNearMissNames names.
func (l *Linter) folderNames(rel string) ([]string, bool) {
	l.nearMu.Lock()
	names, ok := l.folders[rel]
	l.nearMu.Unlock()
	if ok {
		return names, names != nil
	}
	// Unsorted: closestUnique's answer does not depend on the order.
	if d, err := os.Open(filepath.Join(l.ws.Root, filepath.FromSlash(rel))); err == nil {
		all, err := d.Readdirnames(maxNearMissNames + 1)
		d.Close()
		switch {
		case err == io.EOF:
			names = []string{}
		case err == nil && len(all) <= maxNearMissNames:
			names = all
		}
	}
	l.nearMu.Lock()
	if l.folders == nil {
		l.folders = map[string][]string{}
	}
	l.folders[rel] = names
	l.nearMu.Unlock()
	return names, names != nil
}

// maxNearMissNames bounds the folder a typo is looked for in.
const maxNearMissNames = 10000

// closestUnique is the one name within a typo of name, "" when there is
// none or more than one at the smallest distance: within one edit, or
// within two (a name of five letters or more) when none is within one.
// Hidden names (a leading dot) are candidates only when dotted is set (a
// folder's hidden files are no guess for a name without the dot).
func closestUnique(name string, names []string, dotted bool) string {
	maxDist := 1
	if utf8.RuneCountInString(name) >= 5 {
		maxDist = 2
	}
	var one, two string // the name within one edit, within two
	var oneFound, twoFound, twoTied bool
	for _, n := range names {
		if !dotted && strings.HasPrefix(n, ".") {
			continue
		}
		limit := maxDist
		if oneFound {
			limit = 1
		}
		d := workspace.EditDistanceWithin(name, n, limit)
		switch {
		case d <= 1 && !oneFound:
			one, oneFound = n, true
		case d <= 1 && n != one:
			return "" // two names as close: no guess
		case d == 2 && !twoFound:
			two, twoFound = n, true
		case d == 2 && n != two:
			twoTied = true
		}
	}
	switch {
	case oneFound:
		return one
	case twoFound && !twoTied && maxDist >= 2:
		return two
	}
	return ""
}

// writePath writes a repository path the way the reference wrote its
// path: plain, relative to the entry's folder, or as a URL path.
func (l *Linter) writePath(c *checker, r *Ref, to string) string {
	switch r.form {
	case formRelative:
		rel := relPath(path.Dir(l.ws.Rel(c.path)), to)
		return pathEscape(rel)
	case formURL:
		return pathEscape(to)
	}
	return to
}

func pathEscape(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(urlPathSegment(s), "+", "%2B")
	}
	return strings.Join(segs, "/")
}

func urlPathSegment(s string) string {
	var sb strings.Builder
	for _, b := range []byte(s) {
		if b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("-._~!$&'*+,;=:@", b) >= 0 || b >= 0x80 {
			sb.WriteByte(b)
		} else {
			fmt.Fprintf(&sb, "%%%02X", b)
		}
	}
	return sb.String()
}

// relPath is to relative to the folder from (both repository paths).
func relPath(from, to string) string {
	if from == "." {
		return to
	}
	f := strings.Split(from, "/")
	t := strings.Split(to, "/")
	i := 0
	for i < len(f) && i < len(t)-1 && f[i] == t[i] {
		i++
	}
	return strings.Repeat("../", len(f)-i) + strings.Join(t[i:], "/")
}

// symbolAtPath checks that the symbol named next to a path is there: on
// the cited lines when there are some, else anywhere in the file.
func (l *Linter) symbolAtPath(c *checker, r *Ref, f *codeFile) {
	name := lastPart(r.Symbol)
	if r.Line == 0 {
		if f.mentioned(name) {
			return
		}
		l.symbolElsewhere(c, r, name)
		return
	}
	for n := r.Line; n <= r.EndLine; n++ {
		if hasWord(f.line(n), name) {
			return
		}
	}
	if !l.symbolFix(c, r, f) {
		l.symbolElsewhere(c, r, name)
	}
}

// symbolFix reports a symbol that moved within its file and records the
// re-anchoring edit; false when the file does not hold the symbol.
func (l *Linter) symbolFix(c *checker, r *Ref, f *codeFile) bool {
	if r.Symbol == "" {
		return false
	}
	name := lastPart(r.Symbol)
	at, ok := f.nearestDefinition(name, r.Line)
	if !ok {
		lines := f.mentions(name)
		if len(lines) == 0 {
			return false
		}
		at = lines[0]
		for _, n := range lines { // the nearest to where it was
			if abs(n-r.Line) < abs(at-r.Line) {
				at = n
			}
		}
	}
	span := max(r.EndLine-r.Line, 0)
	newEnd := min(at+span, f.lineCount())
	where := strconv.Itoa(at)
	if span > 0 {
		where = fmt.Sprintf("%d-%d", at, newEnd)
	}
	c.at(r.Start, RuleRefSymbol, "%s is at %s:%s, not %s; run `handbook lint --fix` to re-anchor the reference", r.Symbol, r.Path, where, lineText(r.Line, r.EndLine))
	if r.LineStart >= 0 {
		c.edits = append(c.edits, edit{start: r.LineStart, end: r.LineEnd, text: formatLines(r.lineStyle, at, newEnd, span > 0), rule: RuleRefSymbol})
	}
	return true
}

func lineText(start, end int) string {
	if end > start {
		return fmt.Sprintf("lines %d-%d", start, end)
	}
	return fmt.Sprintf("line %d", start)
}

// formatLines writes a line or range in the reference's own style.
func formatLines(style byte, start, end int, isRange bool) string {
	if !isRange {
		if style == ':' {
			return strconv.Itoa(start)
		}
		return "L" + strconv.Itoa(start)
	}
	switch style {
	case ':':
		return fmt.Sprintf("%d-%d", start, end)
	case 'g':
		return fmt.Sprintf("L%d-%d", start, end)
	}
	return fmt.Sprintf("L%d-L%d", start, end)
}

// symbolElsewhere reports a symbol that is not in the cited file, with
// where it is defined when that is one place.
func (l *Linter) symbolElsewhere(c *checker, r *Ref, name string) {
	if !l.reported(c, r.Start, RuleRefSymbol) {
		// Off or suppressed: the repository is not searched for the name;
		// the finding is still made (symbolReported anchors drift).
		c.at(r.Start, RuleRefSymbol, "%s is not in `%s`", r.Symbol, r.Path)
		return
	}
	l.whereDefined(c, r, name, func(defs []defAt, _ bool) {
		if len(defs) == 1 {
			c.at(r.Start, RuleRefSymbol, "%s is not in `%s`; it is defined at %s:%d; cite that", r.Symbol, r.Path, defs[0].path, defs[0].line)
			return
		}
		if near := l.nearName(r.Path, name); near != "" {
			c.at(r.Start, RuleRefSymbol, "%s is not in `%s`; did you mean %s? fix the name or the path", r.Symbol, r.Path, near)
			return
		}
		c.at(r.Start, RuleRefSymbol, "%s is not in `%s`; fix the name or the path", r.Symbol, r.Path)
	})
}

// whereDefined calls report with where name, which is not where r says,
// is defined. A name that left a file most often went to a file beside
// it, and an imported one the module lacks is most likely one below the
// module's folder: so the definitions below r.Path's folder, in its
// language family (near), are the answer when there are any, even where
// the name is defined elsewhere too (two there are two in the repository:
// no one place). Only when there is none there is every source file
// looked at (near false), and only where lint reads the history anyway
// (wholeRepository); else the answer is none.
func (l *Linter) whereDefined(c *checker, r *Ref, name string, report func(defs []defAt, near bool)) {
	var below []defAt
	if dir := path.Dir(r.Path); dir != "." {
		below = l.repoIndex().defsNear(dir, name, r.Path, l.nearLimit())
	}
	if len(below) > 0 || !l.wholeRepository() {
		report(below, true)
		return
	}
	l.withDefs(c, name, func(defs []defAt) { report(defs, false) })
}

// nearName is the one name the file at rel defines that is a typo away
// from name (get_by_nam for get_by_name), "" when none or several are.
// The answer is kept as the line of that definition, a question like the
// others the caches keep, so a warm run reads nothing for it.
func (l *Linter) nearName(rel, name string) string {
	lg := lang.Of(rel)
	if lg == nil || !lg.HasDefinitions() {
		return ""
	}
	f := l.repoIndex().file(rel)
	if f == nil || f.large || f.binary {
		return ""
	}
	at := f.ask(question('t', name, 0), func() []int {
		var names []string
		lines := map[string]int{}
		for _, d := range lg.Definitions(f.text()) {
			if _, seen := lines[d.Name]; !seen && d.Name != name {
				names = append(names, d.Name)
				lines[d.Name] = d.Line
			}
		}
		if near := closestUnique(name, names, true); near != "" {
			return []int{lines[near]}
		}
		return []int{}
	})
	if len(at) == 0 {
		return ""
	}
	line := f.line(at[0])
	if s, e, _ := lg.Definition(line); s >= 0 {
		return string(line[s:e])
	}
	return ""
}

// importedSymbol checks that an imported name is defined in (or
// re-exported by, or a submodule of) the module it is imported from.
func (l *Linter) importedSymbol(c *checker, r *Ref, f *codeFile) {
	x := l.repoIndex()
	name := lastPart(r.Symbol)
	if f.defines(name) {
		return
	}
	if strings.HasSuffix(r.Path, ".py") {
		if f, _ := x.pyModule(r.Module + "." + name); f != "" {
			return // a submodule
		}
		if f.reexports(name) {
			return
		}
	} else if f.mentioned(name) {
		return // TS/JS: re-exports take many forms; a mention is enough
	}
	at := r.Start
	if r.symbolAt > 0 {
		at = r.symbolAt
	}
	if !l.reported(c, at, RuleRefSymbol) {
		// Off or suppressed: the repository is not searched for the name.
		c.at(at, RuleRefSymbol, "%s is not defined in %s (`%s`)", name, r.Module, r.Path)
		return
	}
	// Only a definition in a language that can import from r.Path's is
	// where the name may have gone (a TypeScript Settings is not what a
	// Python import means): those below the module's folder are of that
	// family already.
	l.whereDefined(c, r, name, func(defs []defAt, near bool) {
		if !near {
			defs = slices.DeleteFunc(slices.Clone(defs), func(d defAt) bool { return !lang.SameFamily(d.path, r.Path) })
		}
		if len(defs) == 1 {
			where := defs[0].path
			if mod := x.moduleOf(where); mod != "" {
				where = mod + ", " + where
			}
			c.at(at, RuleRefSymbol, "%s is not defined in %s (`%s`); %s is defined in %s:%d", name, r.Module, r.Path, name, where, defs[0].line)
			return
		}
		if near := l.nearName(r.Path, name); near != "" {
			c.at(at, RuleRefSymbol, "%s is not defined in %s (`%s`); did you mean %s? fix the import", name, r.Module, r.Path, near)
			return
		}
		c.at(at, RuleRefSymbol, "%s is not defined in %s (`%s`); fix the import", name, r.Module, r.Path)
	})
}

// reexports reports whether a Python module imports name (and so makes it
// importable from itself), including inside `from x import (…)` blocks.
func (f *codeFile) reexports(name string) bool {
	return len(f.ask(question('r', name, 0), func() []int { return boolAnswer(reexports(f.text(), name)) })) > 0
}

func reexports(src []byte, name string) bool {
	inBlock := false
	for _, line := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(line)
		starts := strings.HasPrefix(t, "from ") || strings.HasPrefix(t, "import ")
		if (starts || inBlock) && hasWord([]byte(t), name) {
			return true
		}
		if starts && strings.Contains(t, "(") && !strings.Contains(t, ")") {
			inBlock = true
		} else if inBlock && strings.Contains(t, ")") {
			inBlock = false
		}
	}
	return false
}

func lastPart(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// drift reports code an entry cites that changed after the entry's last
// edit, and records the re-anchoring of a line range whose lines moved.
// When the reference's symbol anchors it (found on the cited lines, or
// ref-symbol already re-anchors it), a move is not reported.
func (l *Linter) drift(c *checker, entry string, r *Ref, anchored bool) {
	d, ok := l.driftOf(entry, r)
	if !ok {
		return
	}
	start, end := r.Line, r.EndLine
	if r.Kind == refImport {
		start, end = 0, 0
	}
	if r.Kind == refName {
		d.Gone = false
	}
	moved := r.Kind == refPath && start > 0 && !d.Gone && !anchored && (d.Start != start || d.End != end)
	// Lines without a symbol move only where their text says they went:
	// history alone has re-anchored them wrongly (an entry merged from a
	// branch, a diff that aligned repeated lines its own way).
	unsure := ""
	if moved && r.Symbol == "" {
		if ns, ne, why := l.findCitedLines(entry, r, d); why == "" {
			d.Start, d.End = ns, ne
			moved = ns != start || ne != end
		} else {
			moved, unsure = false, why
		}
	}
	if moved && r.LineStart >= 0 && r.Kind == refPath {
		c.edits = append(c.edits, edit{start: r.LineStart, end: r.LineEnd, text: formatLines(r.lineStyle, d.Start, d.End, end > start), rule: RuleRefDrift})
	}
	if d.Commits == 0 {
		switch {
		case moved && r.Kind == refPath:
			c.at(r.Start, RuleRefDrift, "`%s` %s moved to %s since this entry was last edited; run `handbook lint --fix` to re-anchor the reference",
				r.Path, lineText(start, end), lineText(d.Start, d.End))
		case unsure != "":
			c.at(r.Start, RuleRefDrift, "`%s` %s moved since this entry was last edited, but %s; not re-anchored: find the lines and cite them by hand",
				r.Path, lineText(start, end), unsure)
		}
		return
	}
	what := "`" + r.Path + "`"
	switch {
	case r.Kind == refName:
		what = fmt.Sprintf("%s (`%s:%d`)", r.Symbol, r.Path, r.Line)
	case start > 0:
		what = fmt.Sprintf("`%s` %s", r.Path, lineText(start, end))
	}
	commits := "1 commit"
	if d.Commits > 1 {
		commits = fmt.Sprintf("%d commits", d.Commits)
	}
	n := d.Newest
	subject := n.Subject
	if utf8.RuneCountInString(subject) > 60 {
		subject = string([]rune(subject)[:57]) + "..."
	}
	newest := fmt.Sprintf("newest %s %s %q", n.Short(), n.Time.Format("2006-01-02"), subject)
	msg := fmt.Sprintf("%s changed in %s since this entry was last edited (+%d -%d lines), %s; check the entry still holds and edit it",
		what, commits, d.Added, d.Deleted, newest)
	if start > 0 {
		// The lines are known to have changed; the commits are the file's.
		msg = fmt.Sprintf("%s changed since this entry was last edited (+%d -%d lines); the file changed in %s since, %s; check the entry still holds and edit it",
			what, d.Added, d.Deleted, commits, newest)
	}
	switch {
	case d.Gone:
		msg += "; the cited lines were deleted"
	case moved:
		msg += fmt.Sprintf("; the lines are now %d-%d", d.Start, d.End)
	case unsure != "":
		msg += fmt.Sprintf("; not re-anchored: %s", unsure)
	}
	c.at(r.Start, RuleRefDrift, "%s", msg)
}

// driftOf is what changed in the code r cites since entry was last
// edited, as ref-drift and status count it: the cited lines, a module
// imported whole, a name's definition as the file is now; nothing (false)
// without the history, or for a cited folder that holds the entries (it
// changes with every entry).
func (l *Linter) driftOf(entry string, r *Ref) (githistory.Drift, bool) {
	h := l.hist
	if h == nil || h.State != githistory.OK || l.holdsEntries(r.Path) {
		return githistory.Drift{}, false
	}
	start, end := r.Line, r.EndLine
	if r.Kind == refImport {
		start, end = 0, 0
	}
	since := h.Since
	if r.Kind == refName {
		since = h.SinceNow // a definition found in the file as it is now
	}
	return since(entry, r.Path, start, end)
}

// holdsEntries reports whether a cited folder holds the handbook's entries
// (`handbook/`): every edit of an entry changes it, which is no drift.
func (l *Linter) holdsEntries(p string) bool {
	sec := l.repoIndex().section
	return p == sec || strings.HasPrefix(sec, p+"/") || strings.HasPrefix(p, sec+"/")
}

// changed reports a reference whose code the changes since --changed-since
// touch (new-side lines of `git diff -U0 REV`).
func (l *Linter) changed(c *checker, r *Ref) {
	if l.changes == nil {
		return
	}
	fc := l.changes[r.Path]
	var paths []string
	if fc == nil && r.Dir {
		for p := range l.changes {
			if strings.HasPrefix(p, r.Path+"/") && !lang.TestOfFolder(r.Path, p) {
				paths = append(paths, p)
			}
		}
		if len(paths) == 0 {
			return
		}
		slices.Sort(paths)
		c.at(r.Start, RuleRefChanged, "the changes since %s touch `%s` (%d files), which this entry explains; check the entry still holds", l.since, r.Path, len(paths))
		return
	}
	if fc == nil {
		return
	}
	added, deleted := fc.Added, fc.Deleted
	if r.Line > 0 && r.Kind == refPath {
		added, deleted = 0, 0
		touched := false
		for _, hk := range fc.Hunks {
			lo, hi := hk.NewStart, hk.NewStart+hk.NewLines-1
			if hk.NewLines == 0 { // a deletion after line NewStart
				lo = hk.NewStart + 1
				if lo > r.Line && lo <= r.EndLine {
					touched = true
					deleted += hk.OldLines
				}
				continue
			}
			if lo <= r.EndLine && hi >= r.Line {
				touched = true
				added += hk.NewLines
				deleted += hk.OldLines
			}
		}
		if !touched {
			return
		}
	}
	what := "`" + r.Path + "`"
	if r.Line > 0 && r.Kind == refPath {
		what = fmt.Sprintf("`%s` %s", r.Path, lineText(r.Line, r.EndLine))
	}
	c.at(r.Start, RuleRefChanged, "the changes since %s touch %s (+%d -%d lines), which this entry explains; check the entry still holds", l.since, what, added, deleted)
}

// findCitedLines finds where a plain path:line reference's lines are now:
// its lines as they were at the entry's last commit (read from git), found
// once in the file as it is; or, when the range was edited inside, at the
// place history maps it to if its first and last lines are there. why
// says what stopped it ("" when found).
func (l *Linter) findCitedLines(entry string, r *Ref, d githistory.Drift) (start, end int, why string) {
	c, _ := l.hist.LastEdit(entry)
	if c == nil {
		return 0, 0, "this entry's last commit is unknown"
	}
	when := fmt.Sprintf("as of %s, this entry's last edit", c.Short())
	blob, err := l.blobReader().Read(c.Hash, r.Path, maxCodeFile)
	if err != nil {
		return 0, 0, fmt.Sprintf("its lines %s could not be read from git (%v)", when, err)
	}
	was := splitLines(blob)
	if r.EndLine > len(was) {
		return 0, 0, fmt.Sprintf("the file had %d lines %s", len(was), when)
	}
	cited := was[r.Line-1 : r.EndLine]
	f := l.repoIndex().file(r.Path)
	if f == nil || f.large || f.binary {
		return 0, 0, "the file cannot be read as text"
	}
	now := splitLines(f.text())
	var at []int
	for i := 0; i+len(cited) <= len(now); i++ {
		if slices.EqualFunc(now[i:i+len(cited)], cited, bytes.Equal) {
			at = append(at, i+1)
		}
	}
	switch {
	case len(at) == 1:
		return at[0], at[0] + len(cited) - 1, ""
	case len(at) > 1:
		return 0, 0, fmt.Sprintf("the lines it cited (%s) are in the file %d times", when, len(at))
	}
	// Edited inside: its first and last lines where history puts them.
	if d.Start >= 1 && d.End <= len(now) && d.End > d.Start &&
		bytes.Equal(now[d.Start-1], cited[0]) && bytes.Equal(now[d.End-1], cited[len(cited)-1]) {
		return d.Start, d.End, ""
	}
	return 0, 0, fmt.Sprintf("the lines it cited (%s) are no longer in the file as they were", when)
}

// splitLines splits text into its lines, without their newlines.
func splitLines(text []byte) [][]byte {
	lines := bytes.Split(text, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// blobReader is the run's reader of files as they were, started on need.
func (l *Linter) blobReader() *githistory.Blobs {
	l.blobsOnce.Do(func() { l.blobs = githistory.NewBlobs(l.ctx(), l.ws.Root, "") })
	return l.blobs
}

// closeBlobs ends the reader's git, if one was started.
func (l *Linter) closeBlobs() {
	l.blobsOnce.Do(func() {}) // none from now on
	if l.blobs != nil {
		l.blobs.Close()
	}
}

// repeatedCitations tells, for each of refs, whether an earlier one on the
// same line of doc cites the same place and symbol. The references are
// sorted by what they cite: a map keyed by all of it was an allocation of
// 1.2 KB an entry, and hashing its two strings and three numbers for each
// reference cost more than the few comparisons of the sort.
func repeatedCitations(doc *Document, refs []Ref) []bool {
	repeat := make([]bool, len(refs))
	if len(refs) < 2 {
		return repeat
	}
	lines := make([]int, len(refs))
	order := make([]int, len(refs))
	for i := range refs {
		lines[i], _ = doc.Position(refs[i].Start)
		order[i] = i
	}
	same := func(a, b int) int {
		ra, rb := &refs[a], &refs[b]
		switch {
		case lines[a] != lines[b]:
			return cmp.Compare(lines[a], lines[b])
		case ra.Path != rb.Path:
			return strings.Compare(ra.Path, rb.Path)
		case ra.Line != rb.Line:
			return cmp.Compare(ra.Line, rb.Line)
		case ra.EndLine != rb.EndLine:
			return cmp.Compare(ra.EndLine, rb.EndLine)
		}
		return strings.Compare(ra.Symbol, rb.Symbol)
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := same(a, b); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for k := 1; k < len(order); k++ {
		if same(order[k-1], order[k]) == 0 {
			repeat[order[k]] = true
		}
	}
	return repeat
}
