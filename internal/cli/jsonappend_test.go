package cli

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAppendJSONEqualsEncoder: strings and numbers appended as
// encoding/json writes them (HTML escaping off).
func TestAppendJSONEqualsEncoder(t *testing.T) {
	pieces := []string{"a", "é", "日本", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1f", "\x7f", "<", ">", "&", "\u2028", "\u2029", "\xff", "\xe2\x80", "`x`", " ", "\U0001F600"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := string(AppendJSONString(nil, s)), marshal(t, s); got != want {
			t.Fatalf("%q: got %s, want %s", s, got, want)
		}
	}
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.1 + 0.2, 1e-6, 9.99e-7, 1e-7, 5e-324, 1e20, 1e21, -1e21, 1.7976931348623157e308, 123456789.125, 1e-10}
	for range 2000 {
		floats = append(floats, math.Float64frombits(r.Uint64()))
	}
	for _, f := range floats {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		if got, want := string(AppendJSONFloat(nil, f)), marshal(t, f); got != want {
			t.Fatalf("%v: got %s, want %s", f, got, want)
		}
	}
}

func marshal(t *testing.T, v any) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}
