package explore

import (
	"reflect"
	"testing"
)

// scanAll runs scan to the end with a small pos buffer, so that the early
// returns are exercised too.
func scanAll(t testing.TB, scan func([]byte, *pairSet, []int) (int, int), b []byte, ps *pairSet, room int) []int {
	pos := make([]int, room)
	var all []int
	for off := 0; off < len(b); {
		n, next := scan(b[off:], ps, pos)
		for _, p := range pos[:n] {
			all = append(all, off+p)
		}
		if next == 0 && n == 0 {
			t.Fatalf("no progress at %d", off)
		}
		off += next
	}
	return all
}

var lockSet = &pairSet{first: [2]byte{'c', 'i'}, second: [2]byte{'k', 'b'}}

func TestScanPairs(t *testing.T) {
	text := []byte("Lock the BLOCK; a KBb clock, cK kk ib IB iB. 0123456789 \x00\xff\xcb\x4b bk" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxck")
	oneLetter := &pairSet{first: [2]byte{'k', 'i'}, second: [2]byte{0, 'b'}, any: [2]bool{true, false}}
	for _, ps := range []*pairSet{lockSet, oneLetter} {
		for _, room := range []int{16, 17, 100} {
			for cut := 0; cut <= len(text); cut++ {
				got := scanAll(t, scanPairs, text[:cut], ps, room)
				want := scanAll(t, scanPairsGo, text[:cut], ps, room)
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("room %d, %q: scanPairs = %v, want %v", room, text[:cut], got, want)
				}
			}
		}
	}
	if got := scanAll(t, scanPairsGo, []byte("aCkb IBc"), lockSet, 16); !reflect.DeepEqual(got, []int{1, 5}) {
		t.Errorf("reference scan = %v, want [1 5]", got)
	}
}

func FuzzScanPairs(f *testing.F) {
	f.Add([]byte("distributed lock DISTRIBUTED_LOCK"), byte('c'), byte('k'), byte('i'), byte('b'), false)
	f.Fuzz(func(t *testing.T, b []byte, a1, b1, a2, b2 byte, any bool) {
		ps := &pairSet{first: [2]byte{a1 | 0x20, a2 | 0x20}, second: [2]byte{b1 | 0x20, b2 | 0x20}, any: [2]bool{any, false}}
		for _, room := range []int{16, 40} {
			got := scanAll(t, scanPairs, b, ps, room)
			want := scanAll(t, scanPairsGo, b, ps, room)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("scanPairs(%q, %+v) = %v, want %v", b, ps, got, want)
			}
		}
	})
}

// TestAnchorByPairFrequency: anchors are the rarest pairs in real text,
// not the pairs of the rarest letters: metadata anchors on "ad", not on
// "me" (name, time, message), which stopped the scan often.
func TestAnchorByPairFrequency(t *testing.T) {
	for word, want := range map[string]string{"metadata": "ad", "distributed": "ib", "webhook": "bh", "task": "sk", "oauth2": "h2"} {
		if a := anchor([]byte(word)); word[a:a+2] != want {
			t.Errorf("anchor(%s) = %q, want %q", word, word[a:a+2], want)
		}
	}
}
