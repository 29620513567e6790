package githistory

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Blobs answers files as they were at each commit, from a subfolder root
// too, says which are no files, skips a too large one without losing step,
// and serves concurrent questions through one git.
func TestBlobs(t *testing.T) {
	dir, git := gitRepo(t)
	write(t, dir, "sub/a.py", "one\n")
	write(t, dir, "top.txt", "top\n")
	git("add", ".")
	git("commit", "-q", "-m", "first")
	first := strings.TrimSpace(git("rev-parse", "HEAD"))
	write(t, dir, "sub/a.py", "two\n"+strings.Repeat("x", 100)+"\n")
	git("commit", "-q", "-am", "second")
	second := strings.TrimSpace(git("rev-parse", "HEAD"))

	b := NewBlobs(context.Background(), dir, "")
	defer b.Close()
	for _, tc := range []struct {
		commit, path, want string
		err                error
	}{
		{first, "sub/a.py", "one\n", nil},
		{second, "sub/a.py", "", ErrTooLarge},
		{first, "gone.py", "", ErrNoBlob},
		{first, "sub", "", ErrNoBlob},
		{first, "top.txt", "top\n", nil},
		{"nosuchcommit", "top.txt", "", ErrNoBlob},
		{first, "a\nb", "", ErrNoBlob},
	} {
		got, err := b.Read(tc.commit, tc.path, 50)
		if string(got) != tc.want || !errors.Is(err, tc.err) && !(err == nil && tc.err == nil) {
			t.Errorf("Read(%.7s, %q) = %q, %v; want %q, %v", tc.commit, tc.path, got, err, tc.want, tc.err)
		}
	}
	sub := NewBlobs(context.Background(), filepath.Join(dir, "sub"), "")
	defer sub.Close()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, want := first, "one\n"
			if i%2 == 1 {
				c, want = second, "two\n"+strings.Repeat("x", 100)+"\n"
			}
			if got, err := sub.Read(c, "a.py", 1000); string(got) != want || err != nil {
				t.Errorf("from sub/: Read(%.7s, a.py) = %q, %v", c, got, err)
			}
		}()
	}
	wg.Wait()
}
