package validate

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLint runs the parser and every rule on arbitrary input: no panic,
// every finding inside the file, every section's ranges inside the source.
func FuzzLint(f *testing.F) {
	addEntrySeeds(f)
	for _, s := range []string{
		"", "---", "---\n", "---\n---\n", "\xef\xbb\xbf---\r\ntitle: x\r\n---\r\n## a\r\n",
		"<Info>\n\n# x\n", "{/*", "{/* x */}", "<A b={\"}\"}>\n</A>\n", "<>\n</>", "    # code\n", "```\n# x\n",
		"import x from 'y'\n\n# h\n", "---\n: :\n---\n", "# a\n#### b\n", "\xff\xfe",
		"`handbook/docs.json:3-1` `x` (`handbook/a b.go#L2`)", "[x](../../docs.json#L1-L2) <https://github.com/a/b/blob/m/x>",
		"- `a`\n- [b](<../c d>)\n", "```python\nfrom a.b import (c,\n  d)\nimport e as f, g\n```\n", "```ts\nimport {a as b} from './c'\n```",
		"`pkg.mod.Name` `f()` `A.b()` ``x ` y``", "[a](https://[::1) [b](https://github.com/%zz)",
	} {
		f.Add([]byte(s))
	}
	ws := testWorkspace(f, "")
	l, err := New(ws)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d := Parse(src, l.Sections())
		last := d.LastLine()
		for _, fd := range l.Check("fuzz.mdx", d) {
			if fd.Line < 1 || fd.Line > last || fd.Column < 1 {
				t.Fatalf("finding outside the file (%d lines): %+v", last, fd)
			}
			if _, ok := DefaultSeverity[fd.Rule]; !ok || fd.Message == "" {
				t.Fatalf("bad finding %+v", fd)
			}
		}
		for _, r := range l.references("fuzz.mdx", d) {
			if r.Start < 0 || r.Start > r.End || r.End > len(src) || r.LineStart > r.LineEnd || r.LineEnd > len(src) {
				t.Fatalf("reference outside the file: %+v (len %d)", r, len(src))
			}
		}
		for _, s := range d.Sections {
			if !(0 <= s.HeadingStart && s.HeadingStart < s.HeadingEnd && s.HeadingEnd == s.BodyStart && s.BodyStart <= s.BodyEnd && s.BodyEnd <= len(src)) {
				t.Fatalf("section ranges out of order: %+v (len %d)", s, len(src))
			}
			if s.StartLine < 1 || s.StartLine > s.EndLine || s.EndLine > last {
				t.Fatalf("section lines: %+v (last %d)", s, last)
			}
		}
	})
}

// addEntrySeeds seeds a fuzz target with the fixture handbook's entries:
// real entries reach far more of the parser than hand-written seeds.
func addEntrySeeds(f *testing.F) {
	entries, _ := filepath.Glob(filepath.Join("testdata", "repo", "handbook", "engineering", "backend-development", "*.mdx"))
	for _, e := range entries {
		src, err := os.ReadFile(e)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
}
