package walk

import "strings"

// This file is a line-by-line port of git's wildmatch.c (dowild), the
// matcher git itself uses for .gitignore patterns. A port rather than a
// translation to regexps: regexps need every glob byte escaped and git's
// rules for "**", "[!...]", "[[:class:]]" and malformed brackets rebuilt by
// hand, which is where regexp-based gitignore libraries go wrong. Keeping
// git's structure makes any difference a bug that can be checked against
// the C source.
//
// One addition: git's matcher backtracks, and a pattern such as
// "*a*a*a*a*a*a*b" against a long run of a's takes polynomial time of a high
// degree (seconds, in git as well). A hostile .gitignore must not stall the
// walk, so after a budget of steps the match is redone with a memo of
// (pattern offset, text offset) results. dowild's result depends on
// nothing else, so the memo cannot change an answer, only its cost.

// wildmatch results. abortAll and abortToStarStar are git's shortcuts that
// stop the backtracking early; callers only care whether the result is
// wmMatch.
const (
	wmMatch = iota + 1
	wmNoMatch
	wmAbortAll
	wmAbortToStarStar
	wmOverBudget // not from git: the budget ran out, retry with the memo
)

// matchBudget is how many dowild calls a match may take before it is
// redone with a memo; ordinary gitignore patterns need a handful.
const matchBudget = 4096

// wildmatch reports whether text matches the glob pattern. With pathname
// set (git's WM_PATHNAME), '*', '?' and brackets never match '/', and "**"
// between slashes matches any number of folders; without it '*' matches
// '/' too.
func wildmatch(pattern, text string, pathname bool) bool {
	m := matcher{pat: pattern, text: text, pathname: pathname, budget: matchBudget}
	r := m.dowild(0, 0)
	if r == wmOverBudget {
		m.memo = make([]uint8, (len(pattern)+1)*(len(text)+1))
		r = m.dowild(0, 0)
	}
	return r == wmMatch
}

type matcher struct {
	pat, text string
	pathname  bool
	budget    int
	memo      []uint8 // results by (p, t); nil until the budget runs out
}

// dowild matches pat[p0:] against text[t0:].
func (m *matcher) dowild(p0, t0 int) int {
	if m.memo != nil {
		k := p0*(len(m.text)+1) + t0
		if m.memo[k] == 0 {
			m.memo[k] = uint8(m.step(p0, t0))
		}
		return int(m.memo[k])
	}
	if m.budget--; m.budget < 0 {
		return wmOverBudget
	}
	return m.step(p0, t0)
}

