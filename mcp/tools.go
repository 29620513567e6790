package mcp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/handbook-dev/handbook/explore"
	"github.com/handbook-dev/handbook/internal/cli"
	"github.com/handbook-dev/handbook/scaffold"
	"github.com/handbook-dev/handbook/validate"
)

// Section is the text of one template section, as the new and draft tools
// take it (the --section flag of the commands).
type Section struct {
	Heading string `json:"heading" jsonschema:"the template heading, or its first words: When to use, How to use, How it works"`
	Text    string `json:"text" jsonschema:"the section's Markdown; paragraphs, lists and fenced code (### for sub-headings)"`
}

// NewInput are the arguments of the new tool (the flags of handbook new).
type NewInput struct {
	Slug        string    `json:"slug" jsonschema:"the entry's kebab-case file name, e.g. distributed-lock"`
	Title       string    `json:"title,omitempty" jsonschema:"the title; default: from the slug"`
	Description string    `json:"description,omitempty" jsonschema:"one line of at most 160 characters (required)"`
	Summary     string    `json:"summary,omitempty" jsonschema:"the paragraph under the frontmatter (required)"`
	Sections    []Section `json:"sections,omitempty" jsonschema:"text for template sections; sections without text keep their handbook:todo comment"`
	Refs        string    `json:"refs,omitempty" jsonschema:"auto: put the explorer's best hits under How it works; none (default)"`
	RefsLimit   int       `json:"refs_limit,omitempty" jsonschema:"how many references refs=auto takes (default 5)"`
	RefsCode    bool      `json:"refs_code,omitempty" jsonschema:"also add each reference's snippet as a fenced code block"`
	LinkBase    string    `json:"link_base,omitempty" jsonschema:"auto (the remote web URL on GitHub or GitLab, else relative), repository (relative to the entry), remote (web URL at the default branch) or commit (permalink); default from .handbook.yaml"`
	Force       bool      `json:"force,omitempty" jsonschema:"overwrite an existing entry"`
	DryRun      bool      `json:"dry_run,omitempty" jsonschema:"return the entry and the docs.json change without writing"`
}

// ExploreInput are the arguments of the explore tool.
type ExploreInput struct {
	Concept string   `json:"concept" jsonschema:"a slug, words or a CamelCase name: distributed-lock, distributed lock and DistributedLock are the same"`
	Roles   []string `json:"roles,omitempty" jsonschema:"keep only files with these roles: endpoint, service, repository, schema, task, worker, model, migration, test, doc, frontend, config, code"`
	Paths   []string `json:"paths,omitempty" jsonschema:"search only these files or folders, relative to the server's folder"`
	Limit   int      `json:"limit,omitempty" jsonschema:"number of files (default 10)"`
	Context *int     `json:"context,omitempty" jsonschema:"lines of context around each snippet (default 2)"`
}

// DraftInput are the arguments of the draft tool.
type DraftInput struct {
	Entry     string    `json:"entry" jsonschema:"the entry's slug (distributed-lock) or the path of its .mdx file"`
	Sections  []Section `json:"sections,omitempty" jsonschema:"text for sections still to write; draft never rewrites a written section"`
	Refs      string    `json:"refs,omitempty" jsonschema:"auto: add the explorer's best hits under How it works; none (default)"`
	RefsLimit int       `json:"refs_limit,omitempty" jsonschema:"how many references refs=auto takes (default 5)"`
	RefsCode  bool      `json:"refs_code,omitempty" jsonschema:"also add each reference's snippet as a fenced code block"`
	LinkBase  string    `json:"link_base,omitempty" jsonschema:"auto, repository, remote or commit; default from .handbook.yaml, else auto"`
	Write     bool      `json:"write,omitempty" jsonschema:"write the change; without it draft only returns the diff"`
}

// StatusInput are the arguments of the status tool.
type StatusInput struct {
	Paths []string `json:"paths,omitempty" jsonschema:"entries or folders; default: every entry of the backend-development section"`
}

// LintInput are the arguments of the lint tool.
type LintInput struct {
	Paths []string `json:"paths,omitempty" jsonschema:"entries or folders to lint; default: every entry of the backend-development section"`
}

// Bounds on the arguments: a call is one line of JSON, and nothing an agent
// sends should make the server hold or search more than a person would
// type. The schemas carry them, so the SDK refuses a call before it runs.
const (
	maxNameLen     = 200       // slug, title, concept, heading, role
	maxLineLen     = 1000      // description
	maxTextLen     = 256 << 10 // summary, a section's text
	maxPathLen     = 4096
	maxListLen     = 64 // paths, roles, sections
	maxResultFiles = 1000
)

