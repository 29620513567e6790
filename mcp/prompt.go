package mcp

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"text/template"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/handbook-dev/handbook/workspace"
)

// promptText walks an agent through the handbook process with the tools.
//
//go:embed prompt.md
var promptText string

// promptTmpl is parsed on first use: at package init it cost every
// command, handbook --version included, half a millisecond.
var promptTmpl = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("prompt").Parse(promptText))
})

// PromptName is the name of the handbook process prompt.
const PromptName = "write-handbook-entry"

func (s *server) addPrompt(srv *sdk.Server) {
	srv.AddPrompt(&sdk.Prompt{
		Name:        PromptName,
		Title:       "Write a handbook entry",
		Description: "The handbook process for one backend concept: create the entry, explore the code, draft the sections, lint, ask for a review.",
		Arguments: []*sdk.PromptArgument{{
			Name:        "concept",
			Description: "the backend concept, e.g. distributed lock or task-debouncer",
			Required:    true,
		}},
	}, s.prompt)
}

func (s *server) prompt(_ context.Context, req *sdk.GetPromptRequest) (*sdk.GetPromptResult, error) {
	concept := strings.TrimSpace(req.Params.Arguments["concept"])
	switch {
	// Bad arguments are an invalid-params error (-32602); a plain error
	// would go out with code 0, which JSON-RPC does not define.
	case concept == "":
		return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: "the prompt needs a concept, e.g. distributed lock"}
	case len(concept) > maxNameLen:
		return nil, &jsonrpc.Error{Code: jsonrpc.CodeInvalidParams, Message: fmt.Sprintf("the concept is %d bytes; keep it to %d", len(concept), maxNameLen)}
	}
	text, err := renderPrompt(concept)
	if err != nil {
		return nil, err
	}
	return &sdk.GetPromptResult{
		Description: "Write the handbook entry for " + concept,
		Messages:    []*sdk.PromptMessage{{Role: "user", Content: &sdk.TextContent{Text: text}}},
	}, nil
}

func renderPrompt(concept string) (string, error) {
	slug := concept
	if !workspace.ValidSlug(slug) {
		slug = workspace.SuggestSlug(concept)
	}
	if slug == "" {
		slug = "a kebab-case name of your choice (a-z, 0-9, hyphens)" // nothing ASCII to build it from
	} else {
		slug = `"` + slug + `"`
	}
	var b bytes.Buffer
	err := promptTmpl().Execute(&b, struct{ Concept, Slug string }{concept, slug})
	return b.String(), err
}
