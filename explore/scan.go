package explore

// scanFold2Go is scanFold2 in plain Go: the portable version, and the
// reference the assembly is tested against.
func scanFold2Go(b []byte, c1, c2 byte, pos []int) (n, next int) {
	for i, c := range b {
		if c|0x20 != c1 && c|0x20 != c2 {
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
