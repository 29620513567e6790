package workspace

import (
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/handbook-dev/handbook/internal/lazyre"
)

// LinkBase values: how links to code are written.
const (
	// LinkAuto (the default) is LinkRemote when origin is on GitHub or
	// GitLab, else LinkRepository. Mintlify publishes only the docs
	// folder, so a relative link to code 404s on the site; a link to the
	// code host works there and in the repository.
	LinkAuto = "auto"
	// LinkRepository: relative to the entry file (resolves on the code
	// host's file view and in editors, not on the published site).
	LinkRepository = "repository"
	// LinkRemote: the remote's web page at its default branch.
	LinkRemote = "remote"
	// LinkCommit: the remote's web page at the current commit (a
	// permalink that never moves).
	LinkCommit = "commit"
)

// LinkBases lists the accepted values, for messages.
const LinkBases = "auto, repository, remote or commit"

// ValidLinkBase reports whether s is a link base ("" is auto).
func ValidLinkBase(s string) bool {
	switch s {
	case "", LinkAuto, LinkRepository, LinkRemote, LinkCommit:
		return true
	}
	return false
}

// CodeLinker links a repository path (forward slashes; a trailing slash
// names a folder) and a line range, as written in a file in a given folder.
type CodeLinker func(path string, start, end int) string

// CodeLinker returns how links to code are written in files of the folder
// from (see the LinkBase values). base "" takes link_base from the
// configuration, then auto.
func (ws *Workspace) CodeLinker(from, base string) (CodeLinker, error) {
	if base == "" {
		base = ws.Config.LinkBase
	}
	if !ValidLinkBase(base) {
		return nil, fmt.Errorf("link base %q: use %s", base, LinkBases)
	}
	relative := func(p string, start, end int) string {
		rel, err := filepath.Rel(from, filepath.Join(ws.Root, filepath.FromSlash(p)))
		if err != nil {
			rel = p
		}
		if strings.HasSuffix(p, "/") {
			rel += "/" // a folder stays one (Join drops the slash)
		}
		return (&url.URL{Path: filepath.ToSlash(rel)}).String() + lineAnchor(hostGitHub, start, end)
	}
	if base == LinkRepository {
		return relative, nil
	}
	r, err := originRemote(ws.Root)
	return ws.codeLinker(relative, base, r, err)
}

// codeLinker is CodeLinker for a remote base once origin is read.
func (ws *Workspace) codeLinker(relative CodeLinker, base string, r remote, err error) (CodeLinker, error) {
	if err != nil || r.host == hostOther && (base == "" || base == LinkAuto) {
		if base == "" || base == LinkAuto {
			return relative, nil
		}
		if err != nil {
			return nil, err
		}
	}
	ref := r.branch
	if base == LinkCommit {
		out, err := exec.Command("git", "-C", ws.Root, "rev-parse", "HEAD").Output()
		if err != nil {
			return nil, fmt.Errorf("commit links need a commit (git rev-parse HEAD failed); commit first or use --link-base remote")
		}
		ref = strings.TrimSpace(string(out))
	}
	web := r.web + "/"
	if r.host == hostGitLab {
		web += "-/"
	}
	return func(p string, start, end int) string {
		// A folder's page is its tree, a file's its blob (GitHub
		// redirects one to the other, GitLab does not).
		p = r.prefix + p
		if folder, ok := strings.CutSuffix(p, "/"); ok {
			return web + "tree/" + ref + "/" + (&url.URL{Path: folder}).String()
		}
		return web + "blob/" + ref + "/" + (&url.URL{Path: p}).String() + lineAnchor(r.host, start, end)
	}, nil
}

