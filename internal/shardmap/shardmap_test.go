package shardmap

import (
	"fmt"
	"sync"
	"testing"
	"unsafe"
)

func TestMap(t *testing.T) {
	var m Map[int]
	if _, ok := m.Get("a"); ok {
		t.Fatal("empty map has a")
	}
	m.Set("a", 1)
	m.Set("a", 2)
	if v, ok := m.Get("a"); !ok || v != 2 {
		t.Fatalf("Get(a) = %v, %v; want 2", v, ok)
	}
	if v := m.Add("a", 3); v != 2 {
		t.Fatalf("Add(a, 3) = %v; want the value kept, 2", v)
	}
	if v := m.Add("b", 4); v != 4 {
		t.Fatalf("Add(b, 4) = %v", v)
	}
}

// Goroutines adding the same keys at once agree on the value kept.
func TestMapAddOnce(t *testing.T) {
	var m Map[*int]
	const keys, workers = 200, 8
	kept := make([][]*int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range keys {
				v := new(int)
				kept[w] = append(kept[w], m.Add(fmt.Sprint(k), v))
			}
		}()
	}
	wg.Wait()
	for k := range keys {
		for w := 1; w < workers; w++ {
			if kept[w][k] != kept[0][k] {
				t.Fatalf("key %d: workers kept different values", k)
			}
		}
	}
}

func TestShardIsACacheLine(t *testing.T) {
	if n := unsafe.Sizeof(shard[string]{}); n != 64 {
		t.Errorf("a shard is %d bytes, want 64", n)
	}
}
