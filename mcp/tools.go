package mcp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

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
	Refs        string    `json:"refs,omitempty" jsonschema:"auto: put the explorer's hits clearly about the concept (at most refs_limit) under How it works; none (default)"`
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
	Refs      string    `json:"refs,omitempty" jsonschema:"auto: add the explorer's hits clearly about the concept (at most refs_limit) under How it works; none (default)"`
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

// tool is one tool: what tools/list says of it and how tools/call runs it.
type tool struct {
	Name         string           `json:"name"`
	Title        string           `json:"title,omitempty"`
	Description  string           `json:"description,omitempty"`
	InputSchema  json.RawMessage  `json:"inputSchema"`
	OutputSchema json.RawMessage  `json:"outputSchema,omitempty"`
	Annotations  *toolAnnotations `json:"annotations,omitempty"`

	input *schema
	// run checks and decodes the arguments and runs the handler; the
	// result is the structured content.
	run func(ctx context.Context, args map[string]any) (any, error)
}

type toolAnnotations struct {
	IdempotentHint bool `json:"idempotentHint,omitempty"`
	ReadOnlyHint   bool `json:"readOnlyHint,omitempty"`
}

var readOnly = &toolAnnotations{ReadOnlyHint: true, IdempotentHint: true}

// toolList lists the tools by name, as tools/list sends them.
func (s *server) toolList() []*tool {
	return []*tool{
		newTool(s, &tool{
			Name:  "draft",
			Title: "Fill the sections of an entry",
			Description: "Fill the template sections of an entry that are missing, empty or still hold their handbook:todo " +
				"comment, and optionally add references to the code (handbook draft --format json). It returns the " +
				"unified diff and writes only with write=true; text already written is never changed.",
		}, s.draft),
		newTool(s, &tool{
			Name:  "explore",
			Title: "Find where a concept lives in the code",
			Description: "Search the repository for a concept and return the files that implement it, best first, " +
				"each with its role and snippets (handbook explore --format json). documented_in lists the handbook " +
				"entries that already cover it.",
			Annotations: readOnly,
		}, s.explore),
		newTool(s, &tool{
			Name:  "lint",
			Title: "Check entries against the template",
			Description: "Check entries the way a reviewer would: frontmatter, summary, the template's sections in order " +
				"and written, no leftover todo comments, navigation (handbook lint --format json).",
			Annotations: readOnly,
		}, s.lint),
		newTool(s, &tool{
			Name:  "new",
			Title: "Create a handbook entry",
			Description: "Create a backend-development entry from the template and register it in docs.json " +
				"(handbook new --format json). Returns the path, the navigation change, the references added " +
				"and what lint still reports. Sections left without text keep a handbook:todo comment; fill them later with draft.",
		}, s.newEntry),
		newTool(s, &tool{
			Name:  "status",
			Title: "How true to the code each entry still is",
			Description: "For each entry, stalest first: its references to code (total and broken), its last edit, and the " +
				"drift since then, commits and lines that changed the code it cites (handbook status --format json). " +
				"history says whether drift could be read from git.",
			Annotations: readOnly,
		}, s.status),
	}
}

// newTool gives t its schemas (schema/<name>.input.json and
// .output.json) and a run that checks the arguments against the input
// schema, decodes them into In, waits for one of the server's slots and
// turns a panic of h into an error instead of the end of the session.
func newTool[In, Out any](s *server, t *tool, h func(context.Context, In) (Out, error)) *tool {
	t.InputSchema = schemaFile(t.Name + ".input")
	t.OutputSchema = schemaFile(t.Name + ".output")
	t.input = parseSchema(t.InputSchema)
	t.run = func(ctx context.Context, args map[string]any) (res any, err error) {
		if err := t.input.validate(args, ""); err != nil {
			return nil, fmt.Errorf("validating \"arguments\": %w", err)
		}
		// Decoded into a map and encoded again, as the SDK did: a number
		// written 1e2 is then the integer 100.
		data, err := json.Marshal(args)
		if err != nil {
			return nil, err
		}
		var in In
		if err := json.Unmarshal(data, &in); err != nil {
			return nil, err
		}
		defer func() {
			if r := recover(); r != nil {
				s.log.Error("tool panicked", "tool", t.Name, "panic", r)
				res, err = nil, fmt.Errorf("internal error in %s: %v", t.Name, r)
			}
		}()
		select {
		case s.slots <- struct{}{}:
			defer func() { <-s.slots }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if s.onCall != nil {
			s.onCall(ctx, t.Name)
		}
		return h(ctx, in)
	}
	return t
}

func (s *server) listTools() any {
	return struct {
		Tools []*tool `json:"tools"`
	}{s.tools}
}

// textContent is the one kind of content the server sends.
type textContent struct {
	Type string `json:"type"` // "text"
	Text string `json:"text"`
}

type callToolResult struct {
	Content           []textContent   `json:"content"`
	StructuredContent json.RawMessage `json:"structuredContent,omitempty"`
	IsError           bool            `json:"isError,omitempty"`
	// entryAdded: the call wrote a new entry, so the list of resources
	// changed (a write over an existing one, --force, changes it too:
	// its title may differ).
	entryAdded bool
}

// callTool runs a tool. Its result is the structured content and, for
// clients without structured content, the same JSON as text; a failure of
// the tool (bad arguments included) is a result with isError, whose text
// is the message the command prints, so that the agent reads it.
func (s *server) callTool(ctx context.Context, m *message) (any, error) {
	var p struct {
		Name      string          `json:"name"`
		Arguments json.RawMessage `json:"arguments"`
	}
	if err := unmarshalParams(m, &p, true); err != nil {
		return nil, err
	}
	i := slices.IndexFunc(s.tools, func(t *tool) bool { return t.Name == p.Name })
	if i < 0 {
		return nil, invalidParams("unknown tool %q", p.Name)
	}
	args := map[string]any{}
	if !isNull(p.Arguments) {
		if err := json.Unmarshal(p.Arguments, &args); err != nil {
			return toolError(fmt.Errorf("validating \"arguments\": unmarshaling arguments: %w", err)), nil
		}
	}
	out, err := s.tools[i].run(ctx, args)
	if err != nil {
		return toolError(err), nil
	}
	data, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("marshaling output: %w", err)
	}
	res := &callToolResult{Content: []textContent{{"text", string(data)}}, StructuredContent: data}
	if r, ok := out.(*scaffold.Result); ok && !r.DryRun {
		res.entryAdded = true
	}
	return res, nil
}

