package validate

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzFlatFrontmatter checks that whatever flatFrontmatter reads, it reads
// as yaml.v3 does: the same nodes, tags, styles, lines and columns.
func FuzzFlatFrontmatter(f *testing.F) {
	for _, s := range []string{
		"title: \"Task debouncing\"\ndescription: \"Run a task once.\"\n",
		"title: Outbox\nsidebarTitle: 'The outbox'\nog:title: x\n", "title:  \"a\"  \nicon: bolt", "a: b\na: c\n",
		"title: true\n", "title: x # c\n", "title: a: b\n", "title: \"a\\\"b\"\n", "title: 'it''s'\n", "title: It's\n",
		"title: a]b}\n", "title: x:\n", "title:\n", "title: \"a\" b\n", "true: x\n", "a-b_c: d\n", "t: a,b\n",
		"title: nul\n", "title: NULL\n", "title: a #b\n", "title: a#b\n", "title: '\"'\n", "title: \"'\"\n", "x: y\n\n",
		strings.Repeat("k", 1100) + ": v\n", "on: yes\ny: n\nOff: No\n", "title: NaN\nx: Infinity\n", "a: b\n---\n", "a: b\n...\n",
		"a: b\n c\n", "a: b\n  c: d\n", "a: http://x.y/z?q=1&r=[2]\n", "a: b@c\n", "a: b|c\n", "a: b > c\n", "a: !b\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, y []byte) {
		got := flatFrontmatter(y)
		if got == nil {
			return
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(y, &doc); err != nil {
			t.Fatalf("flatFrontmatter read %q, which yaml.v3 rejects: %v", y, err)
		}
		if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
			t.Fatalf("flatFrontmatter read %q, which yaml.v3 reads as %+v", y, doc)
		}
		if want := doc.Content[0]; !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\nflat:   %s\nyaml.v3: %s", y, dumpNode(got), dumpNode(want))
		}
	})
}

func dumpNode(n *yaml.Node) string {
	var sb strings.Builder
	for _, c := range append([]*yaml.Node{n}, n.Content...) {
		fmt.Fprintf(&sb, "\n  kind %d tag %s value %q style %d at %d:%d", c.Kind, c.Tag, c.Value, c.Style, c.Line, c.Column)
	}
	return sb.String()
}
