package mcp

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/handbook-dev/handbook/explore"
	"github.com/handbook-dev/handbook/scaffold"
	"github.com/handbook-dev/handbook/validate"
)

var updateSchemas = flag.Bool("update-schemas", false, "rewrite schema/*.json from the Go types")

// boundInput is the schema jsonschema-go reflects from In, with the bounds
// on every field; the server serves it as static JSON.
func boundInput[In any](t *testing.T) *jsonschema.Schema {
	s, err := jsonschema.For[In](nil)
	if err != nil {
		t.Fatal(err)
	}
	intp := func(n int) *int { return &n }
	floatp := func(n float64) *float64 { return &n }
	for name, p := range s.Properties {
		switch name {
		case "slug", "title", "concept":
			p.MaxLength = intp(maxNameLen)
		case "entry":
			p.MaxLength = intp(maxPathLen)
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
			p.Enum = []any{"auto", "repository", "remote", "commit"} // workspace.LinkBases
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

func output[Out any](t *testing.T) *jsonschema.Schema {
	s, err := jsonschema.For[Out](nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The static schemas are what jsonschema-go (the SDK's schema library)
// reflects from the tools' Go types: a field added to an input or a result
// fails here until `go test ./mcp -run TestSchemasMatchTypes -update-schemas`.
func TestSchemasMatchTypes(t *testing.T) {
	want := map[string]*jsonschema.Schema{
		"new.input": boundInput[NewInput](t), "new.output": output[scaffold.Result](t),
		"explore.input": boundInput[ExploreInput](t), "explore.output": output[explore.Result](t),
		"draft.input": boundInput[DraftInput](t), "draft.output": output[scaffold.DraftResult](t),
		"lint.input": boundInput[LintInput](t), "lint.output": output[validate.JSONReport](t),
		"status.input": boundInput[StatusInput](t), "status.output": output[validate.StatusReport](t),
	}
	files, _ := filepath.Glob("schema/*.json")
	if !*updateSchemas && len(files) != len(want) {
		t.Errorf("schema/ holds %d files, want %d", len(files), len(want))
	}
	for name, s := range want {
		data, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		data = append(data, '\n')
		path := filepath.Join("schema", name+".json")
		if *updateSchemas {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s differs from the Go types (err %v); run go test ./mcp -run TestSchemasMatchTypes -update-schemas\nwant:\n%s", path, err, data)
		}
		// The validator reads every keyword the schema uses.
		for _, kw := range keywords(t, got) {
			if !strings.Contains("type properties required additionalProperties items maxLength maxItems enum minimum maximum description", kw) {
				t.Errorf("%s uses %q, which the server's validator does not know", path, kw)
			}
		}
	}
}

// keywords lists the keys of every schema object in an input schema (not
// under properties, whose keys are names).
func keywords(t *testing.T, data []byte) []string {
	if !bytes.Contains(data, []byte(`"required"`)) || strings.Contains(string(data), "$defs") {
		return nil // an output schema: served, never checked
	}
	var walk func(v any, names bool) []string
	walk = func(v any, names bool) (out []string) {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		for k, sub := range m {
			if !names {
				out = append(out, k)
			}
			switch {
			case names:
				out = append(out, walk(sub, false)...)
			case k == "properties":
				out = append(out, walk(sub, true)...)
			case k == "items":
				out = append(out, walk(sub, false)...)
			}
		}
		return out
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return walk(v, false)
}