// boundInput is the schema of In with the bounds above on every field.
func boundInput[In any]() *jsonschema.Schema {
	s, err := jsonschema.For[In](nil)
	if err != nil {
		panic(err) // the input types are ours; a failure is a bug caught by every test
	}
	intp := func(n int) *int { return &n }
	floatp := func(n float64) *float64 { return &n }
	for name, p := range s.Properties {
		switch name {
		case "slug", "title", "concept", "entry":
			p.MaxLength = intp(maxNameLen)
			if name == "entry" {
				p.MaxLength = intp(maxPathLen)
			}
		case "description":
			p.MaxLength = intp(maxLineLen)
		case "summary":
			p.MaxLength = intp(maxTextLen)
		case "sections":
			p.MaxItems = intp(maxListLen)
			p.Items.Properties["heading"].MaxLength = intp(maxNameLen)
			p.Items.Properties["text"].MaxLength = intp(maxTextLen)
		case "paths":
			p.MaxItems = intp(maxListLen)
			p.Items.MaxLength = intp(maxPathLen)
		case "roles":
			p.MaxItems = intp(maxListLen)
			p.Items.MaxLength = intp(maxNameLen)
		case "refs":
			p.Enum = []any{"auto", "none"}
		case "link_base":
			p.Enum = []any{"repository", "remote"}
		case "limit":
			p.Minimum, p.Maximum = floatp(0), floatp(maxResultFiles)
		case "refs_limit":
			p.Minimum, p.Maximum = floatp(0), floatp(100)
		case "context":
			p.Minimum, p.Maximum = floatp(0), floatp(20)
		}
	}
	return s
}

// sectionTexts turns tool sections into the flags' SectionText, so the
// template headings are matched and checked by the same code.
func sectionTexts(in []Section) []scaffold.SectionText {
	out := make([]scaffold.SectionText, 0, len(in))
	for _, s := range in {
		out = append(out, scaffold.SectionText{Flag: "--section", Name: s.Heading, Text: s.Text})
	}
	return out
}

// quietIO is what the commands run with under the server: no input, no
// terminal, data discarded (the tool returns it as structured content),
// messages to the server's stderr.
func (s *server) quietIO() *cli.IO {
	return &cli.IO{
		In:     strings.NewReader(""),
		Out:    io.Discard,
		ErrOut: s.errOut,
		Getenv: func(string) string { return "" },
	}
}

func (s *server) addTools(srv *sdk.Server) {
	readOnly := &sdk.ToolAnnotations{ReadOnlyHint: true, IdempotentHint: true}
	addTool(s, srv, &sdk.Tool{
		Name:  "new",
		Title: "Create a handbook entry",
		Description: "Create a backend-development entry from the template and register it in docs.json " +
			"(handbook new --format json). Returns the path, the navigation change, the references added " +
			"and what lint still reports. Sections left without text keep a handbook:todo comment; fill them later with draft.",
		InputSchema: boundInput[NewInput](),
	}, s.newEntry)
	addTool(s, srv, &sdk.Tool{
		Name:  "explore",
		Title: "Find where a concept lives in the code",
		Description: "Search the repository for a concept and return the files that implement it, best first, " +
			"each with its role and snippets (handbook explore --format json). documented_in lists the handbook " +
			"entries that already cover it.",
		InputSchema: boundInput[ExploreInput](),
		Annotations: readOnly,
	}, s.explore)
	addTool(s, srv, &sdk.Tool{
		Name:  "draft",
		Title: "Fill the sections of an entry",
		Description: "Fill the template sections of an entry that are missing, empty or still hold their handbook:todo " +
			"comment, and optionally add references to the code (handbook draft --format json). It returns the " +
			"unified diff and writes only with write=true; text already written is never changed.",
		InputSchema: boundInput[DraftInput](),
	}, s.draft)
	addTool(s, srv, &sdk.Tool{
		Name:  "lint",
		Title: "Check entries against the template",
		Description: "Check entries the way a reviewer would: frontmatter, summary, the template's sections in order " +
			"and written, no leftover todo comments, navigation (handbook lint --format json).",
		InputSchema: boundInput[LintInput](),
		Annotations: readOnly,
	}, s.lint)
	addTool(s, srv, &sdk.Tool{
		Name:  "status",
		Title: "How true to the code each entry still is",
		Description: "For each entry, stalest first: its references to code (total and broken), its last edit, and the " +
			"drift since then, commits and lines that changed the code it cites (handbook status --format json). " +
			"history says whether drift could be read from git.",
		InputSchema: boundInput[StatusInput](),
		Annotations: readOnly,
	}, s.status)
}

