package mcp

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/handbook-dev/handbook/workspace"
)

// EntryURIPrefix starts the URI of every entry: handbook://entries/<slug>.
const EntryURIPrefix = "handbook://entries/"

// maxEntrySize bounds what a resource read returns; an entry is a page of
// prose, and lint would call anything bigger broken.
const maxEntrySize = 4 << 20

const entryMIME = "text/markdown"

// addResources serves entries through a URI template, and lists the
// entries there are when the client asks, so the list is never stale and
// no list-changed notification is ever needed.
func (s *server) addResources(srv *sdk.Server) {
	srv.AddResourceTemplate(&sdk.ResourceTemplate{
		URITemplate: EntryURIPrefix + "{slug}",
		Name:        "entry",
		Title:       "Handbook entry",
		Description: "A backend-development entry (MDX), by its slug",
		MIMEType:    entryMIME,
	}, s.readEntry)
	srv.AddReceivingMiddleware(func(next sdk.MethodHandler) sdk.MethodHandler {
		return func(ctx context.Context, method string, req sdk.Request) (sdk.Result, error) {
			res, err := next(ctx, method, req)
			if lr, ok := res.(*sdk.ListResourcesResult); ok && err == nil && method == "resources/list" {
				entries, lerr := s.listEntries()
				if lerr != nil {
					s.log.Warn("listing entries", "error", lerr)
				}
				lr.Resources = append(lr.Resources, entries...)
			}
			return res, err
		}
	})
}

func (s *server) workspace() (*workspace.Workspace, error) {
	return workspace.Open(workspace.Options{Root: s.root, Dir: s.dir})
}

// listEntries lists the .mdx files of the section folder whose names are
// slugs, the files new writes and draft reads.
func (s *server) listEntries() ([]*sdk.Resource, error) {
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
	var out []*sdk.Resource
	for _, de := range des {
		slug, ok := strings.CutSuffix(de.Name(), ".mdx")
		if !ok || !de.Type().IsRegular() || !workspace.ValidSlug(slug) {
			continue
		}
		out = append(out, &sdk.Resource{
			URI:         EntryURIPrefix + slug,
			Name:        slug,
			MIMEType:    entryMIME,
			Description: fmt.Sprintf("%s (%s)", workspace.TitleFromSlug(slug), ws.Rel(filepath.Join(ws.Section, de.Name()))),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URI < out[j].URI })
	return out, nil
}

func (s *server) readEntry(_ context.Context, req *sdk.ReadResourceRequest) (*sdk.ReadResourceResult, error) {
	uri := req.Params.URI
	slug, ok := strings.CutPrefix(uri, EntryURIPrefix)
	if !ok || !workspace.ValidSlug(slug) {
		// A slug is a file name, never a path: nothing outside the
		// section can be named.
		return nil, sdk.ResourceNotFoundError(uri)
	}
	ws, err := s.workspace()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(ws.Section, slug+".mdx")
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, sdk.ResourceNotFoundError(uri)
	}
	if err != nil {
		return nil, err
	}
	switch {
	case !fi.Mode().IsRegular():
		// A link could lead out of the repository; a FIFO would block.
		return nil, fmt.Errorf("%s is not a regular file", ws.Rel(path))
	case fi.Size() > maxEntrySize:
		return nil, fmt.Errorf("%s is %d bytes, over the %d MiB an entry may be", ws.Rel(path), fi.Size(), maxEntrySize>>20)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &sdk.ReadResourceResult{Contents: []*sdk.ResourceContents{{URI: uri, MIMEType: entryMIME, Text: string(data)}}}, nil
}
