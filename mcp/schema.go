package mcp

import (
	"embed"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// The tools' input and output schemas are static JSON, written once from
// the Go types by jsonschema-go with the bounds below added (the test
// TestSchemasMatchTypes keeps them in step, and rewrites them with
// -update-schemas). Reflecting them at start-up cost every command, --version
// included, the schema library's init and a few hundred microseconds.
//
//go:embed schema/*.json
var schemaFiles embed.FS

// Bounds on the arguments: a call is one line of JSON, and nothing an agent
// sends should make the server hold or search more than a person would
// type. The input schemas carry them, so a call over them is refused
// before it runs.
const (
	maxNameLen     = 200       // slug, title, concept, heading, role
	maxLineLen     = 1000      // description
	maxTextLen     = 256 << 10 // summary, a section's text
	maxPathLen     = 4096
	maxListLen     = 64 // paths, roles, sections
	maxResultFiles = 1000
)

func schemaFile(name string) json.RawMessage {
	data, err := schemaFiles.ReadFile("schema/" + name + ".json")
	if err != nil {
		panic(err) // embedded; a missing file is a bug every test catches
	}
	return data
}

// schema is the part of JSON Schema the input schemas use, enough to
// check arguments as the SDK's validator did.
type schema struct {
	Type                 schemaTypes        `json:"type"`
	Properties           map[string]*schema `json:"properties"`
	Required             []string           `json:"required"`
	AdditionalProperties *bool              `json:"additionalProperties"`
	Items                *schema            `json:"items"`
	MaxLength            *int               `json:"maxLength"`
	MaxItems             *int               `json:"maxItems"`
	Enum                 []any              `json:"enum"`
	Minimum              *float64           `json:"minimum"`
	Maximum              *float64           `json:"maximum"`
}

// schemaTypes is "type": one name or a list of them.
type schemaTypes []string

func (t *schemaTypes) UnmarshalJSON(data []byte) error {
	var one string
	if json.Unmarshal(data, &one) == nil {
		*t = schemaTypes{one}
		return nil
	}
	return json.Unmarshal(data, (*[]string)(t))
}

func parseSchema(data []byte) *schema {
	var s schema
	if err := json.Unmarshal(data, &s); err != nil {
		panic(err) // embedded; a bad file is a bug every test catches
	}
	return &s
}

// validate checks a decoded JSON value (encoding/json's any) against s;
// path names it in the message, as /properties/x/items.
func (s *schema) validate(v any, path string) error {
	where := "root"
	if path != "" {
		where = path
	}
	if len(s.Type) > 0 && !slices.ContainsFunc(s.Type, func(t string) bool { return hasType(v, t) }) {
		return fmt.Errorf("validating %s: type: %s has type %q, want %s", where, short(v), typeOf(v), strings.Join(quoteAll(s.Type), " or "))
	}
	if len(s.Enum) > 0 && !slices.Contains(s.Enum, v) {
		return fmt.Errorf("validating %s: enum: %v does not equal any of: %v", where, v, s.Enum)
	}
	switch v := v.(type) {
	case string:
		if s.MaxLength != nil && utf8.RuneCountInString(v) > *s.MaxLength {
			return fmt.Errorf("validating %s: maxLength: length %d is greater than %d", where, utf8.RuneCountInString(v), *s.MaxLength)
		}
	case float64:
		if s.Minimum != nil && v < *s.Minimum {
			return fmt.Errorf("validating %s: minimum: %v is less than %v", where, v, *s.Minimum)
		}
		if s.Maximum != nil && v > *s.Maximum {
			return fmt.Errorf("validating %s: maximum: %v is greater than %v", where, v, *s.Maximum)
		}
	case []any:
		if s.MaxItems != nil && len(v) > *s.MaxItems {
			return fmt.Errorf("validating %s: maxItems: %d items, more than %d", where, len(v), *s.MaxItems)
		}
		if s.Items != nil {
			for _, item := range v {
				if err := s.Items.validate(item, path+"/items"); err != nil {
					return err
				}
			}
		}
	case map[string]any:
		var missing []string
		for _, name := range s.Required {
			if _, ok := v[name]; !ok {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			return fmt.Errorf("validating %s: required: missing properties: [%s]", where, strings.Join(quoteAll(missing), ","))
		}
		var extra []string
		for _, name := range sortedKeys(v) {
			p, ok := s.Properties[name]
			if !ok {
				extra = append(extra, name)
				continue
			}
			if err := p.validate(v[name], path+"/properties/"+name); err != nil {
				return err
			}
		}
		if len(extra) > 0 && s.AdditionalProperties != nil && !*s.AdditionalProperties {
			return fmt.Errorf("validating %s: unexpected additional properties [%s]", where, strings.Join(quoteAll(extra), ","))
		}
	}
	return nil
}

func hasType(v any, t string) bool {
	switch v := v.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case float64:
		return t == "number" || t == "integer" && v == math.Trunc(v) && !math.IsInf(v, 0)
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	}
	return false
}

func typeOf(v any) string {
	for _, t := range []string{"null", "boolean", "string", "integer", "number", "array", "object"} {
		if hasType(v, t) {
			return t
		}
	}
	return fmt.Sprintf("%T", v)
}

// short shows a value in a message, cut to a readable length (an argument
// may be 256 KiB long).
func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%q", n)
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
