package walk

import (
	"path"
	"sort"
	"strings"
	"testing"

	ignore "github.com/sabhiram/go-gitignore"
)

// TestGoGitignoreDisagreesWithGit keeps the reason this package does not use
// github.com/sabhiram/go-gitignore, which the design card names, checkable:
// applied the way its API allows (each .gitignore compiled on its own,
// paths relative to its folder, the deepest deciding pattern wins, an
// ignored folder hides its contents), it gives a different answer from git
// on part of the shared scenarios, where this package agrees with git on
// all of them (TestConformanceSharedCases). If the library ever agrees
// everywhere, this test fails: time to reconsider.
func TestGoGitignoreDisagreesWithGit(t *testing.T) {
	total, wrong := 0, 0
	var examples []string
	for _, c := range loadSharedCases(t) {
		matchers := map[string]*ignore.GitIgnore{} // folder ("" = root) → matcher
		for name, content := range c.IgnoreFiles {
			dir := path.Dir(name)
			if dir == "." {
				dir = ""
			}
			matchers[dir] = ignore.CompileIgnoreLines(strings.Split(content, "\n")...)
		}
		gitIgnores := map[string]bool{}
		for _, p := range c.GitIgnores {
			gitIgnores[p] = true
		}
		for _, p := range c.Paths {
			total++
			if got := libraryIgnores(matchers, p); got != gitIgnores[p] {
				wrong++
				examples = append(examples, c.Name+": "+p)
			}
		}
	}
	sort.Strings(examples)
	t.Logf("go-gitignore disagrees with git on %d of %d paths, e.g. %s", wrong, total, strings.Join(examples[:min(5, len(examples))], "; "))
	if wrong == 0 {
		t.Fatal("go-gitignore now agrees with git on every shared scenario; reconsider using it (see the package doc)")
	}
}

// libraryIgnores decides one path with go-gitignore: every folder on the
// way down may be ignored (then so is the path), and within a folder the
// deepest .gitignore with a deciding pattern has the last word.
func libraryIgnores(matchers map[string]*ignore.GitIgnore, p string) bool {
	parts := strings.Split(p, "/")
	for i := 1; i <= len(parts); i++ {
		sub := strings.Join(parts[:i], "/")
		isDir := i < len(parts)
		decided, ignored := false, false
		for k := 0; k < i; k++ {
			dir := strings.Join(parts[:k], "/")
			m, ok := matchers[dir]
			if !ok {
				continue
			}
			rel := strings.TrimPrefix(sub, dir+"/")
			if dir == "" {
				rel = sub
			}
			if isDir {
				rel += "/"
			}
			if match, how := m.MatchesPathHow(rel); how != nil {
				decided, ignored = true, match
			}
		}
		if decided && ignored {
			return true
		}
	}
	return false
}
