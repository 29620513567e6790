package explore

import (
	"reflect"
	"testing"
)

// scanAll runs scan to the end with a small pos buffer, so that the early
// returns are exercised too.
func scanAll(scan func([]byte, byte, byte, []int) (int, int), b []byte, c1, c2 byte, room int) []int {
	pos := make([]int, room)
	var all []int
	for off := 0; off < len(b); {
		n, next := scan(b[off:], c1, c2, pos)
		for _, p := range pos[:n] {
			all = append(all, off+p)
		}
		if next == 0 && n == 0 {
			panic("no progress")
		}
		off += next
	}
	return all
}

func TestScanFold2(t *testing.T) {
	text := []byte("Lock the BLOCK; a KBb clock, kk. 0123456789 \x00\xff\xcb\x4b bk" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxk")
	for _, room := range []int{16, 17, 100} {
		for cut := 0; cut <= len(text); cut++ {
			got := scanAll(scanFold2, text[:cut], 'k', 'b', room)
			want := scanAll(scanFold2Go, text[:cut], 'k', 'b', room)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("room %d, %q: scanFold2 = %v, want %v", room, text[:cut], got, want)
			}
		}
	}
	if got := scanAll(scanFold2Go, []byte("aKb"), 'k', 'b', 4); !reflect.DeepEqual(got, []int{1, 2}) {
		t.Errorf("reference scan = %v", got)
	}
}

func FuzzScanFold2(f *testing.F) {
	f.Add([]byte("distributed lock DISTRIBUTED_LOCK"), byte('k'), byte('b'))
	f.Fuzz(func(t *testing.T, b []byte, c1, c2 byte) {
		c1, c2 = c1|0x20, c2|0x20
		for _, room := range []int{16, 40} {
			got := scanAll(scanFold2, b, c1, c2, room)
			want := scanAll(scanFold2Go, b, c1, c2, room)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("scanFold2(%q, %q, %q) = %v, want %v", b, c1, c2, got, want)
			}
		}
	})
}