// addTool registers a tool that waits for one of the server's slots and
// whose panic is a tool error instead of the end of the session.
func addTool[In, Out any](s *server, srv *sdk.Server, t *sdk.Tool, h sdk.ToolHandlerFor[In, Out]) {
	sdk.AddTool(srv, t, func(ctx context.Context, req *sdk.CallToolRequest, in In) (res *sdk.CallToolResult, out Out, err error) {
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("tool panicked", "tool", t.Name, "panic", r)
				err = fmt.Errorf("internal error in %s: %v", t.Name, r)
			}
		}()
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
		case <-ctx.Done():
			return nil, out, ctx.Err()
		}
		if s.onCall != nil {
			s.onCall(ctx, t.Name)
		}
		return h(ctx, req, in)
	})
}

func (s *server) newEntry(ctx context.Context, _ *sdk.CallToolRequest, in NewInput) (*sdk.CallToolResult, *scaffold.Result, error) {
	res, err := scaffold.New(scaffold.Options{
		IO: s.quietIO(), Root: s.root, Dir: s.dir,
		Slug: in.Slug, Title: in.Title, Description: in.Description, Summary: in.Summary,
		TitleSet: in.Title != "", DescriptionSet: in.Description != "", SummarySet: in.Summary != "",
		Sections: sectionTexts(in.Sections),
		NoInput:  true, Force: in.Force, DryRun: in.DryRun,
		Refs:   refOptions(in.Refs, in.RefsLimit, in.RefsCode, in.LinkBase),
		Format: "json",
	})
	return nil, res, err
}

func (s *server) explore(ctx context.Context, _ *sdk.CallToolRequest, in ExploreInput) (*sdk.CallToolResult, *explore.Result, error) {
	opts := explore.Options{Ctx: ctx, Root: s.root, Dir: s.dir, Concept: in.Concept, Roles: in.Roles, Paths: in.Paths, Limit: in.Limit}
	if in.Context != nil {
		opts.Context = *in.Context
		if opts.Context == 0 {
			opts.Context = -1 // Options reads 0 as the default
		}
	}
	res, err := explore.Search(opts)
	return nil, res, err
}

func (s *server) draft(ctx context.Context, _ *sdk.CallToolRequest, in DraftInput) (*sdk.CallToolResult, *scaffold.DraftResult, error) {
	res, err := scaffold.Draft(scaffold.DraftOptions{
		IO: s.quietIO(), Root: s.root, Dir: s.dir,
		Entry: in.Entry, Sections: sectionTexts(in.Sections),
		Refs:    refOptions(in.Refs, in.RefsLimit, in.RefsCode, in.LinkBase),
		Yes:     in.Write,
		DryRun:  !in.Write,
		NoInput: true,
		Format:  "json",
	})
	return nil, res, err
}

func (s *server) lint(ctx context.Context, _ *sdk.CallToolRequest, in LintInput) (*sdk.CallToolResult, *validate.JSONReport, error) {
	// validate.Run is the command itself: its JSON is the result, findings
	// are data (not an error), and anything else it says on stderr is the
	// error's message or, on success, a note for the log.
	var out, errOut bytes.Buffer
	ios := s.quietIO()
	ios.Out, ios.ErrOut = &out, &errOut
	err := validate.Run(validate.Options{IO: ios, Root: s.root, Dir: s.dir, Paths: in.Paths, Format: "json"})
	if err != nil && !errors.Is(err, cli.ErrFindings) {
		msg := strings.ReplaceAll(strings.TrimPrefix(errOut.String(), "handbook: "), "\nhandbook: ", "\n")
		return nil, nil, fmt.Errorf("%s%w", msg, err)
	}
	s.errOut.Write(errOut.Bytes())
	var rep validate.JSONReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		return nil, nil, fmt.Errorf("reading lint's JSON: %w", err)
	}
	return nil, &rep, nil
}

func (s *server) status(ctx context.Context, _ *sdk.CallToolRequest, in StatusInput) (*sdk.CallToolResult, *validate.StatusReport, error) {
	rep, err := validate.EntriesStatus(validate.StatusOptions{IO: s.quietIO(), Root: s.root, Dir: s.dir, Paths: in.Paths, Format: "json"})
	return nil, rep, err
}

func refOptions(mode string, limit int, code bool, linkBase string) scaffold.RefOptions {
	if mode == "" {
		mode = "none" // a server never asks
	}
	return scaffold.RefOptions{Mode: mode, Limit: limit, Code: code, LinkBase: linkBase}
}