func (m *matcher) step(p0, t0 int) int {
	pat, text, pathname := m.pat, m.text, m.pathname
	p, t := p0, t0
	for ; p < len(pat); p, t = p+1, t+1 {
		pch := pat[p]
		var tch byte
		if t < len(text) {
			tch = text[t]
		} else if pch != '*' {
			return wmAbortAll
		}
		switch pch {
		case '\\':
			// Literal match with the next byte; a trailing backslash
			// matches nothing (git compares against the NUL).
			p++
			if p >= len(pat) || tch != pat[p] {
				return wmNoMatch
			}
			continue
		default:
			if tch != pch {
				return wmNoMatch
			}
			continue
		case '?':
			if pathname && tch == '/' {
				return wmNoMatch
			}
			continue
		case '*':
			var matchSlash bool
			p++
			if p < len(pat) && pat[p] == '*' {
				prev := p - 2
				for p++; p < len(pat) && pat[p] == '*'; p++ {
				}
				if !pathname {
					matchSlash = true
				} else if (prev < p0 || pat[prev] == '/') &&
					(p == len(pat) || pat[p] == '/' ||
						(pat[p] == '\\' && p+1 < len(pat) && pat[p+1] == '/')) {
					// "**/" may match no folder at all: try the rest of
					// the pattern right here before letting ** eat text.
					if p < len(pat) && pat[p] == '/' {
						if r := m.dowild(p+1, t); r == wmMatch || r == wmOverBudget {
							return r
						}
					}
					matchSlash = true
				} else {
					matchSlash = false // "**" inside a name is a '*'
				}
			} else {
				// Without pathname semantics '*' is the same as '**'.
				matchSlash = !pathname
			}
			if p == len(pat) {
				// A trailing "**" matches everything, a trailing '*' only
				// what has no more slashes.
				if !matchSlash && strings.IndexByte(text[t:], '/') >= 0 {
					return wmNoMatch
				}
				return wmMatch
			}
			if !matchSlash && pat[p] == '/' {
				// One '*' followed by '/' matches exactly the next folder.
				slash := strings.IndexByte(text[t:], '/')
				if slash < 0 {
					return wmNoMatch
				}
				t += slash
				// The slash itself is consumed by the loop.
				continue
			}
			for {
				if t >= len(text) {
					break
				}
				// A literal after '*' lets us skip ahead to its next
				// occurrence (within this folder unless ** is active).
				if !isGlobSpecial(pat[p]) {
					want := pat[p]
					for t < len(text) && (matchSlash || text[t] != '/') && text[t] != want {
						t++
					}
					if t >= len(text) || text[t] != want {
						return wmNoMatch
					}
				}
				tch = text[t]
				if r := m.dowild(p, t); r != wmNoMatch {
					if !matchSlash || r != wmAbortToStarStar {
						return r
					}
				} else if !matchSlash && tch == '/' {
					return wmAbortToStarStar
				}
				t++
			}
			return wmAbortAll
		case '[':
			p++
			if p >= len(pat) {
				return wmAbortAll
			}
			pch = pat[p]
			if pch == '^' {
				pch = '!'
			}
			negated := pch == '!'
			if negated {
				p++
				if p >= len(pat) {
					return wmAbortAll
				}
				pch = pat[p]
			}
			var prev byte
			matched := false
			for {
				if p >= len(pat) {
					return wmAbortAll
				}
				switch {
				case pch == '\\':
					p++
					if p >= len(pat) {
						return wmAbortAll
					}
					pch = pat[p]
					if tch == pch {
						matched = true
					}
				case pch == '-' && prev != 0 && p+1 < len(pat) && pat[p+1] != ']':
					p++
					pch = pat[p]
					if pch == '\\' {
						p++
						if p >= len(pat) {
							return wmAbortAll
						}
						pch = pat[p]
					}
					if tch <= pch && tch >= prev {
						matched = true
					}
					pch = 0 // a range cannot start another range
				case pch == '[' && p+1 < len(pat) && pat[p+1] == ':':
					s := p + 2
					end := strings.IndexByte(pat[s:], ']')
					if end < 0 {
						return wmAbortAll
					}
					end += s // index of ']'
					if end-s-1 < 0 || pat[end-1] != ':' {
						// No ":]": the '[' is an ordinary member.
						pch = '['
						if tch == pch {
							matched = true
						}
						break
					}
					p = end
					m, ok := classMatch(pat[s:end-1], tch)
					if !ok {
						return wmAbortAll
					}
					if m {
						matched = true
					}
					pch = 0
				default:
					if tch == pch {
						matched = true
					}
				}
				prev = pch
				p++
				if p >= len(pat) {
					return wmAbortAll
				}
				pch = pat[p]
				if pch == ']' {
					break
				}
			}
			if matched == negated || (pathname && tch == '/') {
				return wmNoMatch
			}
			continue
		}
	}
	if t < len(text) {
		return wmNoMatch
	}
	return wmMatch
}

func isGlobSpecial(c byte) bool {
	return c == '*' || c == '?' || c == '[' || c == '\\'
}

// classMatch evaluates a POSIX class such as "alpha" for c; ok is false for
// an unknown class name, which makes git abort the whole match.
func classMatch(class string, c byte) (matched, ok bool) {
	isUpper := 'A' <= c && c <= 'Z'
	isLower := 'a' <= c && c <= 'z'
	isDigit := '0' <= c && c <= '9'
	isPrint := 0x20 <= c && c <= 0x7e
	isSpace := c == ' ' || c == '\t' || c == '\n' || c == '\r'
	switch class {
	case "alnum":
		return isUpper || isLower || isDigit, true
	case "alpha":
		return isUpper || isLower, true
	case "blank":
		return c == ' ' || c == '\t', true
	case "cntrl":
		return c < 0x20 || c == 0x7f, true
	case "digit":
		return isDigit, true
	case "graph":
		return isPrint && c != ' ', true
	case "lower":
		return isLower, true
	case "print":
		return isPrint, true
	case "punct":
		return isPrint && c != ' ' && !isUpper && !isLower && !isDigit, true
	case "space":
		return isSpace, true
	case "upper":
		return isUpper, true
	case "xdigit":
		return isDigit || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F'), true
	}
	return false, false
}
