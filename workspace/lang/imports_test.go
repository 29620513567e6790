package lang

import "testing"

func TestIsImport(t *testing.T) {
	for line, want := range map[string]bool{
		"from shop.core.locker import distributed_lock": true,
		"import redis": true,
		"  import { DistributedLock } from './lock'":          true,
		`import "github.com/x/lock"`:                          true,
		"const lock = require('./lock')":                      true,
		"async with distributed_lock(f\"order:{order_id}\"):": false,
		"class DistributedLock:":                              false,
		"# from the lock import nothing":                      false,
		"important = True":                                    false,
	} {
		if got := IsImport([]byte(line)); got != want {
			t.Errorf("IsImport(%q) = %v, want %v", line, got, want)
		}
	}
}
