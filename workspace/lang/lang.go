// Package lang is what handbook knows about programming languages: which
// fence name a file's code takes in Markdown, where comments start, and which
// lines define a name. explore ranks files by these facts and validate checks
// an entry's code references with them; both import this one home so the two
// never disagree about what a definition is.
//
// The knowledge is line-based on purpose: definitions start a line in every
// language handbook users write backends in, so a few anchored patterns find
// them without a parser per language, in one pass over bytes already read.
package lang

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// Lang is what the line classifier needs to know about a file's language.
type Lang struct {
	// Name is the language of a fenced code block showing the file's code.
	Name string
	// Comment lists the markers that start a comment on a line; "*" counts
	// only at the start of a line (a block comment's continuation).
	Comment []string
	// defs find a line that defines a name.
	defs *defSet
	// Prose is true for documentation formats: every line is prose.
	Prose bool
	// PyDoc is true where triple-quoted strings are docstrings.
	PyDoc bool
	// keywords are the language's reserved words that are also English
	// words a concept may hold (export, import, package): in code they
	// are syntax, not a mention of the concept.
	keywords []string
}

// Keyword reports whether b[s:e] is, as a whole token, one of the
// language's keywords that are also English words (export in
// "export class", not in exportData).
func (l *Lang) Keyword(b []byte, s, e int) bool {
	if l.keywords == nil || e-s < 2 || s > 0 && (isWordByte(b[s-1]) || isMemberMark(b[s-1])) || e < len(b) && (isWordByte(b[e]) || b[e] == ':' || b[e] == '-') {
		return false
	}
	for _, k := range l.keywords {
		if string(b[s:e]) == k {
			return true
		}
	}
	return false
}

// isMemberMark reports a byte before a name that makes it a member, a
// variable or a key rather than a keyword (obj.delete, $type, ->import,
// Foo::class, @export, --package, #type).
func isMemberMark(c byte) bool {
	switch c {
	case '.', '$', '>', ':', '@', '-', '#', '\'', '"', '`':
		return true
	}
	return false
}

