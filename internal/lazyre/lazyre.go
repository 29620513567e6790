// Package lazyre is a regular expression compiled on first use. A
// package-level regexp.MustCompile runs at program start, so every command
// (handbook --version included) paid for compiling the patterns of every
// package linked in; a lazyre.Regexp costs nothing until it matches.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp compiles its expression the first time one of its methods runs;
// an invalid expression panics then, as regexp.MustCompile would at start.
type Regexp struct {
	expr string
	once sync.Once
	re   *regexp.Regexp
}

// New returns a Regexp for expr, not yet compiled.
func New(expr string) *Regexp { return &Regexp{expr: expr} }

// Compiled returns the compiled expression.
func (r *Regexp) Compiled() *regexp.Regexp {
	r.once.Do(func() { r.re = regexp.MustCompile(r.expr) })
	return r.re
}

func (r *Regexp) MatchString(s string) bool            { return r.Compiled().MatchString(s) }
func (r *Regexp) FindStringIndex(s string) []int       { return r.Compiled().FindStringIndex(s) }
func (r *Regexp) FindStringSubmatch(s string) []string { return r.Compiled().FindStringSubmatch(s) }
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return r.Compiled().FindStringSubmatchIndex(s)
}
func (r *Regexp) FindAllIndex(b []byte, n int) [][]int { return r.Compiled().FindAllIndex(b, n) }
func (r *Regexp) FindSubmatchIndex(b []byte) []int     { return r.Compiled().FindSubmatchIndex(b) }
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.Compiled().ReplaceAllString(src, repl)
}
