package explore

import (
	"io"
	"math"
	"strconv"

	"github.com/handbook-dev/handbook/internal/cli"
)

// WriteJSON prints the result as cli.WriteJSON would (encoding/json,
// two-space indent, no HTML escaping), byte for byte, but field by field
// instead of through reflection: a search prints its result once all its
// work is done, and the reflecting encoder (its type cache built on first
// use, then an indenting pass over the compact text) took 0.5-0.9 ms of a
// 50 ms search. A field added to Result or the types it holds must be
// added here too; TestJSONEqualsEncoder fails until it is.
func WriteJSON(w io.Writer, res *Result) error {
	if !res.finite() {
		return cli.WriteJSON(w, res) // which says what is wrong
	}
	_, err := w.Write(appendResultJSON(make([]byte, 0, 32<<10), res))
	return err
}

// finite reports whether every number of res can be written as JSON.
func (res *Result) finite() bool {
	ok := func(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
	if !ok(res.Weight) {
		return false
	}
	for _, r := range res.Results {
		if !ok(r.Score) {
			return false
		}
		for _, s := range r.Signals {
			if !ok(s.Value) {
				return false
			}
		}
		for _, f := range r.Files {
			if !ok(f.Score) {
				return false
			}
		}
	}
	return true
}

// jsonObject writes the fields of one object at depth d.
type jsonObject struct {
	b     []byte
	d     int
	empty bool
}

func openObject(b []byte, d int) jsonObject {
	return jsonObject{b: append(b, '{'), d: d + 1, empty: true}
}

// key starts the field name.
func (o *jsonObject) key(name string) {
	if !o.empty {
		o.b = append(o.b, ',')
	}
	o.empty = false
	o.b = cli.AppendJSONIndent(o.b, o.d)
	o.b = append(o.b, '"')
	o.b = append(o.b, name...)
	o.b = append(o.b, '"', ':', ' ')
}

func (o *jsonObject) str(name, v string) {
	o.key(name)
	o.b = cli.AppendJSONString(o.b, v)
}

func (o *jsonObject) int(name string, v int64) {
	o.key(name)
	o.b = strconv.AppendInt(o.b, v, 10)
}

func (o *jsonObject) float(name string, v float64) {
	o.key(name)
	o.b = cli.AppendJSONFloat(o.b, v)
}

func (o *jsonObject) bool(name string, v bool) {
	o.key(name)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *jsonObject) strs(name string, v []string) {
	o.key(name)
	o.b = appendList(o.b, o.d, v, func(b []byte, _ int, s string) []byte { return cli.AppendJSONString(b, s) })
}

func (o *jsonObject) close() []byte {
	o.d--
	if !o.empty {
		o.b = cli.AppendJSONIndent(o.b, o.d)
	}
	return append(o.b, '}')
}

// appendList writes a list at depth d, each element by elem (given the
// element's depth): null when nil, [] when empty.
func appendList[T any](b []byte, d int, list []T, elem func(b []byte, d int, v T) []byte) []byte {
	switch {
	case list == nil:
		return append(b, "null"...)
	case len(list) == 0:
		return append(b, '[', ']')
	}
	b = append(b, '[')
	for i, v := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = cli.AppendJSONIndent(b, d+1)
		b = elem(b, d+1, v)
	}
	b = cli.AppendJSONIndent(b, d)
	return append(b, ']')
}

func appendResultJSON(b []byte, res *Result) []byte {
	o := openObject(b, 0)
	o.str("concept", res.Concept)
	o.strs("terms", res.Terms)
	o.key("results")
	o.b = appendList(o.b, o.d, res.Results, appendFileResultJSON)
	if res.Entry != "" {
		o.str("entry", res.Entry)
	}
	o.strs("documented_in", res.DocumentedIn)
	o.key("stats")
	o.b = appendStatsJSON(o.b, o.d, &res.Stats)
	o.float("weight", res.Weight)
	return append(o.close(), '\n')
}

func appendFileResultJSON(b []byte, d int, r FileResult) []byte {
	o := openObject(b, d)
	o.str("path", r.Path)
	o.str("kind", r.Kind)
	o.str("role", r.Role)
	o.float("score", r.Score)
	o.strs("reasons", r.Reasons)
	o.key("hits")
	o.b = appendList(o.b, o.d, r.Hits, appendHitJSON)
	o.key("signals")
	o.b = appendList(o.b, o.d, r.Signals, appendSignalJSON)
	o.bool("confident", r.Confident)
	if len(r.Files) > 0 {
		o.key("files")
		o.b = appendList(o.b, o.d, r.Files, func(b []byte, d int, f ModuleFile) []byte {
			o := openObject(b, d)
			o.str("path", f.Path)
			o.str("role", f.Role)
			o.float("score", f.Score)
			return o.close()
		})
	}
	if len(r.Duplicates) > 0 {
		o.strs("duplicates", r.Duplicates)
	}
	return o.close()
}

func appendHitJSON(b []byte, d int, h Hit) []byte {
	o := openObject(b, d)
	o.int("line", int64(h.Line))
	o.str("text", h.Text)
	o.str("kind", h.Kind)
	o.strs("context_before", h.ContextBefore)
	o.strs("context_after", h.ContextAfter)
	if h.Path != "" {
		o.str("path", h.Path)
	}
	if h.DocBefore != 0 {
		o.int("doc_before", int64(h.DocBefore))
	}
	return o.close()
}

func appendSignalJSON(b []byte, d int, s Signal) []byte {
	o := openObject(b, d)
	o.str("name", s.Name)
	o.float("value", s.Value)
	if s.Factor {
		o.bool("factor", s.Factor)
	}
	o.str("detail", s.Detail)
	return o.close()
}

func appendStatsJSON(b []byte, d int, s *Stats) []byte {
	o := openObject(b, d)
	o.int("files_walked", int64(s.FilesWalked))
	o.int("files_searched", int64(s.FilesSearched))
	o.int("bytes", s.Bytes)
	o.int("skipped_binary", int64(s.SkippedBinary))
	o.int("skipped_large", int64(s.SkippedLarge))
	o.int("unreadable", int64(s.Unreadable))
	o.int("elapsed_ms", s.ElapsedMS)
	if len(s.Warnings) > 0 {
		o.strs("warnings", s.Warnings)
	}
	return o.close()
}
