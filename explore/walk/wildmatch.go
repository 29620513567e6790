package walk

import "strings"

// This file is a line-by-line port of git's wildmatch.c (dowild), the
// matcher git itself uses for .gitignore patterns. A port rather than a
// translation to regexps: regexps need every glob byte escaped and git's
// rules for "**", "[!...]", "[[:class:]]" and malformed brackets rebuilt by
// hand, which is where regexp-based gitignore libraries go wrong. Keeping
// git's structure makes any difference a bug that can be checked against
// the C source.

// wildmatch results. abortAll and abortToStarStar are git's shortcuts that
// stop the backtracking early; callers only care whether the result is
// wmMatch.
const (
	wmMatch = iota
	wmNoMatch
	wmAbortAll
	wmAbortToStarStar
)

// wildmatch reports whether text matches the glob pattern. With pathname
// set (git's WM_PATHNAME), '*', '?' and brackets never match '/', and "**"
// between slashes matches any number of folders; without it '*' matches
// '/' too.
func wildmatch(pattern, text string, pathname bool) bool {
	return dowild(pattern, text, pathname) == wmMatch
}

func dowild(pat, text string, pathname bool) int {
	p, t := 0, 0
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
				if (prev < 0 || pat[prev] == '/') &&
					(p == len(pat) || pat[p] == '/' ||
						(pat[p] == '\\' && p+1 < len(pat) && pat[p+1] == '/')) {
					// "**/" may match no folder at all: try the rest of
					// the pattern right here before letting ** eat text.
					if p < len(pat) && pat[p] == '/' && dowild(pat[p+1:], text[t:], pathname) == wmMatch {
						return wmMatch
					}
					matchSlash = true
				} else {
					matchSlash = false
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
				if m := dowild(pat[p:], text[t:], pathname); m != wmNoMatch {
					if !matchSlash || m != wmAbortToStarStar {
						return m
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