// AllKeywords lists the keywords Keyword knows in any language, so that a
// caller can tell once whether a concept could ever meet one.
func AllKeywords() []string {
	var out []string
	seen := map[string]bool{}
	for _, set := range [][]string{keywordsScript, keywordsPython, keywordsGo, keywordsClike, keywordsRuby, keywordsElixir} {
		for _, k := range set {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	return out
}

// Keywords that are also words of concepts, by language family. They are
// lists, not sets, so that they (and the languages that hold them) are laid
// out by the compiler instead of built when the package initialises, which
// every command, handbook --version included, paid for; Keyword only asks
// about the words of a concept that are keywords somewhere.
var (
	keywordsScript = []string{"export", "import", "default", "extends", "implements", "interface", "type", "enum", "async", "await", "yield", "package", "declare", "abstract", "static", "public", "private", "protected", "readonly", "module", "namespace", "require", "function", "class"}
	keywordsPython = []string{"import", "class", "def", "lambda", "global", "async", "await", "yield", "raise", "assert", "except"}
	keywordsGo     = []string{"import", "package", "type", "interface", "func", "defer", "range", "struct", "map", "chan", "select", "const", "var", "fallthrough", "default"}
	keywordsClike  = []string{"import", "package", "namespace", "use", "class", "interface", "extends", "implements", "public", "private", "protected", "static", "abstract", "final", "function", "trait", "enum", "struct", "impl", "throws"}
	keywordsRuby   = []string{"def", "class", "module", "require", "include", "extend", "end", "rescue", "ensure", "private", "protected", "public"}
	keywordsElixir = []string{"defmodule", "def", "defp", "import", "alias", "require", "use"}
)

// defPattern is a definition pattern (the last submatch is the name) and
// what a line must have for it to match, checked before the regexp runs:
// the line's first word (after indentation) is one of first (any word when
// nil), at column 0 if col0, and the line holds '=' if eq. Most lines that
// hold a concept's words fail these tests, and the regexps are the
// costliest step of scoring a file.
type defPattern struct {
	expr  string
	first []string
	fold  bool // first is compared ASCII case-insensitively
	col0  bool
	eq    bool
	re    *regexp.Regexp
	// match, when set, is expr written by hand: the bounds of the match
	// (from 0) and of the name, or -1s. Python's patterns run on every
	// definition line of every file the reference checks index, and the
	// regexps were most of that time.
	match func(head []byte) (start, ns, ne int)
}

// defSet is a language's definition patterns, compiled on first use: a
// command that never classifies lines (handbook --version, new) does not
// pay for compiling them.
type defSet struct {
	once     sync.Once
	patterns []defPattern
}

func (d *defSet) compiled() []defPattern {
	d.once.Do(func() {
		for i := range d.patterns {
			d.patterns[i].re = regexp.MustCompile(d.patterns[i].expr)
		}
	})
	return d.patterns
}

const reIdent = `([A-Za-z_$][\w$]*)`

var (
	defsPython = &defSet{patterns: []defPattern{
		{expr: `^\s*(?:async\s+)?def\s+` + reIdent, first: []string{"async", "def"}, match: matchPyDef},
		{expr: `^\s*class\s+` + reIdent, first: []string{"class"}, match: matchPyClass},
		{expr: `^` + reIdent + `\s*(?::[^=]*)?=[^=]`, col0: true, eq: true, match: matchPyAssign},
	}}
	defsGo = &defSet{patterns: []defPattern{
		{expr: `^func\s+(?:\([^)]*\)\s*)?` + reIdent, first: []string{"func"}, col0: true},
		{expr: `^\s*type\s+` + reIdent, first: []string{"type"}},
		{expr: `^\s*(?:var|const)\s+` + reIdent, first: []string{"var", "const"}},
	}}
	defsTS = &defSet{patterns: []defPattern{
		{expr: `^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|interface|type|enum|namespace|function\*?)\s+` + reIdent,
			first: []string{"export", "default", "declare", "abstract", "async", "class", "interface", "type", "enum", "namespace", "function"}, match: matchTSDecl},
		{expr: `^(?:export\s+)?(?:const|let|var)\s+` + reIdent + `\s*(?::[^=]*)?=`, first: []string{"export", "const", "let", "var"}, eq: true, col0: true, match: matchTSVar},
	}}
	// Elixir: a module's name is its last segment (Hexpm.Accounts.Key
	// defines Key), functions and macros public or private.
	defsElixir = &defSet{patterns: []defPattern{
		{expr: `^\s*defmodule\s+(?:[A-Z]\w*\.)*([A-Z]\w*)`, first: []string{"defmodule"}},
		{expr: `^\s*(?:def|defp|defmacro|defmacrop|defguard|defdelegate)\s+([a-z_][\w]*[?!]?)`, first: []string{"def", "defp", "defmacro", "defmacrop", "defguard", "defdelegate"}},
	}}
	// Ruby: def self.name defines name, a class method (the generic
	// pattern took self for the name). A namespaced class (class
	// Rule::Condition) still defines its first segment, as the generic
	// pattern has it: see bench/relevance/README.md for what its last
	// segment did to the ranking.
	defsRuby = &defSet{patterns: []defPattern{
		{expr: `^\s*(?:class|module)\s+([A-Za-z_]\w*)`, first: []string{"class", "module"}},
		{expr: `^\s*(?:(?:private|protected|public)\s+)?def\s+(?:self\.)?([A-Za-z_]\w*)`, first: []string{"private", "protected", "public", "def"}},
	}}
	defsGeneric = &defSet{patterns: []defPattern{
		{expr: `^\s*(?:(?:pub(?:\([^)]*\))?|public|private|protected|internal|static|final|abstract|sealed|data|open|export|async)\s+)*(?:class|interface|struct|enum|trait|impl|fn|fun|func|def|function|record|object|type|module)\s+` + reIdent,
			first: []string{"pub", "public", "private", "protected", "internal", "static", "final", "abstract", "sealed", "data", "open", "export", "async",
				"class", "interface", "struct", "enum", "trait", "impl", "fn", "fun", "func", "def", "function", "record", "object", "type", "module"}},
		{expr: `(?i)^\s*create\s+(?:or\s+replace\s+)?(?:table|index|unique\s+index|view|function|type|trigger)\s+(?:if\s+not\s+exists\s+)?"?([A-Za-z_][\w.]*)`,
			first: []string{"create"}, fold: true},
	}}
)

var (
	python = &Lang{Name: "python", Comment: []string{"#"}, defs: defsPython, PyDoc: true, keywords: keywordsPython}
	golang = &Lang{Name: "go", Comment: []string{"//", "/*"}, defs: defsGo, keywords: keywordsGo}
	// Text is the language of files with an unknown extension: the
	// common comment markers and the generic definition keywords.
	Text = &Lang{Name: "text", Comment: []string{"#", "//"}, defs: defsGeneric}
)

var (
	markdown   = &Lang{Name: "markdown", Prose: true}
	mdx        = &Lang{Name: "mdx", Prose: true}
	rst        = &Lang{Name: "rst", Prose: true}
	plainText  = &Lang{Name: "text", Prose: true}
	sql        = &Lang{Name: "sql", Comment: []string{"--"}, defs: defsGeneric}
	bash       = &Lang{Name: "bash", Comment: []string{"#"}}
	yaml       = &Lang{Name: "yaml", Comment: []string{"#"}}
	toml       = &Lang{Name: "toml", Comment: []string{"#"}}
	ini        = &Lang{Name: "ini", Comment: []string{"#", ";"}}
	json       = &Lang{Name: "json"}
	html       = &Lang{Name: "html", Comment: []string{"<!--"}}
	css        = &Lang{Name: "css", Comment: []string{"/*"}}
	scss       = &Lang{Name: "scss", Comment: []string{"//", "/*"}}
	ruby       = &Lang{Name: "ruby", Comment: []string{"#"}, defs: defsRuby, keywords: keywordsRuby}
	elixir     = &Lang{Name: "elixir", Comment: []string{"#"}, defs: defsElixir, keywords: keywordsElixir}
	typescript = script("typescript")
	tsx        = script("tsx")
	javascript = script("javascript")
	jsx        = script("jsx")
	vue        = script("vue")
	svelte     = script("svelte")
	rust       = clike("rust")
	java       = clike("java")
	kotlin     = clike("kotlin")
	swift      = clike("swift")
	c          = clike("c")
	cpp        = clike("cpp")
	csharp     = clike("csharp")
	scala      = clike("scala")
	php        = clike("php")
)

// script and clike are the languages that share TypeScript's and the C
// family's comments, definitions and keywords.
func script(name string) *Lang {
	return &Lang{Name: name, Comment: []string{"//", "/*", "*"}, defs: defsTS, keywords: keywordsScript}
}

func clike(name string) *Lang {
	return &Lang{Name: name, Comment: []string{"//", "/*", "*"}, defs: defsGeneric, keywords: keywordsClike}
}

// byExt is the language of a (lower-case) extension: a switch, which
// costs nothing at start-up, where a map was built at package init.
func byExt(ext string) (*Lang, bool) {
	switch ext {
	case ".py", ".pyi":
		return python, true
	case ".go":
		return golang, true
	case ".md":
		return markdown, true
	case ".mdx":
		return mdx, true
	case ".rst":
		return rst, true
	case ".txt":
		return plainText, true
	case ".sql":
		return sql, true
	case ".sh", ".bash":
		return bash, true
	case ".yaml", ".yml":
		return yaml, true
	case ".toml":
		return toml, true
	case ".ini":
		return ini, true
	case ".json":
		return json, true
	case ".html":
		return html, true
	case ".css":
		return css, true
	case ".scss":
		return scss, true
	case ".rb":
		return ruby, true
	case ".ex", ".exs":
		return elixir, true
	case ".ts":
		return typescript, true
	case ".tsx":
		return tsx, true
	case ".js", ".mjs", ".cjs":
		return javascript, true
	case ".jsx":
		return jsx, true
	case ".vue":
		return vue, true
	case ".svelte":
		return svelte, true
	case ".rs":
		return rust, true
	case ".java":
		return java, true
	case ".kt":
		return kotlin, true
	case ".swift":
		return swift, true
	case ".c", ".h":
		return c, true
	case ".cc", ".cpp":
		return cpp, true
	case ".cs":
		return csharp, true
	case ".scala":
		return scala, true
	case ".php":
		return php, true
	}
	return nil, false
}

// Of returns the language of a file by its extension; Text when unknown.
func Of(name string) *Lang {
	if l, ok := byExt(strings.ToLower(path.Ext(name))); ok {
		return l
	}
	return Text
}

// Known reports whether the file's extension names a language handbook
// knows (Of returns Text for the others).
func Known(name string) bool {
	_, ok := byExt(strings.ToLower(path.Ext(name)))
	return ok
}

// MaxDefPrefix bounds how much of a line the definition patterns see:
// definitions start a line, and a minified line may be megabytes long.
const MaxDefPrefix = 300

// HasDefinitions reports whether the language has definition patterns.
func (l *Lang) HasDefinitions() bool { return l.defs != nil }

// IsSource reports a file in a programming language whose definitions
// handbook knows: not prose, data, or text of an unknown kind. Explore
// and lint's definition lookups agree on what a source file is.
func IsSource(name string) bool { return Known(name) && Of(name).HasDefinitions() }

// SameFamily reports whether code in file a can import what file b
// defines: the same language, or languages that share their modules
// (TypeScript, JavaScript and the files that embed them; C and C++; the
// JVM's). A Python import can only mean a Python definition.
func SameFamily(a, b string) bool {
	fa, fb := family(Of(a)), family(Of(b))
	return fa != "" && fa == fb
}

func family(l *Lang) string {
	switch l.Name {
	case "typescript", "tsx", "javascript", "jsx", "vue", "svelte":
		return "script"
	case "c", "cpp":
		return "c"
	case "java", "kotlin", "scala":
		return "jvm"
	case "text":
		return ""
	}
	return l.Name
}

// Definition reports the name the line defines: its byte bounds within
// line and the definition as shown ("class DistributedLock", "async def
// acquire_lock"); start is -1 when the line defines nothing.
func (l *Lang) Definition(line []byte) (start, end int, defined string) {
	start, end, at := l.DefinitionAt(line)
	if start < 0 {
		return -1, -1, ""
	}
	return start, end, Shown(line[at:end])
}

// Shown is a definition as shown, from where it starts to the end of its
// name, its spaces made single: the keywords say what kind of thing is
// defined ("async def acquire_lock").
func Shown(def []byte) string {
	if singleSpaced(def) {
		return string(def) // most are: one allocation, not three
	}
	return strings.Join(strings.Fields(string(def)), " ")
}

// singleSpaced reports ASCII text whose spaces are single ' ', none at
// either end: what Shown would make of it is the text itself.
func singleSpaced(b []byte) bool {
	if len(b) > 0 && (b[0] == ' ' || b[len(b)-1] == ' ') {
		return false
	}
	space := false
	for _, c := range b {
		switch {
		case c >= utf8.RuneSelf || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return false // maybe a space strings.Fields splits at
		case c == ' ':
			if space {
				return false
			}
			space = true
		default:
			space = false
		}
	}
	return true
}

// DefinitionAt is Definition without the text, which costs allocations a
// caller that looks at many lines (Definitions, explore's pass) does not
// need: the name's bounds and where the definition starts (at);
// Shown(line[at:end]) is the text.
func (l *Lang) DefinitionAt(line []byte) (start, end, at int) {
	if l.defs == nil {
		return -1, -1, -1
	}
	head := line[:min(len(line), MaxDefPrefix)]
	indent := 0
	for indent < len(head) && isSpace(head[indent]) {
		indent++
	}
	word := indent
	for word < len(head) && isWordByte(head[word]) {
		word++
	}
	if word == indent || !isIdentStart(head[indent]) {
		return -1, -1, -1 // every pattern starts with a keyword or a name
	}
	first := head[indent:word]
	hasEq := -2 // unknown yet
	for i := range l.defs.patterns {
		p := &l.defs.patterns[i]
		if p.col0 && indent > 0 || p.first != nil && !oneOf(first, p.first, p.fold) {
			continue
		}
		if p.eq {
			if hasEq == -2 {
				hasEq = bytes.IndexByte(head, '=')
			}
			if hasEq < 0 {
				continue
			}
		}
		if p.match != nil {
			if at, ns, ne := p.match(head); ns >= 0 {
				return ns, ne, at
			}
			continue
		}
		re := l.defs.compiled()[i].re
		if loc := re.FindSubmatchIndex(head); loc != nil && loc[len(loc)-2] >= 0 {
			return loc[len(loc)-2], loc[len(loc)-1], loc[0]
		}
	}
	return -1, -1, -1
}

// Python's definition patterns by hand (see defsPython; a test and a fuzz
// target hold them to the regexps). \s is RE2's: [\t\n\f\r ].

func reSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func skipReSpace(b []byte, i int) int {
	for i < len(b) && reSpace(b[i]) {
		i++
	}
	return i
}

// identAt is the end of the identifier ([A-Za-z_$][\w$]*) at i, or -1.
func identAt(b []byte, i int) int {
	if i >= len(b) || !isIdentStart(b[i]) {
		return -1
	}
	i++
	for i < len(b) && isWordByte(b[i]) {
		i++
	}
	return i
}

// keywordName matches kw\s+NAME at i: the name's bounds, or -1s.
func keywordName(b []byte, i int, kw string) (ns, ne int) {
	if !bytes.HasPrefix(b[i:], []byte(kw)) {
		return -1, -1
	}
	j := i + len(kw)
	k := skipReSpace(b, j)
	if k == j {
		return -1, -1
	}
	if e := identAt(b, k); e >= 0 {
		return k, e
	}
	return -1, -1
}

// ^\s*(?:async\s+)?def\s+NAME
func matchPyDef(b []byte) (start, ns, ne int) {
	i := skipReSpace(b, 0)
	if bytes.HasPrefix(b[i:], []byte("async")) {
		j := i + len("async")
		if k := skipReSpace(b, j); k > j {
			if ns, ne := keywordName(b, k, "def"); ns >= 0 {
				return 0, ns, ne
			}
		}
	}
	if ns, ne := keywordName(b, i, "def"); ns >= 0 {
		return 0, ns, ne
	}
	return -1, -1, -1
}

// ^\s*class\s+NAME
func matchPyClass(b []byte) (start, ns, ne int) {
	if ns, ne := keywordName(b, skipReSpace(b, 0), "class"); ns >= 0 {
		return 0, ns, ne
	}
	return -1, -1, -1
}

// skipAnnotation skips a type annotation at k (": T", up to the first
// '=' after the colon, as the regexps' :[^=]* does): where the '=' is,
// -1 when an annotation has none, k itself when there is no annotation.
func skipAnnotation(b []byte, k int) int {
	if k < len(b) && b[k] == ':' {
		q := bytes.IndexByte(b[k:], '=')
		if q < 0 {
			return -1
		}
		return k + q
	}
	return k
}

// ^NAME\s*(?::[^=]*)?=[^=]: [^=]* ends at the first '=' after the ':'.
func matchPyAssign(b []byte) (start, ns, ne int) {
	e := identAt(b, 0)
	if e < 0 {
		return -1, -1, -1
	}
	k := skipAnnotation(b, skipReSpace(b, e))
	if k >= 0 && k+1 < len(b) && b[k] == '=' && b[k+1] != '=' {
		return 0, 0, e
	}
	return -1, -1, -1
}

// wordSpace matches word\s+ at i: where the spaces end, or -1.
func wordSpace(b []byte, i int, word string) int {
	if !bytes.HasPrefix(b[i:], []byte(word)) {
		return -1
	}
	j := i + len(word)
	if k := skipReSpace(b, j); k > j {
		return k
	}
	return -1
}

// tsModifiers are the optional words before a TypeScript declaration's
// keyword, in the order the pattern takes them.
var tsModifiers = []string{"export", "default", "declare", "abstract", "async"}

// ^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?
// (?:class|interface|type|enum|namespace|function\*?)\s+NAME. Each
// optional word is taken when it is there: the words are all different,
// so a later part of the pattern can never match where one stands, and
// the regexp's backtracking over them never finds another match.
func matchTSDecl(b []byte) (start, ns, ne int) {
	i := skipReSpace(b, 0)
	for _, m := range tsModifiers {
		if j := wordSpace(b, i, m); j >= 0 {
			i = j
		}
	}
	for _, kw := range []string{"class", "interface", "type", "enum", "namespace"} {
		if ns, ne := keywordName(b, i, kw); ns >= 0 {
			return 0, ns, ne
		}
	}
	if bytes.HasPrefix(b[i:], []byte("function")) {
		j := i + len("function")
		if j < len(b) && b[j] == '*' {
			j++ // without it, \s+ would have to match the '*'
		}
		if k := skipReSpace(b, j); k > j {
			if e := identAt(b, k); e >= 0 {
				return 0, k, e
			}
		}
	}
	return -1, -1, -1
}

// ^(?:export\s+)?(?:const|let|var)\s+NAME\s*(?::[^=]*)?=
func matchTSVar(b []byte) (start, ns, ne int) {
	i := 0
	if j := wordSpace(b, 0, "export"); j >= 0 {
		i = j
	}
	for _, kw := range []string{"const", "let", "var"} {
		ns, ne := keywordName(b, i, kw)
		if ns < 0 {
			continue
		}
		k := skipAnnotation(b, skipReSpace(b, ne))
		if k < 0 {
			return -1, -1, -1
		}
		if k < len(b) && b[k] == '=' {
			return 0, ns, ne
		}
		return -1, -1, -1
	}
	return -1, -1, -1
}

// isSpace is the \s of the patterns.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v'
}

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}

