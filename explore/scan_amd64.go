package explore

// scanFold2 writes to pos the offsets of the bytes of b that equal c1 or c2
// once ASCII-lowercased (c1 and c2 must be lower case or digits), and
// returns how many it wrote and the offset it stopped at: len(b), or
// earlier when pos is nearly full; pos must hold at least 16. Implemented
// in scan_amd64.s.
//
//go:noescape
func scanFold2(b []byte, c1, c2 byte, pos []int) (n, next int)
