package explore

import (
	"strings"
	"testing"
)

func TestDefinedName(t *testing.T) {
	for _, tc := range []struct {
		path, line, word, want string
	}{
		{"a.py", "class DistributedLock:", "DistributedLock", "class DistributedLock"},
		{"a.py", "class DistributedLock(Base):", "DistributedLock", "class DistributedLock"},
		{"a.py", "    async def acquire_lock(self) -> bool:", "lock", "async def acquire_lock"},
		{"a.py", "def distributed_lock(redis):", "distributed_lock", "def distributed_lock"},
		{"a.py", "LOCK_TIMEOUT = 30", "LOCK", "LOCK_TIMEOUT"},
		{"a.py", "LOCK_TIMEOUT: float = 30", "LOCK", "LOCK_TIMEOUT"},
		{"a.go", "func NewDistributedLock(c *Client) *DistributedLock {", "DistributedLock", "func NewDistributedLock"},
		{"a.go", "func (l *Lock) Acquire() error {", "Acquire", "func (l *Lock) Acquire"},
		{"a.go", "type DistributedLock struct {", "DistributedLock", "type DistributedLock"},
		{"a.ts", "export class DistributedLock {", "DistributedLock", "export class DistributedLock"},
		{"a.ts", "export interface LockOptions {", "Lock", "export interface LockOptions"},
		{"a.tsx", "export const useDistributedLock = () => {", "DistributedLock", "export const useDistributedLock"},
		{"a.ts", "export default function lockOrder(id: string) {", "lock", "export default function lockOrder"},
		{"a.rs", "pub struct DistributedLock {", "DistributedLock", "pub struct DistributedLock"},
		{"a.sql", "CREATE TABLE IF NOT EXISTS distributed_locks (", "distributed_locks", "CREATE TABLE IF NOT EXISTS distributed_locks"},
		// Uses are not definitions.
		{"a.py", "    lock = DistributedLock(redis)", "DistributedLock", ""},
		{"a.py", "    return DistributedLock()", "DistributedLock", ""},
		{"a.go", "	l := NewDistributedLock(c)", "DistributedLock", ""},
		{"a.ts", "const x = new DistributedLock()", "DistributedLock", ""},
		{"a.py", "x == LOCK_TIMEOUT", "LOCK", ""},
	} {
		ms := strings.Index(tc.line, tc.word)
		got, ok := definedName([]byte(tc.line), ms, ms+len(tc.word), langOf(tc.path))
		if !ok {
			got = ""
		}
		if got != tc.want {
			t.Errorf("%s %q: defines %q, want %q", tc.path, tc.line, got, tc.want)
		}
	}
}

func TestIsComment(t *testing.T) {
	for _, tc := range []struct {
		path, before string
		want         bool
	}{
		{"a.py", "    # ", true},
		{"a.py", "x = 1  # ", true},
		{"a.py", "x = ", false},
		{"a.ts", "// ", true},
		{"a.ts", " * ", true},
		{"a.ts", "const x = a * ", false},
		{"a.go", "x := 1 // ", true},
		{"a.sql", "-- ", true},
	} {
		if got := isComment([]byte(tc.before), langOf(tc.path)); got != tc.want {
			t.Errorf("%s %q: comment %v, want %v", tc.path, tc.before, got, tc.want)
		}
	}
}

func TestSnippetText(t *testing.T) {
	line := []byte(strings.Repeat("é", 300) + "distributed_lock" + strings.Repeat("x", 300) + "\r")
	ms := strings.Index(string(line), "distributed_lock")
	text, spans := snippetText(line, [][2]int{{ms, ms + len("distributed_lock")}})
	if !strings.HasPrefix(text, "…") || !strings.HasSuffix(text, "…") || strings.ContainsRune(text, '\r') {
		t.Errorf("long line not cut on both sides: %q", text)
	}
	if len(spans) != 1 || text[spans[0][0]:spans[0][1]] != "distributed_lock" {
		t.Errorf("spans %v do not point at the match in %q", spans, text)
	}
	if text, _ := snippetText([]byte("caf\xe9\tlock"), nil); text != "caf\uFFFD    lock" {
		t.Errorf("invalid UTF-8 and tabs: %q", text)
	}
}
