package workspace

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"github.com/tailscale/hujson"

	"github.com/handbook-dev/handbook/internal/safefile"
)

// docs.json as Mintlify reads it: any object may be {"$ref": "./x.json"},
// replaced by the content of that file, resolved relative to the file that
// refers to it (refs nest). A Nav holds the files it refers to, so Pages
// lists the pages of every file, and AddPage and RemovePage edit the file
// that holds the group, with the same minimal splice, leaving the others
// as they are.
//
// The navigation shapes (languages, versions, tabs, anchors, dropdowns,
// menu items, products, groups, hidden groups) all nest "pages" arrays; a
// group's "root" page is a page too. Each page knows where it is, as a
// breadcrumb: `language en › tab Documentation › group Backend Development`.

// maxRefDepth bounds a chain of $ref files.
const maxRefDepth = 16

// navLabels are the keys whose objects are levels of the navigation, with
// how the breadcrumb names them.
var navLabels = []struct{ key, label string }{
	{"product", "product"}, {"language", "language"}, {"version", "version"},
	{"dropdown", "dropdown"}, {"tab", "tab"}, {"anchor", "anchor"}, {"item", "menu item"}, {"group", "group"},
}

// resolveRefs loads the files this nav's $ref objects name. stack holds
// the absolute paths of the files referring to it (for cycles); limit
// gives the folder refs must stay in; over replaces file contents (edits
// not yet written).
func (n *Nav) resolveRefs(limit func() string, stack []string, over map[string][]byte) error {
	for v := range n.root.All() {
		o, ok := v.Value.(*hujson.Object)
		if !ok {
			continue
		}
		rv := member(o, "$ref")
		if rv == nil {
			continue
		}
		line, col := n.Position(n.bom + rv.StartOffset)
		fail := func(format string, args ...any) error {
			return &SyntaxError{Path: n.Path, Line: line, Column: col, Shape: true, Msg: fmt.Sprintf(format, args...)}
		}
		lit, ok := rv.Value.(hujson.Literal)
		if !ok || lit.Kind() != '"' || litString(lit) == "" {
			return fail(`"$ref" is not a file name; write {"$ref": "./file.json"}`)
		}
		ref := litString(lit)
		target := filepath.Clean(filepath.Join(filepath.Dir(n.abs), filepath.FromSlash(ref)))
		if real, err := Resolve(target); err != nil || !within(limit(), real) {
			return fail("$ref %q points outside the handbook folder %s; keep navigation files inside it", ref, filepath.Base(limit()))
		}
		for _, s := range append(stack, n.abs) {
			if s == target {
				return fail("$ref %q refers back to %s, a cycle; remove one of the references", ref, filepath.Base(target))
			}
		}
		if len(stack) >= maxRefDepth {
			return fail("$ref %q is nested more than %d files deep; flatten the references", ref, maxRefDepth)
		}
		data, ok := over[target]
		if !ok {
			var err error
			if data, err = safefile.Read(target, safefile.DocsJSONLimit); err != nil {
				return fail("$ref %q cannot be read: %s; fix the file name", ref, describeErr(err))
			}
		}
		child, err := ParseNav(filepath.Join(filepath.Dir(n.Path), filepath.FromSlash(ref)), data)
		if err != nil {
			return err
		}
		child.abs = target
		if err := child.resolveRefs(limit, append(stack, n.abs), over); err != nil {
			return err
		}
		if n.refs == nil {
			n.refs = map[int]*Nav{}
		}
		n.refs[v.StartOffset] = child
	}
	return nil
}

// loadNavTree parses the docs.json at abs (shown as path) and every file it
// refers to; over holds contents to use instead of the files'.
func loadNavTree(path, abs string, data []byte, over map[string][]byte) (*Nav, error) {
	n, err := ParseNav(path, data)
	if err != nil {
		return nil, err
	}
	n.abs = abs
	// The handbook folder, after symlinks, is needed only where a $ref
	// is: nearly every docs.json has none, and resolving it walked every
	// folder from / on each run.
	limit := sync.OnceValue(func() string {
		if real, err := Resolve(filepath.Dir(abs)); err == nil {
			return real
		}
		return filepath.Dir(abs)
	})
	if err := n.resolveRefs(limit, nil, over); err != nil {
		return nil, err
	}
	return n, nil
}

// WithFile returns the navigation as it is once the file at abs (this
// docs.json or one it refers to) holds data: how a second edit sees the
// first before anything is written.
func (n *Nav) WithFile(abs string, data []byte) (*Nav, error) {
	over := map[string][]byte{}
	n.eachFile(func(f *Nav) { over[f.abs] = f.Data })
	over[abs] = data
	return loadNavTree(n.Path, n.abs, over[n.abs], over)
}

