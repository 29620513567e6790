package mcp

import (
	"encoding/json"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"
)

// FuzzArgumentsAsTheSDK: for any arguments to any tool, the server's
// validator accepts exactly what jsonschema-go (the SDK's validator)
// accepts with the same schema.
func FuzzArgumentsAsTheSDK(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"concept":"x"}`, `{"concept":"x","limit":1e2}`, `{"concept":"x","limit":1.5}`, `{"concept":"x","context":null}`,
		`{"concept":"x","roles":["a",null]}`, `{"concept":"x","roles":null}`, `{"concept":5}`, `{"concept":"x","extra":1}`,
		`{"slug":"x","refs":"maybe"}`, `{"slug":"x","link_base":"commit","refs_limit":100}`, `{"slug":"x","refs_limit":101}`,
		`{"slug":"x","sections":[{"heading":"h","text":"t"}]}`, `{"slug":"x","sections":[{"heading":"h"}]}`,
		`{"slug":"x","sections":[{"heading":"h","text":"t","x":1}]}`, `{"entry":"e","write":true}`, `{"entry":"e","write":"yes"}`,
		`{"paths":["a","b"]}`, `{"paths":"a"}`, `{"paths":[1]}`, `{"concept":"x","limit":-0}`, `{"concept":"x","limit":1e400}`,
		`{"concept":"` + "\u00e9\u00e9" + `"}`, `{"concept":"x","limit":9007199254740993}`, `{"concept":"x","context":20.0}`,
	} {
		for i := range 5 {
			f.Add(i, s)
		}
	}
	s := newServer(Options{})
	resolved := map[string]*jsonschema.Resolved{}
	for _, tl := range s.tools {
		var sch jsonschema.Schema
		if err := json.Unmarshal(tl.InputSchema, &sch); err != nil {
			f.Fatal(err)
		}
		r, err := sch.Resolve(nil)
		if err != nil {
			f.Fatal(err)
		}
		resolved[tl.Name] = r
	}
	f.Fuzz(func(t *testing.T, i int, args string) {
		tl := s.tools[(i%len(s.tools)+len(s.tools))%len(s.tools)]
		var v map[string]any
		if json.Unmarshal([]byte(args), &v) != nil {
			return // not an object: refused before either validator
		}
		var anyV any = v
		want := resolved[tl.Name].Validate(&anyV)
		got := tl.input.validate(v, "")
		if (got == nil) != (want == nil) {
			t.Fatalf("%s %s: ours %v, jsonschema-go %v", tl.Name, args, got, want)
		}
	})
}