func toolError(err error) *callToolResult {
	return &callToolResult{Content: []textContent{{"text", err.Error()}}, IsError: true}
}

func (s *server) newEntry(ctx context.Context, in NewInput) (*scaffold.Result, error) {
	res, err := scaffold.New(scaffold.Options{
		IO: s.quietIO(), Root: s.root, Dir: s.dir,
		Slug: in.Slug, Title: in.Title, Description: in.Description, Summary: in.Summary,
		TitleSet: in.Title != "", DescriptionSet: in.Description != "", SummarySet: in.Summary != "",
		Sections: sectionTexts(in.Sections),
		NoInput:  true, Force: in.Force, DryRun: in.DryRun,
		Refs:   refOptions(in.Refs, in.RefsLimit, in.RefsCode, in.LinkBase),
		Format: "json",
	})
	return res, err
}

func (s *server) explore(ctx context.Context, in ExploreInput) (*explore.Result, error) {
	opts := explore.Options{Ctx: ctx, Root: s.root, Dir: s.dir, Concept: in.Concept, Roles: in.Roles, Paths: in.Paths, Limit: in.Limit}
	if in.Context != nil {
		opts.Context = *in.Context
		if opts.Context == 0 {
			opts.Context = -1 // Options reads 0 as the default
		}
	}
	res, err := explore.Search(opts)
	return res, err
}

func (s *server) draft(ctx context.Context, in DraftInput) (*scaffold.DraftResult, error) {
	res, err := scaffold.Draft(scaffold.DraftOptions{
		IO: s.quietIO(), Root: s.root, Dir: s.dir,
		Entry: in.Entry, Sections: sectionTexts(in.Sections),
		Refs:    refOptions(in.Refs, in.RefsLimit, in.RefsCode, in.LinkBase),
		Yes:     in.Write,
		DryRun:  !in.Write,
		NoInput: true,
		Format:  "json",
	})
	return res, err
}

func (s *server) lint(ctx context.Context, in LintInput) (*validate.JSONReport, error) {
	// validate.Run is the command itself: its JSON is the result, findings
	// are data (not an error), and anything else it says on stderr is the
	// error's message or, on success, a note for the log.
	var out, errOut bytes.Buffer
	ios := s.quietIO()
	ios.Out, ios.ErrOut = &out, &errOut
	err := validate.Run(validate.Options{IO: ios, Root: s.root, Dir: s.dir, Paths: in.Paths, Format: "json"})
	if err != nil && !errors.Is(err, cli.ErrFindings) {
		msg := strings.ReplaceAll(strings.TrimPrefix(errOut.String(), "handbook: "), "\nhandbook: ", "\n")
		return nil, fmt.Errorf("%s%w", msg, err)
	}
	s.errOut.Write(errOut.Bytes())
	var rep validate.JSONReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		return nil, fmt.Errorf("reading lint's JSON: %w", err)
	}
	return &rep, nil
}

func (s *server) status(ctx context.Context, in StatusInput) (*validate.StatusReport, error) {
	rep, err := validate.EntriesStatus(validate.StatusOptions{IO: s.quietIO(), Root: s.root, Dir: s.dir, Paths: in.Paths, Format: "json"})
	return rep, err
}

func refOptions(mode string, limit int, code bool, linkBase string) scaffold.RefOptions {
	if mode == "" {
		mode = "none" // a server never asks
	}
	return scaffold.RefOptions{Mode: mode, Limit: limit, Code: code, LinkBase: linkBase}
}