// Files returns the absolute path and content of this docs.json and of
// every file it refers to, in the order they are read.
func (n *Nav) Files() map[string][]byte {
	out := map[string][]byte{}
	n.eachFile(func(f *Nav) { out[f.abs] = f.Data })
	return out
}

// eachFile visits this file, then the files it refers to, in document
// order, depth first.
func (n *Nav) eachFile(visit func(*Nav)) {
	visit(n)
	for v := range n.root.All() {
		if c := n.refs[v.StartOffset]; c != nil {
			c.eachFile(visit)
		}
	}
}

// SetPaths rewrites how every file of the tree is named in messages.
func (n *Nav) SetPaths(name func(abs string) string) {
	n.eachFile(func(f *Nav) { f.Path = name(f.abs) })
}

// navObject is an object of the navigation as the walk meets it.
type navObject struct {
	file  *Nav
	obj   *hujson.Object
	value *hujson.Value
	where string // breadcrumb of the object, itself included
	group string // innermost group name
}

// walk visits every object of the navigation, following $ref files, with
// its breadcrumb; inPages reports strings inside "pages" arrays (and group
// "root" pages) to page.
func (n *Nav) walk(object func(navObject), page func(f *Nav, v *hujson.Value, s, group, where string)) {
	var visit func(f *Nav, v *hujson.Value, group, where string, inPages bool)
	visit = func(f *Nav, v *hujson.Value, group, where string, inPages bool) {
		switch t := v.Value.(type) {
		case hujson.Literal:
			if inPages && t.Kind() == '"' && page != nil {
				page(f, v, litString(t), group, where)
			}
		case *hujson.Array:
			for i := range t.Elements {
				visit(f, &t.Elements[i], group, where, inPages)
			}
		case *hujson.Object:
			g, w := group, where
			for _, l := range navLabels {
				if name, ok := stringMember(t, l.key); ok {
					label := l.label + " " + name
					if l.key == "group" {
						g = name
						if h := member(t, "hidden"); h != nil {
							if lit, ok := h.Value.(hujson.Literal); ok && lit.Bool() {
								label += " (hidden)"
							}
						}
					}
					if w == "" {
						w = label
					} else {
						w += " › " + label
					}
					break
				}
			}
			if object != nil {
				object(navObject{file: f, obj: t, value: v, where: w, group: g})
			}
			if c := f.refs[v.StartOffset]; c != nil {
				visit(c, &c.root, g, w, inPages)
			}
			for i := range t.Members {
				m := &t.Members[i]
				switch name := memberName(m); {
				case name == "root" && g != "" && g != group:
					visit(f, &m.Value, g, w, true) // a group's landing page
				default:
					visit(f, &m.Value, g, w, name == "pages")
				}
			}
		}
	}
	visit(n, &n.root, "", "", false)
}

// groupNamed finds the first group named name, in reading order across
// the files, with a "pages" array.
func (n *Nav) groupNamed(name string) (navObject, *hujson.Value, bool) {
	var found navObject
	var pages *hujson.Value
	n.walk(func(o navObject) {
		if pages != nil {
			return
		}
		if g, ok := stringMember(o.obj, "group"); ok && g == name {
			if p := member(o.obj, "pages"); p != nil {
				if _, ok := p.Value.(*hujson.Array); ok {
					found, pages = o, p
				}
			}
		}
	}, nil)
	return found, pages, pages != nil
}

// whereOf is the breadcrumb of the place a new group is created in.
func (n *Nav) whereOf(f *Nav, container *hujson.Value) string {
	where := ""
	n.walk(func(o navObject) {
		if o.file != f || where != "" {
			return
		}
		for i := range o.obj.Members {
			if &o.obj.Members[i].Value == container {
				where = o.where
			}
		}
	}, nil)
	return where
}

func joinWhere(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " › " + b
}

// isAPIPage reports an OpenAPI operation listed as a page ("GET /users",
// "openapi.yaml POST /orders"): Mintlify generates it, so it has no file.
func isAPIPage(p string) bool {
	fields := strings.Fields(p)
	if len(fields) >= 3 && (strings.HasSuffix(fields[0], ".json") || strings.HasSuffix(fields[0], ".yaml") || strings.HasSuffix(fields[0], ".yml")) {
		fields = fields[1:]
	}
	if len(fields) < 2 {
		return false
	}
	switch strings.ToUpper(fields[0]) {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "WEBHOOK":
		return strings.HasPrefix(fields[1], "/") || strings.ToUpper(fields[0]) == "WEBHOOK"
	}
	return false
}
