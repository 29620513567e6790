//go:build !unix

package validate

import "github.com/handbook-dev/handbook/internal/safefile"

func readFile(name string) ([]byte, error) { return safefile.Read(name, maxEntrySize) }
