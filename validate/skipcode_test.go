package validate

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzSkipCode checks that skipping the lines of a code fence that hold
// no fence character (nextLineWith), and folding a fence's lines into one
// for goldmark (foldCode), change nothing: the same model, the same MDX
// check, the same nesting verdict as reading every line.
func FuzzSkipCode(f *testing.F) {
	addEntrySeeds(f)
	for _, s := range []string{
		"```\na\n```\n", "```\na\n ``\n```` \nb\n", "~~~\n```\n~~~\n", "```x\na\nb", "> ```\n> a\n> ```\n",
		"- ```\n  a `b`\n  ```\n", "<Tabs>\n```py\na\n```\n</Tabs>\n", "<A>\n  ```\n  x\n\n  ```\n</A>\n",
		"```\na\nb\n```\n", "</Note>\n```\na\n\n# b\n```\n", "<!--\n```\na\n\n# b\n```\n-->\n", "```\na\n```\v\nb\n```\n",
		"```\na\nb", "~~~\na\n~~~~\n", "```\n\n\n```\n", "```\n\ta\n\t```\n", "```\r\na\r\nb\r\n```\r\n", "- a\n```\nb\nc\n```\n- d\n",
		"> a\n```\nb\nc\n```\n", "a\n```\nb\nc\n```\nd\n===\n", "```\nb\n   ```\nc\n",
		"a {/* b */} c\n{/*\nd\n*/}\n`{/*` e\n<A>\n{/* f */}\n</A>\n{/* g */}", "{/* a\n\n```\n*/}\n```\nb {/*\n```\n", "```\n{/*\n```\n*/}\n",
		"```\n\v```\n", "```\n\u00a0```\nx\n", "    ```\na\n", "```\n{\n<b\n```\n{x}\n", "\r\n```\r\na\r\n```\r\n",
	} {
		f.Add([]byte(s))
	}
	sections := []string{"When to use this concept", "How to use this concept"}
	f.Fuzz(func(t *testing.T, src []byte) {
		defer func() { skipCode = true }()
		skipCode = true
		doc := Parse(src, sections)
		err, uses := checkMDX(src)
		off, depth, limit := deepNesting(src, 0)
		skipCode = false
		wantDoc := Parse(src, sections)
		wantErr, wantUses := checkMDX(src)
		wantOff, wantDepth, wantLimit := deepNesting(src, 0)
		if !reflect.DeepEqual(doc, wantDoc) {
			t.Fatalf("models differ for %q:\nskipping: %+v\nreading:  %+v", src, doc, wantDoc)
		}
		if !reflect.DeepEqual(err, wantErr) || !reflect.DeepEqual(uses, wantUses) {
			t.Fatalf("MDX check differs for %q: %+v %+v, reading every line %+v %+v", src, err, uses, wantErr, wantUses)
		}
		if off != wantOff || depth != wantDepth || limit != wantLimit {
			t.Fatalf("nesting differs for %q: %d %d %d, reading every line %d %d %d", src, off, depth, limit, wantOff, wantDepth, wantLimit)
		}
	})
}

// TestSkipCodeAtTheLineLimit: the lines skipped in a fence still count
// towards MaxBodyLines, up to the exact line that passes it.
func TestSkipCodeAtTheLineLimit(t *testing.T) {
	defer func() { skipCode = true }()
	for _, n := range []int{MaxBodyLines - 3, MaxBodyLines - 2, MaxBodyLines - 1, MaxBodyLines, MaxBodyLines + 1} {
		for _, tail := range []string{"", "x", "```\n", "```\nx\n", "x\n```"} {
			src := []byte("a\n```\n" + strings.Repeat("code\n", n) + tail)
			skipCode = true
			off, depth, limit := deepNesting(src, 0)
			skipCode = false
			wantOff, wantDepth, wantLimit := deepNesting(src, 0)
			if off != wantOff || depth != wantDepth || limit != wantLimit {
				t.Errorf("%d lines + %q: %d %d %d, reading every line %d %d %d", n, tail, off, depth, limit, wantOff, wantDepth, wantLimit)
			}
		}
	}
}
