package lang

import "bytes"

// byteRank orders bytes by how often they occur in source code (Python,
// Go, TS/JS, Ruby and Java files counted once): 0 is the rarest, 255 the
// most common (the space). A name is looked for by its rarest byte.
var byteRank = [256]uint8{
	0, 1, 2, 3, 4, 5, 6, 7, 8, 241, 246, 9, 10, 136, 11, 12,
	13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
	255, 193, 235, 198, 159, 191, 189, 223, 231, 232, 207, 192, 237, 215, 238, 222,
	206, 196, 187, 177, 175, 170, 173, 165, 169, 166, 228, 184, 179, 229, 188, 161,
	174, 202, 185, 208, 197, 214, 199, 180, 178, 205, 171, 176, 200, 190, 211, 203,
	195, 164, 209, 213, 212, 181, 172, 182, 168, 167, 157, 217, 204, 216, 154, 234,
	210, 248, 225, 243, 244, 254, 242, 233, 230, 247, 194, 227, 245, 236, 250, 249,
	240, 201, 252, 251, 253, 239, 221, 224, 220, 226, 183, 219, 186, 218, 162, 29,
	160, 141, 148, 149, 110, 111, 153, 133, 124, 125, 30, 31, 137, 32, 126, 33,
	34, 35, 152, 142, 158, 36, 37, 147, 112, 127, 38, 39, 144, 40, 113, 41,
	128, 42, 134, 114, 43, 138, 155, 115, 116, 150, 117, 44, 143, 45, 46, 146,
	47, 48, 118, 49, 119, 50, 135, 129, 130, 131, 151, 120, 139, 51, 52, 53,
	54, 55, 140, 156, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 121, 66,
	67, 132, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81,
	82, 83, 163, 84, 85, 86, 145, 87, 122, 123, 88, 89, 90, 91, 92, 93,
	94, 95, 96, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109,
}

// finder looks for one string in source code. bytes.Index looks for the
// string's first byte, and names start with bytes code is full of (`_`,
// `s`, `c`); the finder looks for its rarest byte instead (the `k` of
// `CacheBackend`), which most lines do not hold, and at each one it finds
// tests the next rarest byte before it compares the string around it.
type finder struct {
	s    string
	at   int  // offset of the rarest byte in s
	rare byte // that byte
	// at2 and rare2 are the next rarest byte and its offset (at when s
	// has one byte): most places holding the rare byte lack it, and
	// testing one byte costs less than comparing the string.
	at2   int
	rare2 byte
}

func newFinder(s string) finder {
	f := finder{s: s}
	if s == "" {
		return f
	}
	for i := 1; i < len(s); i++ {
		if byteRank[s[i]] < byteRank[s[f.at]] {
			f.at = i
		}
	}
	f.rare = s[f.at]
	f.at2 = f.at
	for i := 0; i < len(s); i++ {
		if i != f.at && (f.at2 == f.at || byteRank[s[i]] < byteRank[s[f.at2]]) {
			f.at2 = i
		}
	}
	f.rare2 = s[f.at2]
	return f
}

// index is bytes.Index(src, f.s).
func (f finder) index(src []byte) int {
	n := len(f.s)
	if n <= 1 || len(src) < 64 {
		return bytes.Index(src, []byte(f.s))
	}
	fails := 0
	for i := 0; i+n <= len(src); {
		// The rare byte of a match starting at i or later, leaving room
		// for the rest of the string.
		j := bytes.IndexByte(src[i+f.at:len(src)-(n-1-f.at)], f.rare)
		if j < 0 {
			return -1
		}
		start := i + j
		if src[start+f.at2] == f.rare2 && string(src[start:start+n]) == f.s {
			return start
		}
		i = start + 1
		// When the rare byte is common in this text after all, searching
		// for it finds little: hand over to bytes.Index.
		if fails++; fails > 4+i>>4 {
			if k := bytes.Index(src[i:], []byte(f.s)); k >= 0 {
				return i + k
			}
			return -1
		}
	}
	return -1
}
