package explore

// pairSet is what one scan looks for: up to two pairs of bytes (lower case
// or digits), where a pair with any set is its first byte alone. An unused
// slot repeats the first pair.
type pairSet struct {
	first, second [2]byte
	any           [2]bool
}

// scanPairsGo is scanPairs in plain Go: the portable version, the end of
// the vectorised one, and the reference it is tested against.
func scanPairsGo(b []byte, ps *pairSet, pos []int) (n, next int) {
	for i, c := range b {
		c |= 0x20
		hit := false
		for k := range 2 {
			if c == ps.first[k] && (ps.any[k] || i+1 < len(b) && b[i+1]|0x20 == ps.second[k]) {
				hit = true
			}
		}
		if !hit {
			continue
		}
		if n == len(pos) {
			return n, i
		}
		pos[n] = i
		n++
	}
	return n, len(b)
}
