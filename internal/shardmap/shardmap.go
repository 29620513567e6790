// Package shardmap is a map by string key that goroutines share, split in
// shards by the key's hash, each under its own lock: two workers asking
// one map under one lock (the paths a lint resolves, the folders its probe
// decides) waited on it, and the map's memory moved between processors.
package shardmap

import (
	"hash/maphash"
	"sync"
)

// Map is the map; its zero value is empty and ready.
type Map[V any] struct {
	shards [16]shard[V]
}

// shard is one shard, a cache line of its own (a mutex and a map's
// pointer are 16 bytes whatever V is).
type shard[V any] struct {
	mu sync.Mutex
	m  map[string]V
	_  [64 - 16]byte
}

// seed hashes keys to their shards.
var seed = maphash.MakeSeed()

func (s *Map[V]) shard(key string) *shard[V] {
	return &s.shards[maphash.String(seed, key)%uint64(len(s.shards))]
}

// Get is the value of key, and whether there is one.
func (s *Map[V]) Get(key string) (V, bool) {
	sh := s.shard(key)
	sh.mu.Lock()
	v, ok := sh.m[key]
	sh.mu.Unlock()
	return v, ok
}

// Set makes v the value of key.
func (s *Map[V]) Set(key string, v V) {
	sh := s.shard(key)
	sh.mu.Lock()
	if sh.m == nil {
		sh.m = make(map[string]V, 32)
	}
	sh.m[key] = v
	sh.mu.Unlock()
}

// Add makes v the value of key unless key has one already, and returns
// the value kept.
func (s *Map[V]) Add(key string, v V) V {
	sh := s.shard(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if prev, ok := sh.m[key]; ok {
		return prev
	}
	if sh.m == nil {
		sh.m = make(map[string]V, 32)
	}
	sh.m[key] = v
	return v
}
