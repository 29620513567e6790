//go:build !amd64

package explore

// scanPairs writes to pos the offsets of b where one of the pairs starts,
// ASCII case-insensitively, and returns how many it wrote and the offset it
// stopped at: len(b), or earlier when pos is full.
func scanPairs(b []byte, ps *pairSet, pos []int) (n, next int) {
	return scanPairsGo(b, ps, pos)
}
