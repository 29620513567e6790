package textdiff

import "testing"

func TestUnified(t *testing.T) {
	tests := []struct {
		name, a, b, want string
	}{
		{"equal", "x\n", "x\n", ""},
		{"append with comma", "[\n  \"a\",\n  \"b\"\n]\n", "[\n  \"a\",\n  \"b\",\n  \"c\"\n]\n",
			"--- f\n+++ f\n@@ -2,3 +2,4 @@\n   \"a\",\n-  \"b\"\n+  \"b\",\n+  \"c\"\n ]\n"},
		{"insert only", "a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nX\ne\nf\ng\nh\n",
			"--- f\n+++ f\n@@ -4,2 +4,3 @@\n d\n+X\n e\n"},
		{"two hunks", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1x\n2\n3\n4\n5\n6\n7\n8\n9x\n",
			"--- f\n+++ f\n@@ -1,2 +1,2 @@\n-1\n+1x\n 2\n@@ -8,2 +8,2 @@\n 8\n-9\n+9x\n"},
		{"from empty", "", "a\n", "--- f\n+++ f\n@@ -0,0 +1 @@\n+a\n"},
	}
	for _, tt := range tests {
		ctx := 1
		if got := Unified("f", tt.a, tt.b, ctx); got != tt.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s", tt.name, got, tt.want)
		}
	}
}
