package githistory

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
)

// Blobs reads files as they were at given commits, through one
// `git cat-file --batch` started on the first question and shared by the
// whole run (questions are answered one at a time, in the order asked).
// It is safe for concurrent use; Close ends the process.
type Blobs struct {
	ctx  context.Context
	root string
	git  string

	mu   sync.Mutex
	cmd  *exec.Cmd
	in   io.WriteCloser
	out  *bufio.Reader
	fail error // once set, every question gets it
}

// ErrNoBlob is returned for a path that is not a file at the commit, and
// ErrTooLarge for one over the limit.
var (
	ErrNoBlob   = errors.New("not a file at that commit")
	ErrTooLarge = errors.New("too large")
)

// NewBlobs prepares a reader of the repository at root (paths are asked
// relative to it); git is the git program, "" for "git".
func NewBlobs(ctx context.Context, root, git string) *Blobs {
	if git == "" {
		git = "git"
	}
	return &Blobs{ctx: ctx, root: root, git: git}
}

// Read returns path (relative to the root, forward slashes) as it was at
// commit, up to limit bytes: ErrNoBlob when it was no file then, an error
// when it is larger or git fails.
func (b *Blobs) Read(commit, path string, limit int64) ([]byte, error) {
	if strings.ContainsAny(commit+path, "\n\x00") || commit == "" {
		return nil, ErrNoBlob // cat-file reads one name a line
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fail != nil {
		return nil, b.fail
	}
	if b.cmd == nil {
		if b.fail = b.start(); b.fail != nil {
			return nil, b.fail
		}
	}
	data, err := b.ask(commit+":./"+path, limit)
	if err != nil && !errors.Is(err, ErrNoBlob) && !errors.Is(err, ErrTooLarge) {
		b.fail = err
		b.kill()
	}
	return data, err
}

func (b *Blobs) start() error {
	b.cmd = gitCommand(b.ctx, b.git, b.root, "cat-file", "--batch")
	in, out, err := startPiped(b.cmd, "git cat-file")
	if err != nil {
		return err
	}
	b.in, b.out = in, bufio.NewReaderSize(out, 64<<10)
	return nil
}

// ask sends one name and reads its answer: "<oid> <type> <size>\n<data>\n"
// or "<name> missing\n".
func (b *Blobs) ask(name string, limit int64) ([]byte, error) {
	if _, err := io.WriteString(b.in, name+"\n"); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	head, err := b.out.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	f := strings.Fields(head)
	if len(f) != 3 {
		return nil, ErrNoBlob // missing, ambiguous
	}
	size, err := strconv.ParseInt(f[2], 10, 64)
	if err != nil || size < 0 {
		return nil, fmt.Errorf("git cat-file: bad header %q", strings.TrimSpace(head))
	}
	// Data that is not wanted is still read (into nothing), to keep the
	// stream in step.
	if size > limit {
		if _, err := io.CopyN(io.Discard, b.out, size+1); err != nil {
			return nil, fmt.Errorf("git cat-file: %w", err)
		}
		return nil, ErrTooLarge
	}
	data := make([]byte, size+1) // and the newline after it
	if _, err := io.ReadFull(b.out, data); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	if f[1] != "blob" {
		return nil, ErrNoBlob
	}
	return data[:size], nil
}

// stop ends the input, so git exits, and waits for it.
func (b *Blobs) stop() {
	if b.cmd == nil || b.in == nil {
		return
	}
	b.in.Close()
	_ = b.cmd.Wait()
	b.in = nil
}

// kill ends a git whose answers are out of step (it may be blocked
// writing one nobody reads).
func (b *Blobs) kill() {
	if b.cmd != nil && b.cmd.Process != nil {
		_ = b.cmd.Process.Kill()
	}
	b.stop()
}

// Close ends the git process, if one was started.
func (b *Blobs) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.stop()
	if b.fail == nil {
		b.fail = errors.New("blob reader closed")
	}
}