// isWordByte is a byte of a keyword or name: \w and '$'.
func isWordByte(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func oneOf(word []byte, list []string, fold bool) bool {
	for _, w := range list {
		if fold && bytes.EqualFold(word, []byte(w)) || !fold && string(word) == w {
			return true
		}
	}
	return false
}

// CommentStart returns where a comment starts on the line, or -1: at a
// line comment marker, or at the leading star that continues a block
// comment (a star elsewhere is multiplication or a pointer).
func (l *Lang) CommentStart(line []byte) int {
	at := -1
	for _, c := range l.Comment {
		i := bytes.Index(line, []byte(c))
		if c == "*" {
			trimmed := bytes.TrimLeft(line, " \t")
			if !bytes.HasPrefix(trimmed, []byte("*")) {
				continue
			}
			i = len(line) - len(trimmed)
		}
		if i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	return at
}

// Def is one definition in a file.
type Def struct {
	Name   string
	Line   int // 1-based
	Indent int // bytes of indentation before the definition
}

// Extent is the last line of the definition defs[i]: the line before the
// next definition at the same or a lower indentation, or lastLine.
func Extent(defs []Def, i, lastLine int) int {
	for _, d := range defs[i+1:] {
		if d.Indent <= defs[i].Indent {
			return max(d.Line-1, defs[i].Line)
		}
	}
	return max(lastLine, defs[i].Line)
}

// Definitions lists the names a file defines, in line order. Lines that
// cannot start a definition are skipped before any pattern runs (most lines
// of a file), so listing a large file costs about one scan of its bytes.
func (l *Lang) Definitions(src []byte) []Def {
	if l.defs == nil {
		return nil
	}
	var defs []Def
	line := 0
	for off := 0; off < len(src); {
		line++
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		text := src[off:end]
		off = end + 1
		if !mayDefine(text) {
			continue
		}
		if s, e, _ := l.DefinitionAt(text); s >= 0 {
			indent := len(text) - len(bytes.TrimLeft(text, " \t"))
			defs = append(defs, Def{Name: string(text[s:e]), Line: line, Indent: indent})
		}
	}
	return defs
}

// DefinedAt lists the lines (1-based, in order) where src defines name:
// the lines of Definitions whose name it is. Only lines that hold name are
// given to the patterns (a line defining name holds it, and most lines of
// a file do not), so this costs about one scan of src's bytes.
func (l *Lang) DefinedAt(src []byte, name string) []int {
	if l.defs == nil {
		return nil
	}
	var out []int
	linesWith(src, name, func(n int, line []byte) bool {
		if l.defines(line, name) {
			out = append(out, n)
		}
		return true
	})
	return out
}

// Defines reports whether src defines name: whether DefinedAt finds a
// line, reading src only as far as the first.
func (l *Lang) Defines(src []byte, name string) bool {
	if l.defs == nil {
		return false
	}
	found := false
	linesWith(src, name, func(_ int, line []byte) bool {
		found = l.defines(line, name)
		return !found
	})
	return found
}

// defines reports whether line is a definition of name.
func (l *Lang) defines(line []byte, name string) bool {
	if !mayDefine(line) {
		return false
	}
	s, e, _ := l.DefinitionAt(line)
	return s >= 0 && string(line[s:e]) == name
}

// LinesWith calls fn, in order, with each line of src (its 1-based number
// and its text without the newline) that holds s, once per line. An empty
// s is on every line.
func LinesWith(src []byte, s string, fn func(n int, line []byte)) {
	linesWith(src, s, func(n int, line []byte) bool {
		fn(n, line)
		return true
	})
}

// linesWith is LinesWith, stopping when fn returns false.
func linesWith(src []byte, s string, fn func(n int, line []byte) bool) {
	f := newFinder(s)
	ln, pos := 1, 0 // pos is where line ln starts
	for pos < len(src) {
		at := pos
		if s != "" {
			k := f.index(src[pos:])
			if k < 0 {
				return
			}
			at += k
		}
		start := pos + bytes.LastIndexByte(src[pos:at], '\n') + 1
		ln += bytes.Count(src[pos:start], []byte("\n"))
		end := bytes.IndexByte(src[at:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += at
		}
		if !fn(ln, src[start:end]) {
			return
		}
		ln, pos = ln+1, end+1
	}
}

// mayDefine is a cheap test that a line could match a definition pattern:
// it starts (after indentation) with a letter, '_' or '$'. Blank lines,
// comments, closing brackets and most continuation lines fail it.
func mayDefine(line []byte) bool {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i == len(line) {
		return false
	}
	c := line[i]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$'
}
