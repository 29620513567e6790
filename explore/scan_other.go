//go:build !amd64

package explore

// scanFold2 writes to pos the offsets of the bytes of b that equal c1 or c2
// once ASCII-lowercased, and returns how many it wrote and the offset it
// stopped at (len(b), or earlier when pos is full).
func scanFold2(b []byte, c1, c2 byte, pos []int) (n, next int) {
	return scanFold2Go(b, c1, c2, pos)
}
