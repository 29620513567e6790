package lang

import "testing"

func TestCommentStart(t *testing.T) {
	for _, tc := range []struct {
		path, line string
		want       int
	}{
		{"a.py", "    # lock", 4},
		{"a.py", "x = 1  # lock", 7},
		{"a.py", "x = lock", -1},
		{"a.ts", "// lock", 0},
		{"a.ts", "   * lock", 3},
		{"a.ts", "const x = a * lock", -1},
		{"a.ts", "x = 1 /* lock */ // y", 6},
		{"a.go", "x := 1 // lock", 7},
		{"a.sql", "-- lock", 0},
		{"a.md", "# Lock", -1},
	} {
		if got := Of(tc.path).CommentStart([]byte(tc.line)); got != tc.want {
			t.Errorf("%s %q: comment at %d, want %d", tc.path, tc.line, got, tc.want)
		}
	}
}

func TestDefinition(t *testing.T) {
	for _, tc := range []struct {
		path, line, name, defined string
	}{
		{"a.py", "class Locker:", "Locker", "class Locker"},
		{"a.go", "func (l *Lock) Acquire() error {", "Acquire", "func (l *Lock) Acquire"},
		{"a.rb", "  class NotificationJob < ApplicationJob", "NotificationJob", "class NotificationJob"},
		{"a.ts", "export const useLock = () => {", "useLock", "export const useLock"},
		{"a.py", "    lock.acquire()", "", ""},
		{"a.md", "class Locker:", "", ""},
	} {
		s, e, defined := Of(tc.path).Definition([]byte(tc.line))
		name := ""
		if s >= 0 {
			name = tc.line[s:e]
		}
		if name != tc.name || defined != tc.defined {
			t.Errorf("%s %q: defines %q (%q), want %q (%q)", tc.path, tc.line, name, defined, tc.name, tc.defined)
		}
	}
}

func TestFenceNames(t *testing.T) {
	for path, want := range map[string]string{"a.py": "python", "b.TS": "typescript", "c.mdx": "mdx", "Makefile": "text", "d.sh": "bash"} {
		if got := Of(path).Name; got != want {
			t.Errorf("Of(%q).Name = %q, want %q", path, got, want)
		}
	}
}

func TestDefinitions(t *testing.T) {
	src := "package x\n\n// func notADef()\nfunc (r *T) Method() {}\n\ntype T struct{}\n  \nvar V = 1"
	got := Of("x.go").Definitions([]byte(src))
	want := []Def{{"Method", 4, 0}, {"T", 6, 0}, {"V", 8, 0}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("def %d: got %v, want %v", i, got[i], want[i])
		}
	}
	if e := Extent(got, 0, 8); e != 5 {
		t.Errorf("extent of Method: %d, want 5", e)
	}
	if defs := Of("x.json").Definitions([]byte(`{"a": 1}`)); defs != nil {
		t.Errorf("json has no definitions, got %v", defs)
	}
}
