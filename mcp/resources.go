package mcp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/handbook-dev/handbook/internal/safefile"
	"github.com/handbook-dev/handbook/workspace"
)

// EntryURIPrefix starts the URI of every entry: handbook://entries/<slug>.
const EntryURIPrefix = "handbook://entries/"

// maxEntrySize bounds what a resource read returns; an entry is a page of
// prose, and lint would call anything bigger broken.
const maxEntrySize = 4 << 20

const entryMIME = "text/markdown"

type resource struct {
	URI         string `json:"uri"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	MIMEType    string `json:"mimeType,omitempty"`
}

type resourceTemplate struct {
	URITemplate string `json:"uriTemplate"`
	Name        string `json:"name"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	MIMEType    string `json:"mimeType,omitempty"`
}

var entryTemplate = &resourceTemplate{
	URITemplate: EntryURIPrefix + "{slug}",
	Name:        "entry",
	Title:       "Handbook entry",
	Description: "A backend-development entry (MDX), by its slug",
	MIMEType:    entryMIME,
}

// Entries are served through a URI template, and listed when the client
// asks, so the list is never stale and no list-changed notification is
// ever needed.
func (s *server) listResourceTemplates() any {
	return struct {
		ResourceTemplates []*resourceTemplate `json:"resourceTemplates"`
	}{[]*resourceTemplate{entryTemplate}}
}

func (s *server) listResources() any {
	entries, err := s.listEntries()
	if err != nil {
		s.log.Warn("listing entries", "error", err)
	}
	if entries == nil {
		entries = []*resource{} // [] rather than null
	}
	return struct {
		Resources []*resource `json:"resources"`
	}{entries}
}

func (s *server) workspace() (*workspace.Workspace, error) {
	return workspace.Open(workspace.Options{Root: s.root, Dir: s.dir})
}

// listEntries lists the .mdx files of the section folder whose names are
// slugs, the files new writes and draft reads.
func (s *server) listEntries() ([]*resource, error) {
	ws, err := s.workspace()
	if err != nil {
		return nil, err
	}
	des, err := os.ReadDir(ws.Section)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []*resource
	for _, de := range des {
		slug, ok := strings.CutSuffix(de.Name(), ".mdx")
		if !ok || !de.Type().IsRegular() || !workspace.ValidSlug(slug) {
			continue
		}
		out = append(out, &resource{
			URI:         EntryURIPrefix + slug,
			Name:        slug,
			MIMEType:    entryMIME,
			Description: fmt.Sprintf("%s (%s)", workspace.TitleFromSlug(slug), ws.Rel(filepath.Join(ws.Section, de.Name()))),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URI < out[j].URI })
	return out, nil
}

type resourceContents struct {
	URI      string `json:"uri"`
	MIMEType string `json:"mimeType,omitempty"`
	Text     string `json:"text"`
}

type readResourceResult struct {
	Contents []*resourceContents `json:"contents"`
}

// resourceNotFound is the error for a URI that names no entry.
func resourceNotFound(uri string) error {
	data, _ := json.Marshal(struct {
		URI string `json:"uri"`
	}{uri})
	return &rpcError{Code: codeResourceNotFound, Message: "Resource not found", Data: data}
}

func (s *server) readEntry(uri string) (*readResourceResult, error) {
	slug, ok := strings.CutPrefix(uri, EntryURIPrefix)
	if !ok || !workspace.ValidSlug(slug) {
		// A slug is a file name, never a path: nothing outside the
		// section can be named.
		return nil, resourceNotFound(uri)
	}
	ws, err := s.workspace()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(ws.Section, slug+".mdx")
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, resourceNotFound(uri)
	}
	if err != nil {
		return nil, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		// A link could lead out of the repository.
		return nil, fmt.Errorf("%s is a symbolic link, not an entry", ws.Rel(path))
	}
	// safefile refuses a FIFO (even one swapped in after the Lstat) and a
	// file over the limit without reading it.
	data, err := safefile.Read(path, maxEntrySize)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", ws.Rel(path), safefile.Describe(err))
	}
	return &readResourceResult{Contents: []*resourceContents{{URI: uri, MIMEType: entryMIME, Text: string(data)}}}, nil
}
