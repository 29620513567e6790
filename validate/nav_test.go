package validate

import (
	"path/filepath"
	"testing"
)

// TestPageOfAsWorkspace: pageOf's shortcut for absolute, clean entries
// gives the page workspace.PageOf gives, and other paths take the long way.
func TestPageOfAsWorkspace(t *testing.T) {
	ws := testWorkspace(t, `{"navigation": {"groups": [{"group": "Backend", "pages": []}]}}`)
	l, err := New(ws)
	must(t, err)
	sec := ws.Section
	for _, p := range []string{
		filepath.Join(sec, "a.mdx"), filepath.Join(sec, "deep", "b.c.mdx"), filepath.Join(ws.Handbook, "top.mdx"),
		sec + "/../x.mdx", filepath.Join(ws.Root, "outside.mdx"), ws.Handbook + "x/y.mdx", "relative.mdx",
	} {
		got, gotOK := l.pageOf(p)
		want, wantOK := "", false
		if abs, err := filepath.Abs(p); err == nil && within(abs, ws.Handbook) {
			want, wantOK = ws.PageOf(abs), true
		}
		if got != want || gotOK != wantOK {
			t.Errorf("pageOf(%q) = %q, %v; want %q, %v", p, got, gotOK, want, wantOK)
		}
	}
}
