package validate

// Hand-written matchers for the few patterns every reference goes through:
// a line suffix (`path:10-20`), a GitHub line fragment (`L10-L20`) and a
// Python import line. Each answers as the regular expression beside it,
// which stays as the tests' oracle (refparse_test.go): the backtracking
// matcher cost more than reading the entries' cited lines.

// isReSpace is \s of Go's regexp syntax: [\t\n\f\r ].
func isReSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// isReWord is \w: [0-9A-Za-z_].
func isReWord(c byte) bool { return c == '_' || c >= '0' && c <= '9' || isASCIILetter(c) }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digitsAt returns the end of the run of ASCII digits starting at i.
func digitsAt(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// matchLineSuffix is reLineSuffix (`:(\d+)(?:-(\d+))?$`) in text, as
// FindStringSubmatchIndex gives it: nil, or the match's bounds and its
// groups' (-1 for the missing second number). Nothing after the last ':'
// may be a ':', so only that one can start the match.
func matchLineSuffix(text string) []int {
	colon := -1
	for i := len(text) - 1; i >= 0; i-- {
		if text[i] == ':' {
			colon = i
			break
		}
	}
	if colon < 0 {
		return nil
	}
	s := colon + 1
	e := digitsAt(text, s)
	if e == s {
		return nil
	}
	if e == len(text) {
		return []int{colon, e, s, e, -1, -1}
	}
	if text[e] != '-' {
		return nil
	}
	s2 := e + 1
	e2 := digitsAt(text, s2)
	if e2 == s2 || e2 != len(text) {
		return nil
	}
	return []int{colon, e2, s, e, s2, e2}
}

// matchHashLines is reHashLines (`^L(\d+)(?:-L?(\d+))?$`): the first and
// the last line as written ("" when there is one), and whether s is one.
func matchHashLines(s string) (first, last string, ok bool) {
	if len(s) < 2 || s[0] != 'L' {
		return "", "", false
	}
	e := digitsAt(s, 1)
	if e == 1 {
		return "", "", false
	}
	if e == len(s) {
		return s[1:e], "", true
	}
	if s[e] != '-' {
		return "", "", false
	}
	s2 := e + 1
	if s2 < len(s) && s[s2] == 'L' {
		s2++
	}
	e2 := digitsAt(s, s2)
	if e2 == s2 || e2 != len(s) {
		return "", "", false
	}
	return s[1:e], s[s2:e2], true
}

// pyModuleAt returns the end of a module name ([A-Za-z_][\w.]*) starting
// at i, or i when there is none.
func pyModuleAt(line string, i int) int {
	if i >= len(line) || !(isASCIILetter(line[i]) || line[i] == '_') {
		return i
	}
	i++
	for i < len(line) && (isReWord(line[i]) || line[i] == '.') {
		i++
	}
	return i
}

func skipReSpace(line string, i int) int {
	for i < len(line) && isReSpace(line[i]) {
		i++
	}
	return i
}

// keywordAt reports whether line holds kw at i followed by at least one
// \s, and returns the index after that whitespace.
func keywordAt(line string, i int, kw string) (int, bool) {
	if len(line)-i <= len(kw) || line[i:i+len(kw)] != kw || !isReSpace(line[i+len(kw)]) {
		return i, false
	}
	return skipReSpace(line, i+len(kw)), true
}

// matchPyFrom is rePyFrom (`^\s*from\s+([A-Za-z_][\w.]*)\s+import\s+(.*)$`)
// as FindStringSubmatchIndex gives it: the module's and the names' bounds.
func matchPyFrom(line string) []int {
	i, ok := keywordAt(line, skipReSpace(line, 0), "from")
	if !ok {
		return nil
	}
	ms := i
	me := pyModuleAt(line, ms)
	if me == ms {
		return nil
	}
	i = skipReSpace(line, me)
	if i == me {
		return nil
	}
	if i, ok = keywordAt(line, i, "import"); !ok {
		return nil
	}
	// (.*)$: the rest of the line, which holds no newline.
	for k := i; k < len(line); k++ {
		if line[k] == '\n' {
			return nil
		}
	}
	return []int{0, len(line), ms, me, i, len(line)}
}

// matchPyImport is rePyImport (`^\s*import\s+(NAME(?:\s+as\s+\w+)?(?:\s*,
// \s*NAME(?:\s+as\s+\w+)?)*)\s*(?:#.*)?$`, NAME a module name) as
// FindStringSubmatchIndex gives it: the bounds of the list of modules.
func matchPyImport(line string) []int {
	i, ok := keywordAt(line, skipReSpace(line, 0), "import")
	if !ok {
		return nil
	}
	start, end := i, i
	for {
		e := pyModuleAt(line, i)
		if e == i {
			return nil
		}
		i, end = e, e
		// An optional `as alias`: taken whole or not at all (a part of it
		// can never be followed by what the pattern allows next).
		if j := skipReSpace(line, i); j > i {
			if k, ok := keywordAt(line, j, "as"); ok && k < len(line) && isReWord(line[k]) {
				for k < len(line) && isReWord(line[k]) {
					k++
				}
				i, end = k, k
			}
		}
		j := skipReSpace(line, i)
		if j < len(line) && line[j] == ',' {
			i = skipReSpace(line, j+1)
			continue
		}
		i = j
		break
	}
	if i < len(line) && line[i] == '#' {
		for k := i; k < len(line); k++ {
			if line[k] == '\n' {
				return nil
			}
		}
		i = len(line)
	}
	if i != len(line) {
		return nil
	}
	return []int{0, len(line), start, end}
}

// wordAt is reWord's (`[A-Za-z_$][\w$]*`) first match in s: its bounds, or
// nil.
func wordAt(s string) []int {
	for i := 0; i < len(s); i++ {
		if c := s[i]; isASCIILetter(c) || c == '_' || c == '$' {
			e := i + 1
			for e < len(s) && (isReWord(s[e]) || s[e] == '$') {
				e++
			}
			return []int{i, e}
		}
	}
	return nil
}
