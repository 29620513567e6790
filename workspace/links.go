package workspace

import (
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/handbook-dev/handbook/internal/lazyre"
)

// LinkBase values.
const (
	LinkRepository = "repository"
	LinkRemote     = "remote"
)

// CodeLinker links a repository path (forward slashes) and a line range,
// as written in a file in a given folder.
type CodeLinker func(path string, start, end int) string

// CodeLinker returns how links to code are written in files of the folder
// from: relative to that folder (they resolve on the code host and in
// editors), or absolute to the git remote's web page at its default branch.
// base "" takes link_base from the configuration.
func (ws *Workspace) CodeLinker(from, base string) (CodeLinker, error) {
	if base == "" {
		base = ws.Config.LinkBase
	}
	switch base {
	case "", LinkRepository:
		return func(p string, start, end int) string {
			rel, err := filepath.Rel(from, filepath.Join(ws.Root, filepath.FromSlash(p)))
			if err != nil {
				rel = p
			}
			return (&url.URL{Path: filepath.ToSlash(rel)}).String() + lineAnchor(start, end)
		}, nil
	case LinkRemote:
		web, branch, err := remoteWebURL(ws.Root)
		if err != nil {
			return nil, err
		}
		return func(p string, start, end int) string {
			return web + "/blob/" + branch + "/" + (&url.URL{Path: p}).String() + lineAnchor(start, end)
		}, nil
	}
	return nil, fmt.Errorf("link base %q: use %s or %s", base, LinkRepository, LinkRemote)
}

// lineAnchor is the #L anchor code hosts use for a line or a range.
func lineAnchor(start, end int) string {
	switch {
	case start <= 0:
		return ""
	case end > start:
		return fmt.Sprintf("#L%d-L%d", start, end)
	default:
		return fmt.Sprintf("#L%d", start)
	}
}

var scpLike = lazyre.New(`^(?:[\w.-]+@)?([\w.-]+):(.+)$`)

// remoteWebURL turns origin's URL (https, ssh or scp-like) into the web
// URL of the repository, and finds its default branch.
func remoteWebURL(root string) (web, branch string, err error) {
	out, err := exec.Command("git", "-C", root, "remote", "get-url", "origin").Output()
	if err != nil {
		return "", "", fmt.Errorf("links to the remote need a git remote named origin (git remote get-url origin failed); use the repository link base")
	}
	raw := strings.TrimSpace(string(out))
	if u, perr := url.Parse(raw); perr == nil && u.Host != "" {
		web = "https://" + u.Hostname() + strings.TrimSuffix(u.Path, ".git")
	} else if m := scpLike.FindStringSubmatch(raw); m != nil {
		web = "https://" + m[1] + "/" + strings.TrimSuffix(strings.TrimPrefix(m[2], "/"), ".git")
	} else {
		return "", "", fmt.Errorf("cannot turn the remote URL %q into a web address; use the repository link base", raw)
	}
	branch = "main"
	if head, err := exec.Command("git", "-C", root, "symbolic-ref", "--short", "refs/remotes/origin/HEAD").Output(); err == nil {
		branch = strings.TrimPrefix(strings.TrimSpace(string(head)), "origin/")
	}
	return web, branch, nil
}

// RemoteWeb is the web address of the repository's origin remote
// ("https://github.com/owner/repo"), for recognising links to this
// repository's code; an error when there is no such remote.
func (ws *Workspace) RemoteWeb() (string, error) {
	web, _, err := remoteWebURL(ws.Root)
	return web, err
}
