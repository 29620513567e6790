package cache

import "time"

// TTL is how long an entry stays fresh.
type TTL struct {
	d time.Duration
}

// Expired reports whether an entry written at t is stale.
func (ttl TTL) Expired(t time.Time) bool { return time.Since(t) > ttl.d }
