package mcp

import (
	"bytes"
	_ "embed"
	"strings"
	"sync"
	"text/template"

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

type promptArgument struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Required    bool   `json:"required,omitempty"`
}

type prompt struct {
	Name        string            `json:"name"`
	Title       string            `json:"title,omitempty"`
	Description string            `json:"description,omitempty"`
	Arguments   []*promptArgument `json:"arguments,omitempty"`
}

var handbookPrompt = &prompt{
	Name:        PromptName,
	Title:       "Write a handbook entry",
	Description: "The handbook process for one backend concept: create the entry, explore the code, draft the sections, lint, ask for a review.",
	Arguments: []*promptArgument{{
		Name:        "concept",
		Description: "the backend concept, e.g. distributed lock or task-debouncer",
		Required:    true,
	}},
}

func (s *server) listPrompts() any {
	return struct {
		Prompts []*prompt `json:"prompts"`
	}{[]*prompt{handbookPrompt}}
}

type promptMessage struct {
	Role    string      `json:"role"`
	Content textContent `json:"content"`
}

type getPromptResult struct {
	Description string           `json:"description,omitempty"`
	Messages    []*promptMessage `json:"messages"`
}

func (s *server) getPrompt(m *message) (any, error) {
	var p struct {
		Name      string            `json:"name"`
		Arguments map[string]string `json:"arguments"`
	}
	if err := unmarshalParams(m, &p, true); err != nil {
		return nil, err
	}
	if p.Name != PromptName {
		return nil, invalidParams("unknown prompt %q", p.Name)
	}
	return s.prompt(p.Arguments)
}

func (s *server) prompt(args map[string]string) (*getPromptResult, error) {
	concept := strings.TrimSpace(args["concept"])
	switch {
	// Bad arguments are an invalid-params error (-32602), as for any
	// request the client got wrong.
	case concept == "":
		return nil, invalidParams("the prompt needs a concept, e.g. distributed lock")
	case len(concept) > maxNameLen:
		return nil, invalidParams("the concept is %d bytes; keep it to %d", len(concept), maxNameLen)
	}
	text, err := renderPrompt(concept)
	if err != nil {
		return nil, err
	}
	return &getPromptResult{
		Description: "Write the handbook entry for " + concept,
		Messages:    []*promptMessage{{Role: "user", Content: textContent{Type: "text", Text: text}}},
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
