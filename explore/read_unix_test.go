//go:build unix

package explore

import (
	"bytes"
	"testing"
)

// TestBigBufferGrowKeepsTheHead: the shared buffer for big files lives
// outside the Go heap; growing it (a file longer than fstat said) maps a
// new one that starts with what was read so far, and releasing it unmaps
// it and frees the lock for the next file.
func TestBigBufferGrowKeepsTheHead(t *testing.T) {
	var b bigBuffer
	b.Lock()
	head := bytes.Repeat([]byte("0123456789abcdef"), 512) // 8 KiB read before
	if err := b.grow(300<<10, head); err != nil {
		t.Fatal(err)
	}
	if len(b.buf) != 300<<10 || !bytes.Equal(b.buf[:len(head)], head) {
		t.Fatalf("buffer of %d bytes, head kept %v", len(b.buf), bytes.Equal(b.buf[:len(head)], head))
	}
	for i := len(head); i < len(b.buf); i++ {
		b.buf[i] = byte(i)
	}
	read := b.buf[:200<<10]
	want := bytes.Clone(read)
	if err := b.grow(700<<10, read); err != nil { // keep aliases the old mapping
		t.Fatal(err)
	}
	if len(b.buf) != 700<<10 || !bytes.Equal(b.buf[:len(want)], want) {
		t.Fatalf("after growing: %d bytes, content kept %v", len(b.buf), bytes.Equal(b.buf[:len(want)], want))
	}
	b.release()
	if b.buf != nil {
		t.Fatal("release kept the mapping")
	}
	b.Lock() // released: the next file can take it
	if err := b.grow(300<<10, nil); err != nil {
		t.Fatal(err)
	}
	b.release()
}
