package explore

// scanPairsSSE is the vectorised part of scanPairs: see scan_amd64.s.
//
//go:noescape
func scanPairsSSE(b []byte, a1, b1, a2, b2 byte, any1, any2 bool, pos []int) (n, next int)

// scanPairs writes to pos the offsets of b where one of the pairs starts,
// ASCII case-insensitively, and returns how many it wrote and the offset it
// stopped at: len(b), or earlier when pos is full (pos must hold at least
// 16 offsets).
func scanPairs(b []byte, ps *pairSet, pos []int) (n, next int) {
	n, next = scanPairsSSE(b, ps.first[0], ps.second[0], ps.first[1], ps.second[1], ps.any[0], ps.any[1], pos)
	if next+17 <= len(b) {
		return n, next // pos is full
	}
	m, rest := scanPairsGo(b[next:], ps, pos[n:])
	for i := n; i < n+m; i++ {
		pos[i] += next
	}
	return n + m, next + rest
}