// WebCodeLinker is CodeLinker for the configured link_base when it links
// to the code host's web pages, as `draft` writes links to code there
// (from any folder). When links to code would be relative, or cannot be
// written, the error says why and what would make them web links.
func (ws *Workspace) WebCodeLinker() (CodeLinker, error) {
	base := ws.Config.LinkBase
	if base == LinkRepository {
		return nil, errors.New("link_base in .handbook.yaml is repository, which keeps links to code relative: set it to auto or remote")
	}
	r, err := originRemote(ws.Root)
	var notWeb *notWebError
	switch {
	case errors.Is(err, errNoOrigin):
		return nil, errors.New("the repository has no git remote named origin to link to: add one (`git remote add origin URL`)")
	case errors.As(err, &notWeb):
		return nil, fmt.Errorf("origin is %q, which is no web site to link to: point it at the repository's page (`git remote set-url origin URL`)", notWeb.raw)
	case err != nil:
		return nil, err
	case r.host == hostOther && (base == "" || base == LinkAuto):
		host := r.web
		if u, perr := url.Parse(r.web); perr == nil {
			host = u.Host
		}
		return nil, fmt.Errorf("origin is on %s, neither GitHub nor GitLab, so links to code stay relative: set `link_base: remote` in .handbook.yaml", host)
	}
	return ws.codeLinker(nil, base, r, nil)
}

// Code hosts, which differ in their URLs.
const (
	hostOther = iota
	hostGitHub
	hostGitLab
)

// lineAnchor is the anchor a code host uses for a line or a range:
// #L10-L20 on GitHub (and most hosts), #L10-20 on GitLab.
func lineAnchor(host, start, end int) string {
	switch {
	case start <= 0:
		return ""
	case end > start && host == hostGitLab:
		return fmt.Sprintf("#L%d-%d", start, end)
	case end > start:
		return fmt.Sprintf("#L%d-L%d", start, end)
	default:
		return fmt.Sprintf("#L%d", start)
	}
}

var scpLike = lazyre.New(`^(?:[\w.-]+@)?([\w.-]+):(.+)$`)

// errNoOrigin: the repository has no remote named origin.
var errNoOrigin = errors.New("links to the remote need a git remote named origin (git remote get-url origin failed); use the repository link base")

// notWebError is an origin whose URL names no web site: a local path
// (a clone of a clone), a bundle.
type notWebError struct{ raw string }

func (e *notWebError) Error() string {
	return fmt.Sprintf("cannot turn the remote URL %q into a web address; use the repository link base", e.raw)
}

// remote is origin as a web site.
type remote struct {
	web    string // https://host/owner/repo
	branch string // default branch
	host   int
	// prefix is where the root is in the git work tree ("examples/shop/"
	// for --root examples/shop), since the host names paths from its top.
	prefix string
}

// originRemote turns origin's URL (https, ssh or scp-like) into the web
// URL of the repository, and finds its default branch.
func originRemote(root string) (remote, error) {
	var r remote
	out, err := exec.Command("git", "-C", root, "remote", "get-url", "origin").Output()
	if err != nil {
		return r, errNoOrigin
	}
	raw := strings.TrimSpace(string(out))
	var hostname string
	if u, perr := url.Parse(raw); perr == nil && u.Host != "" {
		hostname = u.Hostname()
		r.web = "https://" + hostname + strings.TrimSuffix(strings.TrimSuffix(u.Path, "/"), ".git")
	} else if m := scpLike.FindStringSubmatch(raw); m != nil {
		hostname = m[1]
		r.web = "https://" + hostname + "/" + strings.TrimSuffix(strings.TrimPrefix(m[2], "/"), ".git")
	} else {
		return r, &notWebError{raw: raw}
	}
	switch h := strings.ToLower(hostname); {
	case h == "github.com" || strings.HasPrefix(h, "github.") || strings.Contains(h, ".github."):
		r.host = hostGitHub
	case h == "gitlab.com" || strings.HasPrefix(h, "gitlab.") || strings.Contains(h, ".gitlab."):
		r.host = hostGitLab
	}
	if p, err := exec.Command("git", "-C", root, "rev-parse", "--show-prefix").Output(); err == nil {
		r.prefix = strings.TrimSpace(string(p))
	}
	r.branch = "main"
	if head, err := exec.Command("git", "-C", root, "symbolic-ref", "--short", "refs/remotes/origin/HEAD").Output(); err == nil {
		r.branch = strings.TrimPrefix(strings.TrimSpace(string(head)), "origin/")
	}
	return r, nil
}

// RemoteWeb is the web address of the repository's origin remote
// ("https://github.com/owner/repo"), for recognising links to this
// repository's code; an error when there is no such remote.
func (ws *Workspace) RemoteWeb() (string, error) {
	r, err := originRemote(ws.Root)
	return r.web, err
}
