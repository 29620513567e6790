// Command handbook helps backend developers write the Backend Development
// section of their team handbook. See the README.
package main

import (
	"os"

	"github.com/handbook-dev/handbook/cmd"
	"github.com/handbook-dev/handbook/internal/cli"
	// Grows the main goroutine's stack before goldmark's init needs it.
	_ "github.com/handbook-dev/handbook/internal/initstack"
)

func main() {
	os.Exit(cmd.Run(os.Args[1:], cli.System()))
}
